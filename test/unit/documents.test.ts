import { Hono } from 'hono';
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { handoverPage } from '../../packages/api/src/handover-page';
import { noticePage, resultPage } from '../../packages/api/src/routes/cases/print';
import {
  DOCUMENT_CSS,
  type ReceiptCase,
  ReceiptDocument,
  ResultDocument,
} from '../../packages/documents/src';
import type { HandoverAgreement, SealedResult } from '../../packages/domain/src';
import { verificationCodeOf } from '../../packages/domain/src';
import { consoleHarness, recordingApi } from '../support/console';

const TENANT = 'nanjing.jiangning.dongshan';
const CASE_NO = `${TENANT}-20240906-0007`;
const T = `/console/tenants/${TENANT}`;
const CLERK = { sub: 'clerk', name: '张丽', roles: ['window-clerk'], tenant: TENANT };

/** The case view's fields the intake papers print, as the API answers them (`caseView`). */
const needsCorrection: ReceiptCase = {
  caseNo: CASE_NO,
  matterName: '临时救助金给付',
  applicant: { name: '李明' },
  status: 'needs-correction',
  receivedAt: '2024-09-06T01:05:00.000Z',
  materials: [
    { code: 'm1', name: '申请表' },
    { code: 'm2', name: '户口簿复印件' },
  ],
  notices: [
    {
      kind: 'one-time-notice',
      at: '2024-09-06T01:06:00.000Z',
      zh: '一次性告知：请补正以下全部材料：申请表（核心材料）、户口簿复印件。补齐后即可受理。',
      en: 'One-time notice: please supply all of: m1, m2.',
      missing: [
        { code: 'm1', name: '申请表', core: true },
        { code: 'm2', name: '户口簿复印件', core: false },
      ],
    },
  ],
};

const sealed: SealedResult = {
  caseNo: CASE_NO,
  tenant: TENANT,
  matter: '040101001000',
  matterName: '临时救助金给付',
  applicantName: '李明',
  outcome: 'approve',
  appealRights: '如不服本决定，可在六十日内申请行政复议。',
  decidedAt: '2024-09-09T02:00:00.000Z',
  issuedAt: '2024-09-10T03:00:00.000Z',
  approvingBody: `${TENANT}/convenience-centre`,
  seal: { id: 'service-seal', body: `${TENANT}/convenience-centre`, tenant: TENANT },
  keyId: 'key-2024',
  signature: 'c2lnbmF0dXJl',
  delivery: 'window',
};

const agreement: HandoverAgreement = {
  number: 'nanjing-batch-1-jiangning-dongshan',
  title: '江宁区东山街道行政审批事项划转交接协议书',
  rollout: 'batch-1',
  city: 'nanjing',
  tenant: TENANT,
  tenantName: '江宁区东山街道',
  mode: 'transfer',
  effectiveAt: '2024-10-01T00:00:00.000Z',
  status: 'scheduled',
  from: [{ ref: 'nanjing.jiangning/civil-affairs', name: '江宁区民政局' }],
  to: { ref: `${TENANT}/convenience-centre`, name: '东山街道便民服务中心' },
  seal: { id: 'approval-seal', name: '行政审批专用章' },
  transition: { policy: 'origin-leads', until: '2024-12-31T16:00:00.000Z' },
  matters: [
    {
      code: '040101001000',
      name: '临时救助金给付',
      type: '行政给付',
      from: 'nanjing.jiangning/civil-affairs',
    },
  ],
  clauses: [
    {
      zh: '生效前已受理但未办结的申请，由原受理机构继续办理（R2）。',
      en: 'Applications accepted before are finished by their body (R2).',
    },
  ],
};

const render = async (node: unknown): Promise<string> => String(await node);
const h1 = (html: string) => /<h1 id="doc-title">([^<]*)<\/h1>/.exec(html)?.[1];
const article = (html: string) => /<article class="doc"[\s\S]*<\/article>/.exec(html)?.[0] ?? '';
/** The QR code's modules as the document draws them: one path, one unit square a module. */
const qrPath = (text: string) => {
  const { data } = encode(text, { border: 2 });
  return data.flatMap((row, y) => row.map((on, x) => (on ? `M${x} ${y}h1v1h-1z` : ''))).join('');
};

