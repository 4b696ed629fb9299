import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

/** Debian's chromium, headless, as DESIGN.md pins it. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

interface AxeViolation {
  readonly id: string;
  readonly impact?: string | null;
  readonly help: string;
  readonly nodes: readonly { target: unknown }[];
}

/**
 * One journey through the console: every page it visits is screenshotted to
 * test/e2e/screenshots/<journey>-<n>-<page>.png and checked by axe-core (no serious or
 * critical violation), and the browser must report no errors: a CSP violation or a
 * failed script shows up there.
 */
export class Journey {
  private n = 0;
  readonly problems: string[] = [];

  constructor(
    readonly page: Page,
    readonly name: string,
    readonly base: string,
  ) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      // A refused form answers with the API's 4xx on purpose; Chromium logs that for the document
      // itself. Any other failed resource (stylesheet, script, imprint) is a problem.
      if (m.text().startsWith('Failed to load resource') && m.location().url === page.url()) return;
      this.problems.push(`console: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
  }

  static async start(browser: Browser, name: string, base: string): Promise<Journey> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    // axe-core in every document from the start, rather than sent over for each check.
    await context.addInitScript({ content: axe.source });
    return new Journey(await context.newPage(), name, base);
  }

  async goto(path: string, label: string): Promise<void> {
    const res = await this.page.goto(`${this.base}${path}`);
    expect(res?.status(), `${path} answered ${res?.status()}`).toBeLessThan(400);
    await this.check(label);
  }

  /** Screenshot and accessibility check of the page the browser is on now. */
  async check(label: string): Promise<void> {
    this.n += 1;
    await this.page.waitForLoadState('load');
    const path = join(SCREENSHOTS, `${this.name}-${String(this.n).padStart(2, '0')}-${label}.png`);
    // Chromium now and then answers 'Unable to capture screenshot' on a busy machine: the page is fine, so once more.
    await this.page
      .screenshot({ path, fullPage: true })
      .catch(() => this.page.waitForTimeout(500).then(() => this.page.screenshot({ path, fullPage: true })));
    // A string, not a function: the test compiles without the DOM types the page has.
    const violations = (await this.page.evaluate(
      "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
    )) as AxeViolation[];
    const bad = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    expect(bad, `axe on ${label} (${this.page.url()})`).toEqual([]);
    expect(this.problems, `browser errors on ${label}`).toEqual([]);
  }

  /**
   * The page the browser is on, once more in English (screenshot and axe), then back to
   * Chinese for the rest of the journey.
   */
  async english(label: string): Promise<void> {
    const url = new URL(this.page.url());
    url.searchParams.set('lang', 'en');
    const res = await this.page.goto(url.toString());
    expect(res?.status(), `${url} answered ${res?.status()}`).toBeLessThan(400);
    await this.check(`${label}-en`);
    expect(await this.page.getAttribute('html', 'lang')).toBe('en');
    url.searchParams.set('lang', 'zh');
    await this.page.goto(url.toString());
  }

  /**
   * A printable page prints cleanly: printed, no header, menu, footer, forms or buttons,
   * the document itself shown, on A4 pages (the stylesheet's @page) and not too many of them.
   * The PDF goes next to the screenshots.
   */
  async printable(label: string, maxPages = 2): Promise<void> {
    const { page } = this;
    await page.emulateMedia({ media: 'print' });
    try {
      for (const hidden of ['header.top', 'nav', 'footer.foot', 'main form', 'main button', '.no-print']) {
        for (const l of await page.locator(hidden).all()) {
          expect(await l.isVisible(), `${hidden} printed on ${label}`).toBe(false);
        }
      }
      expect(await page.locator('article.doc').first().isVisible()).toBe(true);
      await this.check(`${label}-print`);
      const pdf = await page.pdf({
        path: join(SCREENSHOTS, `${this.name}-${label}.pdf`),
        preferCSSPageSize: true,
        printBackground: true,
      });
      const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
      expect(boxes.length, `${label}: pages`).toBeGreaterThanOrEqual(1);
      expect(boxes.length, `${label}: pages`).toBeLessThanOrEqual(maxPages);
      for (const [, w, h] of boxes) {
        // A4 portrait is 595 × 842 points.
        expect(Math.abs(Number(w) - 595.3), `${label}: page width`).toBeLessThan(1.5);
        expect(Math.abs(Number(h) - 841.9), `${label}: page height`).toBeLessThan(1.5);
      }
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  }

  /** Submits by clicking a button and waits for the page it leads to. */
  async click(name: string | RegExp, label: string): Promise<void> {
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.getByRole('button', { name }).first().click(),
    ]);
    await this.check(label);
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}

/** Signs in through the demo sign-in page as the user shown by that name. */
export async function signIn(j: Journey, name: string): Promise<void> {
  await j.goto('/console', 'sign-in');
  expect(j.page.url()).toContain('/console/sign-in');
  await j.click(`以“${name}”身份登录`, 'home');
  expect(await j.page.getByRole('heading', { level: 1 }).count()).toBe(1);
  expect(await j.page.locator('header').textContent()).toContain(name);
}

/** Signs out with the header's button. */
export async function signOut(j: Journey): Promise<void> {
  await j.click('退出登录', 'signed-out');
  expect(j.page.url()).toContain('/console/sign-in');
}
