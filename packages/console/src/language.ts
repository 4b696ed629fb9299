import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ConsoleEnv } from './env';
import { LANGS, type Lang } from './i18n';
import { COOKIE_PATH, LANG_COOKIE } from './session';

/**
 * A language as written in `?lang=` or the cookie, read as `hono/language` reads it: trimmed,
 * case ignored, and a regional tag taken for its language (`zh-CN` is `zh`).
 */
export function normalizeLang(value: string | undefined): Lang | undefined {
  if (!value) return undefined;
  const v = value.trim().toLowerCase();
  return LANGS.find((l) => v === l || v.startsWith(`${l}-`));
}

/**
 * ?lang= chooses and is remembered in a cookie under /console; otherwise the cookie, otherwise
 * Chinese. The cookie is Secure exactly when the session cookie is (`c.get('secure')`, set
 * before this runs). Does what `hono/language`'s detector did with the console's settings
 * (query, then cookie; a found language re-written to the cookie for a year), without its
 * Accept-Language parser and option handling, which the console bundle has no room for;
 * test/unit/console-language.test.ts holds the two to the same answers.
 */
export const languageDetector: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const found = normalizeLang(c.req.query('lang')) ?? normalizeLang(getCookie(c, LANG_COOKIE));
  if (found) {
    setCookie(c, LANG_COOKIE, found, {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'Lax',
      secure: c.get('secure'),
      maxAge: 31_536_000,
    });
  }
  c.set('lang', found ?? 'zh');
  await next();
};