describe('the one-time notice', () => {
  it('prints every missing item, core ones marked, on an A4 page of its own from the API', async () => {
    const html = await render(noticePage(needsCorrection, '江宁区东山街道综合受理窗口'));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('@page { size: A4;');
    expect(html).not.toContain('<script');
    expect(h1(html)).toBe('一次性告知书');
    expect(html).toContain(`<dd><strong>${CASE_NO}</strong></dd>`);
    expect(html).toContain('第三十二条第一款第（四）项');
    expect(html).toContain('<li>申请表（核心材料，须补齐后方可受理）</li>');
    expect(html).toContain('<li>户口簿复印件</li>');
    expect(html).toContain('需补正的材料（共 2 项）');
    // Issued by the window, dated the day of the notice (Beijing time).
    expect(html).toContain('江宁区东山街道综合受理窗口<br />2024年9月6日');
    // The query code is never the API's to print: it keeps only the hash.
    expect(html).toContain('已在收件时告知');
  });

  it('is still the notice once the case is accepted, and reads in English on request', async () => {
    const accepted = { ...needsCorrection, status: 'accepted' as const, acceptedAt: '2024-09-07T01:00:00Z' };
    expect(h1(await render(noticePage(accepted, 'x')))).toBe('一次性告知书');
    const en = await render(noticePage(needsCorrection, 'Dongshan intake window', 'en'));
    expect(en).toContain('<html lang="en">');
    expect(h1(en)).toBe('One-time notice');
    expect(en).toContain('<li>申请表 (core: needed before the case can be accepted)</li>');
    expect(en).toContain('2024-09-06 09:05');
  });
  it('is what the API route answers, as text/html', async () => {
    const app = new Hono().get('/notice.html', (c) => c.html(noticePage(needsCorrection, '窗口')));
    const res = await app.request('/notice.html');
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(h1(await res.text())).toBe('一次性告知书');
  });
});

describe('the receipts at the window', () => {
  it('names the paper after the state: acceptance with its deficiency by name, rejection with the competent authority', async () => {
    const accepted = await render(
      ReceiptDocument({
        case: {
          ...needsCorrection,
          status: 'accepted-with-deficiency',
          acceptedAt: '2024-09-07T01:00:00Z',
          dueDate: '2024-09-20',
          deficiency: { materials: ['m2'], supplementBy: '2024-09-13' },
        },
        lang: 'zh',
        issuer: '江宁区东山街道综合受理窗口',
        queryCode: 'ABCD2345',
      }),
    );
    expect(h1(accepted)).toBe('受理通知书');
    expect(accepted).toContain('<strong class="query-code">ABCD2345</strong>');
    expect(accepted).toContain('容缺受理：户口簿复印件 须于 2024-09-13 前补交');
    expect(accepted).toContain('<dd>2024-09-20</dd>');
    expect(accepted).not.toContain('需补正的材料');

    const rejected = await render(
      ReceiptDocument({
        case: {
          ...needsCorrection,
          status: 'rejected',
          closedAt: '2024-09-06T02:00:00Z',
          closing: { reason: '本中心不承接该事项', competentAuthority: '江宁区民政局' },
        },
        lang: 'zh',
        issuer: 'x',
      }),
    );
    expect(h1(rejected)).toBe('不予受理决定书');
    expect(rejected).toContain('本中心不承接该事项 请向 江宁区民政局 申请。');
  });
});

