import { cityOfTenant } from './ids';
import type { Role } from './roles';

/**
 * Who is calling, as the verified token says. Tenant, city, body and roles come only
 * from the token, never from a request body (DESIGN.md decision 4).
 */
export interface Principal {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly city?: string;
  readonly tenant?: string;
  readonly body?: string;
}

export const hasAnyRole = (p: Principal, roles: readonly Role[]): boolean =>
  p.roles.some((r) => roles.includes(r));

/** A city's data is reachable by the platform and by that city's administrators. */
export function reachesCity(p: Principal, city: string): boolean {
  if (p.roles.includes('platform-admin')) return true;
  return p.roles.includes('city-admin') && p.city === city;
}

/**
 * A tenant is reachable by the platform, by its city's administrators, and by its own
 * staff. Everyone else must not learn that it exists, so callers answer 404.
 */
export function reachesTenant(p: Principal, tenant: string): boolean {
  if (reachesCity(p, cityOfTenant(tenant))) return true;
  return p.tenant === tenant;
}

export type Scope =
  | { readonly kind: 'platform' }
  | { readonly kind: 'city'; readonly city: string }
  | {
      readonly kind: 'tenant';
      readonly tenant: string;
    };

export type AccessDecision = 'allow' | 'not-found' | 'forbidden';

/**
 * Reach is judged before role: a caller outside the scope gets `not-found` whatever
 * its roles, so a 403 never confirms that another tenant's resource exists.
 */
export function decideAccess(p: Principal, scope: Scope, allowed: readonly Role[]): AccessDecision {
  const reach =
    scope.kind === 'platform'
      ? true
      : scope.kind === 'city'
        ? reachesCity(p, scope.city)
        : reachesTenant(p, scope.tenant);
  if (!reach) return 'not-found';
  return hasAnyRole(p, allowed) ? 'allow' : 'forbidden';
}

/**
 * A district body's approvers and supervisors work on cases of the sub-districts below
 * it: a department leading during an `origin-leads` transition (R6), or supervising
 * sub-district approvals (R10). Their body's tenant must be an ancestor of `tenant`.
 */
export function reachesTenantAsBody(p: Principal, tenant: string): boolean {
  if (!p.body || !p.roles.some((r) => r === 'approver' || r === 'supervisor')) return false;
  const bodyTenant = p.body.split('/')[0] ?? '';
  return bodyTenant !== '' && p.tenant === bodyTenant && tenant.startsWith(`${bodyTenant}.`);
}
