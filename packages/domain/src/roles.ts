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

/**
 * What a post is besides its roles (R16, art. 42): `head` is the head (负责人) of the staff
 * member's own body, who approves its extensions and grants its chief representatives'
 * authorisations; `government-head` is the head of the tenant's government (本级人民政府负责人),
 * who approves the further 15 days of a jointly or centrally handled matter (art. 42(2)).
 */
export const STAFF_DESIGNATIONS = ['head', 'government-head'] as const;
export type StaffDesignation = (typeof STAFF_DESIGNATIONS)[number];

export const DESIGNATION_NAMES: Readonly<Record<StaffDesignation, { zh: string; en: string }>> = {
  head: { zh: '本机构负责人', en: 'Head of the body' },
  'government-head': { zh: '本级人民政府负责人', en: 'Head of the government' },
};

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
