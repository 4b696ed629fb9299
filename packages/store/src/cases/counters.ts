import {
  assessmentIncrements,
  type CaseClock,
  type CaseEvent,
  type CaseState,
  CLOCK_COLOURS,
  type ClockColour,
  isClosed,
  type MonthIncrements,
  type MonthRatings,
  rateSatisfaction,
  shanghaiDate,
} from '@onewindow/domain';
import { keys } from '../keys';
import type { Write } from '../store';
import { caseKeys } from './keys';
import { type StoredCase, wasOpen } from './projection';

/**
 * Counters a case command keeps in its own transaction: the open cases per matter (the
 * rollout preview, R2), the month's intake and completion, the e-supervision board
 * (open cases by colour, in all and per body) and the workbench's counts.
 *
 * Each counter is split into COUNTER_SHARDS items and a case always writes the shard its
 * number hashes to. An item can be in only one transaction at a time (two at once cancel
 * one with TransactionConflict), so one counter item per tenant would cap the tenant at
 * one counting command per transaction time; ten shards let ten run at once, and readers
 * add up ten small items, a constant cost whatever the number of cases.
 */
export const COUNTER_SHARDS = 10;

/** Stands for open cases that no body handles yet (received, not yet bound). */
export const NO_BODY = '—';

/**
 * The workbench's counts (open cases per status, what waits on each body's approvers) change on
 * nearly every command, a decision included, where the board changes only with a colour or a
 * body. They live in items of their own over more shards, so a burst of decisions meets on
 * few items and never holds the board's.
 */
export const WORK_SHARDS = 32;

