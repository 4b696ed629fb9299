import { beforeAll, describe, expect, it } from 'vitest';
import { tenantPk, writePeriods } from '../../packages/store/src';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { DONGSHAN, matter, trainStaff } from '../support/authority';
import { ADMIN, act, CLERK, intake, seedCases } from '../support/cases';
import { expectContract } from '../support/response-contract';

/**
 * A/B posts (AB角) through the API: A (clerk-a, 张丽) marks an absence; while it lasts her B
 * (clerk-b, 刘芳) decides A's on-the-spot matter under A's written authorisation, each act
 * recorded on A's behalf; at `to`, or when ended early, B can no longer. A post without a B,
 * and overlapping absences, are refused.
 */
let t: TestApp;
const SOCIAL = `${DONGSHAN}/social-affairs`;
const SOCIAL_HEAD = { sub: 'social-head', roles: ['approver'], tenant: DONGSHAN, body: SOCIAL } as const;
const CLERK_B = { sub: 'clerk-b', roles: ['window-clerk'], tenant: DONGSHAN } as const;
const CLERK_C = { sub: 'clerk-c', roles: ['window-clerk'], tenant: DONGSHAN } as const;
const STAFF = `/v1/tenants/${DONGSHAN}/staff`;
const ABSENCES_A = `${STAFF}/clerk-a/absences`;

const GRANTED = '2026-03-02T09:00:00+08:00';
const FROM = '2026-03-04T00:00:00+08:00';
const DURING = '2026-03-05T10:00:00+08:00';
const TO = '2026-03-07T00:00:00+08:00';
const AFTER = '2026-03-09T10:00:00+08:00';
const LATER_FROM = '2026-03-16T00:00:00+08:00';
const LATER_DURING = '2026-03-17T10:00:00+08:00';
const LATER_TO = '2026-03-20T00:00:00+08:00';

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  const ok = async (method: string, path: string, body?: unknown, as: object = PLATFORM) => {
    const res = await t.call(as as typeof PLATFORM, method, path, body);
    if (res.status >= 300 && res.status !== 409)
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  await ok('POST', `/v1/tenants/${DONGSHAN}/bodies`, {
    code: 'social-affairs',
    name: '东山街道社会事务办',
    kind: 'department',
  });
  await ok('POST', STAFF, {
    id: SOCIAL_HEAD.sub,
    name: '钱主任',
    roles: ['approver'],
    body: 'social-affairs',
    head: true,
  });
  // The A/B post: 张丽 (A) and 刘芳, her B; 王强 has no B.
  await ok('POST', STAFF, { id: 'clerk-a', name: '张丽', roles: ['window-clerk'] });
  await ok('POST', STAFF, { id: 'clerk-b', name: '刘芳', roles: ['window-clerk'], backupFor: 'clerk-a' });
  await ok('POST', STAFF, { id: 'clerk-c', name: '王强', roles: ['window-clerk'] });
  await ok(
    'PUT',
    '/v1/cities/nanjing/catalogue/spot',
    matter('spot', { name: '老年人优待证办理', onTheSpot: true, promisedDays: 0, statutoryDays: 0 }),
  );
  await writePeriods(t.store, [
    {
      tenant: DONGSHAN,
      matter: 'spot',
      from: '2020-01-01T00:00:00.000Z',
      body: SOCIAL,
      mode: 'transfer',
      seal: 'centre-seal',
      supervisingBody: SOCIAL,
    },
  ]);
  await trainStaff(t, DONGSHAN, ['approver-a', 'clerk-a', 'clerk-b'], ['spot']);
  // Only A holds the written authorisation (授权书) for the on-the-spot matter.
  t.setNow(GRANTED);
  await ok(
    'POST',
    `/v1/tenants/${DONGSHAN}/window-authorisations`,
    {
      staff: 'clerk-a',
      body: SOCIAL,
      matters: ['spot'],
      from: '2026-03-01T00:00:00+08:00',
      until: '2027-03-01T00:00:00+08:00',
      docNo: '东社授〔2026〕7号',
    },
    SOCIAL_HEAD,
  );
});

describe('recording an absence', () => {
  it('refuses a post without a B (409, saying so) and bad instants naming the field', async () => {
    t.setNow(GRANTED);
    const none = await t.call(CLERK_C, 'POST', `${STAFF}/clerk-c/absences`, {
      from: FROM,
      to: TO,
      reason: '病假',
    });
    expect(none.status).toBe(409);
    expect(JSON.stringify(none.body)).toContain('B角');
    const backwards = await t.call(CLERK, 'POST', ABSENCES_A, { from: TO, to: FROM, reason: '年休假' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].path).toBe('to');
    const notAnInstant = await t.call(CLERK, 'POST', ABSENCES_A, {
      from: 'tomorrow',
      to: TO,
      reason: '年休假',
    });
    expect(notAnInstant.status).toBe(400);
    expect(notAnInstant.body.errors[0].path).toBe('from');
  });

  it("is A's own or the administrator's: B may not mark A absent", async () => {
    t.setNow(GRANTED);
    const res = await t.call(CLERK_B, 'POST', ABSENCES_A, { from: FROM, to: TO, reason: '年休假' });
    expect(res.status).toBe(403);
  });

  it('records A’s absence once per Idempotency-Key, and refuses an overlapping one', async () => {
    t.setNow(GRANTED);
    const body = { from: FROM, to: TO, reason: '年休假' };
    const key = { 'idempotency-key': 'absence-clerk-a-1' };
    const res = await t.call(CLERK, 'POST', ABSENCES_A, body, key);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      staff: 'clerk-a',
      backup: 'clerk-b',
      from: new Date(FROM).toISOString(),
      to: new Date(TO).toISOString(),
      by: 'clerk-a',
    });
    expectContract('POST', ABSENCES_A, res);
    const again = await t.call(CLERK, 'POST', ABSENCES_A, body, key);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(res.body.id);
    const overlap = await t.call(ADMIN, 'POST', ABSENCES_A, {
      from: '2026-03-06T00:00:00+08:00',
      to: '2026-03-08T00:00:00+08:00',
      reason: '出差',
    });
    expect(overlap.status).toBe(409);
    const list = await t.call(CLERK, 'GET', ABSENCES_A);
    expect(list.status).toBe(200);
    expectContract('GET', ABSENCES_A, list);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ staffName: '张丽', backupName: '刘芳' });
  });
});

