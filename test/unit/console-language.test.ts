import { Hono } from 'hono';
import { languageDetector as honoDetector } from 'hono/language';
import { describe, expect, it } from 'vitest';
import type { ConsoleEnv } from '../../packages/console/src/env';
import { LANGS } from '../../packages/console/src/i18n';
import { languageDetector, normalizeLang } from '../../packages/console/src/language';
import { COOKIE_PATH, LANG_COOKIE } from '../../packages/console/src/session';

/** The settings the console gave `hono/language` before it read the language itself. */
const honoFor = (secure: boolean) =>
  honoDetector({
    order: ['querystring', 'cookie'],
    lookupQueryString: 'lang',
    lookupCookie: LANG_COOKIE,
    supportedLanguages: [...LANGS],
    fallbackLanguage: 'zh',
    caches: ['cookie'],
    cookieOptions: { path: COOKIE_PATH, httpOnly: true, sameSite: 'Lax', secure, maxAge: 31_536_000 },
  });

/** The language chosen and the Set-Cookie lines sent, for a request through either detector. */
async function run(which: 'ours' | 'hono', secure: boolean, query: string, cookie?: string) {
  const app = new Hono<ConsoleEnv>();
  app.use('*', async (c, next) => {
    c.set('secure', secure);
    await next();
  });
  if (which === 'ours') app.use('*', languageDetector);
  else
    app.use('*', honoFor(secure), async (c, next) => {
      // hono/language names it `language`; the console's own detector sets `lang` directly.
      c.set('lang', (c as unknown as { get(k: string): ConsoleEnv['Variables']['lang'] }).get('language'));
      await next();
    });
  app.get('/console', (c) => c.text(c.get('lang')));
  const res = await app.request(`/console${query}`, { headers: cookie ? { cookie } : {} });
  return { lang: await res.text(), cookies: res.headers.getSetCookie() };
}

const queries = [
  '',
  '?lang=en',
  '?lang=zh',
  '?lang=EN',
  '?lang=%20en%20',
  '?lang=zh-CN',
  '?lang=en-GB',
  '?lang=fr',
  '?lang=',
  '?lang=english',
  '?lang=zh_CN',
];
const cookies = [
  undefined,
  `${LANG_COOKIE}=en`,
  `${LANG_COOKIE}=zh`,
  `${LANG_COOKIE}=fr`,
  `${LANG_COOKIE}=En-us`,
  `${LANG_COOKIE}=`,
  'other=en',
];

describe("the console's language detector", () => {
  it('answers as hono/language did, query before cookie, for every pairing', async () => {
    for (const secure of [true, false])
      for (const q of queries)
        for (const ck of cookies) {
          const ours = await run('ours', secure, q, ck);
          expect(ours, `${secure} ${q} ${ck}`).toEqual(await run('hono', secure, q, ck));
        }
  });

  it('chooses from ?lang=, remembers it in a year-long cookie, and falls back to Chinese', async () => {
    const chosen = await run('ours', true, '?lang=en', `${LANG_COOKIE}=zh`);
    expect(chosen.lang).toBe('en');
    expect(chosen.cookies).toEqual([
      `${LANG_COOKIE}=en; Max-Age=31536000; Path=/console; HttpOnly; Secure; SameSite=Lax`,
    ]);
    expect(await run('ours', false, '', undefined)).toEqual({ lang: 'zh', cookies: [] });
    expect(normalizeLang(' ZH-Hans ')).toBe('zh');
    expect(normalizeLang('eng')).toBeUndefined();
  });
});
