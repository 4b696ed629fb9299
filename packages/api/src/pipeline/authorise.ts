import { decideAccess, type Principal, type Role, reachesTenantAsBody, type Scope } from '@onewindow/domain';
import { problem } from '../problem';

export type ScopeKind = Scope['kind'];

/** Who may call a route: anyone, or these roles within the scope its path names. */
export type Access =
  | 'public'
  | {
      readonly scope: ScopeKind;
      readonly roles: readonly Role[];
      /**
       * Also open to approvers and supervisors of a body in an ancestor tenant
       * (`reachesTenantAsBody`), for the case routes only: the case service then narrows them
       * to the cases that name their body (`reachesCaseAsBody`), 404 on any other, and lists
       * only those. A route marked so must read its case through that service's checked reads
       * (`read`, `load`, `events`, `run`, `list`); the access matrix marks each such route.
       */
      readonly bodyReach?: true;
    };

/** The scope a route's path names: its `:city` or `:tenant`, or the platform. */
export function scopeOf(kind: ScopeKind, params: Readonly<Record<string, string | undefined>>): Scope {
  if (kind === 'city') return { kind, city: params.city ?? '' };
  if (kind === 'tenant') return { kind, tenant: params.tenant ?? '' };
  return { kind };
}

/**
 * Refuses a caller outside the scope with 404 (a tenant it cannot reach does not exist for
 * it) and a caller without the roles with 403; answers the scope the call acts in.
 */
export function authorise(principal: Principal, access: Exclude<Access, 'public'>, scope: Scope): void {
  let decision = decideAccess(principal, scope, access.roles);
  if (decision === 'not-found' && access.bodyReach && scope.kind === 'tenant') {
    if (reachesTenantAsBody(principal, scope.tenant))
      decision = decideAccess(principal, { kind: 'platform' }, access.roles);
  }
  if (decision === 'not-found') throw problem('not-found');
  if (decision === 'forbidden') throw problem('forbidden');
}
