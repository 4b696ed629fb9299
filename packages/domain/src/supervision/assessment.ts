import { shanghaiDate } from '../calendar';
import type { CaseClock } from '../cases/clock';
import type { CaseEvent } from '../cases/events';
import { type CaseState, EXCLUDED_STEP_KINDS } from '../cases/types';

/**
 * The monthly assessment (月度考核): what each case command adds to its month's figures, per
 * tenant, body, window, staff member and matter, and how the figures are read back. Counted
 * in the command's own transaction (the store shards them), so a report reads a fixed number
 * of items whatever the number of cases.
 *
 * Who a figure belongs to: an act (received, accepted, decided, extended, issued) to the person
 * who did it; a rating to the clerk who took the application (the window service is what the
 * applicant rates); every figure to the case's tenant, matter, body (once known) and window.
 */

/** The dimensions of the report, as the attribute prefix of a counter: `t|m`, `b:<body>|m`, … */
export const ASSESSMENT_DIMENSIONS = ['tenant', 'body', 'window', 'staff', 'matter'] as const;
export type AssessmentDimension = (typeof ASSESSMENT_DIMENSIONS)[number];
const PREFIX: Readonly<Record<AssessmentDimension, string>> = {
  tenant: 't',
  body: 'b',
  window: 'w',
  staff: 's',
  matter: 'm',
};
const DIMENSION_OF: Readonly<Record<string, AssessmentDimension>> = {
  t: 'tenant',
  b: 'body',
  w: 'window',
  s: 'staff',
  m: 'matter',
};

/** Where a figure is counted: the tenant always; the others when known. */
export interface Place {
  readonly body?: string;
  readonly window?: string;
  readonly staff?: string;
  readonly matter?: string;
}

/** A month's counter increments: month (`YYYY-MM`) → attribute → amount. */
export type MonthIncrements = Map<string, Record<string, number>>;

/** The attribute of `metric` for one dimension's member (`t|received`, `s:clerk-1|received`). */
export const assessmentAttribute = (dimension: AssessmentDimension, id: string, metric: string): string =>
  dimension === 'tenant' ? `t|${metric}` : `${PREFIX[dimension]}:${id}|${metric}`;

/** Adds `by` to `metric` in `month` for the tenant and every dimension of `place`. */
export function countAt(into: MonthIncrements, month: string, place: Place, metric: string, by = 1): void {
  const counts = into.get(month) ?? {};
  const add = (name: string) => {
    counts[name] = (counts[name] ?? 0) + by;
  };
  add(assessmentAttribute('tenant', '', metric));
  for (const dimension of ['body', 'window', 'staff', 'matter'] as const) {
    const id = place[dimension];
    if (id) add(assessmentAttribute(dimension, id, metric));
  }
  into.set(month, counts);
}

const monthOf = (instant: string) => shanghaiDate(instant).slice(0, 7);

/**
 * What one case command's events add to the monthly figures. `before` is the case as it was
 * (undefined at intake); `clock` is the case's clock after the command.
 */
export function assessmentIncrements(
  before: CaseState | undefined,
  events: readonly CaseEvent[],
  state: CaseState,
  clock: CaseClock,
): MonthIncrements {
  const into: MonthIncrements = new Map();
  const place = (staff?: string): Place => ({
    matter: state.matter,
    ...(state.body ? { body: state.body } : {}),
    ...(state.window ? { window: state.window } : {}),
    ...(staff ? { staff } : {}),
  });
  const count = (at: string, metric: string, staff?: string, by = 1) =>
    countAt(into, monthOf(at), place(staff), metric, by);
  for (const event of events) {
    switch (event.type) {
      case 'received':
      case 'accepted':
      case 'rejected':
      case 'withdrawn':
      case 'issued':
        count(event.at, event.type, event.actor);
        break;
      case 'deficiency-lapsed':
        if (event.terminated) count(event.at, 'terminated', event.actor);
        break;
      case 'decided': {
        count(event.at, event.outcome === 'approve' ? 'approved' : 'denied', event.actor);
        count(event.at, 'decided', event.actor);
        // 按时办结: decided within the promised limit (extensions and art. 45 pauses included).
        if (clock.dueDate && shanghaiDate(event.at) <= clock.dueDate) count(event.at, 'onTime', event.actor);
        if (clock.usedDays !== undefined) count(event.at, 'daysUsed', event.actor, clock.usedDays);
        break;
      }
      case 'extended':
        count(event.at, 'extended', event.actor);
        break;
      case 'step-started':
        // Art. 45: inspection, expert review and hearing stop the clock.
        if (EXCLUDED_STEP_KINDS.includes(event.kind)) count(event.at, 'paused', event.actor);
        break;
      case 'rated': {
        const at = event.at;
        count(at, `lv${event.level}`, state.receivedBy);
        if (event.default) count(at, 'defaulted', state.receivedBy);
        break;
      }
      case 'appeal-decided': {
        // An upheld appeal takes the rating out of the month it was given in, and says so there.
        const rating = before?.rating;
        if (event.outcome !== 'upheld' || !rating) break;
        count(rating.at, `lv${rating.level}`, state.receivedBy, -1);
        count(rating.at, 'excluded', state.receivedBy);
        break;
      }
      case 'rectification-opened':
        count(event.at, 'rectOpened');
        break;
      case 'rectification-escalated':
        count(event.at, 'rectLate');
        break;
      case 'rectification-closed': {
        const r = before?.rectification;
        if (!r) break;
        // A round answered late that the clock had not escalated yet is late all the same.
        if (shanghaiDate(event.at) <= r.dueDate) count(event.at, 'rectOnTime');
        else if (!r.escalatedAt) count(event.at, 'rectLate');
        break;
      }
    }
  }
  return into;
}

