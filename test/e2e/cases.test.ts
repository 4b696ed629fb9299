import { describe, expect, it } from 'vitest';
import { Journey, signIn, signOut } from './support/browser';
import { consoleStackForFile } from './support/stack';

const env = consoleStackForFile();

const DONGSHAN = '/console/tenants/nanjing.jiangning.dongshan';
/** A matter of Dongshan's empowered list no demo case uses (see the fee step below). */
const MATTER = '困难残疾人生活补贴和重度残疾人护理补贴给付';
/** GB 11643's own sample resident ID number (valid check digit). */
const PERSON_ID = '11010519491231002X';

describe('a case through the console, window to verification', () => {
  it('clerk takes it with a core item missing, the applicant supplements, approver decides, clerk issues, the public verifies', async () => {
    const j = await Journey.start(env.browser, 'case', env.stack.url);
    const { page } = j;

    // The tenant administrator sets a local fee on the matter (no demo matter of Dongshan has one),
    // so the case is paid for at the issuance window and shows in the fee report. The matter is
    // one no demo case uses: the API keeps a matter's definition for a minute once a case used it.
    await signIn(j, '东山街道管理员 周洁');
    await j.goto(`${DONGSHAN}/matters`, 'matters');
    await page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: MATTER, exact: true }) })
      .getByRole('link')
      .click();
    await j.check('matter-settings');
    const code = page.url().split('/').pop() ?? '';
    expect(code).toMatch(/^\d{12}$/);
    await page.getByLabel('收费项目').fill('gb 残疾人证明工本费 10');
    await j.click('保存设置', 'matter-fees-saved');
    expect(await page.getByRole('status').textContent()).toContain('设置已保存');
    expect(await page.locator('dl.facts').textContent()).toContain('残疾人证明工本费 10.00 元');
    await signOut(j);

    // The window clerk: a matter from the empowered list, the checklist with one core item left unticked.
    await signIn(j, '东山窗口 张丽');
    await j.goto(`${DONGSHAN}/intake`, 'intake-choose');
    // The matter picker: a search by name, then the matter's link.
    await page.getByLabel('查找事项').fill(MATTER);
    await j.click('查找', 'intake-found');
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('link', { name: MATTER, exact: true }).click(),
    ]);
    await j.check('intake-form');
    await page.getByLabel('申请人名称').fill('李明');
    await page.getByLabel('证件号码', { exact: true }).fill(PERSON_ID);
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
    await j.printable('one-time-notice');
    await j.english('one-time-notice');

    // The applicant comes back with the missing item: the clerk records it and the case is accepted.
    await j.goto(`${DONGSHAN}/cases/${caseNo}`, 'case-needs-correction');
    const supplement = page.getByRole('region', { name: '接收补正材料' });
    await supplement.getByLabel(missingName, { exact: false }).check();
    await j.click('确认补正', 'acceptance-receipt');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('受理通知书');
    expect(await page.locator('article').textContent()).toContain(queryCode);
    await j.printable('acceptance-receipt');
    await signOut(j);

    // The approver: the case is in the body's queue; decide it.
    await signIn(j, '东山审批 陈刚');
    await j.goto(`${DONGSHAN}/queue`, 'approver-queue');
    expect(await page.getByRole('table').textContent()).toContain(caseNo);
    await page.getByRole('link', { name: caseNo }).click();
    await j.check('approver-case');
    await j.english('approver-case');
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
    // The local fee: taken before the result is handed over, with a receipt.
    await j.click('确认已收费', 'paid');
    expect(await page.locator('main').textContent()).toContain(`${caseNo}-R`);
    await j.click('出件（加盖印章）', 'result');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('决定书');
    const imprint = page.getByRole('img', { name: /印模/ });
    expect(
      await imprint.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    expect(await page.getByRole('img', { name: '扫码核验本结果' }).count()).toBe(1);
    // Printed: no header, menu or buttons; the document and its seal stay.
    await page.emulateMedia({ media: 'print' });
    expect(await imprint.isVisible()).toBe(true);
    await j.printable('result');
    await j.english('result');
    await signOut(j);
    await j.close();

    // The public: no sign-in; verify the result, look up the progress with the query code, rate.
    const p = await Journey.start(env.browser, 'public', env.stack.url);
    await p.goto(`/console/public/verify?caseNo=${caseNo}`, 'verify');
    expect(await p.page.getByRole('heading', { level: 2 }).first().textContent()).toContain('核验通过');
    await p.english('verify');
    await p.goto('/console/public/progress', 'progress');
    await p.page.getByLabel('办件编号').fill(caseNo);
    await p.page.getByLabel('查询码').fill(queryCode);
    await p.click('查询进度', 'progress-found');
    expect(await p.page.locator('section').textContent()).toContain('已出件');
    await p.page.getByLabel('5 星 非常满意').check();
    // GB/T 39734's indicators and what is rated, ticked as the applicant would.
    await p.page.getByLabel('服务效率').check();
    await p.page.getByLabel('窗口', { exact: true }).check();
    await p.click('提交评价', 'rated');
    expect(await p.page.getByRole('status').textContent()).toContain('感谢');
    // The service guide, found by city and service centre rather than by any code.
    await p.goto('/console/public', 'public-start');
    await p.page.getByLabel('城市').selectOption({ label: '南京市' });
    await p.click('下一步', 'public-city');
    await p.page.getByLabel('服务中心').selectOption({ label: '江宁区东山街道' });
    await p.click('查看指南', 'guide');
    expect(p.page.url()).toContain('/console/public/nanjing.jiangning.dongshan/guide');
    await p.english('guide');
    await p.page.getByRole('link', { name: MATTER, exact: true }).click();
    await p.check('guide-matter');
    const guide = (await p.page.locator('article').textContent()) ?? '';
    expect(guide).toContain('【核心】');
    expect(guide).toContain('残疾人证明工本费');
    await p.close();

    // The supervising department receives the pushed result and records a finding.
    const s = await Journey.start(env.browser, 'supervision', env.stack.url);
    await signIn(s, '江宁民政监管 赵伟');
    await s.page.goto(`${env.stack.url}/console/tenants/nanjing.jiangning/supervision`);
    // The stream worker pushes the decision to the inbox within a poll or two (R20), and attaches the
    // issued result (出件时间, the seal) when it sees the issuance: the finding is on the issued result.
    const pushedAndIssued = async () => {
      const article = s.page.getByRole('article', { name: new RegExp(caseNo) });
      return (await article.count()) > 0 && ((await article.textContent()) ?? '').includes('出件时间');
    };
    for (let i = 0; i < 30 && !(await pushedAndIssued()); i++) {
      await new Promise((r) => setTimeout(r, 500));
      await s.page.reload();
    }
    await s.check('inbox');
    const item = s.page.getByRole('article', { name: new RegExp(caseNo) });
    await item.getByLabel('意见').fill('材料齐全，程序合规。');
    await s.click('登记并回推', 'finding-recorded');
    expect(await s.page.getByRole('status').textContent()).toContain('已登记');
    // 审管联动: the push waits to be signed for, counted on the supervisor's workbench until signed.
    const toSign = async () => {
      await s.page.goto(`${env.stack.url}/console`);
      const link = s.page.locator('ul.counts a').filter({ hasText: '待签收推送' }).first();
      return Number(await link.locator('strong').textContent());
    };
    const waiting = await toSign();
    expect(waiting).toBeGreaterThan(0);
    await s.page.goto(`${env.stack.url}/console/tenants/nanjing.jiangning/supervision`);
    await s.page
      .getByRole('article', { name: new RegExp(caseNo) })
      .getByRole('button', { name: '签收' })
      .click();
    await s.check('signed-for');
    expect(await s.page.getByRole('status').textContent()).toContain('已签收');
    expect(await s.page.getByRole('article', { name: new RegExp(caseNo) }).textContent()).toMatch(
      /已签收（.+赵伟/,
    );
    expect(await toSign()).toBe(waiting - 1);
    await s.close();

    // E-supervision by Dongshan's own inspector: the demo cases in every colour, overdue per body,
    // the month's intake and completion; then the fee report with the fee taken above.
    const b = await Journey.start(env.browser, 'board', env.stack.url);
    await signIn(b, '东山电子监察 吴静');
    await b.goto(`${DONGSHAN}/board`, 'board');
    const charts = b.page.locator('svg.chart');
    expect(await charts.count()).toBe(3);
    for (const chart of await charts.all()) {
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.height).toBeGreaterThan(20);
    }
    const described = await b.page.locator('#c-colours-d').textContent();
    for (const colour of ['超期', '预警', '正常']) expect(described).toMatch(new RegExp(`${colour} [1-9]`));
    const perBody = b.page.getByRole('table', { name: '各机构在办件' });
    expect(await perBody.getByRole('columnheader').allTextContents()).toContain('超期');
    const centre = perBody.getByRole('row', { name: /东山街道便民服务中心/ });
    const overdue = Number(await centre.getByRole('cell').first().textContent());
    expect(overdue).toBeGreaterThanOrEqual(1);
    expect(await b.page.getByRole('img', { name: /各机构超期件数/ }).count()).toBe(1);
    const months = b.page.getByRole('table', { name: '每月统计' });
    expect(await months.locator('tbody tr').count()).toBe(12);
    await b.english('board');

    await b.goto(`${DONGSHAN}/fees`, 'fee-report');
    const summary = b.page.getByRole('table', { name: '各收费部门合计' });
    expect(await summary.getByRole('row', { name: /东山街道便民服务中心/ }).textContent()).toContain(
      '10.00 元',
    );
    const receipts = b.page.getByRole('table', { name: /东山街道便民服务中心：收据 \d+ 张/ });
    expect(await receipts.textContent()).toContain(`${caseNo}-R`);
    expect(await receipts.textContent()).toContain('残疾人证明工本费 10.00 元');
    await b.printable('fee-report');
    await b.english('fee-report');
    await b.close();
  });

  it('takes a homestead application through 承办, 审核 and the head’s 签发, with a send-back (R16)', async () => {
    const j = await Journey.start(env.browser, 'levels', env.stack.url);
    const { page } = j;
    // Dongshan decides homesteads in three levels (the demo's setting): the window takes it complete.
    await signIn(j, '东山窗口 张丽');
    await j.goto(`${DONGSHAN}/intake`, 'levels-intake-choose');
    await page.getByLabel('查找事项').fill('农村村民宅基地审批');
    await j.click('查找', 'levels-intake-found');
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('link', { name: '农村村民宅基地审批', exact: true }).click(),
    ]);
    await page.getByLabel('申请人名称').fill('王建国');
    await page.getByLabel('证件号码', { exact: true }).fill(PERSON_ID);
    const boxes = page.getByRole('group', { name: '材料核验' }).getByRole('checkbox');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
    await j.click('收件', 'levels-accepted');
    const caseNo = (await page.locator('dd strong').first().textContent()) ?? '';
    expect(caseNo).toMatch(/^nanjing\.jiangning\.dongshan-\d{8}-\d{4}$/);
    await signOut(j);

    const CASE = `${DONGSHAN}/cases/${caseNo}`;
    const levels = () => page.getByRole('region', { name: '审批层级' });
    const sign = async (who: string, form: string, opinion: string, shot: string, back = false) => {
      await signIn(j, who);
      await j.goto(CASE, `${shot}-case`);
      const region = page.getByRole('region', { name: form });
      if (back) await region.getByLabel('退回下一级').check();
      await region.getByLabel('意见', { exact: true }).fill(opinion);
      await j.click('签署', shot);
      await signOut(j);
    };
    await sign('东山审批 陈刚', '签署承办意见', '材料齐全，符合一户一宅条件，拟同意', 'levels-undertaken');
    await sign('东山审核 孙明', '签署审核意见', '用地符合村庄规划，同意', 'levels-reviewed');
    await sign(
      '东山便民服务中心主任 郑华',
      '签署审批（签发）意见',
      '四至界址不清，请复核后再报',
      'levels-returned',
      true,
    );

    // Back at 审核: 孙明's first signature is void, 陈刚's stands; he signs again.
    await signIn(j, '东山审核 孙明');
    await j.goto(CASE, 'levels-back-at-review');
    const afterReturn = (await levels().textContent()) ?? '';
    expect(afterReturn).toContain('材料齐全，符合一户一宅条件，拟同意');
    expect(afterReturn).not.toContain('用地符合村庄规划，同意');
    expect(await page.locator('ol.timeline').textContent()).toContain('四至界址不清，请复核后再报');
    await signOut(j);
    await sign('东山审核 孙明', '签署审核意见', '已复核现场，四至清楚，同意', 'levels-reviewed-again');

    // The head signs off by deciding, with the approval opinion.
    await signIn(j, '东山便民服务中心主任 郑华');
    await j.goto(CASE, 'levels-sign-off');
    const decide = page.getByRole('region', { name: '作出决定' });
    await decide.getByLabel('审批意见').fill('同意，准予使用宅基地');
    await j.click('作出决定', 'levels-decided');
    expect(await page.locator('dl.facts').textContent()).toContain('准予许可');
    const signed = (await levels().textContent()) ?? '';
    for (const text of ['陈刚', '孙明', '郑华', '已复核现场，四至清楚，同意', '同意，准予使用宅基地'])
      expect(signed).toContain(text);
    await j.english('levels-decided');
    await signOut(j);
    await j.close();
  });
});
