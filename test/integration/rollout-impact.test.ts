import { beforeAll, describe, expect, it } from 'vitest';
import { composeUscc } from '../../packages/domain/src';
import { writePeriods } from '../../packages/store/src';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { DONGSHAN, matter, rolloutBody } from '../support/authority';
import { act, CASES, CENTRE, CIVIL, CLERK, intakeBody, seedCases } from '../support/cases';

/**
 * The impact preview through the API: the month counters the real intakes wrote, replayed
 * against the map after the move. Dongshan holds m1…m6 through Jiangning civil affairs; the
 * rollout moves m1 and m2 to Dongshan's centre on 1 July 2026, previewed mid-June.
 */
const CITY_ADMIN = { sub: 'nj-admin', roles: ['city-admin'], city: 'nanjing' };
const CLERK_B = { ...CLERK, sub: 'clerk-b' };
const TODAY = '2026-06-15T10:00:00+08:00';
const IMPACT = '/v1/cities/nanjing/rollouts/impact-batch/impact';

let t: TestApp;
const take = async (as: typeof CLERK, at: string, matter: string) => {
  t.setNow(at);
  const res = await t.call(as, 'POST', CASES, intakeBody({ matter }));
  if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { caseNo: string };
};

beforeAll(async () => {
  t = await testApp();
  await seedCases(t, { body: CIVIL, seal: 'civil-seal', supervisingBody: CIVIL });
  await t.call(PLATFORM, 'POST', `/v1/tenants/${DONGSHAN}/staff`, {
    id: 'clerk-b',
    name: '王芳',
    roles: ['window-clerk'],
  });
  // March: four of m1 at clerk A's window; April: two at clerk B's; May: three of m2 at A's.
  for (const day of ['02', '03', '04', '05']) await take(CLERK, `2026-03-${day}T10:00:00+08:00`, 'm1');
  for (const day of ['08', '09']) await take(CLERK_B, `2026-04-${day}T10:00:00+08:00`, 'm1');
  const withdrawn = await take(CLERK, '2026-05-06T10:00:00+08:00', 'm2');
  for (const day of ['07', '08']) await take(CLERK, `2026-05-${day}T10:00:00+08:00`, 'm2');
  // Neither counts: m3 does not move, and June is not over.
  await take(CLERK, '2026-05-11T10:00:00+08:00', 'm3');
  await take(CLERK_B, '2026-06-01T10:00:00+08:00', 'm1');
  t.setNow('2026-05-12T10:00:00+08:00');
  expect((await act(t, CLERK, withdrawn.caseNo, 'withdraw', { reason: '申请人撤回' })).status).toBe(200);

  t.setNow(TODAY);
  const created = await t.call(
    CITY_ADMIN,
    'POST',
    '/v1/cities/nanjing/rollouts',
    rolloutBody('impact-batch', ['m1', 'm2'], '2026-07-01T00:00:00+08:00'),
  );
  expect(created.status).toBe(201);
  t.setNow(undefined);
});

