import { html, raw } from 'hono/html';
import type { Html } from './html';
import { DOCUMENT_CSS, PAGE_CSS } from './style';
import { COMMON, type Lang } from './text';

/**
 * A document as a page of its own (the API's `.html` routes): no script, no external resource
 * but the imprint it may name, printable on A4 as it is. The console puts the same document in
 * its layout instead.
 */
export function printablePage(input: {
  readonly lang: Lang;
  readonly title: string;
  readonly document: Html;
}): Html {
  return html`<!doctype html>
<html lang="${COMMON[input.lang].htmlLang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${input.title}</title>
    <style>${raw(PAGE_CSS + DOCUMENT_CSS)}</style>
  </head>
  <body>${input.document}</body>
</html>`;
}