describe('the sealed result', () => {
  const verifyUrl = `https://api.test/v1/public/results/${CASE_NO}/verify`;

  it('carries the decision, the drawn seal imprint and a QR code to its verification, from the API', async () => {
    const html = await render(
      resultPage(
        { result: sealed },
        { bodyName: '东山街道便民服务中心', sealName: '便民服务专用章', verifyUrl },
      ),
    );
    expect(h1(html)).toBe('准予行政许可决定书');
    expect(html).toContain(`编号：${CASE_NO}`);
    expect(html).toContain(
      '你（单位）申请的“临时救助金给付”，经审查，符合法定条件、标准，决定准予行政许可。',
    );
    expect(html).toContain(sealed.appealRights);
    // Two drawings: the seal (named by its title) and the QR code, nothing else.
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain('<svg class="imprint" xmlns="http://www.w3.org/2000/svg"');
    expect(html).toContain('<title id="seal-service-seal-title">东山街道便民服务中心 便民服务专用章</title>');
    expect(html).toContain('<svg class="qr" role="img" aria-label="扫码核验本结果"');
    expect(html).toContain(`<path d="${qrPath(verifyUrl)}" fill="#000" />`);
    expect(html).toContain(`核验：${verifyUrl}`);
    expect(html).toContain('电子签名（密钥 key-2024）');
    expect(html).toContain('<code class="sigtext">c2lnbmF0dXJl</code>');
    // Dated the day of the decision, under the issuing body's name.
    expect(html).toContain('东山街道便民服务中心<br />2024年9月9日');
    expect(html).not.toContain('<script');
    expect(html).not.toContain(' style="');
  });

  it('states a refusal with its reasons, and reads in English', async () => {
    const denied = { ...sealed, outcome: 'deny' as const, reasons: '申请人不符合救助条件' };
    const html = await render(resultPage({ result: denied }, { bodyName: 'b', sealName: 's', verifyUrl }));
    expect(h1(html)).toBe('不予行政许可决定书');
    expect(html).toContain('决定不予行政许可。');
    expect(html).toContain('理由：申请人不符合救助条件');
    const en = await render(
      resultPage({ result: denied }, { bodyName: 'b', sealName: 's', verifyUrl }, 'en'),
    );
    expect(h1(en)).toBe('Decision refusing an administrative licence');
    expect(en).toContain('aria-label="Scan to verify this result"');
    expect(en).toContain('Reasons: 申请人不符合救助条件');
  });

  it('refuses to print a case without a result', () => {
    expect(() => resultPage({}, { bodyName: 'b', sealName: 's', verifyUrl })).toThrow('no result');
  });
});

describe('the handover agreement', () => {
  it('lists the matters with the handing-over body by name, the clauses, and the seal imprint', async () => {
    const src = `/v1/tenants/${TENANT}/seals/approval-seal/imprint.svg`;
    const html = await render(handoverPage(agreement, src));
    expect(h1(html)).toBe(agreement.title);
    expect(html).toContain(`编号：${agreement.number}`);
    expect(html).toContain('<dd>划转（审批权移交）</dd>');
    expect(html).toContain('<dd>行政审批专用章（approval-seal）</dd>');
    expect(html).toContain('<dd>至 2025年1月1日 00:00（原部门牵头办理）</dd>');
    expect(html).toContain('一、交接事项（共 1 项）');
    expect(html).toContain(
      '<tr><td>1</td><td><code>040101001000</code></td><td>临时救助金给付</td><td>行政给付</td><td>江宁区民政局</td></tr>',
    );
    expect(html).toContain(`<li>${agreement.clauses[0]?.zh}</li>`);
    expect(html).toContain(`<img class="imprint" src="${src}" alt="行政审批专用章印模" />`);
    const en = await render(handoverPage(agreement, src, 'en'));
    expect(en).toContain(`<li>${agreement.clauses[0]?.en}</li>`);
    expect(en).toContain('<dd>Transfer (authority moves)</dd>');
  });
});

