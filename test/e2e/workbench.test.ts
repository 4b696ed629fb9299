import { describe, expect, it, vi } from 'vitest';
import { Journey, signIn, signOut } from './support/browser';
import { consoleStackForFile } from './support/stack';

// The demo stack takes minutes to start while the shared machine is busy.
vi.setConfig({ hookTimeout: 420_000, testTimeout: 300_000 });
const env = consoleStackForFile();

const DONGSHAN = '/console/tenants/nanjing.jiangning.dongshan';
/** A case number names its tenant: the one id a person copies, left out of the names check. */
const CASE_NO = /nanjing\.jiangning\.dongshan-\d{8}-\d+/g;
/** Ids that must never show where a person reads: staff subs, tenant and body references, seal ids. */
const IDS = [
  /dongshan-clerk/,
  /dongshan-approver/,
  /nanjing\.jiangning/,
  /convenience-centre/,
  /civil-affairs/,
];

interface AxeResult {
  id: string;
  impact: string | null;
  nodes: { target: unknown }[];
}

/** axe on the page now: nothing moderate either (Journey.check fails on serious and critical). */
async function noModerate(j: Journey, label: string) {
  const violations = (await j.page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as AxeResult[];
  const found = violations
    .filter((v) => v.impact === 'moderate')
    .map((v) => `${v.id} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  expect(found, `moderate axe findings on ${label}`).toEqual([]);
}

/** The page's visible text, without case numbers, names no id. */
async function namesNotIds(j: Journey, label: string) {
  const text = ((await j.page.locator('main').innerText()) ?? '').replace(CASE_NO, '');
  for (const id of IDS) expect(text, `${label} shows ${id}`).not.toMatch(id);
}

/** The number a workbench count link shows. */
async function countOf(j: Journey, label: string): Promise<number> {
  const link = j.page.locator('ul.counts a').filter({ hasText: label }).first();
  return Number(await link.locator('strong').textContent());
}

const rows = (j: Journey) => j.page.locator('main table tbody tr');

describe('the workbench, 办件查询 and names on the pages a person reads', () => {
  it('a clerk: counts that match the lists, a search by ID number and by name, names not ids', async () => {
    const j = await Journey.start(env.browser, 'workbench', env.stack.url);
    const { page } = j;
    await signIn(j, '东山窗口 张丽');
    await noModerate(j, 'clerk home');
    const correction = await countOf(j, '待补正');
    const toIssue = await countOf(j, '待出件');
    const today = await countOf(j, '今日收件');

    await page.locator('ul.counts a').filter({ hasText: '待补正' }).click();
    await j.check('needs-correction');
    expect(await rows(j).count()).toBe(correction);
    await j.goto('/console', 'home-again');
    await page.locator('ul.counts a').filter({ hasText: '待出件' }).click();
    await j.check('issuance');
    expect(await rows(j).count()).toBe(toIssue);
    await j.goto('/console', 'home-again-2');
    await page.locator('ul.counts a').filter({ hasText: '今日收件' }).click();
    await j.check('received-today');
    expect(today === 0 ? 0 : await rows(j).count()).toBe(today);

    // A case of the list: its page names the tenant's bodies, seal and staff, not their ids.
    await j.goto(`${DONGSHAN}/cases`, 'cases');
    expect(await page.locator('nav.main a[aria-current="page"]').textContent()).toBe('办件');
    await noModerate(j, 'cases');
    const first = rows(j).first();
    const caseNo = (await first.locator('a').first().textContent()) ?? '';
    const applicant = ((await first.locator('td').nth(2).innerText()) ?? '').split('\n')[0]?.trim() ?? '';
    await first.locator('a').first().click();
    await j.check('case');
    expect(await page.locator('nav.main a[aria-current="page"]').textContent()).toBe('办件');
    await namesNotIds(j, 'case page');
    await noModerate(j, 'case page');
    await page.getByLabel('查看用途').fill('核对申请人身份');
    await j.click('查看完整信息', 'revealed');
    const idNumber = (
      (await page.locator('section[aria-labelledby="reveal"] strong').first().textContent()) ?? ''
    ).trim();
    expect(idNumber).toMatch(/^[0-9A-Z]{18}$/);

    // 办件查询: by the full ID number (sent in a POST body), then by the applicant's name.
    await j.goto(`${DONGSHAN}/search`, 'search');
    await noModerate(j, 'search');
    await page.getByLabel('办件编号、申请人姓名、证件号码或联系电话').fill(idNumber);
    await j.click('查询', 'search-by-id');
    expect(page.url()).not.toContain(idNumber);
    expect(await page.locator('main table').textContent()).toContain(caseNo);
    await page.getByLabel('办件编号、申请人姓名、证件号码或联系电话').fill(applicant);
    await j.click('查询', 'search-by-name');
    expect(await page.locator('main table').textContent()).toContain(caseNo);
    await namesNotIds(j, 'search results');
    await j.english('search-by-name');
    await signOut(j);
    await j.close();
  });

  it('an approver: 待我审批 by colour equals the queue, red first; seal cards and the public menu', async () => {
    const j = await Journey.start(env.browser, 'workbench-approver', env.stack.url);
    const { page } = j;
    await signIn(j, '东山审批 陈刚');
    await noModerate(j, 'approver home');
    const counts = {
      red: await countOf(j, '超期'),
      yellow: await countOf(j, '预警'),
      green: await countOf(j, '正常'),
    };
    await j.goto(`${DONGSHAN}/queue`, 'queue');
    await noModerate(j, 'queue');
    await namesNotIds(j, 'queue');
    const badges = await rows(j).locator('td .badge').allTextContents();
    expect({
      red: badges.filter((b) => b.startsWith('超期')).length,
      yellow: badges.filter((b) => b.startsWith('预警')).length,
      green: badges.filter((b) => b.startsWith('正常')).length,
    }).toEqual(counts);
    // Red first, then yellow, then green.
    const order = badges.map((b) => (b.startsWith('超期') ? 0 : b.startsWith('预警') ? 1 : 2));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    if (badges.length > 0) {
      await rows(j).first().locator('a').first().click();
      await j.check('approver-case');
      expect(await page.locator('nav.main a[aria-current="page"]').textContent()).toBe('审批待办');
      await namesNotIds(j, 'approver case page');
    }
    await signOut(j);

    await signIn(j, '东山街道管理员 周洁');
    await j.goto(`${DONGSHAN}/seals`, 'seals');
    await noModerate(j, 'seals');
    const cards = (await page.locator('main .grid').innerText()) ?? '';
    expect(cards).not.toMatch(/nanjing\.jiangning/);
    await signOut(j);

    // A city administrator: the rollouts in progress and the tenants a blocker holds back.
    await signIn(j, '南京市管理员 王敏');
    await noModerate(j, 'city admin home');
    expect(await countOf(j, '进行中的赋权批次')).toBeGreaterThanOrEqual(0);
    expect(await countOf(j, '受阻的租户')).toBeGreaterThanOrEqual(0);
    expect(await page.locator('dl.facts').textContent()).toContain('南京市');
    await signOut(j);

    // The public side has its own menu.
    await j.goto('/console/public/progress', 'public-progress');
    expect(await page.getByRole('navigation', { name: '公众服务' }).locator('a').allTextContents()).toEqual([
      '办事指南',
      '办件进度查询',
      '办理结果核验',
      '好差评',
    ]);
    await j.close();
  });
});
