export const ROLES = [
  'platform-admin',
  'city-admin',
  'tenant-admin',
  'window-clerk',
  'approver',
  'supervisor',
  'inspector',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles a tenant admin can give to the tenant's own staff. */
export const STAFF_ROLES = ['tenant-admin', 'window-clerk', 'approver', 'supervisor', 'inspector'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles whose work happens inside one body, so the staff member must name it. */
export const BODY_ROLES: readonly StaffRole[] = ['approver', 'supervisor'];

export const ROLE_NAMES: Readonly<Record<Role, { zh: string; en: string }>> = {
  'platform-admin': { zh: '平台管理员', en: 'Platform administrator' },
  'city-admin': { zh: '市级管理员', en: 'City administrator' },
  'tenant-admin': { zh: '租户管理员', en: 'Tenant administrator' },
  'window-clerk': { zh: '窗口人员', en: 'Window clerk' },
  approver: { zh: '审批人员', en: 'Approver' },
  supervisor: { zh: '监管人员', en: 'Supervisor' },
  inspector: { zh: '电子监察员', en: 'Inspector' },
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
