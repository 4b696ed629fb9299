import { describe, expect, it } from 'vitest';
import {
  type Absence,
  type Actor,
  absenceEnd,
  absencesOverlap,
  absentAt,
  checkAbsence,
  coverActor,
} from '../../packages/domain/src';
import { BUREAU, CLERK, domainError, intake, MATTER, Story, T0 } from '../support/case-fixtures';

const NOW = '2026-12-03T02:00:00.000Z';
const A = { id: 'clerk-a', name: '张丽' };
const absence = (from: string, to: string, over: Partial<Absence> = {}): Absence => ({
  tenant: 't',
  id: 'x',
  staff: A.id,
  backup: 'clerk-b',
  from,
  to,
  reason: '年休假',
  by: A.id,
  at: NOW,
  ...over,
});
const DAY1 = '2026-12-04T00:00:00.000Z';
const DAY2 = '2026-12-05T00:00:00.000Z';
const DAY3 = '2026-12-06T00:00:00.000Z';
const DAY4 = '2026-12-07T00:00:00.000Z';

describe('an absence in force', () => {
  it('lasts from `from` up to (not including) `to`, and ends by itself', () => {
    const a = absence(DAY1, DAY3);
    expect(absentAt(a, NOW)).toBe(false);
    expect(absentAt(a, DAY1)).toBe(true);
    expect(absentAt(a, DAY2)).toBe(true);
    expect(absentAt(a, DAY3)).toBe(false);
  });

  it('ends at the instant it was ended early, never later than `to`', () => {
    expect(absenceEnd(absence(DAY1, DAY3, { endedAt: DAY2 }))).toBe(DAY2);
    expect(absentAt(absence(DAY1, DAY3, { endedAt: DAY2 }), DAY2)).toBe(false);
    expect(absenceEnd(absence(DAY1, DAY3, { endedAt: DAY4 }))).toBe(DAY3);
    // Ended before it began: called off, never in force.
    expect(absentAt(absence(DAY2, DAY3, { endedAt: DAY1 }), DAY2)).toBe(false);
  });

  it('overlaps another only when they share an instant; one ended early counts up to its end', () => {
    expect(absencesOverlap(absence(DAY1, DAY3), absence(DAY2, DAY4))).toBe(true);
    expect(absencesOverlap(absence(DAY1, DAY2), absence(DAY2, DAY3))).toBe(false);
    expect(absencesOverlap(absence(DAY1, DAY3, { endedAt: DAY2 }), absence(DAY2, DAY4))).toBe(false);
  });
});

describe('checkAbsence', () => {
  const ok = { from: DAY1, to: DAY3, reason: '年休假' };
  const fieldOf = (fn: () => void) => domainError(fn).field;

  it('accepts an absence of a post with a B that overlaps nothing', () => {
    expect(() => checkAbsence(ok, A, 'clerk-b', [absence(DAY3, DAY4)], NOW)).not.toThrow();
  });

  it('names the field: a reason, `to` after `from`, `to` not already past', () => {
    expect(fieldOf(() => checkAbsence({ ...ok, reason: ' ' }, A, 'clerk-b', [], NOW))).toBe('reason');
    expect(fieldOf(() => checkAbsence({ ...ok, to: DAY1 }, A, 'clerk-b', [], NOW))).toBe('to');
    expect(
      fieldOf(() => checkAbsence({ ...ok, from: '2026-11-01T00:00:00.000Z', to: NOW }, A, 'b', [], NOW)),
    ).toBe('to');
  });

  it('refuses (409) a post without a B, saying so', () => {
    const e = domainError(() => checkAbsence(ok, A, undefined, [], NOW));
    expect(e.type).toBe('invalid-state');
    expect(e.zh).toContain('没有B角');
  });

  it('refuses (409) an absence overlapping one already recorded, but not one ended before it', () => {
    expect(domainError(() => checkAbsence(ok, A, 'clerk-b', [absence(DAY2, DAY4)], NOW)).type).toBe(
      'invalid-state',
    );
    expect(() => checkAbsence(ok, A, 'clerk-b', [absence(NOW, DAY2, { endedAt: DAY1 })], NOW)).not.toThrow();
  });
});

describe('coverActor', () => {
  const grant = (matter: string) => ({ matter, body: BUREAU, id: 'wa-1', docNo: '审授〔2026〕1号' });
  const B: Actor = { sub: 'clerk-b', roles: ['window-clerk'], windowMatters: [grant('m2')] };

  it('is B unchanged when B covers nobody', () => {
    expect(coverActor(B, undefined)).toBe(B);
  });

  it("adds A's roles, window authorities and head designations to B's own, on A's behalf", () => {
    const merged = coverActor(B, {
      staff: 'clerk-a',
      roles: ['window-clerk', 'approver'],
      windowMatters: [grant('m1')],
      head: true,
    });
    expect(merged).toMatchObject({ sub: 'clerk-b', onBehalfOf: 'clerk-a', head: true });
    expect(merged.roles).toEqual(['window-clerk', 'approver']);
    expect(merged.windowMatters?.map((w) => w.matter)).toEqual(['m2', 'm1']);
    expect(merged.governmentHead).toBeUndefined();
  });
});

describe('the decider under cover', () => {
  it("decides an on-the-spot matter with A's authorisation and stamps each event on A's behalf", () => {
    const spot = { ...MATTER, limits: { ...MATTER.limits, onTheSpot: true } };
    const story = Story.begin().act(intake({ matter: spot }), T0, CLERK);
    const b = coverActor(
      { sub: 'clerk-b', roles: ['window-clerk'] },
      {
        staff: 'clerk-a',
        windowMatters: [{ matter: 'm1', body: BUREAU, id: 'wa-1', docNo: '审授〔2026〕1号' }],
      },
    );
    const ready = story.case.status === 'accepted' ? story : story.act({ type: 'accept' }, T0, CLERK);
    const events = ready.try({ type: 'decide', outcome: 'approve' }, T0, b);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e).toMatchObject({ actor: 'clerk-b', onBehalfOf: 'clerk-a' });
    // B alone holds no authorisation for the matter.
    expect(
      domainError(() =>
        ready.try({ type: 'decide', outcome: 'approve' }, T0, { sub: 'clerk-b', roles: ['window-clerk'] }),
      ).type,
    ).toBe('forbidden');
    // Nobody else's acts carry it.
    expect(story.events.every((e) => e.onBehalfOf === undefined)).toBe(true);
  });
});
