import type { IsolationScope } from '@onewindow/app';
import { BODY_ROLES, cityOfTenant, type Principal, parentPathOf, parseCaseNo } from '@onewindow/domain';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import type { Access } from './authorise';
import { logSecurityEvent } from './security-event';

/** The tenants above `tenant` (a sub-district's district): its cases name their bodies and seals. */
function ancestorsOf(tenant: string): string[] {
  const out: string[] = [];
  for (let t = parentPathOf(tenant); t; t = parentPathOf(t)) out.push(t);
  return out;
}

/** Read of a tenant's partitions and its city's reference data, write of the tenant's own. */
const tenantReach = (tenant: string) => ({
  tenants: [tenant],
  readTenants: ancestorsOf(tenant),
  readCities: [cityOfTenant(tenant)],
});

/** The tenant a public path names: `:tenant`, or the tenant a case number begins with. */
function publicTenant(params: Readonly<Record<string, string | undefined>>): string | undefined {
  if (params.tenant) return params.tenant;
  if (!params.caseNo) return undefined;
  try {
    return parseCaseNo(params.caseNo).tenant;
  } catch {
    // An unreadable number reaches nothing; the route answers it as it always has.
    return undefined;
  }
}

/**
 * What a request may touch in the table, from the verified principal (or, on a public route,
 * from the one tenant or city its path names): the scope the store's isolation guard checks
 * every DynamoDB request against. It is the caller's whole reach, not only the path's scope,
 * so it never refuses what authorise allowed: it catches a key built from anything else.
 */
export function isolationOf(
  c: Context<AppEnv>,
  access: Access,
  principal: Principal,
  params: Readonly<Record<string, string | undefined>>,
): IsolationScope {
  const report = (r: { command: string; key: string; write: boolean }) =>
    logSecurityEvent(c, 'isolation-refused', { command: r.command, key: r.key, write: String(r.write) });
  if (access === 'public') {
    const tenant = publicTenant(params);
    if (tenant) return { who: 'public', ...tenantReach(tenant), report };
    return { who: 'public', readCities: params.city ? [params.city] : [], report };
  }
  if (principal.roles.includes('platform-admin')) return { who: 'platform', all: true };
  const tenants: string[] = [];
  const readTenants: string[] = [];
  const readCities: string[] = [];
  const cities: string[] = [];
  const below: string[] = [];
  if (principal.roles.includes('city-admin') && principal.city) {
    cities.push(principal.city);
    below.push(principal.city);
  }
  const tenant = principal.tenant;
  if (tenant) {
    const reach = tenantReach(tenant);
    tenants.push(...reach.tenants);
    readTenants.push(...reach.readTenants);
    readCities.push(...reach.readCities);
    // A district body's approvers and supervisors work on the sub-districts' cases (reachesTenantAsBody).
    const bodyTenant = principal.body?.split('/')[0];
    if (bodyTenant === tenant && principal.roles.some((r) => (BODY_ROLES as readonly string[]).includes(r))) {
      below.push(tenant);
    }
  }
  const who = principal.roles.includes('city-admin') ? 'city-admin' : 'tenant-staff';
  return { who, tenants, readTenants, readCities, cities, below, report };
}
