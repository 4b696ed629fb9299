import type { HtmlEscapedString } from 'hono/utils/html';

/**
 * What a renderer returns: escaped HTML, as hono's `html` template makes it. A JSX element is
 * the same type, so the console puts a document in its layout and its own controls in a document.
 */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;
