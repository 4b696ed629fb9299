import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCEPTANCE_DAYS,
  addDays,
  addWorkingDays,
  type CalendarFor,
  type CaseState,
  clockOf,
  colourOn,
  DomainError,
  ISSUANCE_DAYS,
  type MatterForIntake,
  nationalCalendar,
  provisionalCalendar,
  statutoryCalendar,
} from '../../packages/domain/src';
import {
  APPROVER,
  at,
  BUREAU_HEAD,
  CLERK,
  intake,
  MATTER,
  national,
  provided,
  Story,
  T0,
} from '../support/case-fixtures';

const matter = (limits: Partial<MatterForIntake['limits']>): MatterForIntake => ({
  ...MATTER,
  limits: { ...MATTER.limits, ...limits },
});

/** Accepted on Monday 2 March 2026: 10 promised working days end Monday 16 March, 20 statutory on 30 March. */
const accepted = (calendarFor: CalendarFor = national) => Story.begin(calendarFor).act(intake(), T0, CLERK);

describe('clockOf against the promised due date', () => {
  it('is green, then yellow within warnDays working days, then red after the due date', () => {
    const state = accepted().case;
    const on = (date: string) => clockOf(state, date, national);
    expect(on('2026-03-02')).toMatchObject({
      clock: 'green',
      dueDate: '2026-03-16',
      statutoryDueDate: '2026-03-30',
      paused: false,
      provisional: false,
      nextTick: '2026-03-12',
    });
    // 12, 13, 16 March are left on the 11th; 13 and 16 on the 12th.
    expect(on('2026-03-11').clock).toBe('green');
    expect(on('2026-03-12')).toMatchObject({ clock: 'yellow', nextTick: '2026-03-17' });
    expect(on('2026-03-14').clock).toBe('yellow');
    expect(on('2026-03-16').clock).toBe('yellow');
    const late = on('2026-03-17');
    expect(late.clock).toBe('red');
    expect(late.nextTick).toBeUndefined();
    expect(late.acceptBy).toBeUndefined();
  });

  it('colours by the tenant warnDays', () => {
    const state = Story.begin().act(intake({ matter: matter({ warnDays: 0 }) }), T0, CLERK).case;
    expect(clockOf(state, '2026-03-13', national).clock).toBe('green');
    expect(clockOf(state, '2026-03-16', national).clock).toBe('yellow');
    // Five working days left on Monday the 9th (10..13, 16), six on Friday the 6th.
    expect(colourOn('2026-03-09', '2026-03-16', 5, national)).toBe('yellow');
    expect(colourOn('2026-03-06', '2026-03-16', 5, national)).toBe('green');
    expect(colourOn('2026-03-17', '2026-03-16', 5, national)).toBe('red');
  });

  it('skips 国庆 2026 and counts its make-up Saturday', () => {
    // Accepted Monday 28 September, 5 days: 09-29, 09-30, then 10-08, 10-09 and Saturday 10-10.
    const state = Story.begin().act(
      intake({ matter: matter({ promisedDays: 5 }) }),
      at('2026-09-28'),
      CLERK,
    ).case;
    const before = clockOf(state, '2026-09-30', national);
    expect(before).toMatchObject({ clock: 'green', dueDate: '2026-10-10' });
    // Through the holiday three working days stay left: yellow only on 8 October.
    expect(before.nextTick).toBe('2026-10-08');
    expect(clockOf(state, '2026-10-07', national).clock).toBe('green');
    expect(clockOf(state, '2026-10-08', national)).toMatchObject({ clock: 'yellow', nextTick: '2026-10-11' });
    expect(clockOf(state, '2026-10-10', national).clock).toBe('yellow');
    expect(clockOf(state, '2026-10-11', national).clock).toBe('red');
  });

  it('runs against the art. 44 issuance deadline once decided: 10 working days after the decision', () => {
    const decided = accepted().act({ type: 'decide', outcome: 'approve' }, at('2026-03-10'), APPROVER).case;
    const clock = clockOf(decided, '2026-03-10', national);
    expect(ISSUANCE_DAYS).toBe(10);
    expect(clock).toMatchObject({
      issueBy: '2026-03-24',
      dueDate: '2026-03-16',
      clock: 'green',
      nextTick: '2026-03-20',
    });
    // Past the promised date, but within the issuance deadline: the issuance deadline rules.
    expect(clockOf(decided, '2026-03-18', national).clock).toBe('green');
    expect(clockOf(decided, '2026-03-25', national).clock).toBe('red');
  });

  it('keeps a closed case at the colour it closed with, and sets no timer', () => {
    const issued = accepted()
      .act({ type: 'decide', outcome: 'deny', reasons: '不符合条件' }, at('2026-03-23'), APPROVER)
      .act(
        {
          type: 'issue',
          delivery: 'window',
          result: {
            caseNo: 'x',
            tenant: 'x',
            matter: 'm1',
            matterName: 'm',
            applicantName: 'a',
            outcome: 'deny',
            decidedAt: at('2026-03-23'),
            issuedAt: at('2026-03-24'),
            approvingBody: 'b',
            seal: { id: 's', body: 'b', tenant: 'x' },
            keyId: 'k',
          },
          signature: 'sig',
        },
        at('2026-03-24'),
        CLERK,
      ).case;
    const clock = clockOf(issued, '2026-12-01', national);
    expect(clock.clock).toBe('green');
    expect(clock.nextTick).toBeUndefined();
    expect(clock.paused).toBe(false);
  });
});

