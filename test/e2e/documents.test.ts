import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { QrCode } from '../../packages/documents/src';
import { Journey, SCREENSHOTS, signIn, signOut } from './support/browser';
import { consoleStackForFile } from './support/stack';

const env = consoleStackForFile();

/** The path a QR code of `text` draws (packages/documents qr.ts), to compare with the page's. */
function qrPath(text: string): string | null {
  const svg = String(QrCode({ text, title: 'x' }));
  return /<path d="([^"]+)"/.exec(svg)?.[1] ?? null;
}

const TENANT = 'nanjing.jiangning.dongshan';
const DONGSHAN = `/console/tenants/${TENANT}`;
/** A matter of Dongshan's empowered list; its pinyin initials start kncjr (困难残疾人…). */
const MATTER = '困难残疾人生活补贴和重度残疾人护理补贴给付';
/** GB 11643's own sample resident ID numbers (valid check digits). */
const PERSON_ID = '11010519491231002X';
const AGENT_ID = '110105194912310038';

/**
 * An official document as the API prints it, opened with a clerk's token, printed to PDF (A4).
 * The checks read the page's text just before printing: the PDF holds the same text, but no
 * kept library here extracts text from a PDF (its CJK text is CID-encoded), so the PDF is checked
 * for its A4 pages only.
 */
async function printDocument(page: Page, caseNo: string, doc: string): Promise<string> {
  const res = await page.goto(`${env.stack.url}/v1/tenants/${TENANT}/cases/${caseNo}/${doc}.html`);
  expect(res?.status(), `${doc}.html`).toBe(200);
  const text = (await page.locator('article.doc').textContent()) ?? '';
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ path: join(SCREENSHOTS, `documents-${doc}.pdf`), preferCSSPageSize: true });
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  expect(boxes.length, `${doc}: pages`).toBeGreaterThanOrEqual(1);
  expect(boxes.length, `${doc}: pages`).toBeLessThanOrEqual(2);
  for (const [, w] of boxes) expect(Math.abs(Number(w) - 595.3)).toBeLessThan(1.5);
  return text;
}

