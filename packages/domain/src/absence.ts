import type { Actor } from './cases/types';
import { DomainError, invalid } from './errors';
import type { Role } from './roles';
import type { Staff } from './tenancy';

/**
 * An absence (缺勤) of the A of an A/B post: from `from` until `to` (instants, `to` excluded),
 * unless ended earlier (`endedAt`). While it lasts the post's B acts for A (AB角制度), and
 * every act B does so is recorded on behalf of A. No job ends it: whether it is in force is
 * computed from the instant.
 */
export interface Absence {
  readonly tenant: string;
  readonly id: string;
  /** The absent staff member, the A of the post. */
  readonly staff: string;
  /** The post's B, who covers while the absence lasts. */
  readonly backup: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  /** Who recorded it (A themself or a tenant administrator) and when. */
  readonly by: string;
  readonly at: string;
  /** Ended early (提前结束): the absence is over from this instant. */
  readonly endedAt?: string;
  readonly endedBy?: string;
}

/** The instant an absence is over: `to`, or the instant it was ended early when that came first. */
export const absenceEnd = (a: Pick<Absence, 'to' | 'endedAt'>): string =>
  a.endedAt !== undefined && a.endedAt < a.to ? a.endedAt : a.to;

/** Whether the absence is in force at `at` (all instants ISO-8601 UTC): from ≤ at < end. */
export const absentAt = (a: Pick<Absence, 'from' | 'to' | 'endedAt'>, at: string): boolean =>
  a.from <= at && at < absenceEnd(a);

/** Whether two absences share an instant; one ended early counts only up to its end. */
export const absencesOverlap = (
  a: Pick<Absence, 'from' | 'to' | 'endedAt'>,
  b: Pick<Absence, 'from' | 'to' | 'endedAt'>,
): boolean => a.from < absenceEnd(b) && b.from < absenceEnd(a);

/**
 * Checks a new absence of `staff` (its instants already normalised to UTC): a reason, `to`
 * after `from` and not already past, a post with a B, and no overlap with the staff member's
 * other absences. Throws `validation` naming the field, or `invalid-state` (409).
 */
export function checkAbsence(
  input: Pick<Absence, 'from' | 'to' | 'reason'>,
  staff: Pick<Staff, 'id' | 'name'>,
  backup: string | undefined,
  others: readonly Absence[],
  now: string,
): void {
  if (input.reason.trim() === '')
    throw invalid('reason', '请填写缺勤事由', 'give the reason for the absence');
  if (input.to <= input.from) throw invalid('to', '结束时间须晚于开始时间', '`to` must be after `from`');
  if (input.to <= now) throw invalid('to', '结束时间已过', '`to` is already past');
  if (backup === undefined) {
    throw new DomainError(
      'invalid-state',
      `“${staff.name}”的岗位没有B角，缺勤期间无人代岗：请先为其设置B角`,
      `${staff.id}'s post has no backup (B role) to act for it: create one first`,
    );
  }
  const clash = others.find((o) => absencesOverlap(o, input));
  if (clash) {
    throw new DomainError(
      'invalid-state',
      `与已登记的缺勤（${clash.from} 至 ${absenceEnd(clash)}）时间重叠`,
      `overlaps the absence already recorded from ${clash.from} to ${absenceEnd(clash)}`,
    );
  }
}

/** What the absent A lends their B while the absence lasts. */
export interface CoveredPost {
  readonly staff: string;
  readonly roles?: readonly Role[];
  /** A's window authorisation (首席代表授权) in force now. */
  readonly windowMatters?: Actor['windowMatters'];
  /** A's designations: head (负责人) of the body, head of the government. */
  readonly head?: boolean;
  readonly governmentHead?: boolean;
}

/**
 * The actor B is while covering A (R16): B's own powers plus A's (roles, authorised matters,
 * head designations), and `onBehalfOf: A`, which every event it decides and the audit record
 * carry. Without a post to cover, B's own actor unchanged.
 */
export function coverActor(own: Actor, covered: CoveredPost | undefined): Actor {
  if (!covered) return own;
  const windowMatters = [...(own.windowMatters ?? []), ...(covered.windowMatters ?? [])];
  return {
    ...own,
    roles: [...new Set([...own.roles, ...(covered.roles ?? [])])],
    ...(windowMatters.length > 0 ? { windowMatters } : {}),
    ...(own.head || covered.head ? { head: true } : {}),
    ...(own.governmentHead || covered.governmentHead ? { governmentHead: true } : {}),
    onBehalfOf: covered.staff,
  };
}
