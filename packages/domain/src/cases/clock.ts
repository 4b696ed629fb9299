import {
  addDays,
  addWorkingDays,
  type CalendarFor,
  shanghaiDate,
  statutoryCalendar,
  trackProvisional,
  workingDaysBetween,
} from '../calendar';
import { STEP_DAYS } from './limits';
import type { CaseState, ClockColour, Step } from './types';
import { isClosed } from './types';

/** Art. 32 (4): no decision on acceptance within 5 working days of receipt counts as acceptance. */
export const ACCEPTANCE_DAYS = 5;
/** Art. 44: the result is issued within 10 working days of the decision. */
export const ISSUANCE_DAYS = 10;

export interface CaseClock {
  readonly clock: ClockColour;
  /** Promised due date (承诺时限), moved by excluded steps and the extension. */
  readonly dueDate?: string;
  readonly statutoryDueDate?: string;
  /** Until when the tenant may decide on acceptance before it counts as accepted. */
  readonly acceptBy?: string;
  /** Art. 44 issuance deadline once decided. */
  readonly issueBy?: string;
  /** Whether a special step is running now: the clock is stopped. */
  readonly paused: boolean;
  /** True when a date reaches a year no State Council notice was entered for: statutory holidays only, until one is. */
  readonly provisional: boolean;
  /** The next Shanghai date on which the colour may change or a timer fires; the clock worker wakes then. */
  readonly nextTick?: string;
  /**
   * Working days counted from acceptance to the decision, art. 45 pauses left out: the monthly
   * assessment's 平均用时. Set once the case is decided.
   */
  readonly usedDays?: number;
}

/**
 * A tenant's calendar where a year without an entered State Council notice (published
 * late in the year before) rests on its statutory holidays alone, provisionally, and
 * marks the answer provisional, so intake never stops on 1 December and 1 January is
 * never counted; the dates are recomputed once the notice is set. Beyond 2100, where
 * nothing is known, weekends only, provisionally too.
 */
export function provisionalCalendar(calendarFor: CalendarFor): {
  calendarFor: CalendarFor;
  used: () => boolean;
} {
  const tracked = trackProvisional(
    (year) =>
      calendarFor(year) ?? statutoryCalendar(year) ?? { year, holidays: [], workdays: [], provisional: true },
  );
  return { calendarFor: tracked.calendarFor, used: tracked.provisional };
}

/** Working days inside excluded steps, each counted once however many steps overlap. */
export function excludedDays(state: CaseState, today: string, calendarFor: CalendarFor): number {
  const days = new Set<string>();
  for (const step of state.steps) {
    if (!step.excluded) continue;
    const start = shanghaiDate(step.startedAt);
    const end = step.finishedAt ? shanghaiDate(step.finishedAt) : today;
    for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) {
      if (workingDaysBetween(addDays(d, -1), d, calendarFor) === 1) days.add(d);
    }
  }
  return days.size;
}

/** R19: a step's own limit, its working days (the kind's default on older steps) from the day it started. */
export const stepDaysOf = (step: Pick<Step, 'kind' | 'days'>): number =>
  step.days ?? STEP_DAYS.defaults[step.kind];

/** R19: the last working day of a step's own limit. */
export const stepDeadline = (step: Step, calendarFor: CalendarFor): string =>
  addWorkingDays(shanghaiDate(step.startedAt), stepDaysOf(step), calendarFor);

/** R19: the steps whose own limit runs: unfinished, in an open case not yet decided. */
export const runningSteps = (state: CaseState): readonly Step[] =>
  isClosed(state.status) || state.decision ? [] : state.steps.filter((s) => !s.finishedAt);

export function colourOn(
  today: string,
  deadline: string,
  warnDays: number,
  calendarFor: CalendarFor,
): ClockColour {
  if (today > deadline) return 'red';
  return workingDaysBetween(today, deadline, calendarFor) <= warnDays ? 'yellow' : 'green';
}

