import { beforeAll, describe, expect, it } from 'vitest';
import { writePeriods } from '../../packages/store/src';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { DONGSHAN, matter, rolloutBody, trainStaff } from '../support/authority';
import { ADMIN, APPROVER, act, CENTRE, CLERK, HEAD, intake, seedCases } from '../support/cases';

/**
 * R16 (seed 004) through the API: a department's head grants a chief representative a written
 * authorisation (授权书); within its validity the officer decides the department's on-the-spot
 * matter at the window; a rollout moving the matter out of the department ends it at that
 * instant, with no one editing the grant; the register and the letter print.
 */
let t: TestApp;
const SOCIAL = `${DONGSHAN}/social-affairs`;
const SOCIAL_HEAD = { sub: 'social-head', roles: ['approver'], tenant: DONGSHAN, body: SOCIAL } as const;
const BASE = `/v1/tenants/${DONGSHAN}/window-authorisations`;
const GRANTED = '2026-03-02T09:00:00+08:00';
const BEFORE = '2026-03-05T10:00:00+08:00';
const MOVE = '2026-03-10T00:00:00+08:00';
const AFTER = '2026-03-11T10:00:00+08:00';
const letter = {
  staff: 'clerk-a',
  body: SOCIAL,
  matters: ['spot'],
  from: '2026-03-01T00:00:00+08:00',
  until: '2027-03-01T00:00:00+08:00',
  docNo: '东社授〔2026〕1号',
};

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await t.call(PLATFORM, method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  // Dongshan's social affairs office (社会事务办) holds an on-the-spot matter; its head grants.
  await ok('POST', `/v1/tenants/${DONGSHAN}/bodies`, {
    code: 'social-affairs',
    name: '东山街道社会事务办',
    kind: 'department',
  });
  await ok('POST', `/v1/tenants/${DONGSHAN}/staff`, {
    id: SOCIAL_HEAD.sub,
    name: '钱主任',
    roles: ['approver'],
    body: 'social-affairs',
    head: true,
  });
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
  await trainStaff(t, DONGSHAN, ['approver-a', 'clerk-a'], ['spot']);
});

