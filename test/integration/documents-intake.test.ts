import { beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { APPROVER, act, CASES, CLERK, intake, intakeBody, seedCases } from '../support/cases';

/** A resident identity number with a valid check digit (GB 11643). */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return first17 + ('10X98765432'[sum % 11] ?? '');
}
const AGENT_ID = residentId('32011519900101123');
const text = (html: string) => html.replace(/<[^>]+>/g, '');

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  // The hall a document prints: the tenant's own settings (onboarding takes them).
  const res = await t.call(PLATFORM, 'POST', '/v1/cities/nanjing/tenants', {
    id: 'nanjing.jiangning.tangshan',
    name: '汤山街道',
    kind: 'subdistrict',
    parent: 'nanjing.jiangning',
    address: '汤山街道温泉路 8 号便民服务中心',
    phone: '025-5211 0000',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body).toMatchObject({ address: '汤山街道温泉路 8 号便民服务中心', phone: '025-5211 0000' });
});

describe('the complete intake form (issue 17)', () => {
  it('takes an address, an agent, the delivery method and copies and originals; the agent is masked like the applicant', async () => {
    const res = await t.call(
      CLERK,
      'POST',
      CASES,
      intakeBody({
        applicant: {
          kind: 'person',
          name: '李明',
          idNumber: residentId('32011519850101234'),
          phone: '13812345678',
          address: '东山街道上元大街 1 号',
        },
        agent: { name: '王芳', idNumber: AGENT_ID, phone: '13987654321' },
        delivery: 'post',
        materials: [
          { code: 'form', provided: true, originals: 1, copies: 0 },
          { code: 'copy', provided: true, originals: 0, copies: 2 },
        ],
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.agent).toEqual({
      name: '王芳',
      idNumber: `${AGENT_ID.slice(0, 4)}${'*'.repeat(10)}${AGENT_ID.slice(-4)}`,
      phone: '139****4321',
    });
    expect(res.body.applicant.address).toBe('东山街道上元大街 1 号');
    expect(res.body.delivery).toBe('post');
    expect(res.body.materials).toContainEqual(
      expect.objectContaining({ code: 'copy', copies: 2, originals: 0 }),
    );
    const received = res.body.events[0];
    expect(received.agent.idNumber).not.toBe(AGENT_ID);
    expect(JSON.stringify(res.body)).not.toContain(AGENT_ID);
  });

  it('refuses an agent whose identity number does not check, naming the field', async () => {
    const res = await t.call(
      CLERK,
      'POST',
      CASES,
      intakeBody({ agent: { name: '王芳', idNumber: '320115199001011230' } }),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('agent.idNumber');
  });
});

describe('document numbers (文号)', () => {
  it('are claimed once per document, kept on re-print and on a retried command, and counted per kind', async () => {
    const a = await intake(t);
    const b = await intake(t);
    const first = await t.call(CLERK, 'GET', `${CASES}/${a.caseNo}`);
    const second = await t.call(CLERK, 'GET', `${CASES}/${b.caseNo}`);
    const year = new Date().toISOString().slice(0, 4);
    const n = (no: string) => Number(/第(\d+)号$/.exec(no)?.[1]);
    expect(first.body.documents.acceptance).toMatch(new RegExp(`^受理〔${year}〕第\\d+号$`));
    expect(n(second.body.documents.acceptance)).toBe(n(first.body.documents.acceptance) + 1);

    const page = async (no: string, doc: string) => {
      const res = await t.call(CLERK, 'GET', `${CASES}/${no}/${doc}.html`);
      expect(res.status, String(res.body)).toBe(200);
      return text(res.body as string);
    };
    const printed = await page(a.caseNo, 'acceptance');
    expect(printed).toContain(`文号：${first.body.documents.acceptance}`);
    expect(await page(a.caseNo, 'acceptance')).toBe(printed);

    // A decision retried under the same Idempotency-Key is one decision with one number.
    const headers = { 'idempotency-key': `decide-${a.caseNo}` };
    const d1 = await act(
      t,
      APPROVER,
      a.caseNo,
      'decide',
      { outcome: 'deny', reasons: '不符合条件' },
      headers,
    );
    const d2 = await act(
      t,
      APPROVER,
      a.caseNo,
      'decide',
      { outcome: 'deny', reasons: '不符合条件' },
      headers,
    );
    expect(d1.status).toBe(200);
    expect(d2.body.documents.decision).toBe(d1.body.documents.decision);
    const decision = await page(a.caseNo, 'decision');
    expect(decision).toContain(`文号：${d1.body.documents.decision}`);
    expect(decision).toContain('行政复议');
    expect(decision).toContain('被申请人：');

    const issued = await act(t, CLERK, a.caseNo, 'issue', { delivery: 'window' });
    expect(issued.body.documents.result).toMatch(/^出件〔\d{4}〕第\d+号$/);
    expect(await page(a.caseNo, 'result')).toContain(`文号：${issued.body.documents.result}`);
  });

  it('prints the decision not to accept with its number, the remedies and the respondent; the clerk never claims a second one by re-printing', async () => {
    const c = await intake(t, { defer: true });
    const rejected = await act(t, CLERK, c.caseNo, 'reject', { reason: '申请人不具备申请资格' });
    expect(rejected.status).toBe(200);
    const docNo = rejected.body.documents.rejection;
    expect(docNo).toMatch(/^不予受理〔\d{4}〕第\d+号$/);
    const res = await t.call(CLERK, 'GET', `${CASES}/${c.caseNo}/rejection.html`);
    const printed = text(res.body as string);
    expect(printed).toContain('不予受理决定书');
    expect(printed).toContain(`文号：${docNo}`);
    expect(printed).toContain('六十日内');
    expect(printed).toContain('六个月内');
    expect(printed).toContain('签收栏');
    expect((await t.call(CLERK, 'GET', `${CASES}/${c.caseNo}`)).body.documents.rejection).toBe(docNo);
    // A case that was not rejected has no such paper.
    const other = await intake(t);
    expect((await t.call(CLERK, 'GET', `${CASES}/${other.caseNo}/rejection.html`)).status).toBe(404);
  });
});
