import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStreamHandler } from '../../functions/stream/handler';
import type { DevClaims } from '../../packages/local/src/issuer';
import { type TestApp, testApp } from '../support/app';
import { APPROVER, act, CASES, CLERK, intake, seedCases } from '../support/cases';
import { clockAt } from '../support/clock';
import { pollStream } from '../support/stream';

/** R18's default rating, through the real stream handler (which schedules it) and the real clock handler (which gives it). */
let t: TestApp;
let stop: (() => Promise<void>) | undefined;
const CITY_ADMIN: DevClaims = { sub: 'nanjing-admin', roles: ['city-admin'], city: 'nanjing' };
const MONDAY = '2026-03-02T10:00:00+08:00';

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  stop = await pollStream(
    t,
    createStreamHandler(async () => [], t.store),
  );
});
afterAll(async () => stop?.());

/** Runs the real clock handler as if it were `at`. */
const tickAt = clockAt(() => t);
const read = async (caseNo: string) => (await t.call(CLERK, 'GET', `${CASES}/${caseNo}`)).body;

/** A case refused on `at`: handled, so rateable, from then. */
async function refusedAt(at: string) {
  t.setNow(at);
  try {
    const c = await intake(t);
    expect(
      (await act(t, APPROVER, c.caseNo, 'decide', { outcome: 'deny', reasons: '不符合条件' })).status,
    ).toBe(200);
    return c;
  } finally {
    t.setNow(undefined);
  }
}

/** Ticks at `at` until `holds` (the stream schedules the job within a second or so), or ten seconds. */
async function tickUntil(at: string, holds: () => Promise<boolean>) {
  for (let i = 0; i < 50; i++) {
    await tickAt(at);
    if (await holds()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('R18: a handled service left unrated takes the city default', () => {
  it("after the city's days, as the clock's default and never a 差评; a rating given first stays", async () => {
    const unrated = await refusedAt(MONDAY);
    const rated = await refusedAt(MONDAY);
    t.setNow('2026-03-03T10:00:00+08:00');
    const given = await t.call(undefined, 'POST', `/v1/public/cases/${rated.caseNo}/rating`, {
      code: rated.queryCode,
      level: 4,
    });
    t.setNow(undefined);
    expect(given.status).toBe(200);

    // Day 6 of 7: not yet (the job is due 7 natural days after the decision).
    await new Promise((r) => setTimeout(r, 1500));
    await tickAt('2026-03-08T10:00:00+08:00');
    expect((await read(unrated.caseNo)).rating).toBeUndefined();

    await tickUntil(
      '2026-03-09T10:30:00+08:00',
      async () => (await read(unrated.caseNo)).rating !== undefined,
    );
    const defaulted = await read(unrated.caseNo);
    expect(defaulted.rating).toMatchObject({ level: 3, default: true });
    expect(defaulted.rectification).toBeUndefined();
    expect(defaulted.events.at(-1)).toMatchObject({ type: 'rated', default: true, actor: 'clock' });
    // The applicant's own word is kept; a rated case takes no default.
    expect((await read(rated.caseNo)).rating).toMatchObject({ level: 4 });
    expect((await read(rated.caseNo)).rating.default).toBeUndefined();
    // Once rated by default, the applicant's form is gone.
    const progress = await t.call(
      undefined,
      'GET',
      `/v1/public/cases/${unrated.caseNo}?code=${unrated.queryCode}`,
    );
    expect(progress.body.canRate).toBe(false);
  });

  it("follows the city's own days and level, as set when the case was handled", async () => {
    const defaults = (await t.call(CITY_ADMIN, 'GET', '/v1/cities/nanjing/evaluation')).body;
    expect(defaults).toEqual({
      rectificationDays: 5,
      defaultRatingDays: 7,
      defaultRatingLevel: 3,
      receiptDays: 1,
    });
    const low = await t.call(CITY_ADMIN, 'PUT', '/v1/cities/nanjing/evaluation', {
      ...defaults,
      defaultRatingLevel: 2,
    });
    expect(low.status).toBe(400);
    expect(JSON.stringify(low.body)).toContain('defaultRatingLevel');
    const set = await t.call(CITY_ADMIN, 'PUT', '/v1/cities/nanjing/evaluation', {
      ...defaults,
      defaultRatingDays: 3,
      defaultRatingLevel: 5,
    });
    expect(set.status).toBe(200);
    try {
      const c = await refusedAt('2026-04-01T10:00:00+08:00');
      await tickUntil('2026-04-04T10:30:00+08:00', async () => (await read(c.caseNo)).rating !== undefined);
      expect((await read(c.caseNo)).rating).toMatchObject({ level: 5, default: true });
    } finally {
      await t.call(CITY_ADMIN, 'PUT', '/v1/cities/nanjing/evaluation', defaults);
    }
  });
});
