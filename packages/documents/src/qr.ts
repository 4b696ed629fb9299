import { html } from 'hono/html';
import { encode } from 'uqr';
import type { Html } from './html';

/**
 * A QR code as SVG rectangles: one path, no inline style (the console's CSP forbids it), no
 * script, so it prints in any browser and on either side's page.
 */
export function QrCode({ text, title }: { readonly text: string; readonly title: string }): Html {
  const { data, size } = encode(text, { border: 2 });
  let path = '';
  data.forEach((row, y) => {
    row.forEach((on, x) => {
      if (on) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return html`<svg class="qr" role="img" aria-label="${title}" viewBox="0 0 ${size} ${size}" width="120" height="120" shape-rendering="crispEdges"><title>${title}</title><rect width="${size}" height="${size}" fill="#fff" /><path d="${path}" fill="#000" /></svg>`;
}
