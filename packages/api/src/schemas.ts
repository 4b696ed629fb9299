import { BODY_KINDS, STAFF_ROLES, TENANT_KINDS } from '@onewindow/domain';
import * as z from 'zod/mini';

export const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/));
export const tenantId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}(\.[a-z0-9][a-z0-9-]{0,62}){1,3}$/));
export const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
export const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const CityInput = z.strictObject({ id, name });
export const TenantInput = z.strictObject({
  id: tenantId,
  name,
  kind: z.enum(TENANT_KINDS),
  parent: z.optional(tenantId),
});
export const BodyInput = z.strictObject({ code: id, name, kind: z.enum(BODY_KINDS) });
export const StaffInput = z.strictObject({
  id,
  name,
  roles: z.array(z.enum(STAFF_ROLES)).check(z.minLength(1), z.maxLength(STAFF_ROLES.length)),
  /** A body code of this tenant, or a body reference `<tenant>/<code>` naming it. */
  body: z.optional(z.string().check(z.regex(/^([a-z0-9.-]+\/)?[a-z0-9][a-z0-9-]{0,62}$/))),
  backupFor: z.optional(id),
});
