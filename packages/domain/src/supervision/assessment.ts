import { shanghaiDate } from '../calendar';
import type { CaseClock } from '../cases/clock';
import type { CaseEvent } from '../cases/events';
import { type CaseState, EXCLUDED_STEP_KINDS } from '../cases/types';

/**
 * The monthly assessment (月度考核): what each case command adds to its month's figures, per
 * tenant, body, window, staff member and matter (assessment-report.ts reads them back). Counted
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
/** A counter attribute's prefix letter → its dimension. */
export const DIMENSION_OF: Readonly<Record<string, AssessmentDimension>> = {
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
        if (event.type === 'received' && event.greenChannel) count(event.at, 'green:received', event.actor);
        break;
      case 'deficiency-lapsed':
        if (event.terminated) count(event.at, 'terminated', event.actor);
        break;
      case 'decided': {
        count(event.at, event.outcome === 'approve' ? 'approved' : 'denied', event.actor);
        count(event.at, 'decided', event.actor);
        // 按时办结: decided within the promised limit (extensions and art. 45 pauses included).
        const onTime = clock.dueDate !== undefined && shanghaiDate(event.at) <= clock.dueDate;
        if (onTime) count(event.at, 'onTime', event.actor);
        // 绿色通道 counted apart (seed 004: key projects reported separately).
        if (state.greenChannel) count(event.at, 'green:decided', event.actor);
        if (state.greenChannel && onTime) count(event.at, 'green:onTime', event.actor);
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
