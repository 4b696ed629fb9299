import type { AuthorityPeriod } from '../authority';
import { formatBodyRef } from '../ids';
import type { Body } from '../tenancy';
import { fromBodyOf, type Rollout, type RolloutInput } from './plan';

/** The body that holds authority after the move: the receiver for a transfer, the department when stationed. */
export function implementingRef(r: RolloutInput, tenant: string, matter: string): string {
  return r.mode === 'transfer' ? `${tenant}/${r.to}` : fromBodyOf(r, matter);
}

/**
 * The period a rollout opens for one matter in one tenant. The supervising body is the line
 * department of the move: the origin when it is a department (concentration), else the
 * receiver (a move back to departments, seed 002).
 */
export function periodOf(
  r: Rollout,
  tenant: string,
  matter: string,
  bodies: ReadonlyMap<string, Pick<Body, 'kind'>>,
): AuthorityPeriod {
  const fromRef = fromBodyOf(r, matter);
  const body = implementingRef(r, tenant, matter);
  const supervisingBody =
    bodies.get(fromRef)?.kind === 'department' || r.mode === 'stationed' ? fromRef : body;
  return {
    tenant,
    matter,
    from: r.effectiveAt,
    body,
    mode: r.mode,
    seal: r.seal,
    supervisingBody,
    originBody: fromRef,
    ...(r.mode === 'stationed' ? { windowBody: `${tenant}/${r.to}` } : {}),
    ...(r.transition ? { transition: r.transition } : {}),
    rollout: r.id,
  };
}

/** Target `index` of a rollout in apply order: tenant by tenant, matter by matter. */
export function targetAt(
  r: Pick<Rollout, 'tenants' | 'matters'>,
  index: number,
): { tenant: string; matter: string } {
  const tenant = r.tenants[Math.floor(index / r.matters.length)];
  const matter = r.matters[index % r.matters.length];
  if (tenant === undefined || matter === undefined) throw new RangeError(`no target ${index}`);
  return { tenant, matter };
}

export const bodyRefOf = (body: Pick<Body, 'tenant' | 'code'>): string => formatBodyRef(body);
