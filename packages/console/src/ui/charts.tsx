/**
 * Server-rendered SVG charts: no script, print as they show, and each carries a title
 * and description for screen readers (the page also gives the numbers as a table).
 */

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** A fill with at least 3:1 contrast on white (WCAG non-text contrast). */
  readonly colour: string;
}

export const COLOURS = {
  green: '#1b6e34',
  yellow: '#8a5a00',
  red: '#a5221a',
  blue: '#0b4f94',
  grey: '#5f6b7a',
};

const fmt = (n: number) => String(Math.round(n));

/** Horizontal bars, one per row, with the value printed at the end of each. */
export function HBarChart({ id, title, bars }: { id: string; title: string; bars: readonly Bar[] }) {
  const rowH = 28;
  const labelW = 190;
  const plotW = 360;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(rowH, bars.length * rowH) + 8;
  return (
    <svg
      class="chart"
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      viewBox={`0 0 ${labelW + plotW + 50} ${height}`}
      width={labelW + plotW + 50}
      height={height}
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{bars.map((b) => `${b.label} ${b.value}`).join('；')}</desc>
      {bars.map((b, i) => {
        const y = 4 + i * rowH;
        const w = (b.value / max) * plotW;
        return (
          <g>
            <text x={labelW - 8} y={y + 18} text-anchor="end" font-size="13" fill="#1a1a1a">
              {b.label.length > 16 ? `${b.label.slice(0, 15)}…` : b.label}
            </text>
            <rect
              x={labelW}
              y={y + 4}
              width={Math.max(w, b.value > 0 ? 2 : 0)}
              height={rowH - 10}
              fill={b.colour}
            />
            <text x={labelW + w + 6} y={y + 18} font-size="13" fill="#1a1a1a">
              {fmt(b.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Series {
  readonly name: string;
  readonly colour: string;
  readonly values: readonly number[];
}

/** Grouped columns per category (month), with a legend and a value axis. */
export function ColumnChart({
  id,
  title,
  categories,
  series,
}: {
  id: string;
  title: string;
  categories: readonly string[];
  series: readonly Series[];
}) {
  const left = 36;
  const top = 28;
  const plotH = 180;
  const groupW = Math.max(36, 14 * series.length + 14);
  const width = left + Math.max(1, categories.length) * groupW + 12;
  const height = top + plotH + 36;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f));
  const barW = (groupW - 14) / Math.max(1, series.length);
  return (
    <svg
      class="chart"
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>
        {categories
          .map((cat, i) => `${cat}：${series.map((s) => `${s.name} ${s.values[i] ?? 0}`).join('，')}`)
          .join('；')}
      </desc>
      {series.map((s, i) => (
        <g>
          <rect x={left + i * 110} y={6} width={12} height={12} fill={s.colour} />
          <text x={left + i * 110 + 18} y={17} font-size="13" fill="#1a1a1a">
            {s.name}
          </text>
        </g>
      ))}
      {ticks.map((v) => {
        const y = top + plotH - (v / max) * plotH;
        return (
          <g>
            <line x1={left} x2={width - 6} y1={y} y2={y} stroke="#c8ccd2" />
            <text x={left - 4} y={y + 4} text-anchor="end" font-size="11" fill="#4a4a4a">
              {v}
            </text>
          </g>
        );
      })}
      {categories.map((cat, ci) => (
        <g>
          {series.map((s, si) => {
            const v = s.values[ci] ?? 0;
            const h = (v / max) * plotH;
            return (
              <rect
                x={left + ci * groupW + 7 + si * barW}
                y={top + plotH - h}
                width={barW - 2}
                height={h}
                fill={s.colour}
              />
            );
          })}
          <text
            x={left + ci * groupW + groupW / 2}
            y={top + plotH + 16}
            text-anchor="middle"
            font-size="11"
            fill="#1a1a1a"
          >
            {cat.slice(2)}
          </text>
        </g>
      ))}
    </svg>
  );
}
