import { describe, expect, it } from 'vitest';
import { Journey, signIn } from './support/browser';
import { consoleStackForFile } from './support/stack';

const env = consoleStackForFile();

/** One demo user per role (two inspectors: a district's and a sub-district's). */
const ROLES = [
  ['platform-admin', '平台管理员'],
  ['city-admin', '南京市管理员 王敏'],
  ['tenant-admin', '东山街道管理员 周洁'],
  ['window-clerk', '东山窗口 张丽'],
  ['approver', '东山审批 陈刚'],
  ['supervisor', '江宁民政监管 赵伟'],
  ['inspector', '江宁电子监察 孙燕'],
  ['dongshan-inspector', '东山电子监察 吴静'],
] as const;

/** Runs at most `n` of the functions given to it at once. */
function limit(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(f: () => Promise<T>): Promise<T> => {
    while (active >= n) await new Promise<void>((ok) => waiting.push(ok));
    active += 1;
    try {
      return await f();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}
// Each role's journey is its own browser context; two at a time keep Chromium and the stack busy
// without starving each other on a two-core machine.
const slot = limit(2);

describe.concurrent('every page of every menu, in Chinese and in English', () => {
  for (const [role, name] of ROLES) {
    it(`${role}: signs in and opens every page of the menu in both languages`, { timeout: 240_000 }, () =>
      slot(async () => {
        const j = await Journey.start(env.browser, `sign-in-${role}`, env.stack.url);
        await signIn(j, name);
        const links = await j.page
          .getByRole('navigation', { name: '主菜单' })
          .getByRole('link')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        expect(links.length).toBeGreaterThan(1);
        const pages = links.filter((href) => href !== '/console');
        for (const href of pages) await j.goto(href, href.split('/').pop() ?? 'page');
        // The English switch: the same page, the other table, remembered for every page after it.
        await j.page.getByRole('link', { name: 'English' }).click();
        await j.check('english');
        expect(await j.page.getAttribute('html', 'lang')).toBe('en');
        for (const href of pages) {
          await j.goto(href, `${href.split('/').pop() ?? 'page'}-en`);
          expect(await j.page.getAttribute('html', 'lang')).toBe('en');
        }
        await j.click('Sign out', 'signed-out');
        expect(j.page.url()).toContain('/console/sign-in');
        await j.close();
      }),
    );
  }
});
