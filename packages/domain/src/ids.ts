import { invalid } from './errors';

/** Ids are lower-case `[a-z0-9-]`, starting with a letter or digit (API.md). */
const SEGMENT = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const isId = (value: string): boolean => SEGMENT.test(value);

/** Tenant ids are dotted paths under their city: `nanjing.jiangning.dongshan`. */
export function isTenantId(value: string): boolean {
  const parts = value.split('.');
  return parts.length >= 2 && parts.length <= 4 && parts.every(isId);
}

/** The city a tenant id lies under is its first segment. */
export function cityOfTenant(tenant: string): string {
  return tenant.split('.', 1)[0] ?? '';
}

/** The tenant id one level up, or undefined for a tenant directly under its city. */
export function parentPathOf(tenant: string): string | undefined {
  const cut = tenant.lastIndexOf('.');
  const parent = tenant.slice(0, cut);
  return parent.includes('.') ? parent : undefined;
}

export interface BodyRef {
  readonly tenant: string;
  readonly code: string;
}

/** A body reference is `<tenant>/<body code>` (API.md). */
export function parseBodyRef(value: string, field = 'body'): BodyRef {
  const [tenant, code, extra] = value.split('/');
  if (extra !== undefined || !tenant || !code || !isTenantId(tenant) || !isId(code)) {
    throw invalid(
      field,
      `机构引用应为“<租户>/<机构代码>”，收到“${value}”`,
      `a body reference is '<tenant>/<body code>', got '${value}'`,
    );
  }
  return { tenant, code };
}

export const formatBodyRef = (ref: BodyRef): string => `${ref.tenant}/${ref.code}`;