describe('clockOf before acceptance', () => {
  it('runs a received case against acceptance (art. 32 (4)) and wakes the day after for deemed acceptance', () => {
    const state = Story.begin().act(intake({ defer: true }), T0, CLERK).case;
    expect(ACCEPTANCE_DAYS).toBe(5);
    expect(clockOf(state, '2026-03-02', national)).toMatchObject({
      clock: 'green',
      acceptBy: '2026-03-09',
      nextTick: '2026-03-05',
    });
    expect(clockOf(state, '2026-03-05', national)).toMatchObject({ clock: 'yellow', nextTick: '2026-03-10' });
    expect(clockOf(state, '2026-03-10', national).clock).toBe('red');
    expect(clockOf(state, '2026-03-10', national).dueDate).toBeUndefined();
  });

  it('counts a make-up Sunday: received Friday 18 September 2026, acceptance due Thursday the 24th', () => {
    // 09-20 is a working Sunday before the Mid-Autumn days off (09-25..27).
    const state = Story.begin().act(intake({ defer: true }), at('2026-09-18'), CLERK).case;
    expect(clockOf(state, '2026-09-18', national).acceptBy).toBe('2026-09-24');
  });

  it('stops while waiting for correction', () => {
    const state = Story.begin().act(intake({ materials: provided('form') }), T0, CLERK).case;
    const clock = clockOf(state, '2026-04-30', national);
    expect(clock).toEqual({ clock: 'green', paused: false, provisional: false });
  });
});

describe('excluded steps and the extension (R9, art. 42 and 45)', () => {
  it('moves the due date by the working days of a site inspection and pauses while it runs', () => {
    const started = accepted().act(
      { type: 'start-step', kind: 'site-inspection' },
      at('2026-03-04'),
      APPROVER,
    );
    const running = clockOf(started.case, '2026-03-05', national);
    expect(running).toMatchObject({ paused: true, dueDate: '2026-03-17', statutoryDueDate: '2026-03-31' });
    // Paused: the case's colour waits, but the step's own limit (R19: ten working days, to 18 March)
    // turns yellow on the 16th, when the clock visits to raise its card.
    expect(running.nextTick).toBe('2026-03-16');
    expect(clockOf(started.case, '2026-03-16', national).nextTick).toBe('2026-03-19');
    // Over the weekend the clock is still stopped: 05, 06 and 09 March excluded.
    expect(clockOf(started.case, '2026-03-09', national).dueDate).toBe('2026-03-19');

    const finished = started.act(
      { type: 'finish-step', stepId: 's1', outcome: 'pass' },
      at('2026-03-06'),
      APPROVER,
    );
    const after = clockOf(finished.case, '2026-03-20', national);
    expect(after).toMatchObject({ paused: false, dueDate: '2026-03-18', statutoryDueDate: '2026-04-01' });
  });

  it('excludes expert reviews and hearings too, but not a review step', () => {
    for (const kind of ['expert-review', 'hearing'] as const) {
      const state = accepted()
        .act({ type: 'start-step', kind }, at('2026-03-04'), APPROVER)
        .act({ type: 'finish-step', stepId: 's1', outcome: 'pass' }, at('2026-03-06'), APPROVER).case;
      expect(clockOf(state, '2026-03-09', national).dueDate).toBe('2026-03-18');
    }
    const reviewed = accepted()
      .act({ type: 'start-step', kind: 'review' }, at('2026-03-04'), APPROVER)
      .act({ type: 'finish-step', stepId: 's1', outcome: 'pass' }, at('2026-03-10'), APPROVER).case;
    expect(clockOf(reviewed, '2026-03-10', national)).toMatchObject({ dueDate: '2026-03-16', paused: false });
  });

  it('counts overlapping excluded days once', () => {
    // s1 excludes 05 and 06 March, s2 06, 09 and 10: four days, not five.
    const state = accepted()
      .act({ type: 'start-step', kind: 'site-inspection' }, at('2026-03-04'), APPROVER)
      .act({ type: 'start-step', kind: 'expert-review' }, at('2026-03-05'), APPROVER)
      .act({ type: 'finish-step', stepId: 's1', outcome: 'pass' }, at('2026-03-06'), APPROVER)
      .act({ type: 'finish-step', stepId: 's2', outcome: 'pass' }, at('2026-03-10'), APPROVER).case;
    expect(clockOf(state, '2026-03-11', national)).toMatchObject({ dueDate: '2026-03-20', paused: false });
  });

  it('adds the extension to both limits (statutory one over Qingming 2026)', () => {
    const state = accepted().act(
      { type: 'extend', days: 5, reason: '情况复杂' },
      at('2026-03-10'),
      BUREAU_HEAD,
    ).case;
    // 25 working days from 2 March: 04-04..06 are off, so 7 April.
    expect(clockOf(state, '2026-03-10', national)).toMatchObject({
      dueDate: '2026-03-23',
      statutoryDueDate: '2026-04-07',
    });
  });

  it('wakes on the day after a deficiency supplement date when that comes first', () => {
    const state = Story.begin().act(
      intake({
        materials: provided('form', 'licence', 'plan'),
        commitment: { materials: ['photo'], supplementBy: '2026-03-10' },
      }),
      T0,
      CLERK,
    ).case;
    expect(clockOf(state, '2026-03-02', national).nextTick).toBe('2026-03-11');
    // Even past the due date, the lapse still needs its visit.
    expect(
      clockOf(
        { ...state, deficiency: { materials: ['photo'], supplementBy: '2026-03-20' } },
        '2026-03-17',
        national,
      ),
    ).toMatchObject({ clock: 'red', nextTick: '2026-03-21' });
  });
});