/** A card raised (or withdrawn, `by` −1) in `month`, counted by colour and by trigger. */
export function cardIncrements(
  place: Omit<Place, 'staff'>,
  card: { readonly colour: string; readonly trigger: string },
  month: string,
  by = 1,
): MonthIncrements {
  const into: MonthIncrements = new Map();
  countAt(into, month, place, card.colour, by);
  countAt(into, month, place, `card:${card.colour}:${card.trigger}`, by);
  return into;
}

/** One row of the report: a tenant, body, window, staff member or matter in the month. */
export interface AssessmentRow {
  readonly id: string;
  received: number;
  accepted: number;
  /** 不予受理. */
  rejected: number;
  withdrawn: number;
  terminated: number;
  approved: number;
  /** 不予许可. */
  denied: number;
  issued: number;
  decided: number;
  onTime: number;
  /** 按时办结率: decided within the promised limit over decided; null with none decided. */
  onTimeRate: number | null;
  /** 平均用时: working days from acceptance to decision, pauses left out. */
  averageDays: number | null;
  extended: number;
  paused: number;
  cards: { yellow: number; red: number; byTrigger: Record<string, { yellow: number; red: number }> };
  ratings: MonthRatings;
  rectifications: { opened: number; onTime: number; late: number; onTimeRate: number | null };
}

/** A month's ratings (R18) by level, 5 非常满意 … 1 非常不满意, as the board and the assessment give them. */
export interface MonthRatings {
  /** Ratings that count: upheld appeals left out. */
  rated: number;
  levels: Record<'1' | '2' | '3' | '4' | '5', number>;
  defaulted: number;
  excluded: number;
  /** 满意率 (GB/T 39734): 非常满意, 满意 and 基本满意 over the ratings that count; null with none. */
  satisfaction: number | null;
}

/** Fills in `rated` and 满意率 from the levels counted. */
export function rateSatisfaction(r: MonthRatings): void {
  r.rated = Object.values(r.levels).reduce((a, b) => a + b, 0);
  r.satisfaction = ratio(r.levels['3'] + r.levels['4'] + r.levels['5'], r.rated);
}

export interface AssessmentFigures {
  readonly month: string;
  readonly tenant: AssessmentRow;
  readonly bodies: readonly AssessmentRow[];
  readonly windows: readonly AssessmentRow[];
  readonly staff: readonly AssessmentRow[];
  readonly matters: readonly AssessmentRow[];
}

const emptyRow = (id: string): AssessmentRow => ({
  id,
  received: 0,
  accepted: 0,
  rejected: 0,
  withdrawn: 0,
  terminated: 0,
  approved: 0,
  denied: 0,
  issued: 0,
  decided: 0,
  onTime: 0,
  onTimeRate: null,
  averageDays: null,
  extended: 0,
  paused: 0,
  cards: { yellow: 0, red: 0, byTrigger: {} },
  ratings: {
    rated: 0,
    levels: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
    defaulted: 0,
    excluded: 0,
    satisfaction: null,
  },
  rectifications: { opened: 0, onTime: 0, late: 0, onTimeRate: null },
});

const PLAIN = [
  'received',
  'accepted',
  'rejected',
  'withdrawn',
  'terminated',
  'approved',
  'denied',
  'issued',
  'decided',
  'onTime',
  'extended',
  'paused',
] as const;

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 10000 : null);