async function clerkPage(): Promise<Page> {
  const res = await fetch(`${env.stack.url}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'dongshan-clerk', roles: ['window-clerk'], tenant: TENANT }),
  });
  const { token } = (await res.json()) as { token: string };
  const context = await env.browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  return context.newPage();
}

describe('intake with an agent, and the official documents printed (issue 17)', () => {
  it('finds the matter by pinyin initials, takes it with an agent, and prints the notice of acceptance with its 文号', async () => {
    const j = await Journey.start(env.browser, 'documents', env.stack.url);
    const { page } = j;
    await signIn(j, '东山窗口 张丽');
    await j.goto(`${DONGSHAN}/intake`, 'picker');
    const list = page.locator('#matter-list li');
    const all = await list.count();
    expect(all).toBeGreaterThan(3);
    // With script: the list filters as one types.
    await page.getByLabel('查找事项').fill('kncjr');
    await expect.poll(() => list.filter({ visible: true }).count()).toBeLessThan(all);
    expect(await page.getByRole('link', { name: MATTER, exact: true }).isVisible()).toBe(true);
    // Without script: the search is a GET answering the filtered list.
    await j.click('查找', 'picker-filtered');
    expect(page.url()).toContain('q=kncjr');
    expect(await list.count()).toBeLessThan(all);
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('link', { name: MATTER, exact: true }).click(),
    ]);
    await j.check('intake-form');

    await page.getByLabel('申请人名称').fill('李明');
    await page.getByLabel('证件号码', { exact: true }).fill(PERSON_ID);
    await page.getByLabel('联系地址（选填）').fill('东山街道上元大街 1 号');
    await page.getByLabel('代理人姓名').fill('王芳');
    await page.getByLabel('代理人身份证号码').fill(AGENT_ID);
    await page.getByLabel('代理人联系电话（选填）').fill('13987654321');
    await page.getByLabel('邮寄送达').check();
    const boxes = page.getByRole('group', { name: '材料核验' }).getByRole('checkbox');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
    await j.click('收件', 'acceptance');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('受理通知书');
    const receipt = (await page.locator('article').textContent()) ?? '';
    expect(receipt).toMatch(/文号：受理〔\d{4}〕第\d+号/);
    const caseNo = (await page.locator('dd strong').first().textContent()) ?? '';
    await j.printable('acceptance');
    // The paper's QR code leads to the public progress page with the case number filled in.
    const progressUrl = `${env.stack.url}/console/public/progress?caseNo=${caseNo}`;
    const drawn = await page.locator('article svg.qr path').getAttribute('d');
    expect(drawn).toBe(qrPath(progressUrl));
    await page.goto(progressUrl);
    expect(await page.getByLabel('办件编号').inputValue()).toBe(caseNo);
    await page.goBack();

    // The case page shows the agent masked like the applicant.
    await j.goto(`${DONGSHAN}/cases/${caseNo}`, 'case');
    expect(await page.locator('main').textContent()).not.toContain(AGENT_ID);

    const api = await clerkPage();
    const acceptance = await printDocument(api, caseNo, 'acceptance');
    expect(acceptance).toMatch(/文号：受理〔\d{4}〕第\d+号/);
    expect(acceptance).toContain('法律依据：');
    expect(acceptance).toContain('签收栏');
    expect(acceptance).not.toContain('行政复议');
    await api.context().close();
    await signOut(j);
  });

  it('lands the clerk on the 不予受理决定书 after rejecting, and prints it with the remedies and the respondent', async () => {
    const j = await Journey.start(env.browser, 'rejection', env.stack.url);
    const { page } = j;
    await signIn(j, '东山窗口 张丽');
    await j.goto(`${DONGSHAN}/intake?q=kncjr`, 'picker');
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('link', { name: MATTER, exact: true }).click(),
    ]);
    await page.getByLabel('申请人名称').fill('赵敏');
    await page.getByLabel('证件号码', { exact: true }).fill(PERSON_ID);
    await j.click('收件', 'notice');
    const caseNo = (await page.locator('dd strong').first().textContent()) ?? '';
    await j.goto(`${DONGSHAN}/cases/${caseNo}`, 'case');
    const form = page.locator('form', { has: page.getByRole('button', { name: '不予受理' }) });
    await form.getByLabel('理由').fill('申请人不符合补贴条件');
    await j.click('不予受理', 'rejected');
    expect(page.url()).toContain(`/cases/${caseNo}/receipt`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('不予受理决定书');
    await j.printable('rejection');

    const api = await clerkPage();
    const printed = await printDocument(api, caseNo, 'rejection');
    expect(printed).toMatch(/文号：不予受理〔\d{4}〕第\d+号/);
    expect(printed).toContain('法律依据：');
    expect(printed).toContain('六十日内');
    expect(printed).toContain('六个月内');
    expect(printed).toMatch(/被申请人：\S+/);
    // The one-time notice given before carries its own number.
    expect(await printDocument(api, caseNo, 'notice')).toMatch(/文号：补正告知〔\d{4}〕第\d+号/);
    await api.context().close();
  });

  it('prints the decision and the result of a demo case with their numbers and legal basis', async () => {
    const api = await clerkPage();
    const res = await api.request.get(`${env.stack.url}/v1/tenants/${TENANT}/cases?status=issued&limit=5`);
    const { items } = (await res.json()) as { items: { caseNo: string }[] };
    const issued = items[0]?.caseNo ?? '';
    expect(issued).not.toBe('');
    const decision = await printDocument(api, issued, 'decision');
    expect(decision).toMatch(/文号：决定〔\d{4}〕第\d+号/);
    expect(decision).toContain('法律依据：');
    expect(decision).not.toContain('你（单位）');
    const result = await printDocument(api, issued, 'result');
    expect(result).toMatch(/文号：出件〔\d{4}〕第\d+号/);
    expect(result).toContain('法律依据：');
    await api.context().close();
  });
});
