import { type Actor, absentAt, type CoveredPost, coverActor, type Principal } from '@onewindow/domain';
import { absencesAfter, type Store, TenancyRepository } from '@onewindow/store';

/** Reads a staff member's window authorities in force now (CaseService's reader). */
export type WindowReader = (staff: string) => Promise<Actor['windowMatters']>;

/**
 * The post `sub` covers at `now` as its B, if its A is absent then (AB角): what A lends B
 * (roles, head designations and, with `readWindow`, A's window authorities). One key-range
 * Query of the absences not yet over; A's records are read only for a B who covers.
 */
export async function coveredPost(
  store: Store,
  tenant: string,
  sub: string,
  now: string,
  readWindow?: WindowReader,
): Promise<CoveredPost | undefined> {
  const absence = (await absencesAfter(store, tenant, now)).find((a) => a.backup === sub && absentAt(a, now));
  if (!absence) return undefined;
  const [staff, windowMatters] = await Promise.all([
    new TenancyRepository(store).staffMember(tenant, absence.staff),
    readWindow?.(absence.staff),
  ]);
  return {
    staff: absence.staff,
    ...(staff ? { roles: staff.roles } : {}),
    ...(windowMatters?.length ? { windowMatters } : {}),
    ...(staff?.head ? { head: true } : {}),
    ...(staff?.governmentHead ? { governmentHead: true } : {}),
  };
}

/**
 * The actor `principal` is in `tenant` at `now` (AB角): its own powers (`own`), plus, while it
 * covers an absent A, A's roles, window authorities and head designations, with
 * `onBehalfOf: A`, so every act is recorded on A's behalf. Staff of other tenants cover nobody here.
 */
export async function effectiveActor(
  store: Store,
  principal: Principal,
  tenant: string,
  now: string,
  own: Actor,
  readWindow?: WindowReader,
): Promise<Actor> {
  if (principal.tenant !== tenant) return own;
  return coverActor(own, await coveredPost(store, tenant, principal.sub, now, readWindow));
}