/** The console reads the same JSON from the API and hands it to the same renderer. */
function consoleWithDocuments() {
  const { api, asApi } = recordingApi();
  api.get('/v1/tenants/:t', (c) => c.json({ id: c.req.param('t'), name: '江宁区东山街道' }));
  api.get('/v1/tenants/:t/bodies', (c) =>
    c.json({
      items: [
        {
          tenant: TENANT,
          code: 'convenience-centre',
          name: '东山街道便民服务中心',
          ref: `${TENANT}/convenience-centre`,
        },
      ],
    }),
  );
  api.get('/v1/tenants/:t/cases/:no', (c) =>
    c.json({ ...needsCorrection, tenant: TENANT, clock: 'green', version: 1 }),
  );
  api.get('/v1/tenants/:t/cases/:no/result', (c) =>
    c.json({ ...sealed, imprint: 'x', verify: `/v1/public/results/${CASE_NO}/verify` }),
  );
  api.get('/v1/tenants/:t/handovers/:id', (c) => c.json(agreement));
  return consoleHarness(asApi(), [{ ...CLERK, roles: ['window-clerk', 'tenant-admin'] }]);
}

describe('the same documents in the console', () => {
  it('prints the notice as the API does, in the layout, with a print button', async () => {
    const { signIn, request } = consoleWithDocuments();
    await signIn(CLERK.sub, T);
    const html = await (await request(`${T}/cases/${CASE_NO}/receipt`)).text();
    expect(h1(html)).toBe('一次性告知书');
    expect(html).toContain('data-print');
    const doc = article(html).replace(/<p class="no-print">[\s\S]*?<\/p>/, '');
    // The console knows no document number or hall here (the fake API has none): the parts it knows are printed alike.
    const api = article(
      await render(
        noticePage(
          needsCorrection,
          '江宁区东山街道综合受理窗口',
          'zh',
          { hall: {} },
          `http://console.test/console/public/progress?caseNo=${encodeURIComponent(CASE_NO)}`,
        ),
      ),
    );
    expect(api).toContain('<li>申请表（核心材料，须补齐后方可受理）</li>');
    expect(doc).toBe(api);
  });

  it('prints the result with the seal image the console serves and a QR code to its verification page', async () => {
    const { signIn, request } = consoleWithDocuments();
    await signIn(CLERK.sub, T);
    const html = await (await request(`${T}/cases/${CASE_NO}/result`)).text();
    // The QR code carries the result's verification code, so a scan shows what the result says.
    const verifyUrl = `http://console.test/console/public/verify?caseNo=${encodeURIComponent(CASE_NO)}&code=${verificationCodeOf(sealed.signature)}`;
    expect(h1(html)).toBe('准予行政许可决定书');
    expect(html).toContain(
      `<img class="imprint" src="/console/public/results/${encodeURIComponent(CASE_NO)}/seal.svg" alt="service-seal印模" />`,
    );
    expect(html).toContain(`<path d="${qrPath(verifyUrl)}" fill="#000" />`);
    const doc = article(html).replace(/<p class="no-print">[\s\S]*?<\/p>/, '');
    const same = await render(
      ResultDocument({
        result: sealed,
        lang: 'zh',
        bodyName: '东山街道便民服务中心',
        verifyUrl,
        imprint: { src: `/console/public/results/${encodeURIComponent(CASE_NO)}/seal.svg` },
      }),
    );
    expect(same).toContain('<p class="no">编号：');
    expect(doc).toBe(same);
  });

  it('prints the handover agreement in English when asked', async () => {
    const { signIn, request } = consoleWithDocuments();
    await signIn(CLERK.sub, T);
    const html = await (await request(`${T}/handovers/batch-1?lang=en`)).text();
    expect(h1(html)).toBe(agreement.title);
    expect(html).toContain('<li>Applications accepted before are finished by their body (R2).</li>');
    expect(html).toContain(
      `<img class="imprint" src="${T}/seals/approval-seal/imprint.svg" alt="Imprint of 行政审批专用章" />`,
    );
  });

  it('styles the documents from one sheet, all of it under .doc', () => {
    const selectors = DOCUMENT_CSS.replace(/@media print \{(.*)\}/, '$1')
      .split('}')
      .map((rule) => rule.split('{')[0]?.trim() ?? '')
      .filter(Boolean);
    for (const s of selectors)
      expect(s.split(',').every((part) => part.trim().startsWith('.doc'))).toBe(true);
  });
});