describe('the impact of a rollout before it happens', () => {
  it('replays the counted months: the cases the intakes made, per month, tenant and clerk', async () => {
    t.setNow(TODAY);
    const res = await t.call(CITY_ADMIN, 'POST', `${IMPACT}?months=3`);
    t.setNow(undefined);
    expect(res.status).toBe(200);
    expect(res.body.months).toEqual(['2026-03', '2026-04', '2026-05']);
    expect(res.body.monthly).toEqual([
      { month: '2026-03', received: 4, accepted: 4 },
      { month: '2026-04', received: 2, accepted: 2 },
      { month: '2026-05', received: 3, accepted: 3 },
    ]);
    expect(res.body.expectedMonthly).toBe(3);
    expect(res.body.origins).toEqual([{ body: CIVIL, expectedMonthly: 3 }]);
    const [dongshan] = res.body.tenants;
    expect(dongshan).toMatchObject({
      tenant: DONGSHAN,
      implementingBodies: [CENTRE],
      expectedMonthly: { received: 3, accepted: 3 },
      clerks: [
        { clerk: 'clerk-a', name: '张丽', total: 7, expectedMonthly: 2.3 },
        { clerk: 'clerk-b', name: '王芳', total: 2, expectedMonthly: 0.7 },
      ],
      seal: { id: 'centre-seal', status: 'ready' },
      // The centre's approver and its head (seedCases gives the centre a head, art. 42).
      staff: { approvers: 2, approversNeeded: 0, windowClerks: 2, windowClerksNeeded: 0 },
      // A concentration keeps civil affairs as the supervisor: no route changes.
      supervisionChanges: [],
    });
    expect(
      dongshan.matters.map(
        (m: { matter: string; before: string; after: string; expectedMonthly: number }) => [
          m.matter,
          m.before,
          m.after,
          m.expectedMonthly,
        ],
      ),
    ).toEqual([
      ['m1', CIVIL, CENTRE, 2],
      ['m2', CIVIL, CENTRE, 1],
    ]);
  });

  it('counts the open cases that stay with civil affairs (R2), the withdrawn one not among them', async () => {
    t.setNow(TODAY);
    const res = await t.call(CITY_ADMIN, 'POST', `${IMPACT}?months=3`);
    t.setNow(undefined);
    // m1: 4 + 2 + June's 1; m2: 3 less the withdrawn one.
    expect(res.body.tenants[0].pendingCasesStaying).toBe(9);
    expect(res.body.tenants[0].matters.map((m: { pendingStaying: number }) => m.pendingStaying)).toEqual([
      7, 2,
    ]);
  });

  it('replays twelve months unless told otherwise', async () => {
    t.setNow(TODAY);
    const res = await t.call(CITY_ADMIN, 'POST', IMPACT);
    t.setNow(undefined);
    expect(res.body.months).toHaveLength(12);
    expect(res.body.months.at(-1)).toBe('2026-05');
    expect(res.body.expectedMonthly).toBe(0.8);
  });

  it('refuses a window it cannot replay, naming months', async () => {
    for (const months of ['0', '37', 'twelve', '1.5']) {
      const res = await t.call(CITY_ADMIN, 'POST', `${IMPACT}?months=${months}`);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['months']);
    }
    expect((await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/none/impact')).status).toBe(404);
  });
});

describe('implementation codes in the impact', () => {
  const HOUSING = composeUscc({ authority: '1', category: '1', division: '320115', orgBody: 'MB001234' });
  const CENTRE_X = composeUscc({ authority: '1', category: '1', division: '320115', orgBody: 'MB005678' });
  const BASIC = '320100101000';

  it('names the code each matter leaves and the code it takes (R15): the holder’s USCC, its level, the basic code', async () => {
    const admin = (path: string, body: object) => t.call(PLATFORM, 'POST', path, body);
    expect(
      (
        await admin('/v1/tenants/nanjing.jiangning/bodies', {
          code: 'housing-x',
          name: '江宁区住建局',
          kind: 'department',
          uscc: HOUSING,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await admin(`/v1/tenants/${DONGSHAN}/bodies`, {
          code: 'centre-x',
          name: '东山便民服务中心（二）',
          kind: 'service-centre',
          uscc: CENTRE_X,
        })
      ).status,
    ).toBe(201);
    await admin(`/v1/tenants/${DONGSHAN}/seals`, {
      id: 'centre-x-seal',
      body: 'centre-x',
      name: '审批专用章',
      validFrom: '2020-01-01T00:00:00+08:00',
      electronic: true,
    });
    await admin(`/v1/tenants/${DONGSHAN}/staff`, {
      id: 'approver-x',
      name: '周敏',
      roles: ['approver'],
      body: 'centre-x',
    });
    expect(
      (await t.call(PLATFORM, 'PUT', '/v1/cities/nanjing/catalogue/m5', matter('m5', { basicCode: BASIC })))
        .status,
    ).toBeLessThan(300);
    await writePeriods(t.store, [
      {
        tenant: DONGSHAN,
        matter: 'm5',
        from: '2020-01-01T00:00:00.000Z',
        body: 'nanjing.jiangning/housing-x',
        mode: 'transfer',
        seal: 'housing-seal',
        supervisingBody: 'nanjing.jiangning/housing-x',
      },
    ]);
    t.setNow(TODAY);
    const created = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts', {
      ...rolloutBody('codes-batch', ['m5'], '2026-07-01T00:00:00+08:00'),
      from: 'nanjing.jiangning/housing-x',
      to: 'centre-x',
      seal: 'centre-x-seal',
    });
    expect(created.status).toBe(201);
    const res = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/codes-batch/impact?months=3');
    t.setNow(undefined);
    // The district bureau acts at county level (4), the sub-district centre at township level (5).
    expect(res.body.tenants[0].codeChanges).toEqual([
      { matter: 'm5', oldCode: `${HOUSING}4${BASIC}`, newCode: `${CENTRE_X}5${BASIC}` },
    ]);
  });
});