describe('granting the written authorisation', () => {
  it('is the department head’s: another approver, or an administrator naming no head, is refused', async () => {
    t.setNow(GRANTED);
    expect((await t.call(APPROVER, 'POST', BASE, letter)).status).toBe(403);
    // The centre's head is a head, but not of social affairs.
    expect((await t.call(HEAD, 'POST', BASE, letter)).status).toBe(403);
    const unnamed = await t.call(ADMIN, 'POST', BASE, { ...letter, docNo: '东社授〔2026〕0号' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors[0].path).toBe('grantedBy');
  });

  it('refuses a matter the department does not hold, naming the field', async () => {
    const res = await t.call(SOCIAL_HEAD, 'POST', BASE, { ...letter, matters: ['spot', 'm1'] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('matters');
    expect(JSON.stringify(res.body)).toContain('m1');
  });

  it('takes the head’s grant, once per 文号', async () => {
    t.setNow(GRANTED);
    const res = await t.call(SOCIAL_HEAD, 'POST', BASE, letter);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      ...letter,
      from: new Date(letter.from).toISOString(),
      until: new Date(letter.until).toISOString(),
      grantedBy: 'social-head',
      recordedBy: 'social-head',
    });
    const again = await t.call(SOCIAL_HEAD, 'POST', BASE, letter);
    expect(again.status).toBe(409);
  });

  it("takes an administrator's record of the head's letter, the head named as grantor and the department the head's own", async () => {
    t.setNow(GRANTED);
    const { body: _department, ...withoutBody } = letter;
    const res = await t.call(ADMIN, 'POST', BASE, {
      ...withoutBody,
      docNo: '东社授〔2026〕2号',
      grantedBy: SOCIAL_HEAD.sub,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ body: SOCIAL, grantedBy: 'social-head', recordedBy: 'admin-a' });
  });
});

describe('deciding under it, until a rollout moves the matter away', () => {
  it('lets the officer decide on the spot within the validity, recording the letter on the decision', async () => {
    t.setNow(BEFORE);
    const c = await intake(t, { matter: 'spot' });
    const decided = await act(t, CLERK, c.caseNo, 'decide', { outcome: 'approve' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    // Two letters of social affairs name the matter (the head's and the one recorded for the head): either.
    const docNo = expect.stringMatching(/^东社授〔2026〕[12]号$/);
    expect(decided.body.decision.authorisation).toMatchObject({ docNo, body: SOCIAL });
    // The answer carries the timeline: the decided event names the letter too.
    const event = decided.body.events.find((e: { type: string }) => e.type === 'decided');
    expect(event.authorisation).toEqual(decided.body.decision.authorisation);
  });

  it('lapses the instant the rollout moves the matter: a case bound to the department before it is refused after', async () => {
    t.setNow(BEFORE);
    const pending = await intake(t, { matter: 'spot' });
    const CITY_ADMIN = { sub: 'nanjing-admin', roles: ['city-admin'], city: 'nanjing' } as const;
    const create = await t.call(
      CITY_ADMIN,
      'POST',
      '/v1/cities/nanjing/rollouts',
      rolloutBody('spot-move', ['spot'], new Date(MOVE).toISOString(), { from: SOCIAL }),
    );
    expect(create.status, JSON.stringify(create.body)).toBe(201);
    const scheduled = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/spot-move/schedule');
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    await t.services.rollouts.apply('nanjing', 'spot-move', { now: new Date(MOVE).toISOString() });
    t.setNow(AFTER);
    // Bound to social affairs at acceptance, but the timeline no longer gives it the matter now.
    const late = await act(t, CLERK, pending.caseNo, 'decide', { outcome: 'approve' });
    expect(late.status).toBe(403);
    // A new case is bound to the centre, which never authorised the officer.
    const fresh = await intake(t, { matter: 'spot' });
    expect((await act(t, CLERK, fresh.caseNo, 'decide', { outcome: 'approve' })).status).toBe(403);
    expect((await act(t, APPROVER, fresh.caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
    // The grant itself is untouched; its standing says why it ended.
    const list = await t.call(ADMIN, 'GET', BASE);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const grant = list.body.items.find((g: { docNo: string }) => g.docNo === letter.docNo);
    expect(grant).toMatchObject({
      docNo: letter.docNo,
      status: { state: 'lapsed', lapsed: [{ matter: 'spot', holder: CENTRE }] },
      names: { staff: '张丽', grantedBy: '钱主任', body: '东山街道社会事务办' },
    });
    expect(grant.revoked).toBeUndefined();
    // Asked as of before the move, it was in force.
    const then = await t.call(ADMIN, 'GET', `${BASE}/${grant.id}?at=${encodeURIComponent(BEFORE)}`);
    expect(then.body.status).toEqual({ state: 'active', lapsed: [] });
  });
});

describe('the printed documents and revocation', () => {
  it('prints the 授权书 and the 窗口工作人员办理事项授权表 without JavaScript', async () => {
    const { items } = (await t.call(ADMIN, 'GET', BASE)).body;
    const first = items.find((g: { docNo: string }) => g.docNo === letter.docNo);
    const one = await t.call(ADMIN, 'GET', `${BASE}/${first.id}?format=html`);
    expect(one.status).toBe(200);
    const page = String(one.body);
    expect(page).toContain('首席代表授权书');
    expect(page).toContain('钱主任');
    expect(page).toContain('张丽');
    expect(page).toContain('老年人优待证办理');
    expect(page).toContain(letter.docNo);
    expect(page).not.toContain('<script');
    const register = String((await t.call(ADMIN, 'GET', `${BASE}?format=html`)).body);
    expect(register).toContain('窗口工作人员办理事项授权表');
    expect(register).toContain('已失效');
  });

  it('is revoked by the department’s head with a reason, once', async () => {
    t.setNow(AFTER);
    const { items } = (await t.call(ADMIN, 'GET', BASE)).body;
    const path = `${BASE}/${items[0].id}/revoke`;
    expect((await t.call(APPROVER, 'POST', path, { reason: '岗位调整' })).status).toBe(403);
    const revoked = await t.call(SOCIAL_HEAD, 'POST', path, { reason: '岗位调整' });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.revoked).toMatchObject({ by: 'social-head', reason: '岗位调整' });
    expect((await t.call(SOCIAL_HEAD, 'POST', path, { reason: '再次' })).status).toBe(409);
    expect((await t.call(ADMIN, 'GET', `${BASE}/${items[0].id}`)).body.status).toEqual({ state: 'revoked' });
  });
});
