import { en } from './en';
import { type Messages, zh } from './zh';

export type Lang = 'zh' | 'en';
export type { Messages };

export const LANGS: readonly Lang[] = ['zh', 'en'];
export const messages: Readonly<Record<Lang, Messages>> = { zh, en };
export const isLang = (v: unknown): v is Lang => v === 'zh' || v === 'en';

/** Picks the API's Chinese or English text for the current language (English falls back to Chinese). */
export const pick = (lang: Lang, zhText: string | undefined, enText: string | undefined): string =>
  (lang === 'en' ? (enText ?? zhText) : (zhText ?? enText)) ?? '';
