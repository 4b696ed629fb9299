import { beforeAll, describe, expect, it } from 'vitest';
import { verificationCodeOf } from '../../packages/domain/src';
import { writePeriods } from '../../packages/store/src';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import {
  APPROVER,
  act,
  CASES,
  CENTRE,
  CIVIL,
  CIVIL_APPROVER,
  CLERK,
  intake,
  seedCases,
} from '../support/cases';

/**
 * R2–R7 through the API: binding at acceptance, seal by acceptance time, responsibility
 * and archive, transition policies, one window whatever body decides.
 */
let t: TestApp;
const BEFORE = '2026-03-02T10:00:00+08:00';
const HANDOVER = '2026-03-10T00:00:00+08:00';
const AFTER = '2026-03-11T10:00:00+08:00';

beforeAll(async () => {
  t = await testApp();
  // m1 is Jiangning civil affairs' until the handover, then the Dongshan centre's.
  await seedCases(t);
  await writePeriods(t.store, [
    {
      tenant: DONGSHAN,
      matter: 'm1',
      from: '2020-01-01T00:00:00.000Z',
      body: CIVIL,
      mode: 'transfer',
      seal: 'civil-seal',
      supervisingBody: CIVIL,
    },
    {
      tenant: DONGSHAN,
      matter: 'm1',
      from: new Date(HANDOVER).toISOString(),
      body: CENTRE,
      mode: 'transfer',
      seal: 'centre-seal',
      supervisingBody: CIVIL,
      originBody: CIVIL,
    },
  ]);
});

describe('R2: a case is bound at acceptance', () => {
  it('stays with the body that accepted it after the handover, and new cases go to the new body', async () => {
    t.setNow(BEFORE);
    const before = await intake(t);
    t.setNow(AFTER);
    const after = await intake(t);
    const a = await t.call(CLERK, 'GET', `${CASES}/${before.caseNo}`);
    const b = await t.call(CLERK, 'GET', `${CASES}/${after.caseNo}`);
    expect(a.body.binding).toMatchObject({ body: CIVIL, seal: 'civil-seal' });
    expect(b.body.binding).toMatchObject({ body: CENTRE, seal: 'centre-seal' });

    // The centre's approver cannot decide the case the department accepted; the department's can.
    expect((await act(t, APPROVER, before.caseNo, 'decide', { outcome: 'approve' })).status).toBe(403);
    const decided = await act(t, CIVIL_APPROVER, before.caseNo, 'decide', { outcome: 'approve' });
    expect(decided.status).toBe(200);

    // R7: the sub-district's window issues it, under the department's seal (R3).
    const issued = await act(t, CLERK, before.caseNo, 'issue', { delivery: 'window' });
    expect(issued.status).toBe(200);
    expect(issued.body.result.seal).toMatchObject({ id: 'civil-seal', body: CIVIL });
    t.setNow(undefined);
  });

  it('answers R4 and R5 from the body that approved (R4: before the move the department, after it the centre)', async () => {
    t.setNow(BEFORE);
    const before = await intake(t);
    t.setNow(AFTER);
    const after = await intake(t);
    const r1 = await t.call(CLERK, 'GET', `${CASES}/${before.caseNo}/responsibility`);
    const r2 = await t.call(CLERK, 'GET', `${CASES}/${after.caseNo}/responsibility`);
    expect(r1.body).toMatchObject({
      approvingBody: CIVIL,
      reconsiderationRespondent: CIVIL,
      archiveCustodian: CIVIL,
      supervisingBody: CIVIL,
    });
    expect(r2.body).toMatchObject({
      approvingBody: CENTRE,
      reconsiderationRespondent: CENTRE,
      archiveCustodian: CENTRE,
      supervisingBody: CIVIL,
    });
    t.setNow(undefined);
  });
});

