import { beijingTime } from '@onewindow/domain';

/** The language a document is printed in: Chinese, the legal text, or English beside it. */
export type Lang = 'zh' | 'en';

const p2 = (n: number) => String(n).padStart(2, '0');

/** An instant in Beijing time as the document prints it: 2024年9月6日 09:00, or 2024-09-06 09:00. */
export function when(lang: Lang, instant: string): string {
  if (lang === 'zh') return beijingTime(instant);
  const d = new Date(Date.parse(instant) + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
}

/** The date alone, for the line under a seal. */
export const day = (lang: Lang, instant: string): string => when(lang, instant).split(' ')[0] ?? '';

/**
 * Words every document uses. Each document keeps its own words beside it, so a bundle that
 * prints one document carries the text of that one only.
 */
const zh = {
  htmlLang: 'zh-CN',
  number: (no: string) => `编号：${no}`,
  imprintAlt: (seal: string) => `${seal}印模`,
  to: (name: string) => `${name}：`,
};

export const COMMON: Readonly<Record<Lang, typeof zh>> = {
  zh,
  en: {
    htmlLang: 'en',
    number: (no) => `No. ${no}`,
    imprintAlt: (seal) => `Imprint of ${seal}`,
    to: (name) => `To ${name}:`,
  },
};