/** FNV-1a of the case number: consecutive numbers spread over the shards. */
export function shardOf(caseNo: string, shards = COUNTER_SHARDS): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < caseNo.length; i++) h = Math.imul(h ^ caseNo.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

/** Open statuses that wait on the bound body's approvers (review and decision). */
const WAITING_ON_APPROVER: ReadonlySet<string> = new Set(['accepted', 'accepted-with-deficiency']);
/** A work shard's attribute: open cases in a status (`s:` cannot be a body ref's start). */
const statusAttribute = (status: string) => `s:${status}`;
/** A work shard's attribute: a body's cases waiting on its approvers, by colour. */
const waitingAttribute = (body: string, colour: ClockColour) => `w:${body}|${colour}`;

/** A board shard's attribute: the tenant's total for a colour, or one body's. */
const boardAttribute = (colour: ClockColour, body?: string) => (body ? `${body}|${colour}` : colour);

/** What the board counts a case as: every case not closed, under its colour and handling body. */
const onBoard = (s: CaseState | undefined, colour: ClockColour | undefined) =>
  s && colour && !isClosed(s.status) ? { colour, body: s.body ?? NO_BODY } : undefined;

/**
 * The counter writes of one case command, from the case before and after it: only the
 * differences are written, and a counter whose difference is 0 is not touched, so a
 * command that moves nothing (a decide that keeps the colour) takes no counter item.
 */
export function counterWrites(
  before: StoredCase | undefined,
  events: readonly CaseEvent[],
  state: CaseState,
  clock: CaseClock,
): Write[] {
  const writes: Write[] = [];
  const { tenant } = state;
  const shard = shardOf(state.caseNo);
  // A case is pending for the rollout preview from acceptance to closing.
  const open = (wasOpen(state) ? 1 : 0) - (wasOpen(before?.state) ? 1 : 0);
  if (open !== 0)
    writes.push({
      add: keys.openCases(tenant, state.matter, shard),
      values: { count: open },
      entity: 'counter',
    });

  const board: Record<string, number> = {};
  const move = (place: { colour: ClockColour; body: string } | undefined, by: number) => {
    if (!place) return;
    for (const name of [boardAttribute(place.colour), boardAttribute(place.colour, place.body)])
      board[name] = (board[name] ?? 0) + by;
  };
  move(onBoard(before?.state, before?.clock), -1);
  move(onBoard(state, clock.clock), 1);
  const moved = Object.fromEntries(Object.entries(board).filter(([, n]) => n !== 0));
  if (Object.keys(moved).length > 0)
    writes.push({ add: caseKeys.board(tenant, shard), values: moved, entity: 'board' });

  // The workbench's counts: open cases by status, and what waits on each body's approvers by colour.
  const counts: Record<string, number> = {};
  const work = (s: CaseState | undefined, colour: ClockColour | undefined, by: number) => {
    if (!s || !colour || isClosed(s.status)) return;
    counts[statusAttribute(s.status)] = (counts[statusAttribute(s.status)] ?? 0) + by;
    if (s.body && WAITING_ON_APPROVER.has(s.status)) {
      const name = waitingAttribute(s.body, colour);
      counts[name] = (counts[name] ?? 0) + by;
    }
  };
  work(before?.state, before?.clock, -1);
  work(state, clock.clock, 1);
  const worked = Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
  if (Object.keys(worked).length > 0)
    writes.push({
      add: caseKeys.work(tenant, shardOf(state.caseNo, WORK_SHARDS)),
      values: worked,
      entity: 'work',
    });

  // One update per month item: a transaction may touch an item only once.
  const months = new Map<string, Record<string, number>>();
  const count = (instant: string, name: string, by = 1) => {
    const month = shanghaiDate(instant).slice(0, 7);
    const counts = months.get(month) ?? {};
    counts[name] = (counts[name] ?? 0) + by;
    months.set(month, counts);
  };
  for (const event of events) {
    if (event.type === 'received' || event.type === 'accepted' || event.type === 'issued') {
      count(event.at, event.type);
      // The day's intake too (`r<dd>`), for the window's 今日收件.
      if (event.type === 'received') count(event.at, `r${shanghaiDate(event.at).slice(8, 10)}`);
    }
    // 好差评 (R18): ratings by level in the month they were given; a default counted as such.
    if (event.type === 'rated') {
      count(event.at, `lv${event.level}`);
      if (event.default) count(event.at, 'defaulted');
    }
    // An upheld appeal takes the rating out of its month's figures, and counts it as excluded.
    if (event.type === 'appeal-decided' && event.outcome === 'upheld' && before?.state.rating) {
      count(before.state.rating.at, `lv${before.state.rating.level}`, -1);
      count(before.state.rating.at, 'excluded');
    }
  }
  for (const [month, values] of months) {
    writes.push({ add: caseKeys.stats(tenant, month, shard), values, entity: 'stats' });
    if (MONTH_KINDS.some((k) => values[k]))
      writes.push(matterMonthWrite(tenant, month, state.matter, shard, events, values));
  }
  writes.push(
    ...assessmentWrites(
      tenant,
      shardOf(state.caseNo, WORK_SHARDS),
      assessmentIncrements(before?.state, events, state, clock),
    ),
  );
  return writes;
}

/**
 * The monthly assessment's counter writes: one update per month item, zeros left out. Over the
 * work shards' 32, as a decision writes both: a burst of decisions spreads as widely as before.
 */
export function assessmentWrites(tenant: string, shard: number, increments: MonthIncrements): Write[] {
  const writes: Write[] = [];
  for (const [month, counts] of increments) {
    const values = Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
    if (Object.keys(values).length > 0)
      writes.push({ add: caseKeys.assessment(tenant, month, shard), values, entity: 'assessment' });
  }
  return writes;
}

const MONTH_KINDS = ['received', 'accepted', 'issued'] as const;

/** Attribute prefix of a matter-month counter's per-clerk received count. */
export const CLERK_PREFIX = 'clerk:';

/**
 * The month's counts of the case's matter, with the clerk who took the application, for the
 * rollout impact preview: an item of its own, so the board's month items stay small.
 */
function matterMonthWrite(
  tenant: string,
  month: string,
  matter: string,
  shard: number,
  events: readonly CaseEvent[],
  counts: Readonly<Record<string, number>>,
): Write {
  const values: Record<string, number> = {};
  for (const kind of MONTH_KINDS) if (counts[kind]) values[kind] = counts[kind];
  const received = events.find((e) => e.type === 'received');
  if (received && shanghaiDate(received.at).slice(0, 7) === month)
    values[`${CLERK_PREFIX}${received.actor}`] = 1;
  return { add: caseKeys.matterMonth(tenant, month, matter, shard), values, entity: 'matter-month' };
}

export type ColourCounts = Record<ClockColour, number>;
const noCases = (): ColourCounts => ({ green: 0, yellow: 0, red: 0 });

/** The board from its shards: open cases by colour, and per body with the most overdue first. */
export function sumBoard(shards: readonly Record<string, unknown>[]) {
  const counts = noCases();
  const perBody = new Map<string, ColourCounts>();
  for (const item of shards) {
    for (const [name, value] of Object.entries(item)) {
      if (name.startsWith('w:') || name.startsWith('s:')) continue;
      const bar = name.lastIndexOf('|');
      const colour = (bar < 0 ? name : name.slice(bar + 1)) as ClockColour;
      if (!CLOCK_COLOURS.includes(colour) || typeof value !== 'number') continue;
      if (bar < 0) {
        counts[colour] += value;
        continue;
      }
      const body = name.slice(0, bar);
      const row = perBody.get(body) ?? noCases();
      row[colour] += value;
      perBody.set(body, row);
    }
  }
  const bodies = [...perBody.entries()]
    // A body whose cases all closed keeps its attributes at 0: it has nothing on the board.
    .filter(([, c]) => c.green + c.yellow + c.red > 0)
    .map(([body, c]) => ({ body, ...c, overdue: c.red }))
    .sort((a, b) => b.overdue - a.overdue || a.body.localeCompare(b.body));
  return { counts, bodies };
}

/** A month's figures: intake and completion, and its ratings (R18) by level, 5 非常满意 … 1 非常不满意. */
export interface MonthFigures {
  readonly month: string;
  received: number;
  accepted: number;
  issued: number;
  ratings: MonthRatings;
}

/** Month counters from their shards (and from the unsharded items written before the shards), oldest first. */
export function sumMonths(items: readonly Record<string, unknown>[]): MonthFigures[] {
  const months = new Map<string, MonthFigures>();
  for (const item of items) {
    const month = String(item.sk).slice('STATS#'.length, 'STATS#'.length + 7);
    const row: MonthFigures = months.get(month) ?? {
      month,
      received: 0,
      accepted: 0,
      issued: 0,
      ratings: {
        rated: 0,
        levels: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
        defaulted: 0,
        excluded: 0,
        satisfaction: null,
      },
    };
    row.received += Number(item.received ?? 0);
    row.accepted += Number(item.accepted ?? 0);
    row.issued += Number(item.issued ?? 0);
    const r = row.ratings;
    for (const level of ['1', '2', '3', '4', '5'] as const)
      r.levels[level] += Number(item[`lv${level}`] ?? 0);
    r.defaulted += Number(item.defaulted ?? 0);
    r.excluded += Number(item.excluded ?? 0);
    months.set(month, row);
  }
  for (const { ratings } of months.values()) rateSatisfaction(ratings);
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** Open cases per matter from the counter shards (and the unsharded items written before them). */
export function sumOpenCases(items: readonly Record<string, unknown>[]): Record<string, number> {
  const open: Record<string, number> = {};
  for (const item of items) {
    const matter = String(item.sk).slice('OPENCASES#'.length).replace(/#\d+$/, '');
    open[matter] = (open[matter] ?? 0) + Number(item.count ?? 0);
  }
  return open;
}

/**
 * The workbench's counts from the work shards (and the board shards, which held them before
 * the work shards did) and the month's shards: open cases per status,
 * each body's cases waiting on its approvers by colour, and the cases received on `date`.
 */
export function sumWork(
  work: readonly Record<string, unknown>[],
  month: readonly Record<string, unknown>[],
  date: string,
) {
  const statuses: Record<string, number> = {};
  const waiting: Record<string, ColourCounts> = {};
  for (const item of work) {
    for (const [name, value] of Object.entries(item)) {
      if (typeof value !== 'number') continue;
      if (name.startsWith('s:')) statuses[name.slice(2)] = (statuses[name.slice(2)] ?? 0) + value;
      if (!name.startsWith('w:')) continue;
      const bar = name.lastIndexOf('|');
      const colour = name.slice(bar + 1) as ClockColour;
      if (!CLOCK_COLOURS.includes(colour)) continue;
      const body = name.slice(2, bar);
      const row = waiting[body] ?? noCases();
      row[colour] += value;
      waiting[body] = row;
    }
  }
  const day = `r${date.slice(8, 10)}`;
  const receivedToday = month.reduce((n, item) => n + Number(item[day] ?? 0), 0);
  return { statuses, waiting, receivedToday };
}

/** Pushes waiting to be signed for, from the tenant's shards: in all and per supervising body. */
export function sumPushes(items: readonly Record<string, unknown>[]) {
  let unsigned = 0;
  const byBody: Record<string, number> = {};
  for (const item of items)
    for (const [name, value] of Object.entries(item)) {
      if (typeof value !== 'number') continue;
      if (name === 'unsigned') unsigned += value;
      else if (name.startsWith('u:')) byBody[name.slice(2)] = (byBody[name.slice(2)] ?? 0) + value;
    }
  return { unsigned, byBody: Object.fromEntries(Object.entries(byBody).filter(([, n]) => n !== 0)) };
}
