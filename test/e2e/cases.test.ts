import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journey, launchChromium, SCREENSHOTS, signIn, signOut } from './support/browser';
import { startConsoleStack } from './support/stack';

let stack: Awaited<ReturnType<typeof startConsoleStack>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startConsoleStack(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const DONGSHAN = '/console/tenants/nanjing.jiangning.dongshan';
/** GB 11643's own sample resident ID number (valid check digit). */
const PERSON_ID = '11010519491231002X';

describe('a case through the console, window to verification', () => {
  it('clerk takes it with a core item missing, the applicant supplements, approver decides, clerk issues, the public verifies', async () => {
    const j = await Journey.start(browser, 'case', stack.url);
    const { page } = j;

    // The window clerk: a matter from the empowered list, the checklist with one core item left unticked.
    await signIn(j, '东山窗口 张丽');
    await j.goto(`${DONGSHAN}/intake`, 'intake-choose');
    await page.getByLabel('选择事项').selectOption({ label: '临时救助金给付（040101001000）' });
    await j.click('下一步', 'intake-form');
    await page.getByLabel('申请人名称').fill('李明');
    await page.getByLabel('证件号码').fill(PERSON_ID);
    const checklist = page.getByRole('group', { name: '材料核验' });
    const boxes = checklist.getByRole('checkbox');
    const labels = await checklist.locator('label').allTextContents();
    const coreIndex = labels.findIndex((l) => l.includes('【核心】'));
    expect(coreIndex).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < labels.length; i++) if (i !== coreIndex) await boxes.nth(i).check();
    const missingName = (labels[coreIndex] ?? '').replace(' 【核心】', '').trim();
    await j.click('收件', 'one-time-notice');

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('一次性告知书');
    const notice = (await page.locator('article').textContent()) ?? '';
    expect(notice).toContain(missingName);
    const caseNo = (await page.locator('dd strong').first().textContent()) ?? '';
    const queryCode = (await page.locator('.query-code').textContent()) ?? '';
    expect(caseNo).toMatch(/^nanjing\.jiangning\.dongshan-\d{8}-\d{4}$/);
    expect(queryCode).toMatch(/^[2-9A-Z]{8}$/);

    // The applicant comes back with the missing item: the clerk records it and the case is accepted.
    await j.goto(`${DONGSHAN}/cases/${caseNo}`, 'case-needs-correction');
    const supplement = page.getByRole('region', { name: '接收补正材料' });
    await supplement.getByLabel(missingName, { exact: false }).check();
    await j.click('确认补正', 'acceptance-receipt');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('受理通知书');
    expect(await page.locator('article').textContent()).toContain(queryCode);
    await signOut(j);

    // The approver: the case is in the body's queue; decide it.
    await signIn(j, '东山审批 陈刚');
    await j.goto(`${DONGSHAN}/queue`, 'approver-queue');
    expect(await page.getByRole('table').textContent()).toContain(caseNo);
    await page.getByRole('link', { name: caseNo }).click();
    await j.check('approver-case');
    await page.getByRole('region', { name: '启动办理环节' }).getByLabel('环节类型').selectOption('review');
    await j.click('启动', 'step-started');
    await j.click('结束环节', 'step-finished');
    expect(await page.getByRole('table', { name: '办理环节' }).textContent()).toContain('通过');
    await j.click('作出决定', 'decided');
    expect(await page.locator('dl.facts').textContent()).toContain('准予许可');
    await signOut(j);

    // Back at the window: the issuance list, then the sealed result to print.
    await signIn(j, '东山窗口 张丽');
    await j.goto(`${DONGSHAN}/issuance`, 'issuance');
    await page.getByRole('link', { name: caseNo }).click();
    await j.check('issuance-case');
    if ((await page.getByRole('button', { name: '确认已收费' }).count()) > 0)
      await j.click('确认已收费', 'paid');
    await j.click('出件（加盖印章）', 'result');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('决定书');
    const imprint = page.getByRole('img', { name: /印模/ });
    expect(
      await imprint.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    expect(await page.getByRole('img', { name: '扫码核验本结果' }).count()).toBe(1);
    // Printed: no header, menu or buttons; the document and its seal stay.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await imprint.isVisible()).toBe(true);
    await j.check('result-print');
    await page.pdf({ path: join(SCREENSHOTS, 'case-result.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    await signOut(j);
    await j.close();

    // The public: no sign-in; verify the result, look up the progress with the query code, rate.
    const p = await Journey.start(browser, 'public', stack.url);
    await p.goto(`/console/public/verify?caseNo=${caseNo}`, 'verify');
    expect(await p.page.getByRole('heading', { level: 2 }).first().textContent()).toContain('核验通过');
    await p.goto('/console/public/progress', 'progress');
    await p.page.getByLabel('办件编号').fill(caseNo);
    await p.page.getByLabel('查询码').fill(queryCode);
    await p.click('查询进度', 'progress-found');
    expect(await p.page.locator('section').textContent()).toContain('已出件');
    await p.page.getByLabel('5 星 非常满意').check();
    await p.click('提交评价', 'rated');
    expect(await p.page.getByRole('status').textContent()).toContain('感谢');
    await p.goto('/console/public/nanjing.jiangning.dongshan/guide', 'guide');
    await p.page.getByRole('link', { name: '临时救助金给付' }).click();
    await p.check('guide-matter');
    expect(await p.page.locator('article').textContent()).toContain('【核心】');
    await p.close();

    // The supervising department receives the pushed result and records a finding.
    const s = await Journey.start(browser, 'supervision', stack.url);
    await signIn(s, '江宁民政监管 赵伟');
    await s.page.goto(`${stack.url}/console/tenants/nanjing.jiangning/supervision`);
    // The stream worker pushes the result to the inbox within a poll or two.
    for (let i = 0; i < 30 && !((await s.page.locator('main').textContent()) ?? '').includes(caseNo); i++) {
      await new Promise((r) => setTimeout(r, 500));
      await s.page.reload();
    }
    await s.check('inbox');
    const item = s.page.getByRole('article', { name: new RegExp(caseNo) });
    await item.getByLabel('意见').fill('材料齐全，程序合规。');
    await s.click('登记并回推', 'finding-recorded');
    expect(await s.page.getByRole('status').textContent()).toContain('已登记');
    await s.close();

    // E-supervision: the tenant's board counts the month's intake and completion.
    const b = await Journey.start(browser, 'board', stack.url);
    await signIn(b, '东山街道管理员 周洁');
    await b.goto(`${DONGSHAN}/board`, 'board');
    const months = b.page.getByRole('table', { name: '每月统计' });
    expect(await months.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await b.page.locator('svg.chart').count()).toBeGreaterThanOrEqual(2);
    await b.close();
  });
});
