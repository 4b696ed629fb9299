import { describe, expect, it } from 'vitest';
import {
  type CaseEvent,
  cardsDue,
  clockOf,
  clockProof,
  type MatterForIntake,
  type StoredCaseEvent,
  shanghaiDate,
} from '../../packages/domain/src';
import { APPROVER, at, BUREAU_HEAD, CLERK, intake, MATTER, national, Story } from '../support/case-fixtures';

/** The story's events as stored: numbered and chained (the proof cites them by seq and hash). */
const stored = (events: readonly CaseEvent[]): StoredCaseEvent[] =>
  events.map((e, i) => ({ ...e, seq: i + 1, prevHash: `h${i}`, hash: `h${i + 1}` }) as StoredCaseEvent);

const withLimits = (promisedDays: number, statutoryDays = promisedDays * 2): MatterForIntake => ({
  ...MATTER,
  limits: { ...MATTER.limits, promisedDays, statutoryDays },
});

/** Accepted at intake on `date` (10:00 Beijing), the matter promising `days` working days. */
const acceptedOn = (date: string, days: number) =>
  Story.begin().act(intake({ matter: withLimits(days) }), at(date), CLERK);

/** Anyone's recount of a proof: the counted days after the start, up to and with the deadline. */
const recount = (proof: NonNullable<ReturnType<typeof clockProof>>) =>
  proof.days.filter((d) => d.counted && d.date <= proof.deadline).length;