describe('B covering while A is absent', () => {
  it('has B alone refused A’s on-the-spot matter before the absence', async () => {
    t.setNow(GRANTED);
    const c = await intake(t, { matter: 'spot' });
    expect((await act(t, CLERK_B, c.caseNo, 'decide', { outcome: 'approve' })).status).toBe(403);
  });

  it("lets B decide under A's authorisation meanwhile, every event and the audit record on A's behalf", async () => {
    t.setNow(DURING);
    const now = await t.call(CLERK_B, 'GET', `/v1/tenants/${DONGSHAN}/absences`);
    expect(now.status).toBe(200);
    expectContract('GET', `/v1/tenants/${DONGSHAN}/absences`, now);
    expect(now.body.current).toHaveLength(1);
    expect(now.body.current[0]).toMatchObject({ staff: 'clerk-a', staffName: '张丽', backupName: '刘芳' });
    // The workbench says who is absent and who covers.
    const work = await t.call(CLERK_B, 'GET', `/v1/tenants/${DONGSHAN}/workbench`);
    expect(work.body.absent?.[0]).toMatchObject({ staff: 'clerk-a', backup: 'clerk-b' });
    expectContract('GET', `/v1/tenants/${DONGSHAN}/workbench`, work);

    const c = await intake(t, { matter: 'spot' });
    const decided = await act(t, CLERK_B, c.caseNo, 'decide', { outcome: 'approve' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.decision.authorisation).toMatchObject({ docNo: '东社授〔2026〕7号' });
    // The contract documents the event's `onBehalfOf`.
    expectContract('POST', `/v1/tenants/${DONGSHAN}/cases/${c.caseNo}/decide`, decided);
    const event = decided.body.events.find((e: { type: string }) => e.type === 'decided');
    expect(event).toMatchObject({ actor: 'clerk-b', onBehalfOf: 'clerk-a' });
    // The intake, by another clerk, is no one's cover.
    expect(decided.body.events[0].onBehalfOf).toBeUndefined();
    const audit = await t.store.queryPrefix<{
      action: string;
      actor: string;
      onBehalfOf?: string;
      target: string;
    }>(tenantPk(DONGSHAN), 'AUDIT#');
    expect(audit.find((a) => a.action === 'case.decide' && a.target.endsWith(c.caseNo))).toMatchObject({
      actor: 'clerk-b',
      onBehalfOf: 'clerk-a',
    });
  });

  it('ends by itself at `to`: after it B is refused again', async () => {
    t.setNow(AFTER);
    const now = await t.call(CLERK_B, 'GET', `/v1/tenants/${DONGSHAN}/absences`);
    expect(now.body.current).toHaveLength(0);
    const c = await intake(t, { matter: 'spot' });
    expect((await act(t, CLERK_B, c.caseNo, 'decide', { outcome: 'approve' })).status).toBe(403);
    // A, back, decides under her own authorisation, on no one's behalf.
    const own = await act(t, CLERK, c.caseNo, 'decide', { outcome: 'approve' });
    expect(own.status).toBe(200);
    expect(own.body.events.at(-1).onBehalfOf).toBeUndefined();
  });

  it('can be ended early by the administrator; after that B is refused, and it cannot be ended twice', async () => {
    t.setNow(AFTER);
    const res = await t.call(ADMIN, 'POST', ABSENCES_A, { from: LATER_FROM, to: LATER_TO, reason: '培训' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const coming = await t.call(ADMIN, 'GET', `/v1/tenants/${DONGSHAN}/absences`);
    expect(coming.body.coming.map((a: { id: string }) => a.id)).toContain(res.body.id);
    t.setNow(LATER_DURING);
    const during = await intake(t, { matter: 'spot' });
    const end = `${ABSENCES_A}/${res.body.id}/end`;
    expect((await t.call(CLERK_B, 'POST', end)).status).toBe(403);
    const ended = await t.call(ADMIN, 'POST', end);
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expectContract('POST', end, ended);
    expect(ended.body).toMatchObject({ endedBy: 'admin-a', endedAt: new Date(LATER_DURING).toISOString() });
    expect((await act(t, CLERK_B, during.caseNo, 'decide', { outcome: 'approve' })).status).toBe(403);
    expect((await t.call(ADMIN, 'POST', end)).status).toBe(409);
    expect((await t.call(ADMIN, 'POST', `${ABSENCES_A}/nope/end`)).status).toBe(404);
  });
});
