import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Journey, signIn, signOut } from './support/browser';
import { consoleStackForFile } from './support/stack';

const env = consoleStackForFile();

const DONGSHAN = '/console/tenants/nanjing.jiangning.dongshan';
const MATTER = '困难残疾人生活补贴和重度残疾人护理补贴给付';
const PERSON_ID = '11010519491231002X';
/** A small but real PDF: the API tells the type by these first bytes. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);

/**
 * The window takes an application of MATTER with its core item left unticked (the one-time
 * notice): there is a material to upload for. Screenshots are named with `prefix`.
 */
async function takeWithCoreMissing(j: Journey, applicantName: string, prefix: string) {
  const { page } = j;
  await j.goto(`${DONGSHAN}/intake`, `${prefix}intake-choose`);
  await page.getByLabel('查找事项').fill(MATTER);
  await j.click('查找', `${prefix}intake-found`);
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('link', { name: MATTER, exact: true }).click(),
  ]);
  await page.getByLabel('申请人名称').fill(applicantName);
  await page.getByLabel('证件号码', { exact: true }).fill(PERSON_ID);
  const checklist = page.getByRole('group', { name: '材料核验' });
  const labels = await checklist.locator('label').allTextContents();
  const coreIndex = labels.findIndex((l) => l.includes('【核心】'));
  for (let i = 0; i < labels.length; i++)
    if (i !== coreIndex) await checklist.getByRole('checkbox').nth(i).check();
  await j.click('收件', `${prefix}one-time-notice`);
  return {
    caseNo: (await page.locator('dd strong').first().textContent()) ?? '',
    queryCode: (await page.locator('.query-code').textContent()) ?? '',
    missingName: (labels[coreIndex] ?? '').replace(' 【核心】', '').trim(),
  };
}

