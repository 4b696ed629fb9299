import { sealImprintSvg } from '@onewindow/domain';
import { html, raw } from 'hono/html';
import type { Html } from './html';

/**
 * Where a document's seal imprint comes from: an image the reader's browser loads (the console
 * serves it from its own origin), or drawn into the page, so a printed page needs no second request.
 */
export type ImprintSource =
  | { readonly src: string }
  | { readonly draw: { readonly bodyName: string; readonly sealName: string } };

export function Imprint({
  source,
  sealId,
  alt,
}: {
  readonly source: ImprintSource;
  readonly sealId: string;
  readonly alt: string;
}): Html {
  if ('src' in source) return html`<img class="imprint" src="${source.src}" alt="${alt}" />`;
  const svg = sealImprintSvg({ ...source.draw, id: sealId, voided: false });
  // The drawing names itself by its <title>; the class places it over the signature like a stamp.
  return raw(svg.replace('<svg ', '<svg class="imprint" '));
}
