import { describe, expect, it } from 'vitest';
import { CATALOGUE_HEADERS } from '../../packages/api/src/catalogue-format';
import { xlsxCodec } from '../../packages/api/src/xlsx';
import { toLocalInput } from '../../packages/console/src/ui/format';
import { Journey, signIn } from './support/browser';
import { consoleStackForFile } from './support/stack';

const env = consoleStackForFile();

/** Records, through the API, that the demo's receiving posts of each tenant were trained on `matter`. */
async function trainReceivingPosts(tenants: readonly string[], matter: string): Promise<void> {
  const res = await fetch(`${env.stack.url}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'nanjing-admin', roles: ['city-admin'], city: 'nanjing' }),
  });
  const { token } = (await res.json()) as { token: string };
  await Promise.all(
    tenants.flatMap((tenant) =>
      ['convenience-centre-approver', 'window-clerk-1'].map(async (staff) => {
        const recorded = await fetch(`${env.stack.url}/v1/tenants/${tenant}/staff/${staff}/trainings`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ matters: [matter], kind: 'shadowing', completedAt: '2024-01-02' }),
        });
        expect(recorded.status, `training of ${tenant}/${staff}`).toBe(201);
      }),
    ),
  );
}

describe('console in Chromium: administration', () => {
  it('city admin: imports a matter (after a per-row error report), then rolls it out through the wizard until it applies', async () => {
    const j = await Journey.start(env.browser, 'rollout', env.stack.url);
    const { page } = j;
    await signIn(j, '南京市管理员 王敏');
    await j.goto('/console/cities/nanjing/catalogue', 'catalogue');

    const row = (code: string, type: string, statutory: number | string, promised: number) => [
      code,
      '社区养老服务机构备案',
      type,
      '01 备案',
      '《养老机构管理办法》第九条',
      statutory,
      promised,
      '否',
      'm1 备案书【核心】；m2 场地证明',
      '',
      '',
      'civil-affairs',
    ];
    const bad = await xlsxCodec.write([
      CATALOGUE_HEADERS,
      row('e2e-elder-care', '不存在的类型', 5, 3),
      row('e2e-elder-care-2', '备案', 'abc', 3),
    ]);
    await page.getByLabel('目录文件').setInputFiles({
      name: '目录.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(bad),
    });
    await j.click('上传并导入', 'import-rejected');
    const report = page.getByRole('region', { name: /导入文件有 \d+ 处错误/ });
    expect(await report.getByRole('row').count()).toBeGreaterThanOrEqual(3);
    expect(await report.textContent()).toContain('事项类型');
    expect(await page.getByRole('table').last().textContent()).not.toContain('e2e-elder-care');

    const good = await xlsxCodec.write([CATALOGUE_HEADERS, row('e2e-elder-care', '备案', 5, 3)]);
    await page.getByLabel('目录文件').setInputFiles({
      name: '目录.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(good),
    });
    await j.click('上传并导入', 'imported');
    expect(await page.getByRole('status').textContent()).toContain('新增 1 项');
    expect(await page.getByRole('table').last().textContent()).toContain('e2e-elder-care');

    // R11, people: the receiving centres' approver and window clerk are trained on the new matter
    // (seed 001 §五 跟班学习) before the rollout, or its preview would block them.
    await trainReceivingPosts(['nanjing.jiangning.dongshan', 'nanjing.jiangning.moling'], 'e2e-elder-care');
    await j.goto('/console/cities/nanjing/rollouts/new', 'wizard-draft');
    await page.getByLabel('批次编码').fill('e2e-elder-care-batch');
    await page.getByLabel('批次名称').fill('养老服务备案下放（端到端测试）');
    await page.getByLabel(/社区养老服务机构备案/).check();
    await page.getByLabel('江宁区东山街道（nanjing.jiangning.dongshan）').check();
    await page.getByLabel('江宁区秣陵街道（nanjing.jiangning.moling）').check();
    // Bodies and seals are chosen by name; the page sends their references.
    await page.getByLabel('原实施机构', { exact: true }).selectOption({ label: '江宁区民政局' });
    await page.getByLabel('承接机构', { exact: true }).selectOption('convenience-centre');
    await page.getByLabel('审批专用章', { exact: true }).selectOption('convenience-centre-seal');
    const picked = await page
      .getByLabel('审批专用章', { exact: true })
      .locator('option:checked')
      .textContent();
    expect(picked).not.toContain('convenience-centre-seal');
    // First in the past: the API refuses it, and the console says so beside the field.
    await page.getByLabel('生效时间（北京时间）').fill('2020-01-01T00:00:00');
    await j.click('保存草稿并预检', 'wizard-refused');
    expect(await page.locator('#f-effectiveAt-error').textContent()).toContain('生效时间应晚于当前时间');
    expect(await page.getByLabel('批次名称').inputValue()).toBe('养老服务备案下放（端到端测试）');

    const effective = new Date(Date.now() + 12_000);
    await page.getByLabel('生效时间（北京时间）').fill(toLocalInput(effective));
    await j.click('保存草稿并预检', 'wizard-preview');
    expect(page.url()).toContain('/rollouts/e2e-elder-care-batch/preview');
    expect(await page.getByRole('status').first().textContent()).toContain('全部租户预检通过');
    expect(await page.getByRole('table').textContent()).toContain('江宁区秣陵街道');

    await j.click('排期', 'wizard-scheduled');
    expect(page.url()).toMatch(/\/rollouts\/e2e-elder-care-batch\?ok=scheduled$/);
    // Script on: the progress part updates in place; the meta refresh is only for browsers without script.
    expect(await page.locator('[data-poll]').count()).toBe(1);

    // The page refreshes itself (meta refresh) until the clock worker has applied the rollout.
    await page.locator('.badge', { hasText: '已实施' }).waitFor({ timeout: 45_000 });
    await j.check('wizard-applied');
    const progress = page.locator('progress');
    expect(await progress.getAttribute('value')).toBe(await progress.getAttribute('max'));
    expect(await page.locator('[data-poll]').count()).toBe(0);

    await page.getByRole('link', { name: 'nanjing.jiangning.dongshan 交接协议书' }).click();
    await j.check('handover-agreement');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('交接协议书');
    expect(await page.getByRole('table').first().textContent()).toContain('社区养老服务机构备案');
    const imprint = page.getByRole('img', { name: /印模/ });
    expect(
      await imprint.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    // 交接清单 (R11, people): the city confirms the operating rules under the agreement, once.
    const rules = () => page.getByRole('table').nth(1).locator('tr', { hasText: '操作规程' });
    expect(await rules().textContent()).toContain('未确认');
    await j.click('确认“操作规程”', 'checklist-confirmed');
    expect(await rules().textContent()).not.toContain('未确认');
    expect(await page.getByRole('button', { name: '确认“操作规程”' }).count()).toBe(0);
    await j.printable('handover-agreement');
    await j.english('handover-agreement');

    // The receiving tenant now holds the matter.
    await j.goto('/console/tenants/nanjing.jiangning.dongshan/matters/e2e-elder-care', 'matter-authority');
    expect(await page.getByRole('table').first().textContent()).toContain('东山街道便民服务中心');

    // 好差评规则 (R18): the city's rectification limit, from its menu entry; 5 until set.
    await page.getByRole('link', { name: '好差评规则' }).click();
    await page.waitForURL(/\/console\/cities\/nanjing\/evaluation$/);
    await j.check('evaluation');
    const limit = () => page.getByLabel('差评整改时限（工作日）');
    expect(await limit().inputValue()).toBe('5');
    await limit().fill('7');
    await j.click('保存', 'evaluation-saved');
    expect(await page.getByRole('status').textContent()).toContain('已保存好差评规则');
    expect(await limit().inputValue()).toBe('7');
    await j.english('evaluation');
    // Back to the default, so the other journeys' bad ratings keep it.
    await limit().fill('5');
    await j.click('保存', 'evaluation-reset');

    // The Jiangning first batch's impact: the demo's year of window history replayed (issue 12).
    await j.goto('/console/cities/nanjing/rollouts/jiangning-2020-first-batch/impact', 'rollout-impact');
    expect(await page.locator('#impact-expected').textContent()).toMatch(/预计每月 [1-9]/);
    const perTenant = page.getByRole('table', { name: /按租户/ });
    expect(await perTenant.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await perTenant.textContent()).toContain('nanjing.jiangning.dongshan');
    expect(await page.getByRole('img', { name: /各租户近 12 个月收件/ }).count()).toBe(1);
    expect(await page.locator('svg.chart').count()).toBe(3);
    await j.english('rollout-impact');
    await j.close();
  });

  it('tenant admin: registers a seal (after a refusal), sees its imprint, voids it with a successor', async () => {
    const j = await Journey.start(env.browser, 'seals', env.stack.url);
    const { page } = j;
    await signIn(j, '东山街道管理员 周洁');
    await j.goto('/console/tenants/nanjing.jiangning.dongshan/seals', 'seals');
    const form = page.getByRole('form', { name: '登记印章' });
    await form.getByLabel('印章编号').fill('Not An Id');
    await form.getByLabel('印章名称').fill('便民服务专用章');
    await j.click('登记印章', 'seal-refused');
    expect(await page.locator('#f-id-error').textContent()).toContain('格式不正确');
    expect(await page.locator('#f-id').getAttribute('aria-invalid')).toBe('true');

    // Before registering: the imprint for the typed body and name, nothing registered yet.
    await form.getByLabel('印章编号').fill('e2e-service-seal');
    await form.getByLabel('印章名称').fill('便民专用章');
    await j.click('预览印模', 'seal-preview');
    expect(page.url()).toMatch(/\/seals#imprint-preview$/);
    const preview = page.getByRole('img', { name: '东山街道便民服务中心便民专用章印模预览' });
    expect(
      await preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    const drawn = await (
      await page.request.get(`${env.stack.url}${await preview.getAttribute('src')}`)
    ).text();
    expect(drawn).toContain(
      '<title id="seal-e2e-service-seal-title">东山街道便民服务中心 便民专用章</title>',
    );
    expect(await page.getByRole('article', { name: '便民专用章' }).count()).toBe(0);
    expect(await form.getByLabel('印章编号').inputValue()).toBe('e2e-service-seal');
    // With script, the preview follows the typing.
    await form.getByLabel('印章名称').fill('便民服务专用章');
    await page.getByRole('img', { name: '东山街道便民服务中心便民服务专用章印模预览' }).waitFor();
    expect(j.problems).toEqual([]);

    await form.getByLabel('电子印章').check();
    await j.click(/^登记印章$/, 'seal-registered');
    const card = page.getByRole('article', { name: '便民服务专用章' });
    expect(await card.textContent()).toContain('有效');
    const imprint = card.getByRole('img', { name: '便民服务专用章印模' });
    expect(
      await imprint.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    const svg = await (await page.request.get(`${env.stack.url}${await imprint.getAttribute('src')}`)).text();
    expect(svg).toContain('东山街道便民服务中心');

    await card.getByText('作废此印章').click();
    await card.getByLabel('继任印章').selectOption('convenience-centre-seal');
    page.once('dialog', (d) => d.accept());
    await j.click(/^作废$/, 'seal-voided');
    const voided = page.getByRole('article', { name: '便民服务专用章' });
    expect(await voided.textContent()).toContain('已作废');
    // The successor by its name, not its id (issue 17).
    expect(await voided.textContent()).toContain('继任印章行政审批专用章');
    await j.close();
  });

  it('tenant admin and city admin: a 差评 called back into a second round, and an appeal decided by the city (R18)', async () => {
    const j = await Journey.start(env.browser, 'rectifications', env.stack.url);
    const { page } = j;
    await signIn(j, '东山街道管理员 周洁');
    await page.getByRole('navigation').getByRole('link', { name: '差评整改' }).first().click();
    await page.waitForURL(/\/rectifications$/);
    await j.check('ledger');
    const answered = page.getByRole('article').filter({ hasText: '排队时间较长' });
    expect(await answered.textContent()).toContain('已答复待回访');
    const appealed = page.getByRole('article').filter({ hasText: '窗口人员态度生硬' });
    expect(await appealed.textContent()).toContain('申诉待市级复核');
    // The rater is not content: the call-back opens a second round with the close form again.
    const callback = answered.getByRole('form', { name: /登记回访/ });
    await callback.getByLabel('评价人对整改的意见').selectOption('dissatisfied');
    await callback.getByLabel('回访方式').selectOption('phone');
    await callback.getByLabel('回访说明').fill('申请人表示高峰时段仍需等候');
    await Promise.all([page.waitForNavigation(), callback.getByRole('button', { name: '登记回访' }).click()]);
    await j.check('called-back');
    expect(await page.getByRole('status').textContent()).toContain('已登记回访');
    const reopened = page.getByRole('article').filter({ hasText: '排队时间较长' });
    expect(await reopened.textContent()).toContain('第 2 轮整改');
    expect(await reopened.textContent()).toContain('申请人表示高峰时段仍需等候');
    expect(await reopened.getByRole('form', { name: /答复并办结/ }).count()).toBe(1);
    await j.english('ledger');
    await j.close();

    const city = await Journey.start(env.browser, 'appeals', env.stack.url);
    await signIn(city, '南京市管理员 王敏');
    await city.page.getByRole('navigation').getByRole('link', { name: '差评申诉' }).first().click();
    await city.page.waitForURL(/\/cities\/nanjing\/rectifications$/);
    await city.check('appeals');
    const card = city.page.getByRole('article').filter({ hasText: '窗口人员态度生硬' });
    // Names, not ids: the centre by its name.
    expect(await card.textContent()).toContain('东山街道');
    expect(await card.textContent()).toContain('误评（评价对象有误）');
    const decide = card.getByRole('form', { name: /作出复核决定/ });
    await decide.getByLabel('复核结论').selectOption('upheld');
    await decide.getByLabel('复核意见').fill('经调取监控核实，评价对象非本中心工作人员，申诉成立');
    await Promise.all([
      city.page.waitForNavigation(),
      decide.getByRole('button', { name: '作出复核决定' }).click(),
    ]);
    await city.check('appeal-decided');
    expect(await city.page.getByRole('status').textContent()).toContain('复核决定已记录');
    const decided = city.page.getByRole('article').filter({ hasText: '窗口人员态度生硬' });
    expect(await decided.textContent()).toContain('申诉成立');
    expect(await decided.textContent()).toContain('不计入统计');
    await city.english('appeals');
    await city.close();
  });

  it("inspector: the red cards the clock raised, one card's clock proof day by day, and an urge (R19)", async () => {
    const j = await Journey.start(env.browser, 'cards', env.stack.url);
    const { page } = j;
    await signIn(j, '东山电子监察 吴静');
    // The clock raises the demo's cards once the demo is in: wait for the first red one.
    for (let i = 0; i < 60; i++) {
      await page.goto(`${env.stack.url}/console/tenants/nanjing.jiangning.dongshan/cards?colour=red`);
      if ((await page.getByRole('link', { name: '查看证明' }).count()) > 0) break;
      await page.waitForTimeout(500);
    }
    await page.getByRole('navigation').getByRole('link', { name: '亮灯督办' }).first().click();
    await page.waitForURL(/\/cards$/);
    await j.check('cards');
    expect(await page.getByRole('table').textContent()).toContain('红灯');
    await j.goto('/console/tenants/nanjing.jiangning.dongshan/cards?colour=red', 'cards-red');
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('link', { name: '查看证明' }).first().click(),
    ]);
    await j.check('card-proof');
    const proof = page.getByRole('table', { name: '时钟证明' });
    // Day by day: counted working days, weekends not counted.
    expect(await proof.textContent()).toContain('工作日');
    expect(await proof.textContent()).toContain('周末');
    expect(await page.locator('main').textContent()).toMatch(/已超期 \d+ 个工作日/);
    const urge = page.getByRole('form', { name: '督办' });
    await urge.getByLabel('督办意见').fill('请于三个工作日内办结并说明原因');
    await Promise.all([page.waitForNavigation(), urge.getByRole('button', { name: '督办' }).click()]);
    await j.check('card-urged');
    expect(await page.getByRole('status').textContent()).toContain('已督办');
    expect(await page.locator('main').textContent()).toContain('请于三个工作日内办结并说明原因');
    await j.english('card-proof');
    await j.close();
  });

  it('inspector and city: the monthly assessment with its charts, per window and staff, and the ranking', async () => {
    const j = await Journey.start(env.browser, 'assessment', env.stack.url);
    const { page } = j;
    await signIn(j, '东山电子监察 吴静');
    await page.getByRole('navigation').getByRole('link', { name: '月度考核' }).first().click();
    await page.waitForURL(/\/assessment$/);
    // Last month holds most of the demo's cases; the month picker moves there.
    const now = new Date(Date.now() + 8 * 3600_000);
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    await page.getByRole('textbox', { name: '月份' }).fill(last);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '查看' }).click()]);
    await j.check('assessment');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(last);
    // Charts with their titles for screen readers, and the figures as tables.
    expect(await page.getByRole('img', { name: '收件、受理与办结' }).count()).toBe(1);
    const totals = page.getByRole('table', { name: '全租户' });
    const received = Number(await totals.locator('tbody tr td').first().textContent());
    expect(received).toBeGreaterThan(0);
    expect(await page.getByRole('table', { name: '按窗口' }).textContent()).toContain('A0');
    expect(await page.getByRole('table', { name: '按工作人员' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '导出 Excel' }).getAttribute('href')).toContain(
      `/assessment/export?month=${last}`,
    );
    await j.english('assessment');
    await j.close();

    const city = await Journey.start(env.browser, 'ranking', env.stack.url);
    await signIn(city, '南京市管理员 王敏');
    await city.page.getByRole('navigation').getByRole('link', { name: '考核排名' }).first().click();
    await city.page.waitForURL(/\/cities\/nanjing\/assessment$/);
    await city.check('ranking');
    const ranking = city.page.getByRole('table', { name: '月度考核排名' });
    expect(await ranking.locator('tbody tr').count()).toBeGreaterThan(1);
    expect(await ranking.locator('tbody tr').first().locator('td').first().textContent()).toBe('1');
    await city.close();
  });
});