describe('electronic materials in the console (issue 16)', () => {
  it('a clerk uploads a PDF with the progress bar and sees it listed; the approver reads the materials first', async () => {
    const j = await Journey.start(env.browser, 'materials', env.stack.url);
    const { page } = j;

    // The window: a case taken with a core item missing, so there is a material to upload for.
    await signIn(j, '东山窗口 张丽');
    const { caseNo, missingName } = await takeWithCoreMissing(j, '王芳', '');
    expect(caseNo).toMatch(/^nanjing\.jiangning\.dongshan-\d{8}-\d{4}$/);

    await j.goto(`${DONGSHAN}/cases/${caseNo}`, 'case-materials');
    const panel = page.locator('#materials');
    const row = panel.getByRole('row').filter({ hasText: missingName });
    await row.getByLabel(`选择文件：${missingName}`).setInputFiles({
      name: '申请材料.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    // With script: the page asks for the presigned form and sends the file straight to the embedded
    // S3 by XHR, showing the progress bar, then puts the fresh panel in place.
    const bar = row.locator('progress');
    await row.getByRole('button', { name: '上传' }).click();
    await bar.waitFor({ state: 'visible' }).catch(() => undefined);
    await page.locator('#materials').getByText('申请材料.pdf').waitFor();
    expect(page.url()).toContain(`/cases/${caseNo}`);
    const listed =
      (await page.locator('#materials').getByRole('row').filter({ hasText: missingName }).textContent()) ??
      '';
    expect(listed).toContain('v1 · PDF');
    expect(listed).toContain('未扫描（本地）');
    expect(listed).toContain(`SHA-256 ${createHash('sha256').update(PDF).digest('hex')}`);
    expect(listed).toMatch(/SM3 [0-9a-f]{64}/);
    await j.check('uploaded');
    await j.english('uploaded');

    // The file opens through the console (the API records the access) from the embedded S3.
    const href = (await page.locator('#materials a', { hasText: '申请材料.pdf' }).getAttribute('href')) ?? '';
    const opened = await page.request.get(`${env.stack.url}${href}`);
    expect(opened.status()).toBe(200);
    expect(Buffer.from(await opened.body())).toEqual(PDF);

    // 核验: the clerk marks it checked against the original.
    await j.click('核验（与原件一致）', 'verified');
    expect(await page.locator('#materials').textContent()).toContain('核验件（');

    // The material is supplied: the case is accepted and goes to the approver.
    const supplement = page.getByRole('region', { name: '接收补正材料' });
    await supplement.getByLabel(missingName, { exact: false }).check();
    await j.click('确认补正', 'accepted');
    await signOut(j);

    await signIn(j, '东山审批 陈刚');
    await j.goto(`${DONGSHAN}/cases/${caseNo}`, 'approver-case');
    // Materials first: before the facts, the forms and the timeline.
    const order = await page.evaluate(
      "[...document.querySelectorAll('main > *')].map((e) => e.id || e.className || e.tagName)",
    );
    const at = (x: string) => (order as string[]).indexOf(x);
    expect(at('materials')).toBeGreaterThanOrEqual(0);
    expect(at('materials')).toBeLessThan(at('facts card'));
    expect(at('materials')).toBeLessThan(at('timeline'));
    expect(await page.locator('#materials').textContent()).toContain('申请材料.pdf');
    expect(await page.locator('#materials form').count()).toBe(0);
    await signOut(j);
    await j.close();
  });
  it('an applicant uploads online with the query code; the window provides the material by that file; after issuance the archive keeps it', async () => {
    const j = await Journey.start(env.browser, 'materials-online', env.stack.url);
    const { page } = j;
    await signIn(j, '东山窗口 张丽');
    const { caseNo, missingName, queryCode } = await takeWithCoreMissing(j, '赵丽', 'online-');
    expect(queryCode).toMatch(/^[2-9A-Z]{8}$/);
    await signOut(j);

    // The applicant at home (网上申报): progress by case number and query code, then the upload.
    await j.goto('/console/public/progress', 'online-progress');
    await page.getByLabel('办件编号').fill(caseNo);
    await page.getByLabel('查询码').fill(queryCode);
    await j.click('查询进度', 'online-progress-found');
    const online = page.getByRole('region', { name: '网上申报' });
    await online.getByLabel(`选择文件：${missingName}`).setInputFiles({
      name: '网上申报材料.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await online.getByRole('button', { name: '上传' }).click();
    // The form gives way to the confirmation once the store took the file.
    await online.getByText('文件已上传').waitFor();
    await j.check('online-uploaded');

    // The window provides the material by the applicant's file: its digests enter the case's chain.
    await signIn(j, '东山窗口 张丽');
    await j.goto(`${DONGSHAN}/cases/${caseNo}`, 'online-case');
    // The file the applicant sent, marked as sent online (a verified copy of the first test's case,
    // the same holder, may be offered for reuse beside it).
    const sentRow = page.locator('#materials').getByRole('row').filter({ hasText: '网上申报材料.pdf' });
    expect(await sentRow.first().textContent()).toContain(missingName);
    expect(await sentRow.first().textContent()).toContain('网上申报');
    const supplement = page.getByRole('region', { name: '接收补正材料' });
    const choice = supplement.getByLabel(missingName, { exact: false });
    expect(await supplement.textContent()).toContain(`${missingName} 【核心】 · 以上传的 1 份文件提供`);
    await choice.check();
    await j.click('确认补正', 'online-accepted');
    await j.goto(`${DONGSHAN}/cases/${caseNo}`, 'online-case-accepted');
    expect(await page.locator('dl.facts').textContent()).not.toContain('待补正');
    await signOut(j);

    await signIn(j, '东山审批 陈刚');
    await j.goto(`${DONGSHAN}/cases/${caseNo}`, 'online-approver');
    await j.click('作出决定', 'online-decided');
    await signOut(j);
    await signIn(j, '东山窗口 张丽');
    await j.goto(`${DONGSHAN}/cases/${caseNo}`, 'online-issue');
    await j.click('出件（加盖印章）', 'online-result');
    await signOut(j);

    // The custodian (R5: the centre that approved) finds the package once the stream worker wrote it.
    await signIn(j, '东山街道管理员 周洁');
    const deadline = Date.now() + 90_000;
    for (;;) {
      await j.goto(`${DONGSHAN}/archive`, 'archive');
      if ((await page.getByRole('link', { name: caseNo }).count()) > 0 || Date.now() > deadline) break;
      await page.waitForTimeout(2000);
    }
    await page.getByRole('link', { name: caseNo }).click();
    await j.check('archive-package');
    const entries = (await page.locator('main').textContent()) ?? '';
    expect(entries).toContain('网上申报材料.pdf');
    expect(entries).toContain(createHash('sha256').update(PDF).digest('hex'));
    await j.english('archive-package');
    await signOut(j);
    await j.close();
  });
});
