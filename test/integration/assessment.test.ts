import { beforeAll, describe, expect, it } from 'vitest';
import { xlsxCodec } from '../../packages/api/src/xlsx';
import type { DevClaims } from '../../packages/local/src/issuer';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { ADMIN, APPROVER, act, CLERK, INSPECTOR, intake, seedCases } from '../support/cases';
import { clockAt } from '../support/clock';

/**
 * The monthly assessment through the API over DynamoDB Local and the real clock handler: the
 * figures every case command and every card kept in its own transaction, per window and staff
 * member, the .xlsx, the city's ranking, and a report whose DynamoDB requests do not grow with
 * the number of cases.
 */
let t: TestApp;
const REPORT = `/v1/tenants/${DONGSHAN}/assessment`;
const CITY_ADMIN: DevClaims = { sub: 'nanjing-admin', roles: ['city-admin'], city: 'nanjing' };
const tickAt = clockAt(() => t);
let requests = 0;

async function at<T>(when: string, run: () => Promise<T>): Promise<T> {
  t.setNow(when);
  try {
    return await run();
  } finally {
    t.setNow(undefined);
  }
}

let onTime: { caseNo: string; queryCode: string };
let late: { caseNo: string };

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  t.store.client.middlewareStack.add(
    (next) => async (args) => {
      requests += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  // May 2026: one case decided in two working days at window A01, rated 非常满意; one left to
  // run past its limit at window A02 (the clock raises its cards) and decided in June; one
  // rejected at intake.
  onTime = await at('2026-05-06T10:00:00+08:00', () => intake(t, { window: 'A01' }));
  await at('2026-05-08T10:00:00+08:00', async () => {
    expect((await act(t, APPROVER, onTime.caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
  });
  await at('2026-05-09T10:00:00+08:00', async () => {
    const rated = await t.call(undefined, 'POST', `/v1/public/cases/${onTime.caseNo}/rating`, {
      code: onTime.queryCode,
      level: 5,
    });
    expect(rated.status).toBe(200);
  });
  late = await at('2026-05-06T11:00:00+08:00', () => intake(t, { window: 'A02' }));
  await at('2026-05-07T10:00:00+08:00', async () => {
    const deferred = await intake(t, { defer: true });
    expect((await act(t, CLERK, deferred.caseNo, 'reject', { reason: '不属于本中心受理范围' })).status).toBe(
      200,
    );
  });
  // The clock's visits: cards raised in May and in June, each counted in the month it was raised.
  for (const d of ['2026-05-15', '2026-05-26', '2026-06-03', '2026-06-10'])
    await tickAt(`${d}T00:05:00+08:00`);
  await at('2026-06-11T10:00:00+08:00', async () => {
    const decided = await act(t, APPROVER, late.caseNo, 'decide', { outcome: 'deny', reasons: '不符合条件' });
    expect(decided.status).toBe(200);
  });
});

/** The cards the tenant holds, raised in `month`, by colour: what the counters must agree with. */
async function cardsRaisedIn(month: string) {
  const items = (await t.call(INSPECTOR, 'GET', `/v1/tenants/${DONGSHAN}/cards`)).body.items as {
    colour: 'yellow' | 'red';
    raisedAt: string;
    caseNo: string;
  }[];
  const shanghaiMonth = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 7);
  const inMonth = items.filter((c) => shanghaiMonth(c.raisedAt) === month);
  return {
    yellow: inMonth.filter((c) => c.colour === 'yellow').length,
    red: inMonth.filter((c) => c.colour === 'red').length,
  };
}

describe('the monthly assessment (月度考核)', () => {
  it("counts the tenant's month, per window and staff member, with its cards and 满意率", async () => {
    const res = await t.call(INSPECTOR, 'GET', `${REPORT}?month=2026-05`);
    expect(res.status).toBe(200);
    const { totals, windows, staff } = res.body;
    expect(totals).toMatchObject({
      received: 3,
      accepted: 2,
      rejected: 1,
      decided: 1,
      approved: 1,
      onTime: 1,
      onTimeRate: 1,
      averageDays: 2,
    });
    expect(totals.ratings).toMatchObject({ rated: 1, satisfaction: 1 });
    const cards = await cardsRaisedIn('2026-05');
    expect(cards.yellow + cards.red).toBeGreaterThan(0);
    expect({ yellow: totals.cards.yellow, red: totals.cards.red }).toEqual(cards);
    expect(totals.cards.byTrigger.promised).toBeDefined();
    const byId = (rows: { id: string }[], id: string) => rows.find((r) => r.id === id);
    expect(byId(windows, 'A01')).toMatchObject({ received: 1, decided: 1, onTime: 1 });
    expect(byId(windows, 'A02')).toMatchObject({ received: 1, decided: 0 });
    expect(byId(staff, CLERK.sub)).toMatchObject({ received: 3, rejected: 1 });
    expect(byId(staff, APPROVER.sub)).toMatchObject({ decided: 1, approved: 1 });
  });

  it('counts the late decision in June, and the cards raised in June there', async () => {
    const { body } = await t.call(ADMIN, 'GET', `${REPORT}?month=2026-06`);
    expect(body.totals).toMatchObject({ received: 0, decided: 1, denied: 1, onTime: 0, onTimeRate: 0 });
    expect(body.totals.averageDays).toBeGreaterThan(10);
    const cards = await cardsRaisedIn('2026-06');
    expect({ yellow: body.totals.cards.yellow, red: body.totals.cards.red }).toEqual(cards);
  });

  it('exports the month as .xlsx, a row per tenant, body, window, staff member and matter', async () => {
    const res = await t.app.request(`${REPORT}?month=2026-05&format=xlsx`, {
      headers: { authorization: `Bearer ${await t.token(ADMIN)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const rows = await xlsxCodec.read(new Uint8Array(await res.arrayBuffer()));
    expect(rows[0]?.slice(0, 4)).toEqual(['维度 dimension', '编码 id', '名称 name', '收件 received']);
    const a01 = rows.find((r) => r[0] === '窗口 window' && r[1] === 'A01');
    expect(a01?.[3]).toBe(1);
    expect(rows.find((r) => r[0] === '全租户 tenant')?.[3]).toBe(3);
  });

  it("ranks the city's tenants, the one with figures first", async () => {
    const res = await t.call(CITY_ADMIN, 'GET', '/v1/cities/nanjing/assessment?month=2026-05');
    expect(res.status).toBe(200);
    const [first, ...rest] = res.body.ranking;
    expect(first).toMatchObject({ id: DONGSHAN, rank: 1, received: 3 });
    // On time and satisfied in full (100), less 2 points a red card and 1 a yellow one of the month.
    expect(first.score).toBe(Math.max(0, 100 - 2 * first.cards.red - first.cards.yellow));
    for (const r of rest) expect(r.score).toBeNull();
  });

  it('names the field of a bad month, and keeps the report to other tenants and clerks closed', async () => {
    const bad = await t.call(ADMIN, 'GET', `${REPORT}?month=2026-13`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('month');
    expect((await t.call(CLERK, 'GET', `${REPORT}?month=2026-05`)).status).toBe(403);
  });

  it('reads the same number of DynamoDB requests with 3 cases in the month or 13', async () => {
    const count = async () => {
      const before = requests;
      expect((await t.call(ADMIN, 'GET', `${REPORT}?month=2026-05`)).status).toBe(200);
      return requests - before;
    };
    const few = await count();
    for (let i = 0; i < 10; i++) await at('2026-05-20T10:00:00+08:00', () => intake(t, { window: 'A03' }));
    const many = await count();
    expect(many).toBe(few);
    const { body } = await t.call(ADMIN, 'GET', `${REPORT}?month=2026-05`);
    expect(body.totals.received).toBe(13);
  });
});
