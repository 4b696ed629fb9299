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

/**
 * The bodies a case names to act on it, which a district body's staff need to reach it:
 * the body bound to decide it (R2, R6; before acceptance the body expected at intake), its
 * supervising body (R10), the origin body guiding it (R6 `guided`) and the bodies of the
 * steps still running (a joint inspection names them; they must finish their step).
 */
export interface CaseBodies {
  readonly tenant: string;
  readonly body?: string;
  readonly supervisingBody?: string;
  readonly guidedBy?: string;
  readonly stepBodies?: readonly string[];
}

/** The bodies `state` names, as `reachesCaseAsBody` reads them. */
export function caseBodiesOf(state: {
  readonly tenant: string;
  readonly body?: string;
  readonly binding?: { readonly supervisingBody: string; readonly guidedBy?: string };
  readonly steps: readonly { readonly bodies: readonly string[]; readonly finishedAt?: string }[];
}): CaseBodies {
  const running = state.steps.filter((s) => !s.finishedAt).flatMap((s) => s.bodies);
  return {
    tenant: state.tenant,
    ...(state.body ? { body: state.body } : {}),
    ...(state.binding?.supervisingBody ? { supervisingBody: state.binding.supervisingBody } : {}),
    ...(state.binding?.guidedBy ? { guidedBy: state.binding.guidedBy } : {}),
    ...(running.length > 0 ? { stepBodies: [...new Set(running)] } : {}),
  };
}

/**
 * Whether a district body's approver or supervisor reaches this sub-district case: only
 * when the case names its body (`CaseBodies`). Reaching the tenant as a body is not enough:
 * the district's other departments must not read the case or its applicant (issue 11).
 */
export function reachesCaseAsBody(p: Principal, c: CaseBodies): boolean {
  const body = p.body;
  if (!body || !reachesTenantAsBody(p, c.tenant)) return false;
  return (
    body === c.body ||
    body === c.supervisingBody ||
    body === c.guidedBy ||
    (c.stepBodies ?? []).includes(body)
  );
}

/**
 * Who reaches a case: whoever reaches its tenant (its own staff, the city, the platform),
 * and a district body's staff when the case names their body. Everyone else gets 404.
 */
export function reachesCase(p: Principal, c: CaseBodies): boolean {
  return reachesTenant(p, c.tenant) || reachesCaseAsBody(p, c);
}
