import { beforeAll, describe, expect, it } from 'vitest';
import type { DevClaims } from '../../packages/local/src/issuer';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { DONGSHAN, matter } from '../support/authority';
import { APPROVER, act, CENTRE, CLERK, HEAD, intake, seedCases } from '../support/cases';

/** The 审核 level's approver: another person of the centre. */
const REVIEWER: DevClaims = { sub: 'approver-b', roles: ['approver'], tenant: DONGSHAN, body: CENTRE };
const THREE = [{ kind: 'undertake' }, { kind: 'review' }, { kind: 'sign', head: true }];

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  const staff = { id: REVIEWER.sub, name: '孙审核', roles: ['approver'], body: 'convenience-centre' };
  expect((await t.call(PLATFORM, 'POST', `/v1/tenants/${DONGSHAN}/staff`, staff)).status).toBe(201);
  // The city's default for m4: three levels, the sign-off the head's (R16).
  const put = await t.call(PLATFORM, 'PUT', '/v1/cities/nanjing/catalogue/m4', {
    ...matter('m4'),
    approvalLevels: THREE,
  });
  expect(put.status).toBe(200);
});

const allowed = async (as: DevClaims, caseNo: string): Promise<string[]> =>
  (await t.call(as, 'GET', `/v1/tenants/${DONGSHAN}/cases/${caseNo}`)).body.allowedActions;

describe('approval levels through the API (R16)', () => {
  it('takes a case through 承办, 审核 and the head’s 签发 with a send-back, keeping every opinion on the result', async () => {
    const { caseNo } = await intake(t, { matter: 'm4' });
    const view = await t.call(APPROVER, 'GET', `/v1/tenants/${DONGSHAN}/cases/${caseNo}`);
    expect(view.body.levels).toEqual(THREE);
    expect(view.body.allowedActions).toContain('opinion');
    expect(view.body.allowedActions).not.toContain('decide');
    expect(await allowed(HEAD, caseNo)).not.toContain('decide');

    expect((await act(t, APPROVER, caseNo, 'opinion', { opinion: '拟同意', outcome: 'pass' })).status).toBe(
      200,
    );
    // Nobody signs two levels; 审核 is another person's.
    const twice = await act(t, APPROVER, caseNo, 'opinion', { opinion: '同意', outcome: 'pass' });
    expect(twice.status).toBe(403);
    expect(twice.headers.get('content-type')).toContain('application/problem+json');
    expect(await allowed(APPROVER, caseNo)).not.toContain('opinion');
    // The queue's row says which level waits and who signed below it, so 承办's officer can leave it out.
    const queue = await t.call(APPROVER, 'GET', `/v1/tenants/${DONGSHAN}/cases?body=${CENTRE}&open=true`);
    expect(queue.body.items.find((r: { caseNo: string }) => r.caseNo === caseNo).level).toEqual({
      kind: 'review',
      signedBy: [APPROVER.sub],
    });
    expect((await act(t, REVIEWER, caseNo, 'opinion', { opinion: '审核同意', outcome: 'pass' })).status).toBe(
      200,
    );

    // The sign-off is the head's: an approver neither decides nor sends back.
    expect((await act(t, APPROVER, caseNo, 'decide', { outcome: 'approve' })).status).toBe(403);
    expect(await allowed(HEAD, caseNo)).toEqual(expect.arrayContaining(['opinion', 'decide']));
    const returned = await act(t, HEAD, caseNo, 'opinion', { opinion: '请复核场地证明', outcome: 'return' });
    expect(returned.status).toBe(200);
    expect(returned.body.opinions.map((o: { kind: string }) => o.kind)).toEqual(['undertake']);
    expect((await act(t, HEAD, caseNo, 'decide', { outcome: 'approve' })).status).toBe(409);
    expect(
      (await act(t, REVIEWER, caseNo, 'opinion', { opinion: '已复核，同意', outcome: 'pass' })).status,
    ).toBe(200);

    const decided = await act(t, HEAD, caseNo, 'decide', { outcome: 'approve', opinion: '同意' });
    expect(decided.status).toBe(200);
    expect(decided.body.decision.opinions.map((o: { by: string }) => o.by)).toEqual([
      APPROVER.sub,
      REVIEWER.sub,
      HEAD.sub,
    ]);
    const issued = await act(t, CLERK, caseNo, 'issue', { delivery: 'window' });
    expect(issued.status).toBe(200);
    expect(
      issued.body.result.approvals.map((o: { kind: string; opinion: string }) => [o.kind, o.opinion]),
    ).toEqual([
      ['undertake', '拟同意'],
      ['review', '已复核，同意'],
      ['sign', '同意'],
    ]);
    const events = (await t.call(APPROVER, 'GET', `/v1/tenants/${DONGSHAN}/cases/${caseNo}`)).body.events;
    expect(events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['level-passed', 'level-returned', 'decided']),
    );
    const page = await t.call(CLERK, 'GET', `/v1/tenants/${DONGSHAN}/cases/${caseNo}/result.html`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('审批记录');
    expect(page.body).toContain('孙审核');
    expect(page.body).toContain('已复核，同意');
  });

  it('lets the tenant set its own levels over the city default, and refuses a bad list naming the field', async () => {
    const bad = await t.call(PLATFORM, 'PUT', `/v1/tenants/${DONGSHAN}/matters/m5/settings`, {
      approvalLevels: [{ kind: 'undertake' }, { kind: 'review' }],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('approvalLevels');
    const set = await t.call(PLATFORM, 'PUT', `/v1/tenants/${DONGSHAN}/matters/m5/settings`, {
      approvalLevels: [{ kind: 'undertake' }, { kind: 'sign' }],
    });
    expect(set.status).toBe(200);
    expect(set.body.approvalLevels).toHaveLength(2);
    const { caseNo } = await intake(t, { matter: 'm5' });
    const view = await t.call(APPROVER, 'GET', `/v1/tenants/${DONGSHAN}/cases/${caseNo}`);
    expect(view.body.levels).toEqual([{ kind: 'undertake' }, { kind: 'sign' }]);
    // A one-level matter is decided as before, and has no `opinion` to give.
    const plain = await intake(t, { matter: 'm1' });
    expect(await allowed(APPROVER, plain.caseNo)).toContain('decide');
    expect(await allowed(APPROVER, plain.caseNo)).not.toContain('opinion');
  });
});