describe('R19: clock proofs, recomputable from the events and the calendar', () => {
  it('2024 National Day: the make-up Sunday and Saturday count, the seven days off do not', () => {
    // Accepted Friday 27 September 2024, five working days: 29 Sep (make-up Sunday), 30 Sep, 8, 9, 10 Oct.
    const story = acceptedOn('2024-09-27', 5);
    const proof = clockProof(story.case, stored(story.events), 'promised', '2024-10-09', national);
    expect(proof?.deadline).toBe('2024-10-10');
    expect(proof?.deadline).toBe(clockOf(story.case, '2024-10-09', national).dueDate);
    expect(proof?.startEvent).toMatchObject({ seq: expect.any(Number), type: 'accepted' });
    const kinds = Object.fromEntries((proof?.days ?? []).map((d) => [d.date, d.kind]));
    expect(kinds['2024-09-28']).toBe('weekend');
    expect(kinds['2024-09-29']).toBe('make-up');
    expect(kinds['2024-10-01']).toBe('holiday');
    expect(kinds['2024-10-05']).toBe('holiday');
    expect(kinds['2024-10-08']).toBe('working');
    expect(proof && recount(proof)).toBe(5);
    expect(proof?.workingDaysLeft).toBe(1);
    expect(proof?.calendars).toEqual([{ year: 2024, provisional: false }]);
  });

  it('2020 Spring Festival, extended to 2 February: a five-day limit from 22 January ends 6 February', () => {
    const story = acceptedOn('2020-01-22', 5);
    const proof = clockProof(story.case, stored(story.events), 'promised', '2020-02-10', national);
    expect(proof?.deadline).toBe('2020-02-06');
    expect(proof?.deadline).toBe(clockOf(story.case, '2020-02-10', national).dueDate);
    expect(proof?.days.filter((d) => d.kind === 'holiday').map((d) => d.date)).toContain('2020-02-02');
    // Two working days past it on Monday 10 February (7 and 10 February).
    expect(proof?.workingDaysLeft).toBe(-2);
    expect(proof && recount(proof)).toBe(5);
  });

  it('2026: a site inspection (art. 45) pauses the clock; an extension adds its days; both cite their events', () => {
    // Accepted Monday 2 March 2026; ten working days would end 16 March.
    const base = Story.begin().act(intake(), at('2026-03-02'), CLERK);
    const story = base
      .act({ type: 'start-step', kind: 'site-inspection' }, at('2026-03-03'), APPROVER)
      .act({ type: 'finish-step', stepId: 's1', outcome: 'pass' }, at('2026-03-06'), APPROVER)
      .act({ type: 'extend', days: 5, reason: '需补充调查' }, at('2026-03-09'), BUREAU_HEAD);
    const events = stored(story.events);
    const proof = clockProof(story.case, events, 'promised', '2026-03-20', national);
    // Paused 4, 5, 6 March (three working days), extended by five: 10 + 3 + 5 = 18 working days.
    expect(proof?.pauses).toEqual([
      {
        stepId: 's1',
        from: expect.objectContaining({ type: 'step-started' }),
        to: expect.objectContaining({ type: 'step-finished' }),
        workingDays: 3,
      },
    ]);
    expect(proof?.extension).toMatchObject({ days: 5, event: { type: 'extended' } });
    expect(proof?.days.filter((d) => d.pausedBy).map((d) => d.date)).toEqual([
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
    ]);
    expect(proof?.deadline).toBe('2026-03-26');
    expect(proof?.deadline).toBe(clockOf(story.case, '2026-03-20', national).dueDate);
    expect(proof && recount(proof)).toBe(15);
    const cited = (proof?.pauses[0]?.from.seq ?? 0) - 1;
    expect(events[cited]?.type).toBe('step-started');
  });

  it('2025: cards by colour with the day each colour began, and none for a closed case', () => {
    // Accepted Monday 3 March 2025, ten working days: due Monday 17 March; yellow from two working days before.
    const story = Story.begin().act(intake(), at('2025-03-03'), CLERK);
    const events = stored(story.events);
    expect(cardsDue(story.case, events, '2025-03-12', national)).toEqual([]);
    const yellow = cardsDue(story.case, events, '2025-03-13', national);
    expect(yellow.map((c) => [c.limit, c.colour, c.since])).toEqual([['promised', 'yellow', '2025-03-13']]);
    const red = cardsDue(story.case, events, '2025-03-18', national);
    // Red owes the yellow it went through, in case no visit came on its day.
    expect(red.map((c) => [c.limit, c.colour, c.since])).toEqual([
      ['promised', 'yellow', '2025-03-13'],
      ['promised', 'red', '2025-03-18'],
    ]);
    // The statutory limit (20 working days, to 31 March) turns too, later.
    const both = cardsDue(story.case, events, '2025-04-01', national);
    expect(both.map((c) => [c.limit, c.colour])).toEqual([
      ['promised', 'yellow'],
      ['promised', 'red'],
      ['statutory', 'yellow'],
      ['statutory', 'red'],
    ]);
    // A received case runs against acceptance; a decided one against issuance.
    const received = Story.begin().act(intake({ defer: true }), at('2025-03-03'), CLERK);
    // Received Monday 3 March: acceptance is due 10 March, so on the 11th it is red (and owes its yellow).
    expect(
      cardsDue(received.case, stored(received.events), '2025-03-11', national).map((c) => [
        c.limit,
        c.colour,
      ]),
    ).toEqual([
      ['acceptance', 'yellow'],
      ['acceptance', 'red'],
    ]);
    const withdrawn = story.act({ type: 'withdraw', reason: '申请人撤回' }, at('2025-03-04'), CLERK);
    expect(cardsDue(withdrawn.case, stored(withdrawn.events), '2025-04-01', national)).toEqual([]);
    const decided = story.act({ type: 'decide', outcome: 'approve' }, at('2025-03-05'), APPROVER);
    const issuance = cardsDue(decided.case, stored(decided.events), '2025-03-20', national);
    expect(issuance.map((c) => [c.limit, c.colour])).toEqual([
      ['issuance', 'yellow'],
      ['issuance', 'red'],
    ]);
    expect(shanghaiDate(issuance[0]?.proof?.startEvent.at ?? '')).toBe('2025-03-05');
  });
});