describe('a year nobody has published a calendar for', () => {
  /** 2026 from the State Council; 2027 not yet published. */
  const until2026: CalendarFor = (year) => (year <= 2026 ? nationalCalendar(year) : undefined);

  it('answers provisionally, on the statutory holidays, instead of throwing', () => {
    const state = accepted(until2026).case;
    expect(clockOf(state, '2026-03-02', until2026).provisional).toBe(false);

    const december = Story.begin(until2026).act(intake(), at('2026-12-21'), CLERK).case;
    expect(() => addWorkingDays('2026-12-21', 10, until2026)).toThrow(DomainError);
    const clock = clockOf(december, '2026-12-21', until2026);
    // 22..25, 28..31 December (8), then New Year's Day 2027 (a Friday) is a statutory holiday
    // even before the notice: Monday 4 (9) and Tuesday 5 January (10).
    expect(clock).toMatchObject({ provisional: true, dueDate: '2027-01-05', clock: 'green' });
    expect(provisionalCalendar(until2026).calendarFor(2027)).toEqual(statutoryCalendar(2027));
    expect(provisionalCalendar(until2026).calendarFor(2027)?.holidays).toContain('2027-01-01');
  });

  it('never counts a statutory holiday of a year without a notice: Spring Festival 2027', () => {
    // Accepted Monday 2027-02-01: 2, 3, 4 (3), 除夕 Fri 02-05 to 初三 Mon 02-08 off, 9..12 (7),
    // 15..17 (10). Weekends only would have said 02-12.
    const feb = Story.begin(until2026).act(intake(), at('2027-02-01'), CLERK).case;
    expect(clockOf(feb, '2027-02-01', until2026)).toMatchObject({ provisional: true, dueDate: '2027-02-17' });
  });

  it('is not provisional when every date it needs stays in a published year', () => {
    const { calendarFor, used } = provisionalCalendar(until2026);
    expect(addWorkingDays('2026-12-01', 10, calendarFor)).toBe('2026-12-15');
    expect(used()).toBe(false);
    addWorkingDays('2026-12-30', 3, calendarFor);
    expect(used()).toBe(true);
  });

  it('counts weekends only, provisionally, beyond the years the law is computed for', () => {
    const { calendarFor, used } = provisionalCalendar(until2026);
    expect(calendarFor(2101)).toEqual({ year: 2101, holidays: [], workdays: [], provisional: true });
    expect(used()).toBe(true);
  });
});

describe('nextTick', () => {
  it('is the first date after today on which the colour changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 40 }),
        (acceptOffset, promisedDays, warnDays, todayOffset) => {
          const acceptedOn = addDays('2026-01-05', acceptOffset);
          const state: CaseState = Story.begin().act(
            intake({ matter: matter({ promisedDays, warnDays, statutoryDays: 20 }) }),
            at(acceptedOn),
            CLERK,
          ).case;
          const today = addDays(acceptedOn, todayOffset);
          const now = clockOf(state, today, national);
          if (now.clock === 'red') return now.nextTick === undefined;
          const next = now.nextTick;
          if (!next || next <= today) return false;
          for (let d = addDays(today, 1); d < next; d = addDays(d, 1)) {
            if (clockOf(state, d, national).clock !== now.clock) return false;
          }
          return clockOf(state, next, national).clock !== now.clock;
        },
      ),
      { numRuns: 150 },
    );
  });
});
