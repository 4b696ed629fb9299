import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../packages/domain/src';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { ADMIN, APPROVER, CASES, CLERK, INSPECTOR, intake, seedCases } from '../support/cases';
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
});
