import type { Lang } from '../i18n';

const BEIJING_MS = 8 * 3600_000;
const p2 = (n: number) => String(n).padStart(2, '0');

/** An instant as Beijing wall time, `2024-09-06 00:00` (business dates are Asia/Shanghai, DESIGN.md). */
export function beijing(instant: string | undefined): string {
  if (!instant) return '';
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const d = new Date(ms + BEIJING_MS);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
}

/** The value of a `datetime-local` input for an instant, in Beijing time. */
export function toLocalInput(instant: Date | string): string {
  const d = new Date((typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + BEIJING_MS);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/**
 * A `datetime-local` value read as Beijing time and sent with its offset, as the API
 * wants instants; anything else is passed on for the API to reject beside the field.
 */
export function fromLocalInput(value: string): string {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return `${v}:00+08:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(v)) return `${v}+08:00`;
  return v;
}

/** Today's date in Beijing, `YYYY-MM-DD`. */
export const beijingDate = (now: Date): string => toLocalInput(now).slice(0, 10);

export function money(amount: number, lang: Lang): string {
  return lang === 'zh' ? `${amount.toFixed(2)} 元` : `CNY ${amount.toFixed(2)}`;
}
