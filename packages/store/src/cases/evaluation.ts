import { type CaseEvent, type CaseState, shanghaiDate } from '@onewindow/domain';
import { jobItem } from '../jobs';
import { tenantPk } from '../keys';
import type { Write } from '../store';
import { caseKeys } from './keys';

/** The events that change a rectification (R18). */
export const RECTIFICATION_EVENTS: ReadonlySet<string> = new Set([
  'rectification-opened',
  'rectification-closed',
  'rectification-called-back',
  'rectification-escalated',
  'rating-appealed',
  'appeal-decided',
]);

/** The job that escalates a rectification round left unanswered past its last working day. */
export const RECTIFICATION_DUE = 'rectification-due';

/** The instant a date's next day begins in Shanghai: the first moment a round ending that day is overdue. */
export const dayAfter = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00+08:00`) + 24 * 3600_000).toISOString();

/** A tenant's rating records of a month (Shanghai), for the provincial export. */
export const ratingKey = (tenant: string, month: string, caseNo: string) => ({
  pk: tenantPk(tenant),
  sk: `RATING#${month}#${caseNo}`,
});

/**
 * The rectification ledger entry as the case now has it (one per case, in the tenant's
 * partition), and, when a round starts, the clock's job for the day after its last working day.
 * A tenant's command writes only its own partition (the isolation layer holds it to that), so the
 * city reads its part from each tenant's ledger.
 */
export function rectificationWrites(state: CaseState, events: readonly CaseEvent[]): Write[] {
  const entry = rectificationEntry(state);
  if (!events.some((e) => RECTIFICATION_EVENTS.has(e.type)) || !entry) return [];
  const r = entry;
  const writes: Write[] = [
    { put: { ...caseKeys.rectification(state.tenant, state.caseNo), entity: 'rectification', ...entry } },
  ];
  const started = events.some(
    (e) => e.type === 'rectification-opened' || (e.type === 'rectification-called-back' && e.dueDate),
  );
  if (started && !r.closedAt)
    writes.push({
      put: jobItem({
        id: `${state.tenant}:${state.caseNo}:${r.dueDate}`,
        kind: RECTIFICATION_DUE,
        dueAt: dayAfter(r.dueDate),
        payload: { tenant: state.tenant, caseNo: state.caseNo },
      }),
    });
  return writes;
}

/** The case's rectification as its ledger entry shows it: the case, the rating, every step so far. */
export function rectificationEntry(state: CaseState) {
  const r = state.rectification;
  if (!r) return undefined;
  const rating = state.rating;
  return {
    caseNo: state.caseNo,
    tenant: state.tenant,
    matter: state.matter,
    matterName: state.matterName,
    ...(state.body ? { body: state.body } : {}),
    ...(rating
      ? {
          level: rating.level,
          ratedAt: rating.at,
          ...(rating.comment ? { comment: rating.comment } : {}),
          ...(rating.reasons ? { reasons: rating.reasons } : {}),
          ...(rating.objects ? { objects: rating.objects } : {}),
          ...(rating.channel ? { channel: rating.channel } : {}),
          ...(rating.excluded ? { excluded: rating.excluded } : {}),
        }
      : {}),
    ...r,
  };
}

/**
 * The rating's record in its month, kept beside the case for the provincial export: what the
 * export needs that the case's projection does not hold in one place. No identity number: the
 * export reads that from the case itself.
 */
export function ratingWrite(state: CaseState, events: readonly CaseEvent[]): Write[] {
  const rating = state.rating;
  const changed = events.some(
    (e) => e.type === 'rated' || (e.type === 'appeal-decided' && e.outcome === 'upheld'),
  );
  if (!rating || !changed) return [];
  return [
    {
      put: {
        ...ratingKey(state.tenant, shanghaiDate(rating.at).slice(0, 7), state.caseNo),
        entity: 'rating',
        caseNo: state.caseNo,
        tenant: state.tenant,
        matter: state.matter,
        matterName: state.matterName,
        ...(state.body ? { body: state.body } : {}),
        receivedBy: state.receivedBy,
        receivedAt: state.receivedAt,
        // 办结: the case closed, or its decision when the result is still to be taken.
        ...(state.closedAt || state.decision ? { doneAt: state.closedAt ?? state.decision?.at } : {}),
        status: state.status,
        onTheSpot: state.limits.onTheSpot,
        applicantKind: state.applicant.kind,
        ...rating,
      },
    },
  ];
}