describe('R3: the seal by acceptance time', () => {
  it('uses the successor of a seal voided after acceptance, and refuses to issue with no usable seal', async () => {
    const c1 = await intake(t, { matter: 'm2' });
    const c2 = await intake(t, { matter: 'm3' });
    // m2 and m3 are the centre's from 2020 (seedCases); void its seal now, naming a successor.
    await t.call(PLATFORM, 'POST', `/v1/tenants/${DONGSHAN}/seals`, {
      id: 'centre-seal-2',
      body: 'convenience-centre',
      name: '行政审批专用章（新）',
      validFrom: '2026-01-01T00:00:00+08:00',
      electronic: true,
    });
    const voided = await t.call(PLATFORM, 'POST', `/v1/tenants/${DONGSHAN}/seals/centre-seal/void`, {
      at: new Date().toISOString(),
      successor: 'centre-seal-2',
    });
    expect(voided.status).toBe(200);
    await act(t, APPROVER, c1.caseNo, 'decide', { outcome: 'approve' });
    const issued = await act(t, CLERK, c1.caseNo, 'issue', { delivery: 'window' });
    expect(issued.status).toBe(200);
    expect(issued.body.result.seal.id).toBe('centre-seal-2');
    const code = verificationCodeOf(issued.body.result.signature);
    const verify = await t.call(undefined, 'GET', `/v1/public/results/${c1.caseNo}/verify?code=${code}`);
    expect(verify.body).toMatchObject({ valid: true, seal: { id: 'centre-seal-2', validAtIssue: true } });

    // With the successor void too and none after it, nothing can seal the result: 409, nothing written.
    await t.call(PLATFORM, 'POST', `/v1/tenants/${DONGSHAN}/seals/centre-seal-2/void`, {
      at: new Date().toISOString(),
    });
    await act(t, APPROVER, c2.caseNo, 'decide', { outcome: 'approve' });
    const refused = await act(t, CLERK, c2.caseNo, 'issue', { delivery: 'window' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('印章');
    const still = await t.call(CLERK, 'GET', `${CASES}/${c2.caseNo}`);
    expect(still.body.status).toBe('approved');
  });
});

describe('R6: transition policies', () => {
  it('origin-leads: a new case goes to the origin body with its own seal', async () => {
    await writePeriods(t.store, [
      {
        tenant: DONGSHAN,
        matter: 'm4',
        from: '2019-01-01T00:00:00.000Z',
        body: CIVIL,
        mode: 'transfer',
        seal: 'civil-seal',
        supervisingBody: CIVIL,
      },
      {
        tenant: DONGSHAN,
        matter: 'm4',
        from: '2026-01-01T00:00:00.000Z',
        body: CENTRE,
        mode: 'transfer',
        seal: 'centre-seal',
        supervisingBody: CIVIL,
        originBody: CIVIL,
        transition: { policy: 'origin-leads', until: '2099-12-31T16:00:00.000Z' },
      },
    ]);
    const c = await intake(t, { matter: 'm4' });
    const read = await t.call(CIVIL_APPROVER, 'GET', `${CASES}/${c.caseNo}`);
    expect(read.status).toBe(200);
    expect(read.body.binding).toMatchObject({ body: CIVIL, seal: 'civil-seal', originBody: CIVIL });
    const queue = await t.call(CIVIL_APPROVER, 'GET', `${CASES}?body=${encodeURIComponent(CIVIL)}`);
    expect(queue.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(c.caseNo);
  });

  it('guided: the receiving body handles and decides; it may ask the origin body, whose opinion is recorded, never awaited', async () => {
    await writePeriods(t.store, [
      {
        tenant: DONGSHAN,
        matter: 'm5',
        from: '2026-01-01T00:00:00.000Z',
        body: CENTRE,
        mode: 'transfer',
        seal: 'centre-seal-3',
        supervisingBody: CIVIL,
        originBody: CIVIL,
        transition: { policy: 'guided', until: '2099-12-31T16:00:00.000Z' },
      },
    ]);
    await t.call(PLATFORM, 'POST', `/v1/tenants/${DONGSHAN}/seals`, {
      id: 'centre-seal-3',
      body: 'convenience-centre',
      name: '行政审批专用章（三）',
      validFrom: '2026-01-01T00:00:00+08:00',
      electronic: true,
    });
    // Decided with no guidance asked at all.
    const plain = await intake(t, { matter: 'm5' });
    expect((await act(t, APPROVER, plain.caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);

    const c = await intake(t, { matter: 'm5' });
    const read = await t.call(APPROVER, 'GET', `${CASES}/${c.caseNo}`);
    expect(read.body.allowedActions).toEqual(expect.arrayContaining(['request-guidance', 'decide']));
    // API.md's guidance-review step asks the department too, and the decision does not wait for it.
    const other = await intake(t, { matter: 'm5' });
    const step = await act(t, APPROVER, other.caseNo, 'start-step', { kind: 'guidance-review' });
    expect(step.status).toBe(200);
    expect(step.body.steps.at(-1)).toMatchObject({ kind: 'guidance-review', bodies: [CIVIL] });
    expect((await act(t, APPROVER, other.caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);

    const asked = await act(t, APPROVER, c.caseNo, 'request-guidance', {
      question: '该申请人住所证明是否充分？',
    });
    expect(asked.status).toBe(200);
    expect(asked.body.guidance).toEqual([
      expect.objectContaining({ id: 'g1', body: CIVIL, question: '该申请人住所证明是否充分？' }),
    ]);
    expect(asked.body.events.at(-1)).toMatchObject({
      type: 'guidance-requested',
      requestId: 'g1',
      body: CIVIL,
    });
    // Only the department answers, and the district department reaches the sub-district case it guides.
    expect((await act(t, APPROVER, c.caseNo, 'give-guidance', { opinion: '充分' })).status).toBe(403);
    const seen = await t.call(CIVIL_APPROVER, 'GET', `${CASES}/${c.caseNo}`);
    expect(seen.body.allowedActions).toEqual(['give-guidance']);
    const given = await act(t, CIVIL_APPROVER, c.caseNo, 'give-guidance', {
      opinion: '住所证明充分，可以办理',
      requestId: 'g1',
    });
    expect(given.status).toBe(200);
    expect(given.body.guidance[0]).toMatchObject({
      opinion: '住所证明充分，可以办理',
      givenBy: 'civil-approver',
    });
    expect(given.body.events.at(-1)).toMatchObject({
      type: 'guidance-given',
      opinion: '住所证明充分，可以办理',
    });
    // The department does not decide; the centre does, here against nothing the opinion said.
    expect((await act(t, CIVIL_APPROVER, c.caseNo, 'decide', { outcome: 'approve' })).status).toBe(403);
    const decided = await act(t, APPROVER, c.caseNo, 'decide', { outcome: 'approve' });
    expect(decided.status).toBe(200);

    // Asked and never answered: the centre decides all the same.
    const waiting = await intake(t, { matter: 'm5' });
    await act(t, APPROVER, waiting.caseNo, 'request-guidance', {});
    expect((await act(t, APPROVER, waiting.caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
  });
});
