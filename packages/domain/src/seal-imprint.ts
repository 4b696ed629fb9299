const escapeXml = (s: string): string =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** A five-pointed star centred on (cx, cy), point up. */
function starPoints(cx: number, cy: number, outer: number): string {
  const inner = outer * 0.382;
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push(`${(cx + r * Math.cos(angle)).toFixed(2)},${(cy + r * Math.sin(angle)).toFixed(2)}`);
  }
  return points.join(' ');
}

/**
 * The imprint of an official round seal (公章样式): red ring, the body's name along the
 * upper arc, a star in the centre and the seal's name below it. Pure SVG, no fonts
 * fetched; the console and printed results embed it as is.
 */
export function sealImprintSvg(input: {
  bodyName: string;
  sealName: string;
  id: string;
  voided?: boolean;
}): string {
  const size = 240;
  const c = size / 2;
  const ring = 110;
  const textRadius = 86;
  const chars = [...input.bodyName];
  // Characters share an arc of up to 250°, wider names getting smaller type.
  const arc = Math.min(250, Math.max(120, chars.length * 20));
  const fontSize = Math.max(
    14,
    Math.min(26, Math.floor((((arc / 360) * 2 * Math.PI * textRadius) / chars.length) * 0.9)),
  );
  const start = -90 - arc / 2;
  const step = chars.length > 1 ? arc / (chars.length - 1) : 0;
  const letters = chars
    .map((ch, i) => {
      const angle = start + i * step;
      const rad = (angle * Math.PI) / 180;
      const x = c + textRadius * Math.cos(rad);
      const y = c + textRadius * Math.sin(rad);
      return `<text x="${x.toFixed(2)}" y="${y.toFixed(2)}" font-size="${fontSize}" transform="rotate(${(angle + 90).toFixed(2)} ${x.toFixed(2)} ${y.toFixed(2)})">${escapeXml(ch)}</text>`;
    })
    .join('');
  const idPrefix = `seal-${input.id.replace(/[^a-z0-9-]/gi, '')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-labelledby="${idPrefix}-title"><title id="${idPrefix}-title">${escapeXml(`${input.bodyName} ${input.sealName}`)}</title><g fill="#d4161c" stroke="none" font-family="'SimSun','Songti SC','Noto Serif CJK SC',serif" font-weight="700" text-anchor="middle" dominant-baseline="middle"${input.voided ? ' opacity="0.35"' : ''}><circle cx="${c}" cy="${c}" r="${ring}" fill="none" stroke="#d4161c" stroke-width="7"/>${letters}<polygon points="${starPoints(c, c, 34)}"/><text x="${c}" y="${c + 62}" font-size="17">${escapeXml(input.sealName)}</text></g>${input.voided ? `<text x="${c}" y="${c}" fill="#333" font-size="40" text-anchor="middle" dominant-baseline="middle" transform="rotate(-20 ${c} ${c})">作废</text>` : ''}</svg>`;
}
