/** The OFD namespace (GB/T 33190-2016). */
export const OFD_NS = 'http://www.ofdspec.org/2016';

const ENTITIES: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
};

export const esc = (s: string): string => s.replace(/[<>&"']/g, (c) => ENTITIES[c] ?? c);

/** A number as OFD writes it: millimetres to 3 decimals, no trailing zeros. */
export const mm = (n: number): string => String(Math.round(n * 1000) / 1000);

/** One element: `attrs` in the order given (the bytes are signed, so they never reorder). */
export function el(
  name: string,
  attrs: Readonly<Record<string, string | number | undefined>>,
  body?: string,
): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');
  return body === undefined ? `<ofd:${name}${a}/>` : `<ofd:${name}${a}>${body}</ofd:${name}>`;
}

/** A root element with the namespace, after the XML declaration. */
export const doc = (name: string, body: string, attrs: Readonly<Record<string, string>> = {}): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${el(name, { 'xmlns:ofd': OFD_NS, ...attrs }, body)}`;

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
