import type { Role } from '@onewindow/domain';

/** The role groups routes grant access to, named once so every route reads the same. */
export const cityAdmins = ['platform-admin', 'city-admin'] as const satisfies readonly Role[];
export const tenantAdmins = [...cityAdmins, 'tenant-admin'] as const satisfies readonly Role[];
/** Everyone who works in a tenant, plus the administrators above it. */
export const tenantStaff = [
  ...tenantAdmins,
  'window-clerk',
  'approver',
  'supervisor',
  'inspector',
] as const satisfies readonly Role[];
