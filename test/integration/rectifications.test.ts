import { beforeAll, describe, expect, it } from 'vitest';
import { xlsxCodec } from '../../packages/api/src/xlsx';
import { PROVINCIAL_FIELDS } from '../../packages/app/src';
import { usccCheckChar } from '../../packages/domain/src';
import type { DevClaims } from '../../packages/local/src/issuer';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { ADMIN, APPROVER, act, CASES, CLERK, intake, PERSON_ID, seedCases } from '../support/cases';
import { clockAt } from '../support/clock';

/**
 * R18 after a 差评, through the API over DynamoDB Local and the real clock handler: the ledger,
 * the answer and call-back, the escalation of an overdue round, the appeal decided by the city,
 * the month's figures without an upheld appeal's rating, and the provincial export.
 */
let t: TestApp;
const CITY_ADMIN: DevClaims = { sub: 'nanjing-admin', roles: ['city-admin'], city: 'nanjing' };
const OTHER_CITY: DevClaims = { sub: 'xian-admin', roles: ['city-admin'], city: 'xian' };
const LEDGER = `/v1/tenants/${DONGSHAN}/rectifications`;
const tickAt = clockAt(() => t);

/** The convenience centre's unified social credit code, as its register would carry it. */
const CENTRE_USCC = `11320115MB${'0000001'}`;

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  // The seeded centre has no USCC; the export's departmentCode is the handling body's, so give it one.
  const key = { pk: `T#${DONGSHAN}`, sk: 'BODY#convenience-centre' };
  const body = await t.store.get(key);
  if (!body) throw new Error('the seeded centre is missing');
  await t.store.put({ ...body, ...key, uscc: CENTRE_USCC + usccCheckChar(CENTRE_USCC) });
});

/** A case refused on `decidedAt` and rated `level` by its applicant at `ratedAt`. */
async function badlyRated(decidedAt: string, ratedAt: string, level = 1, comment = '窗口态度差') {
  t.setNow(decidedAt);
  try {
    const c = await intake(t);
    expect(
      (await act(t, APPROVER, c.caseNo, 'decide', { outcome: 'deny', reasons: '不符合条件' })).status,
    ).toBe(200);
    t.setNow(ratedAt);
    const rated = await t.call(undefined, 'POST', `/v1/public/cases/${c.caseNo}/rating`, {
      code: c.queryCode,
      level,
      comment,
      reasons: ['attitude'],
      objects: ['window'],
      channel: 'web',
    });
    expect(rated.status).toBe(200);
    return c;
  } finally {
    t.setNow(undefined);
  }
}

/** The case's ledger entry as the ledger shows it on `when` (its status depends on the day). */
const entryOf = async (caseNo: string, when = '2026-12-01T10:00:00+08:00') => {
  const res = await at(when, ADMIN, 'GET', LEDGER);
  expect(res.status).toBe(200);
  return res.body.items.find((i: { caseNo: string }) => i.caseNo === caseNo);
};

/** Calls at `at`, as `as`. */
async function at(when: string, as: DevClaims, method: string, path: string, body?: unknown) {
  t.setNow(when);
  try {
    return await t.call(as, method, path, body);
  } finally {
    t.setNow(undefined);
  }
}