function apply(row: AssessmentRow, metric: string, value: number, days: Map<AssessmentRow, number>): void {
  if ((PLAIN as readonly string[]).includes(metric)) {
    row[metric as (typeof PLAIN)[number]] += value;
  } else if (metric === 'daysUsed') {
    days.set(row, (days.get(row) ?? 0) + value);
  } else if (/^lv[1-5]$/.test(metric)) {
    row.ratings.levels[metric.slice(2) as '1'] += value;
  } else if (metric === 'defaulted' || metric === 'excluded') {
    row.ratings[metric] += value;
  } else if (metric === 'yellow' || metric === 'red') {
    row.cards[metric] += value;
  } else if (metric.startsWith('card:')) {
    const [, colour, trigger = ''] = metric.split(':');
    if (colour !== 'yellow' && colour !== 'red') return;
    const t = row.cards.byTrigger[trigger] ?? { yellow: 0, red: 0 };
    t[colour] += value;
    row.cards.byTrigger[trigger] = t;
  } else if (metric === 'rectOpened') row.rectifications.opened += value;
  else if (metric === 'rectOnTime') row.rectifications.onTime += value;
  else if (metric === 'rectLate') row.rectifications.late += value;
}

/** The month's figures from its counter items (any number of shards), each list busiest first. */
export function sumAssessment(month: string, items: readonly Record<string, unknown>[]): AssessmentFigures {
  const tenant = emptyRow('');
  const rows: Record<Exclude<AssessmentDimension, 'tenant'>, Map<string, AssessmentRow>> = {
    body: new Map(),
    window: new Map(),
    staff: new Map(),
    matter: new Map(),
  };
  const days = new Map<AssessmentRow, number>();
  for (const item of items) {
    for (const [name, value] of Object.entries(item)) {
      if (typeof value !== 'number') continue;
      const bar = name.lastIndexOf('|');
      if (bar < 0) continue;
      const head = name.slice(0, bar);
      const metric = name.slice(bar + 1);
      const dimension = DIMENSION_OF[head.slice(0, 1)];
      if (!dimension) continue;
      let row = tenant;
      if (dimension !== 'tenant') {
        if (head[1] !== ':') continue;
        const id = head.slice(2);
        const map = rows[dimension];
        row = map.get(id) ?? emptyRow(id);
        map.set(id, row);
      } else if (head !== 't') continue;
      apply(row, metric, value, days);
    }
  }
  const finish = (row: AssessmentRow) => {
    row.onTimeRate = ratio(row.onTime, row.decided);
    const used = days.get(row);
    row.averageDays =
      row.decided > 0 && used !== undefined ? Math.round((used / row.decided) * 10) / 10 : null;
    rateSatisfaction(row.ratings);
    const rect = row.rectifications;
    rect.onTimeRate = ratio(rect.onTime, rect.onTime + rect.late);
    return row;
  };
  const list = (map: Map<string, AssessmentRow>) =>
    [...map.values()]
      .map(finish)
      .sort((a, b) => b.received - a.received || b.decided - a.decided || a.id.localeCompare(b.id));
  return {
    month,
    tenant: finish(tenant),
    bodies: list(rows.body),
    windows: list(rows.window),
    staff: list(rows.staff),
    matters: list(rows.matter),
  };
}

/**
 * The city's ranking score of a tenant's month (0–100, higher is better): the weighted mean of
 * the rates it has (按时办结率 50, 满意率 40, 整改按时率 10; a rate with nothing behind it is left
 * out and the weights of the others count), less 1 point per red card and 0.5 per yellow card
 * per 100 cases received (at least 1), never below 0. Null when the tenant has no rate at all.
 */
export function assessmentScore(row: AssessmentRow): number | null {
  const parts: [number | null, number][] = [
    [row.onTimeRate, 50],
    [row.ratings.satisfaction, 40],
    [row.rectifications.onTimeRate, 10],
  ];
  const known = parts.filter((p): p is [number, number] => p[0] !== null);
  if (known.length === 0) return null;
  const weight = known.reduce((n, [, w]) => n + w, 0);
  const mean = (known.reduce((n, [v, w]) => n + v * w, 0) / weight) * 100;
  const per100 = 100 / Math.max(row.received, 1);
  const penalty = (row.cards.red + row.cards.yellow * 0.5) * per100;
  return Math.round(Math.max(0, mean - penalty) * 10) / 10;
}