/** The first date after `today` on which the colour against `deadline` differs (none once red). */
function nextColourChange(
  today: string,
  deadline: string,
  warnDays: number,
  calendarFor: CalendarFor,
): string | undefined {
  const now = colourOn(today, deadline, warnDays, calendarFor);
  if (now === 'red') return undefined;
  for (let d = addDays(today, 1); d <= addDays(deadline, 1); d = addDays(d, 1)) {
    if (colourOn(d, deadline, warnDays, calendarFor) !== now) return d;
  }
  return addDays(deadline, 1);
}

const earliest = (...dates: (string | undefined)[]): string | undefined =>
  dates.filter((d): d is string => d !== undefined).sort()[0];

/**
 * R9: where a case stands against its limits on `today` (a Shanghai date). The colour
 * runs against acceptance while received, the promised due date in the back office,
 * and the art. 44 issuance deadline once decided; a closed case keeps the colour it
 * closed with.
 */
export function clockOf(state: CaseState, todayInput: string, baseCalendar: CalendarFor): CaseClock {
  const { calendarFor, used } = provisionalCalendar(baseCalendar);
  const today = state.closedAt ? shanghaiDate(state.closedAt) : todayInput;
  const warn = state.limits.warnDays;
  const receivedDate = shanghaiDate(state.receivedAt);
  const paused = !state.closedAt && state.steps.some((s) => s.excluded && !s.finishedAt);

  if (!state.acceptedAt) {
    if (state.status === 'needs-correction' || state.status === 'rejected' || state.status === 'withdrawn') {
      return { clock: 'green', paused: false, provisional: used() };
    }
    const acceptBy = addWorkingDays(receivedDate, ACCEPTANCE_DAYS, calendarFor);
    const clock = colourOn(today, acceptBy, warn, calendarFor);
    const nextTick = isClosed(state.status)
      ? undefined
      : earliest(nextColourChange(today, acceptBy, warn, calendarFor), addDays(acceptBy, 1));
    return { clock, acceptBy, paused: false, provisional: used(), ...(nextTick ? { nextTick } : {}) };
  }

  const acceptedDate = shanghaiDate(state.acceptedAt);
  const excluded = excludedDays(state, today, calendarFor);
  const extra = (state.extension?.days ?? 0) + excluded;
  const dueDate = addWorkingDays(acceptedDate, state.limits.promisedDays + extra, calendarFor);
  const statutoryDueDate = addWorkingDays(acceptedDate, state.limits.statutoryDays + extra, calendarFor);
  const issueBy = state.decision
    ? addWorkingDays(shanghaiDate(state.decision.at), ISSUANCE_DAYS, calendarFor)
    : undefined;
  const deadline = issueBy ?? dueDate;
  // Only the decision's count is read (the monthly assessment, at the `decided` event): none before.
  const decidedOn = state.decision ? shanghaiDate(state.decision.at) : undefined;
  const usedDays =
    decidedOn === undefined
      ? undefined
      : Math.max(
          0,
          workingDaysBetween(acceptedDate, decidedOn, calendarFor) -
            (decidedOn === today ? excluded : excludedDays(state, decidedOn, calendarFor)),
        );
  const clock = colourOn(today, deadline, warn, calendarFor);
  const lapse =
    state.deficiency && !state.deficiency.lapsed ? addDays(state.deficiency.supplementBy, 1) : undefined;
  // A running step's own limit (R19) changes colour too, paused or not: the visit raises its card.
  const steps = runningSteps(state).map((step) =>
    nextColourChange(today, stepDeadline(step, calendarFor), warn, calendarFor),
  );
  const nextTick = state.closedAt
    ? undefined
    : earliest(paused ? undefined : nextColourChange(today, deadline, warn, calendarFor), lapse, ...steps);
  return {
    clock,
    dueDate,
    statutoryDueDate,
    ...(issueBy ? { issueBy } : {}),
    paused,
    provisional: used(),
    ...(usedDays !== undefined ? { usedDays } : {}),
    ...(nextTick ? { nextTick } : {}),
  };
}