describe('R18: the rectification ledger', () => {
  it('answers, calls back and, for a dissatisfied rater, opens a second round on the working-day calendar', async () => {
    // Rated Tuesday 10 March: five working days end Tuesday 17 March.
    const c = await badlyRated('2026-03-09T10:00:00+08:00', '2026-03-10T10:00:00+08:00');
    const opened = await entryOf(c.caseNo);
    expect(opened).toMatchObject({
      level: 1,
      comment: '窗口态度差',
      dueDate: '2026-03-17',
      reasons: ['attitude'],
    });
    const base = `${LEDGER}/${c.caseNo}`;
    // A call-back before any answer, and an answer by a clerk, are refused and say why.
    expect(
      (await at('2026-03-11T10:00:00+08:00', ADMIN, 'POST', `${base}/callback`, { view: 'satisfied' }))
        .status,
    ).toBe(409);
    expect((await t.call(CLERK, 'POST', `${base}/close`, { response: '已整改' })).status).toBe(403);
    const bad = await t.call(ADMIN, 'POST', `${base}/callback`, { view: 'happy' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('view');

    const answered = await at('2026-03-12T10:00:00+08:00', ADMIN, 'POST', `${base}/close`, {
      response: '已约谈窗口人员，调整岗位',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', response: '已约谈窗口人员，调整岗位' });
    // Dissatisfied on Friday 13 March: the next round has five working days, to Friday 20 March.
    const again = await at('2026-03-13T10:00:00+08:00', ADMIN, 'POST', `${base}/callback`, {
      view: 'dissatisfied',
      channel: 'phone',
      note: '申请人认为未解决',
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'open', round: 2, dueDate: '2026-03-20' });
    await at('2026-03-18T10:00:00+08:00', ADMIN, 'POST', `${base}/close`, { response: '更换窗口人员并致歉' });
    const done = await at('2026-03-19T10:00:00+08:00', ADMIN, 'POST', `${base}/callback`, {
      view: 'satisfied',
    });
    expect(done.body.status).toBe('called-back');
    expect(done.body.callbacks.map((cb: { view: string }) => cb.view)).toEqual(['dissatisfied', 'satisfied']);
    // The steps are the case's own events, in its hash chain and timeline.
    const events = (await t.call(CLERK, 'GET', `${CASES}/${c.caseNo}`)).body.events.map(
      (e: { type: string }) => e.type,
    );
    expect(events.filter((e: string) => e.startsWith('rectification-'))).toEqual([
      'rectification-opened',
      'rectification-closed',
      'rectification-called-back',
      'rectification-closed',
      'rectification-called-back',
    ]);
    expect((await t.call(CLERK, 'GET', `${CASES}/${c.caseNo}/integrity`)).body).toMatchObject({
      intact: true,
    });
  });

  it('escalates an unanswered round to the city once, by the clock, the day after its limit', async () => {
    // Rated Monday 6 April 2026 (after 清明, 4–6 April): five working days end Monday 13 April.
    const c = await badlyRated('2026-04-01T10:00:00+08:00', '2026-04-06T10:00:00+08:00');
    expect((await entryOf(c.caseNo)).dueDate).toBe('2026-04-13');
    await tickAt('2026-04-13T23:00:00+08:00');
    expect(await entryOf(c.caseNo, '2026-04-13T23:00:00+08:00')).toMatchObject({ status: 'open' });
    expect((await entryOf(c.caseNo)).escalatedAt).toBeUndefined();
    await tickAt('2026-04-14T00:05:00+08:00');
    const escalated = await entryOf(c.caseNo, '2026-04-14T09:00:00+08:00');
    expect(escalated).toMatchObject({ status: 'overdue', escalatedAt: '2026-04-13T16:05:00.000Z' });
    await tickAt('2026-04-15T00:05:00+08:00');
    const events = (await t.call(CLERK, 'GET', `${CASES}/${c.caseNo}`)).body.events;
    expect(events.filter((e: { type: string }) => e.type === 'rectification-escalated')).toHaveLength(1);
    // The city sees it; another city does not reach the list.
    const city = await t.call(CITY_ADMIN, 'GET', '/v1/cities/nanjing/rectifications?filter=escalated');
    expect(city.status).toBe(200);
    expect(city.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(c.caseNo);
    expect((await t.call(OTHER_CITY, 'GET', '/v1/cities/nanjing/rectifications')).status).toBe(404);
    expect((await t.call(ADMIN, 'GET', '/v1/cities/nanjing/rectifications')).status).toBe(404);
  });

  it('takes one appeal within the limit; the city upholds it and the rating leaves the month’s figures', async () => {
    const c = await badlyRated('2026-05-06T10:00:00+08:00', '2026-05-07T10:00:00+08:00', 2, '不满意');
    const base = `${LEDGER}/${c.caseNo}`;
    const board = async () =>
      (await t.call(ADMIN, 'GET', `/v1/tenants/${DONGSHAN}/supervision/board`)).body.months.find(
        (m: { month: string }) => m.month === '2026-05',
      ).ratings;
    expect(await board()).toMatchObject({ rated: 1, excluded: 0, satisfaction: 0 });
    const appeal = { ground: 'malicious', statement: '申请人因与他人纠纷迁怒窗口，有录像为证' };
    expect((await t.call(CLERK, 'POST', `${base}/appeal`, appeal)).status).toBe(403);
    const filed = await at('2026-05-08T10:00:00+08:00', ADMIN, 'POST', `${base}/appeal`, appeal);
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    expect(filed.body.appeal).toMatchObject({ ground: 'malicious', by: ADMIN.sub });
    expect((await at('2026-05-08T11:00:00+08:00', ADMIN, 'POST', `${base}/appeal`, appeal)).status).toBe(409);
    const waiting = await t.call(
      CITY_ADMIN,
      'GET',
      '/v1/cities/nanjing/rectifications?filter=awaiting-decision',
    );
    expect(waiting.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(c.caseNo);
    // The centre does not decide its own appeal.
    const decision = { outcome: 'upheld', reason: '经调取录像核实，系迁怒性恶意差评' };
    expect((await t.call(ADMIN, 'POST', `${base}/appeal/decision`, decision)).status).toBe(403);
    const upheld = await at(
      '2026-05-11T10:00:00+08:00',
      CITY_ADMIN,
      'POST',
      `${base}/appeal/decision`,
      decision,
    );
    expect(upheld.status).toBe(200);
    expect(upheld.body).toMatchObject({
      status: 'appeal-upheld',
      excluded: { reason: '经调取录像核实，系迁怒性恶意差评' },
      appeal: { outcome: 'upheld', decidedBy: CITY_ADMIN.sub },
    });
    expect(await board()).toEqual({
      rated: 0,
      levels: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
      defaulted: 0,
      excluded: 1,
      satisfaction: null,
    });
    // Upheld, it is no longer a task: not escalated when its limit passes, not answerable.
    await tickAt('2026-05-15T00:05:00+08:00');
    expect((await entryOf(c.caseNo)).escalatedAt).toBeUndefined();
    expect((await t.call(ADMIN, 'POST', `${base}/close`, { response: 'x' })).status).toBe(409);
    const after = await t.call(
      CITY_ADMIN,
      'GET',
      '/v1/cities/nanjing/rectifications?filter=awaiting-decision',
    );
    expect(after.body.items.map((i: { caseNo: string }) => i.caseNo)).not.toContain(c.caseNo);
  });

  it('exports the month for the provincial system as JSON lines and .xlsx, recording each disclosure', async () => {
    const c = await badlyRated('2026-06-01T10:00:00+08:00', '2026-06-02T09:30:00+08:00', 1, '等太久');
    const path = '/v1/cities/nanjing/ratings:export?month=2026-06';
    // A centre does not reach the city's export.
    expect((await t.call(ADMIN, 'GET', path)).status).toBe(404);
    expect((await t.call(CITY_ADMIN, 'GET', '/v1/cities/nanjing/ratings:export?month=2026-13')).status).toBe(
      400,
    );
    const get = async (url: string) =>
      t.app.request(url, { headers: { authorization: `Bearer ${await t.token(CITY_ADMIN)}` } });
    const jsonl = await get(path);
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-type')).toContain('application/x-ndjson');
    const rows = (await jsonl.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const row = rows.find((r) => r.affairSerialNo === c.caseNo);
    expect(Object.keys(row)).toEqual([...PROVINCIAL_FIELDS]);
    expect(row).toMatchObject({
      hallCode: DONGSHAN,
      workNo: CLERK.sub,
      userType: '1',
      certificateType: '111',
      certificateNo: PERSON_ID,
      projectType: '2',
      evalProcess: '2',
      evalLevel: 1,
      evalTime: '2026-06-02 09:30:00',
      affairApplyTime: '2026-06-01 10:00:00',
      affairDoneTime: '2026-06-01 10:00:00',
      pf: '1',
      evalReason: 'attitude',
      evalObject: 'window',
      evalContent: '等太久',
      isDefault: '0',
      excluded: '0',
    });
    expect(row.departmentCode).toBe(CENTRE_USCC + usccCheckChar(CENTRE_USCC));
    // affairCode is the matter's implementation code as the tenant's matter list gives it.
    const listed = (await t.call(ADMIN, 'GET', `/v1/tenants/${DONGSHAN}/matters`)).body.items.find(
      (m: { code: string }) => m.code === 'm1',
    );
    expect(row.affairCode).toBe(listed?.implementationCode ?? '');
    // The same rows as a sheet, the provincial field names in its header row.
    const xlsx = await get(`${path}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    const sheet = await xlsxCodec.read(new Uint8Array(await xlsx.arrayBuffer()));
    expect(sheet[0]).toEqual([...PROVINCIAL_FIELDS]);
    expect(sheet.slice(1).map((r) => r[PROVINCIAL_FIELDS.indexOf('affairSerialNo')])).toEqual(
      rows.map((r) => r.affairSerialNo),
    );
    // The applicant sees who read their identity number, and why.
    const log = await t.call(undefined, 'GET', `/v1/public/cases/${c.caseNo}/access-log?code=${c.queryCode}`);
    expect(log.body.some((a: { purpose: string }) => a.purpose.includes('好差评省级报送'))).toBe(true);
  });
});
