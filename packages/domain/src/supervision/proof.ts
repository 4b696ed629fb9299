import {
  addDays,
  addWorkingDays,
  type CalendarFor,
  isWorkingDay,
  shanghaiDate,
  workingDaysBetween,
} from '../calendar';
import { ACCEPTANCE_DAYS, colourOn, ISSUANCE_DAYS, provisionalCalendar, stepDaysOf } from '../cases/clock';
import type { StoredCaseEvent } from '../cases/events';
import type { CaseState } from '../cases/types';
import type { CardColour, CardLimit } from './cards';

/**
 * R19: the clock proof a card carries: every day from the limit's start counted or not and why,
 * the pauses and the extension with the events that made them, so anyone can recompute it.
 */

/** What a proof counts against: a card limit of the case, or a step's own limit (`stepId`). */
export const PROOF_LIMITS = ['acceptance', 'promised', 'statutory', 'issuance', 'receipt', 'step'] as const;
export type ProofLimit = (typeof PROOF_LIMITS)[number];

/** An event a proof rests on, by its place in the case's hash chain. */
export interface EventRef {
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly hash: string;
}

export type DayKind = 'working' | 'weekend' | 'holiday' | 'make-up';

export interface ProofDay {
  readonly date: string;
  readonly kind: DayKind;
  /** A working day inside an excluded step (art. 45): not counted; the step's id. */
  readonly pausedBy?: string;
  /** Whether the day counts against the limit. */
  readonly counted: boolean;
}

export interface ClockProof {
  readonly limit: ProofLimit;
  /** The step whose own limit this is (limit `step`). */
  readonly stepId?: string;
  /** The day the count starts after (the start day itself is not counted). */
  readonly start: string;
  readonly startEvent: EventRef;
  /** Working days the limit allows before extensions and pauses. */
  readonly allowed: number;
  readonly extension?: { readonly days: number; readonly event: EventRef };
  readonly pauses: readonly {
    readonly stepId: string;
    readonly from: EventRef;
    readonly to?: EventRef;
    readonly workingDays: number;
  }[];
  /** The last working day of the limit. */
  readonly deadline: string;
  /** The day the proof was computed for. */
  readonly today: string;
  /** Counted days left on `today` (negative once passed: the working days since the deadline). */
  readonly workingDaysLeft: number;
  readonly warnDays: number;
  /** The years' calendars used, and whether any was provisional (statutory holidays only). */
  readonly calendars: readonly { readonly year: number; readonly provisional: boolean }[];
  /** Every day from the day after `start` to the later of `deadline` and `today` (at most 400). */
  readonly days: readonly ProofDay[];
}

const MAX_PROOF_DAYS = 400;

export const refOf = (e: StoredCaseEvent): EventRef => ({ seq: e.seq, type: e.type, at: e.at, hash: e.hash });

function dayKind(date: string, calendarFor: CalendarFor): DayKind {
  const cal = calendarFor(Number(date.slice(0, 4)));
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const working = cal ? isWorkingDay(date, cal) : !weekend;
  if (working) return weekend ? 'make-up' : 'working';
  return weekend && !cal?.holidays.includes(date) ? 'weekend' : 'holiday';
}

/** The proof's days, deadline and count from `start`, with `paused` working days not counted. */
function laidOut(
  head: Pick<ClockProof, 'limit' | 'stepId' | 'startEvent' | 'allowed' | 'extension' | 'pauses' | 'warnDays'>,
  start: string,
  counted: number,
  paused: ReadonlyMap<string, string>,
  today: string,
  calendarFor: CalendarFor,
): ClockProof {
  const deadline = addWorkingDays(start, counted + paused.size, calendarFor);
  const last = [deadline, today].sort()[1] ?? deadline;
  const days: ProofDay[] = [];
  const years = new Map<number, boolean>();
  for (let d = addDays(start, 1); d <= last && days.length < MAX_PROOF_DAYS; d = addDays(d, 1)) {
    const kind = dayKind(d, calendarFor);
    const pausedBy = kind === 'working' || kind === 'make-up' ? paused.get(d) : undefined;
    days.push({
      date: d,
      kind,
      ...(pausedBy ? { pausedBy } : {}),
      counted: (kind === 'working' || kind === 'make-up') && !pausedBy,
    });
    const year = Number(d.slice(0, 4));
    if (!years.has(year)) years.set(year, calendarFor(year)?.provisional === true);
  }
  const workingDaysLeft =
    today <= deadline
      ? workingDaysBetween(today, deadline, calendarFor)
      : -workingDaysBetween(deadline, today, calendarFor);
  const { extension, stepId, ...rest } = head;
  return {
    ...rest,
    ...(stepId ? { stepId } : {}),
    start,
    ...(extension ? { extension } : {}),
    deadline,
    today,
    workingDaysLeft,
    calendars: [...years].map(([year, provisional]) => ({ year, provisional })),
    days,
  };
}

