import {
  addDays,
  addWorkingDays,
  type CalendarFor,
  isWorkingDay,
  shanghaiDate,
  workingDaysBetween,
} from '../calendar';
import { ACCEPTANCE_DAYS, colourOn, ISSUANCE_DAYS, provisionalCalendar } from '../cases/clock';
import type { StoredCaseEvent } from '../cases/events';
import { type CaseState, isClosed } from '../cases/types';

/**
 * R19: e-supervision cards (电子监察亮灯). A yellow card when a limit is near (within the matter's
 * warning days), a red one when it has passed; each raised from the case's events and the
 * working-day calendar, never from a typed date, and carrying its clock proof: every day from the
 * limit's start counted or not and why, the pauses and the extension with the events that made
 * them, so anyone can recompute it.
 */

/**
 * The limits a card is raised against: acceptance (art. 32 (4)), promised, statutory, issuance
 * (art. 44), and the supervising body's receipt of a pushed decision (R20, 审管联动签收).
 */
export const CARD_LIMITS = ['acceptance', 'promised', 'statutory', 'issuance', 'receipt'] as const;
export type CardLimit = (typeof CARD_LIMITS)[number];
export const CARD_COLOURS = ['yellow', 'red'] as const;
export type CardColour = (typeof CARD_COLOURS)[number];

/** A card's state: raised; contested by the body; then upheld or withdrawn by an inspector. */
export const CARD_STATUSES = ['raised', 'contested', 'upheld', 'withdrawn'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

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
  readonly limit: CardLimit;
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

export interface CardDraft {
  readonly limit: CardLimit;
  readonly colour: CardColour;
  /** The first day the colour held. */
  readonly since: string;
  readonly proof: ClockProof;
}

const MAX_PROOF_DAYS = 400;

const refOf = (e: StoredCaseEvent): EventRef => ({ seq: e.seq, type: e.type, at: e.at, hash: e.hash });

function dayKind(date: string, calendarFor: CalendarFor): DayKind {
  const cal = calendarFor(Number(date.slice(0, 4)));
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const working = cal ? isWorkingDay(date, cal) : !weekend;
  if (working) return weekend ? 'make-up' : 'working';
  return weekend && !cal?.holidays.includes(date) ? 'weekend' : 'holiday';
}

/** The limits running for the case now: acceptance while received, promised and statutory in the back office, issuance once decided. */
function runningLimits(state: CaseState): CardLimit[] {
  if (isClosed(state.status)) return [];
  if (!state.acceptedAt) return state.status === 'received' ? ['acceptance'] : [];
  if (state.decision) return ['issuance'];
  return ['promised', 'statutory'];
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
  const start = shanghaiDate(startEvent.at);
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
  const deadline = addWorkingDays(start, allowed + (extension?.days ?? 0) + paused.size, calendarFor);
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
  return {
    limit,
    start,
    startEvent: refOf(startEvent),
    allowed,
    ...(extension ? { extension } : {}),
    pauses,
    deadline,
    today,
    workingDaysLeft,
    warnDays: state.limits.warnDays,
    calendars: [...years].map(([year, provisional]) => ({ year, provisional })),
    days,
  };
}

/** The first day `colour` held against `deadline`. */
function sinceOf(colour: CardColour, deadline: string, warnDays: number, calendarFor: CalendarFor): string {
  if (colour === 'red') return addDays(deadline, 1);
  let d = deadline;
  while (colourOn(addDays(d, -1), deadline, warnDays, calendarFor) === 'yellow') d = addDays(d, -1);
  return d;
}

/**
 * The cards the case has earned on `today`: for each running limit that is yellow or red, the
 * card of that colour with its proof (a red limit owes its yellow card too). Raising them is idempotent (one card per case, limit and
 * colour), so the clock and the stream may both ask.
 */
export function cardsDue(
  state: CaseState,
  events: readonly StoredCaseEvent[],
  today: string,
  baseCalendar: CalendarFor,
): CardDraft[] {
  const { calendarFor } = provisionalCalendar(baseCalendar);
  const cards: CardDraft[] = [];
  for (const limit of runningLimits(state)) {
    const proof = clockProof(state, events, limit, today, baseCalendar);
    if (!proof) continue;
    const warn = state.limits.warnDays;
    const colour = colourOn(today, proof.deadline, warn, calendarFor);
    if (colour === 'green') continue;
    // Past the limit, the yellow it went through is owed too (a visit may have come only after it).
    if (colour === 'red' && warn > 0)
      cards.push({
        limit,
        colour: 'yellow',
        since: sinceOf('yellow', proof.deadline, warn, calendarFor),
        proof,
      });
    cards.push({ limit, colour, since: sinceOf(colour, proof.deadline, warn, calendarFor), proof });
  }
  return cards;
}

/** A card's id within its tenant: the case, the limit and the colour. */
export const cardIdOf = (caseNo: string, limit: CardLimit, colour: CardColour): string =>
  `${caseNo}~${limit}~${colour}`;
