import { type AssessmentDimension, DIMENSION_OF } from './assessment';

/**
 * The monthly assessment read back: the counters a month's shards hold (assessment.ts) added up
 * into rows per tenant, body, window, staff member and matter, with their rates, and the score a
 * city ranks its tenants by.
 */

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
  /** 绿色通道 (重点项目) cases, counted apart as well as in the figures above. */
  greenChannel: { received: number; decided: number; onTime: number };
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
  greenChannel: { received: 0, decided: 0, onTime: 0 },
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
  else if (metric.startsWith('green:')) row.greenChannel[metric.slice(6) as 'received'] += value;
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

/** Points a card takes off the month's score: a red card twice a yellow one. */
export const RED_CARD_POINTS = 2;
export const YELLOW_CARD_POINTS = 1;

/**
 * The city's ranking score of a tenant's month (0–100, higher is better): the weighted mean of
 * the rates it has (按时办结率 50, 满意率 40, 整改按时率 10; a rate with nothing behind it is left
 * out and the weights of the others count), less 2 points per red card and 1 per yellow card
 * raised in the month (the e-supervision practice of 亮灯扣分), never below 0. Null when the tenant
 * has no rate at all.
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
  const penalty = row.cards.red * RED_CARD_POINTS + row.cards.yellow * YELLOW_CARD_POINTS;
  return Math.round(Math.max(0, mean - penalty) * 10) / 10;
}