/**
 * The clock proof of `limit` for the case on `today`, from its stored events: the same
 * computation as the case clock (clock.ts `clockOf`), laid out day by day.
 */
export function clockProof(
  state: CaseState,
  events: readonly StoredCaseEvent[],
  limit: CardLimit,
  today: string,
  baseCalendar: CalendarFor,
  /** The receipt limit's working days (the city's, R20); the other limits are the case's own. */
  receiptDays = 1,
): ClockProof | undefined {
  const { calendarFor } = provisionalCalendar(baseCalendar);
  const find = (type: string) => events.find((e) => e.type === type);
  const startEvent =
    limit === 'acceptance'
      ? find('received')
      : limit === 'issuance' || limit === 'receipt'
        ? find('decided')
        : find('accepted');
  if (!startEvent) return undefined;
  const allowed =
    limit === 'acceptance'
      ? ACCEPTANCE_DAYS
      : limit === 'receipt'
        ? receiptDays
        : limit === 'issuance'
          ? ISSUANCE_DAYS
          : limit === 'promised'
            ? state.limits.promisedDays
            : state.limits.statutoryDays;
  const backOffice = limit === 'promised' || limit === 'statutory';
  const extended = backOffice ? events.find((e) => e.type === 'extended') : undefined;
  const extension =
    extended && extended.type === 'extended' ? { days: extended.days, event: refOf(extended) } : undefined;
  // Art. 45: working days inside an excluded step are not counted (each once, however many steps overlap).
  const paused = new Map<string, string>();
  const pauses: ClockProof['pauses'][number][] = [];
  if (backOffice) {
    for (const step of state.steps) {
      if (!step.excluded) continue;
      const from = events.find((e) => e.type === 'step-started' && e.stepId === step.id);
      const to = events.find((e) => e.type === 'step-finished' && e.stepId === step.id);
      if (!from) continue;
      const end = step.finishedAt ? shanghaiDate(step.finishedAt) : today;
      let workingDays = 0;
      for (let d = addDays(shanghaiDate(step.startedAt), 1); d <= end; d = addDays(d, 1)) {
        if (workingDaysBetween(addDays(d, -1), d, calendarFor) !== 1) continue;
        workingDays += 1;
        if (!paused.has(d)) paused.set(d, step.id);
      }
      pauses.push({ stepId: step.id, from: refOf(from), ...(to ? { to: refOf(to) } : {}), workingDays });
    }
  }
  return laidOut(
    {
      limit,
      startEvent: refOf(startEvent),
      allowed,
      ...(extension ? { extension } : {}),
      pauses,
      warnDays: state.limits.warnDays,
    },
    shanghaiDate(startEvent.at),
    allowed + (extension?.days ?? 0),
    paused,
    today,
    calendarFor,
  );
}

/**
 * R19: the proof of a step's own limit (`stepDeadline`): its working days from the day the
 * `step-started` event was recorded, with no pause or extension (neither moves a step's limit).
 */
export function stepProof(
  state: CaseState,
  events: readonly StoredCaseEvent[],
  stepId: string,
  today: string,
  baseCalendar: CalendarFor,
): ClockProof | undefined {
  const { calendarFor } = provisionalCalendar(baseCalendar);
  const step = state.steps.find((s) => s.id === stepId);
  const started = events.find((e) => e.type === 'step-started' && e.stepId === stepId);
  if (!step || !started) return undefined;
  const allowed = stepDaysOf(step);
  return laidOut(
    {
      limit: 'step',
      stepId,
      startEvent: refOf(started),
      allowed,
      pauses: [],
      warnDays: state.limits.warnDays,
    },
    shanghaiDate(started.at),
    allowed,
    new Map(),
    today,
    calendarFor,
  );
}

/** The first day `colour` held against `deadline`. */
export function sinceOf(
  colour: CardColour,
  deadline: string,
  warnDays: number,
  calendarFor: CalendarFor,
): string {
  if (colour === 'red') return addDays(deadline, 1);
  let d = deadline;
  while (colourOn(addDays(d, -1), deadline, warnDays, calendarFor) === 'yellow') d = addDays(d, -1);
  return d;
}
