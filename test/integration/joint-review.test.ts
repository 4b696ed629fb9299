import { beforeAll, describe, expect, it } from 'vitest';
import type { DevClaims } from '../../packages/local/src/issuer';
import { type TestApp, testApp } from '../support/app';
import {
  APPROVER,
  act,
  CASES,
  CIVIL,
  CIVIL_APPROVER,
  CLERK,
  intake,
  intakeBody,
  seedCases,
} from '../support/cases';

/** A second participating department of the district. */
const MARKET = 'nanjing.jiangning/market';
const MARKET_APPROVER: DevClaims = {
  sub: 'market-approver',
  roles: ['approver'],
  tenant: 'nanjing.jiangning',
  body: MARKET,
};

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
});

/** A case of the centre (the lead) under joint review with civil affairs and the market department. */
async function jointCase(): Promise<string> {
  const { caseNo } = await intake(t, { matter: 'm4' });
  const started = await act(t, APPROVER, caseNo, 'start-step', {
    kind: 'joint-review',
    bodies: [CIVIL, MARKET],
  });
  expect(started.status).toBe(200);
  expect(started.body.steps[0]).toMatchObject({ kind: 'joint-review', bodies: [CIVIL, MARKET], joint: true });
  return caseNo;
}
const sign = (opinion: string, outcome = 'agree') => ({ stepId: 's1', opinion, outcome });

describe('joint review with countersignatures through the API (会签)', () => {
  it('holds the decision until every participating body has countersigned', async () => {
    const caseNo = await jointCase();
    // The participants reach the case while the review runs, and are offered the countersignature.
    const view = await t.call(CIVIL_APPROVER, 'GET', `${CASES}/${caseNo}`);
    expect(view.status).toBe(200);
    expect(view.body.allowedActions).toContain('countersign');
    // The lead does not countersign its own review.
    expect((await act(t, APPROVER, caseNo, 'countersign', sign('同意'))).status).toBe(403);

    const signed = await act(t, CIVIL_APPROVER, caseNo, 'countersign', sign('符合民政要求'));
    expect(signed.status).toBe(200);
    expect(signed.body.steps[0].countersigns).toMatchObject([
      { body: CIVIL, by: CIVIL_APPROVER.sub, opinion: '符合民政要求', outcome: 'agree' },
    ]);
    expect((await act(t, CIVIL_APPROVER, caseNo, 'countersign', sign('再次同意'))).status).toBe(409);

    const held = await act(t, APPROVER, caseNo, 'decide', { outcome: 'approve' });
    expect(held.status).toBe(409);
    expect(held.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(held.body)).toContain(MARKET);

    const last = await act(
      t,
      MARKET_APPROVER,
      caseNo,
      'countersign',
      sign('不同意：缺少消防意见', 'disagree'),
    );
    expect(last.status).toBe(200);
    expect(last.body.steps[0]).toMatchObject({ outcome: 'fail', finishedAt: expect.any(String) });
    // The finished review gives the participants no more reach.
    expect((await t.call(MARKET_APPROVER, 'GET', `${CASES}/${caseNo}`)).status).toBe(404);
    expect(
      (await act(t, APPROVER, caseNo, 'decide', { outcome: 'deny', reasons: '消防不符合要求' })).status,
    ).toBe(200);
  });

  it('lets the lead body decide without the missing countersignatures, recorded with its reason', async () => {
    const caseNo = await jointCase();
    const body = { stepId: 's1', reason: '重点项目，市场监管部门逾期未会签' };
    expect((await act(t, CIVIL_APPROVER, caseNo, 'countersign-override', body)).status).toBe(403);
    const bad = await act(t, APPROVER, caseNo, 'countersign-override', { stepId: 's1' });
    expect(bad.status).toBe(400);
    const done = await act(t, APPROVER, caseNo, 'countersign-override', body);
    expect(done.status).toBe(200);
    expect(done.body.steps[0].override).toMatchObject({
      by: APPROVER.sub,
      reason: body.reason,
      pending: [CIVIL, MARKET],
    });
    expect((await act(t, APPROVER, caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
  });

  it('lists green-channel cases first among the open cases, flagged on their rows (绿色通道)', async () => {
    await intake(t, { matter: 'm4' });
    const green = await intake(t, { matter: 'm4', greenChannel: { reason: '市级重点项目' } });
    const bad = await t.call(CLERK, 'POST', CASES, intakeBody({ greenChannel: { reason: '' } }));
    expect(bad.status).toBe(400);
    const page = await t.call(APPROVER, 'GET', `${CASES}?open=true`);
    expect(page.status).toBe(200);
    expect(page.body.items[0]).toMatchObject({
      caseNo: green.caseNo,
      greenChannel: { reason: '市级重点项目' },
    });
  });
});
