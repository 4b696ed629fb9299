import { el, esc, mm } from './xml';

/** How wide a character sets: CJK and full-width forms a full em, the rest half. */
export const advanceOf = (ch: string, size: number): number =>
  /[\u0020-\u024f\u2000-\u206f]/.test(ch) ? size * 0.5 : size;

export const widthOf = (text: string, size: number): number =>
  [...text].reduce((w, ch) => w + advanceOf(ch, size), 0);

/** Breaks `text` into lines no wider than `width` (by character: Chinese has no spaces to break at). */
export function wrap(text: string, size: number, width: number, indent = 0): string[] {
  const lines: string[] = [];
  let line = '';
  let used = indent;
  for (const ch of text) {
    const a = advanceOf(ch, size);
    if (used + a > width && line !== '') {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += ch;
    used += a;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** `DeltaX` with runs of equal advances folded into `g n d` (GB/T 33190 §11.3). */
function deltaX(text: string, size: number): string {
  const adv = [...text].slice(1).map((_, i) => advanceOf([...text][i] ?? '', size));
  const out: string[] = [];
  for (let i = 0; i < adv.length; ) {
    let j = i;
    while (j < adv.length && adv[j] === adv[i]) j++;
    const run = j - i;
    out.push(run > 1 ? `g ${run} ${mm(adv[i] ?? 0)}` : mm(adv[i] ?? 0));
    i = j;
  }
  return out.join(' ');
}

export interface TextLine {
  readonly text: string;
  /** Left edge and baseline, in mm from the page's top left. */
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly font: number;
  readonly colour?: string;
}

/** A TextObject holding one line; its boundary is the line's box, the glyph origin at its baseline. */
export function textObject(id: number, line: TextLine): string {
  const w = widthOf(line.text, line.size);
  const top = line.y - line.size;
  const delta = deltaX(line.text, line.size);
  return el(
    'TextObject',
    {
      ID: id,
      Boundary: `${mm(line.x)} ${mm(top)} ${mm(w + 1)} ${mm(line.size * 1.4)}`,
      Font: line.font,
      Size: mm(line.size),
    },
    `${el('FillColor', { Value: line.colour ?? '0 0 0' })}${el('TextCode', { X: '0', Y: mm(line.size), DeltaX: delta === '' ? undefined : delta }, esc(line.text))}`,
  );
}
