import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../packages/domain/src';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { ADMIN, APPROVER, act, CASES, CLERK, HEAD, INSPECTOR, intake, seedCases } from '../support/cases';
import { clockAt } from '../support/clock';

/**
 * R19 through the real clock handler over DynamoDB Local: the case's visits on the days its colour
 * changes raise a yellow and then a red card, each with a clock proof that agrees with the case's
 * own clock; the body contests, an inspector decides, and 督办 is recorded.
 */
let t: TestApp;
const CARDS = `/v1/tenants/${DONGSHAN}/cards`;
const tickAt = clockAt(() => t);

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
});

async function acceptedOn(when: string) {
  t.setNow(when);
  try {
    return await intake(t);
  } finally {
    t.setNow(undefined);
  }
}

const cardsOf = async (caseNo: string) =>
  (
    (await t.call(INSPECTOR, 'GET', CARDS)).body.items as { id: string; caseNo: string; colour: string }[]
  ).filter((c) => c.caseNo === caseNo);

describe('R19: e-supervision cards with their clock proofs', () => {
  it('raises yellow then red on the days the colour changes, each once, with a proof that agrees with the clock', async () => {
    // Accepted Monday 9 March 2026.
    const c = await acceptedOn('2026-03-09T10:00:00+08:00');
    t.setNow('2026-03-09T11:00:00+08:00');
    const due: string = (await t.call(CLERK, 'GET', `${CASES}/${c.caseNo}`)).body.dueDate;
    t.setNow(undefined);
    expect(due).toMatch(/^2026-0[34]-\d\d$/);
    // Nothing while green.
    await tickAt('2026-03-10T00:05:00+08:00');
    expect(await cardsOf(c.caseNo)).toEqual([]);
    // Every midnight up to the day after the deadline: the case's visits come on its colour changes.
    for (let d = '2026-03-11'; d <= addDays(due, 1); d = addDays(d, 1)) await tickAt(`${d}T00:05:00+08:00`);
    const cards = await cardsOf(c.caseNo);
    expect(cards.map((x) => x.colour).sort()).toEqual(['red', 'yellow']);
    const red = (await t.call(INSPECTOR, 'GET', `${CARDS}/${encodeURIComponent(`${c.caseNo}~promised~red`)}`))
      .body;
    expect(red).toMatchObject({ limit: 'promised', colour: 'red', since: addDays(due, 1), status: 'raised' });
    expect(red.proof).toMatchObject({ deadline: due, start: '2026-03-09', startEvent: { type: 'accepted' } });
    // The proof recounts: the counted days up to the deadline are the days allowed.
    const counted = red.proof.days.filter(
      (d: { counted: boolean; date: string }) => d.counted && d.date <= due,
    );
    expect(counted.length).toBe(red.proof.allowed);
    // A second visit on the same day raises nothing more.
    await tickAt(`${addDays(due, 1)}T09:00:00+08:00`);
    expect(await cardsOf(c.caseNo)).toHaveLength(2);
  });

  it('lets the body contest once, an inspector decide, and records an urge', async () => {
    const c = await acceptedOn('2026-05-04T10:00:00+08:00');
    for (let d = '2026-05-05'; d <= '2026-06-10'; d = addDays(d, 1)) await tickAt(`${d}T00:05:00+08:00`);
    const id = encodeURIComponent(`${c.caseNo}~promised~red`);
    const base = `${CARDS}/${id}`;
    expect((await t.call(CLERK, 'POST', `${base}/contest`, { reasons: 'x' })).status).toBe(403);
    const bad = await t.call(APPROVER, 'POST', `${base}/contest`, { reasons: '' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('reasons');
    const contested = await t.call(APPROVER, 'POST', `${base}/contest`, {
      reasons: '申请人要求暂缓审查，有书面申请为证',
    });
    expect(contested.status).toBe(200);
    expect(contested.body).toMatchObject({ status: 'contested', contest: { by: APPROVER.sub } });
    expect((await t.call(APPROVER, 'POST', `${base}/contest`, { reasons: '再次申辩' })).status).toBe(409);
    expect(
      (await t.call(APPROVER, 'POST', `${base}/review`, { outcome: 'withdrawn', reason: 'x' })).status,
    ).toBe(403);
    const urged = await t.call(INSPECTOR, 'POST', `${base}/urge`, { note: '请于三日内办结' });
    expect(urged.body.urges).toEqual([
      expect.objectContaining({
        by: INSPECTOR.sub,
        note: '请于三日内办结',
        to: `${DONGSHAN}/convenience-centre`,
      }),
    ]);
    const withdrawn = await t.call(INSPECTOR, 'POST', `${base}/review`, {
      outcome: 'withdrawn',
      reason: '申请人书面申请暂缓，属实',
    });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', review: { outcome: 'withdrawn' } });
    expect((await t.call(ADMIN, 'POST', `${base}/review`, { outcome: 'upheld', reason: 'x' })).status).toBe(
      409,
    );
    expect(
      (await t.call(INSPECTOR, 'GET', `${CARDS}?status=withdrawn`)).body.items.map(
        (x: { id: string }) => x.id,
      ),
    ).toContain(`${c.caseNo}~promised~red`);
    expect(
      (await t.call(INSPECTOR, 'GET', `${CARDS}/${encodeURIComponent('nope~promised~red')}`)).status,
    ).toBe(404);
  });

  it('raises a step card through the clock while the case, paused by the inspection, is not overdue (R19 step)', async () => {
    const c = await acceptedOn('2026-03-09T10:00:00+08:00');
    t.setNow('2026-03-09T11:00:00+08:00');
    const started = await act(t, APPROVER, c.caseNo, 'start-step', { kind: 'site-inspection', days: 5 });
    t.setNow(undefined);
    expect(started.status).toBe(200);
    expect(started.body.steps).toEqual([expect.objectContaining({ id: 's1', days: 5, excluded: true })]);
    // Five working days from Monday 9 March: due Monday 16 March, yellow from Thursday the 12th.
    for (let d = '2026-03-10'; d <= '2026-03-12'; d = addDays(d, 1)) await tickAt(`${d}T00:05:00+08:00`);
    expect((await cardsOf(c.caseNo)).map((x) => x.id)).toEqual([`${c.caseNo}~step:s1~yellow`]);
    for (let d = '2026-03-13'; d <= '2026-03-17'; d = addDays(d, 1)) await tickAt(`${d}T00:05:00+08:00`);
    expect((await cardsOf(c.caseNo)).map((x) => x.id).sort()).toEqual([
      `${c.caseNo}~step:s1~red`,
      `${c.caseNo}~step:s1~yellow`,
    ]);
    const red = (await t.call(INSPECTOR, 'GET', `${CARDS}/${encodeURIComponent(`${c.caseNo}~step:s1~red`)}`))
      .body;
    expect(red).toMatchObject({
      trigger: 'step',
      subject: 's1',
      limit: 'step',
      colour: 'red',
      since: '2026-03-17',
      proof: { limit: 'step', stepId: 's1', start: '2026-03-09', allowed: 5, deadline: '2026-03-16' },
    });
    expect(red.proof.startEvent.type).toBe('step-started');
    // The case itself is not overdue: the inspection stops its clock (art. 45).
    t.setNow('2026-03-17T09:00:00+08:00');
    const view = (await t.call(CLERK, 'GET', `${CASES}/${c.caseNo}`)).body;
    t.setNow(undefined);
    expect(view.clock).toBe('green');
  });

  it('refuses a second notice beyond the one-time notice, takes it signed off, and the clock cards it at once (R19 notice)', async () => {
    t.setNow('2026-05-11T10:00:00+08:00');
    const c = await intake(t, { materials: [{ code: 'form', provided: true }] });
    expect(c.status).toBe('needs-correction');
    t.setNow('2026-05-11T10:30:00+08:00');
    const refused = await act(t, CLERK, c.caseNo, 'notify-correction', { materials: ['form'] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('materials.0');
    const signed = await act(t, ADMIN, c.caseNo, 'notify-correction', {
      materials: ['form'],
      signOff: { reason: '申请表签字页缺失' },
    });
    t.setNow(undefined);
    expect(signed.status).toBe(200);
    const notice = signed.body.events.at(-1);
    expect(notice).toMatchObject({
      type: 'correction-notified',
      seq: 3,
      signOff: { reason: '申请表签字页缺失', by: ADMIN.sub, roles: ['tenant-admin'] },
    });
    // The case's transaction scheduled the visit at once: the next tick raises the card.
    await tickAt('2026-05-11T10:31:00+08:00');
    const id = `${c.caseNo}~notice:3~red`;
    expect((await cardsOf(c.caseNo)).map((x) => x.id)).toEqual([id]);
    const card = (await t.call(INSPECTOR, 'GET', `${CARDS}/${encodeURIComponent(id)}`)).body;
    expect(card).toMatchObject({ trigger: 'notice', colour: 'red', since: '2026-05-11', status: 'raised' });
    expect(card.proof).toBeUndefined();
    expect(card.evidence.map((e: { seq: number; type: string }) => [e.seq, e.type])).toEqual([
      [2, 'correction-notified'],
      [3, 'correction-notified'],
    ]);
    expect(card.evidence[1].hash).toBe(notice.hash);
    expect(card.detail.zh).toContain('申请表');
  });

  it('tells the people responsible of an urge: the approvers of the body, or the clerk who took the case', async () => {
    const NOTES = `/v1/tenants/${DONGSHAN}/notifications`;
    const notes = async (as: typeof CLERK) =>
      (await t.call(as, 'GET', NOTES)).body.items as { cardId: string; note: string; by: string }[];
    // A back-office card names no person: the centre's approvers are told.
    const c = await acceptedOn('2026-07-06T10:00:00+08:00');
    // One visit past the limit raises the red card and the yellow it went through.
    await tickAt('2026-08-05T00:05:00+08:00');
    const promised = `${c.caseNo}~promised~red`;
    const urged = await t.call(INSPECTOR, 'POST', `${CARDS}/${encodeURIComponent(promised)}/urge`, {
      note: '请本周内办结',
    });
    expect(urged.status).toBe(200);
    // The centre's head is one of its approvers too (seedCases, art. 42).
    expect(urged.body.urges.at(-1).notified).toEqual([APPROVER.sub, HEAD.sub]);
    // Newest first; the earlier test's urge on another card is there too.
    const [newest, ...older] = await notes(APPROVER);
    expect(newest).toEqual(
      expect.objectContaining({
        cardId: promised,
        note: '请本周内办结',
        by: INSPECTOR.sub,
        trigger: 'promised',
      }),
    );
    expect(older.map((n) => n.cardId)).not.toContain(promised);
    // Nobody else is told, and each reads only their own.
    expect(await notes(CLERK)).toEqual([]);
    expect(await notes(INSPECTOR)).toEqual([]);

    // Acceptance at the window: the clerk who took the case is told.
    t.setNow('2026-09-07T10:00:00+08:00');
    const deferred = await intake(t, { defer: true });
    t.setNow(undefined);
    await tickAt('2026-09-11T00:05:00+08:00');
    // Yellow as the limit nears (past it, the case is deemed accepted: art. 32 (4)).
    const acceptance = `${deferred.caseNo}~acceptance~yellow`;
    const toClerk = await t.call(INSPECTOR, 'POST', `${CARDS}/${encodeURIComponent(acceptance)}/urge`, {
      note: '请今日内作出受理决定',
    });
    expect(toClerk.status).toBe(200);
    expect(toClerk.body.urges.at(-1).notified).toEqual([CLERK.sub]);
    expect((await notes(CLERK)).map((n) => n.cardId)).toEqual([acceptance]);
  });
});
