import { beforeAll, describe, expect, it } from 'vitest';
import { CatalogueRepository } from '../../packages/store/src';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { APPROVER, act, CASES, CLERK, HEAD, intake, intakeBody, seedCases } from '../support/cases';
import { clockAt } from '../support/clock';

/** R9 and art. 32 (4) through the API and the real clock handler, on the 2026 national calendar. */
let t: TestApp;
const MONDAY = '2026-03-02T10:00:00+08:00';

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
});

/** Runs the real clock handler as if it were `at`. */
const tickAt = clockAt(() => t);

const read = async (caseNo: string) => (await t.call(CLERK, 'GET', `${CASES}/${caseNo}`)).body;

describe('R9: the clock in working days', () => {
  it('runs 5 working days from acceptance and turns yellow 2 working days before, red after, via the clock worker', async () => {
    t.setNow(MONDAY);
    const c = await intake(t);
    t.setNow(undefined);
    let state = await read(c.caseNo);
    expect(state).toMatchObject({ dueDate: '2026-03-09', statutoryDueDate: '2026-03-30', clock: 'green' });

    await tickAt('2026-03-04T09:00:00+08:00');
    expect((await read(c.caseNo)).clock).toBe('green');
    await tickAt('2026-03-05T09:00:00+08:00');
    state = await read(c.caseNo);
    expect(state.clock).toBe('yellow');
    const yellow = await t.call(CLERK, 'GET', `${CASES}?clock=yellow`);
    expect(yellow.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(c.caseNo);
    await tickAt('2026-03-10T09:00:00+08:00');
    expect((await read(c.caseNo)).clock).toBe('red');
    const board = await t.call(
      { sub: 'i', roles: ['inspector'], tenant: DONGSHAN },
      'GET',
      `/v1/tenants/${DONGSHAN}/supervision/board`,
    );
    expect(board.body.counts.red).toBeGreaterThanOrEqual(1);
    expect(board.body.bodies[0]).toMatchObject({ body: `${DONGSHAN}/convenience-centre` });
  });

  it('skips the National Day holiday and counts the make-up Saturday', async () => {
    // 2026-09-30 (Wed) + 5 working days: 10-01..10-07 are off, 10-10 (Sat) is a make-up working day.
    t.setNow('2026-09-30T10:00:00+08:00');
    const c = await intake(t);
    t.setNow(undefined);
    const state = await read(c.caseNo);
    expect(state.dueDate).toBe('2026-10-13');
  });

  it('excludes site inspection from the limit and tells the applicant in writing; an extension adds its days once', async () => {
    t.setNow(MONDAY);
    const c = await intake(t);
    t.setNow('2026-03-03T10:00:00+08:00');
    const started = await act(t, APPROVER, c.caseNo, 'start-step', { kind: 'site-inspection' });
    expect(started.body.paused).toBe(true);
    expect(started.body.notices.at(-1)).toMatchObject({ kind: 'clock-excluded' });
    expect(started.body.notices.at(-1).zh).toContain('第四十五条');
    t.setNow('2026-03-06T10:00:00+08:00');
    const finished = await act(t, APPROVER, c.caseNo, 'finish-step', { stepId: 's1', outcome: 'pass' });
    // 03-04, 03-05 and 03-06 were inside the inspection: the due date moves 3 working days.
    expect(finished.body).toMatchObject({ paused: false, dueDate: '2026-03-12' });
    const extended = await act(t, HEAD, c.caseNo, 'extend', { days: 2, reason: '需补充调查' });
    expect(extended.body.dueDate).toBe('2026-03-16');
    const again = await act(t, HEAD, c.caseNo, 'extend', { days: 1, reason: '再延' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('第四十二条');
    t.setNow(undefined);
  });
});

describe('the clock worker acts on the law’s deadlines', () => {
  it('counts a case with no acceptance decision in 5 working days as accepted from receipt (art. 32 (4))', async () => {
    t.setNow(MONDAY);
    const c = await intake(t, { defer: true });
    expect(c.status).toBe('received');
    t.setNow(undefined);
    await tickAt('2026-03-05T09:00:00+08:00');
    expect((await read(c.caseNo)).status).toBe('received');
    await tickAt('2026-03-10T09:00:00+08:00');
    const state = await read(c.caseNo);
    expect(state).toMatchObject({
      status: 'accepted',
      deemedAccepted: true,
      acceptedAt: new Date(MONDAY).toISOString(),
    });
    expect(state.events.at(-1)).toMatchObject({ type: 'accepted', actor: 'clock' });
  });

  it('terminates a deficiency-tolerant case whose supplement date passed, and the open-case count drops', async () => {
    t.setNow(MONDAY);
    const catalogue = new CatalogueRepository(t.store);
    const openBefore = (await catalogue.openCases(DONGSHAN)).m2 ?? 0;
    const c = await intake(t, {
      matter: 'm2',
      materials: [{ code: 'form', provided: true }],
      commitment: { materials: ['copy'], supplementBy: '2026-03-04' },
    });
    expect(c.status).toBe('accepted-with-deficiency');
    expect((await catalogue.openCases(DONGSHAN)).m2).toBe(openBefore + 1);
    t.setNow(undefined);
    await tickAt('2026-03-05T09:00:00+08:00');
    const state = await read(c.caseNo);
    expect(state.status).toBe('terminated');
    expect((await catalogue.openCases(DONGSHAN)).m2).toBe(openBefore);
  });

  it('never waives a core material', async () => {
    t.setNow(MONDAY);
    const res = await t.call(
      CLERK,
      'POST',
      CASES,
      intakeBody({
        materials: [{ code: 'copy', provided: true }],
        commitment: { materials: ['form'], supplementBy: '2026-03-20' },
      }),
    );
    t.setNow(undefined);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ path: 'commitment.materials.0' });
    expect(res.body.errors[0].message).toContain('核心材料');
  });
});
