import { el, esc, mm } from './xml';

/** The seal's red, as the printed imprint (seal-imprint.ts) draws it. */
const RED = '212 22 28';
/** The printed imprint's own units: a 240-unit square (seal-imprint.ts). */
const UNITS = 240;

export interface OfdImprint {
  readonly bodyName: string;
  readonly sealName: string;
  /** Centre and diameter on the page, in mm. */
  readonly cx: number;
  readonly cy: number;
  readonly diameter: number;
  readonly font: number;
}

/**
 * The printed imprint (domain/seal-imprint.ts) drawn as OFD graphics, at the same proportions:
 * the ring, the body's name along the upper arc, the star and the seal's name. Vector, so no
 * picture format a reader might lack; the signature's StampAnnot marks the same box.
 */
export function imprintObjects(input: OfdImprint, nextId: () => number): string {
  const s = input.diameter / UNITS;
  const box = { x: input.cx - input.diameter / 2, y: input.cy - input.diameter / 2 };
  const boundary = `${mm(box.x)} ${mm(box.y)} ${mm(input.diameter)} ${mm(input.diameter)}`;
  const c = UNITS / 2;
  const p = (u: number) => mm(u * s);
  const out: string[] = [];

  // The ring: four cubic Béziers, radius 110, stroke 7.
  const r = 110;
  const k = 0.5523 * r;
  const ring = [
    `M ${p(c + r)} ${p(c)}`,
    `B ${p(c + r)} ${p(c + k)} ${p(c + k)} ${p(c + r)} ${p(c)} ${p(c + r)}`,
    `B ${p(c - k)} ${p(c + r)} ${p(c - r)} ${p(c + k)} ${p(c - r)} ${p(c)}`,
    `B ${p(c - r)} ${p(c - k)} ${p(c - k)} ${p(c - r)} ${p(c)} ${p(c - r)}`,
    `B ${p(c + k)} ${p(c - r)} ${p(c + r)} ${p(c - k)} ${p(c + r)} ${p(c)}`,
    'C',
  ].join(' ');
  out.push(
    el(
      'PathObject',
      { ID: nextId(), Boundary: boundary, LineWidth: p(7), Stroke: 'true', Fill: 'false' },
      `${el('StrokeColor', { Value: RED })}${el('AbbreviatedData', {}, ring)}`,
    ),
  );

  // The star, point up, outer radius 34.
  const star: string[] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? 34 : 34 * 0.382;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    star.push(`${i === 0 ? 'M' : 'L'} ${p(c + radius * Math.cos(a))} ${p(c + radius * Math.sin(a))}`);
  }
  out.push(
    el(
      'PathObject',
      { ID: nextId(), Boundary: boundary, Stroke: 'false', Fill: 'true' },
      `${el('FillColor', { Value: RED })}${el('AbbreviatedData', {}, `${star.join(' ')} C`)}`,
    ),
  );

  // The body's name along the upper arc, each character turned to face out, as printed.
  const chars = [...input.bodyName];
  const textRadius = 86;
  const arc = Math.min(250, Math.max(120, chars.length * 20));
  const fontSize = Math.max(
    14,
    Math.min(26, Math.floor((((arc / 360) * 2 * Math.PI * textRadius) / chars.length) * 0.9)),
  );
  const start = -90 - arc / 2;
  const step = chars.length > 1 ? arc / (chars.length - 1) : 0;
  chars.forEach((ch, i) => {
    const angle = start + i * step;
    const rad = (angle * Math.PI) / 180;
    const x = (c + textRadius * Math.cos(rad)) * s;
    const y = (c + textRadius * Math.sin(rad)) * s;
    out.push(centredChar(nextId(), boundary, ch, x, y, fontSize * s, angle + 90, input.font));
  });

  // The seal's name under the star.
  const size = 17 * s;
  const nameWidth = [...input.sealName].length * size;
  out.push(
    el(
      'TextObject',
      { ID: nextId(), Boundary: boundary, Font: input.font, Size: mm(size) },
      `${el('FillColor', { Value: RED })}${el(
        'TextCode',
        {
          X: mm(c * s - nameWidth / 2),
          Y: mm((c + 62) * s + size * 0.35),
          DeltaX: deltaOf(input.sealName, size),
        },
        esc(input.sealName),
      )}`,
    ),
  );
  return out.join('');
}

const deltaOf = (text: string, size: number): string | undefined =>
  [...text].length > 1 ? `g ${[...text].length - 1} ${mm(size)}` : undefined;

/** One character centred on (x, y) in the imprint's box, turned by `degrees` about its centre (CTM). */
function centredChar(
  id: number,
  boundary: string,
  ch: string,
  x: number,
  y: number,
  size: number,
  degrees: number,
  font: number,
) {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const ctm = [cos, sin, -sin, cos, x - cos * x + sin * y, y - sin * x - cos * y].map(mm).join(' ');
  return el(
    'TextObject',
    { ID: id, Boundary: boundary, CTM: ctm, Font: font, Size: mm(size) },
    `${el('FillColor', { Value: RED })}${el('TextCode', { X: mm(x - size / 2), Y: mm(y + size * 0.35) }, esc(ch))}`,
  );
}
