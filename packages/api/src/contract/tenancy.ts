import { BODY_KINDS, STAFF_ROLES, TENANT_KINDS } from '@onewindow/domain';
import * as z from 'zod/mini';
import { bodyRef, listOf, named } from './registry';

export const City = named('City', '城市 A city', z.strictObject({ id: z.string(), name: z.string() }));
export type City = z.infer<typeof City>;

export const Tenant = named(
  'Tenant',
  '租户（区县、开发区、街道、乡镇）A tenant',
  z.strictObject({
    id: z.string(),
    city: z.string(),
    name: z.string(),
    kind: z.enum(TENANT_KINDS),
    parent: z.optional(z.string()),
    /** When the tenant began: its initial holders hold from then (R13). */
    since: z.optional(z.string()),
    /** The service hall's address and phone, printed on the documents. */
    address: z.optional(z.string()),
    phone: z.optional(z.string()),
  }),
);
export type Tenant = z.infer<typeof Tenant>;

export const Body = named(
  'Body',
  '机构（审批局、便民服务中心、部门）A body; `ref` is how other records name it',
  z.strictObject({
    tenant: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(BODY_KINDS),
    uscc: z.optional(z.string()),
    ref: bodyRef,
  }),
);
export type Body = z.infer<typeof Body>;

export const Staff = named(
  'Staff',
  '工作人员 A staff member; `backupFor` names the post it backs up (B角), `head` marks the head (负责人) of its body',
  z.strictObject({
    tenant: z.string(),
    id: z.string(),
    name: z.string(),
    roles: z.array(z.enum(STAFF_ROLES)),
    body: z.optional(bodyRef),
    backupFor: z.optional(z.string()),
    head: z.optional(z.boolean()),
    governmentHead: z.optional(z.boolean()),
  }),
);
export type Staff = z.infer<typeof Staff>;

export const CityList = named('CityList', '城市列表 Cities', listOf(City));
export const TenantList = named('TenantList', '租户列表 Tenants of a city', listOf(Tenant));
export const BodyList = named('BodyList', '机构列表 Bodies of a tenant', listOf(Body));
export const StaffList = named('StaffList', '工作人员列表 Staff of a tenant', listOf(Staff));

export const Absence = named(
  'Absence',
  "缺勤（AB角）An absence of an A/B post: while it lasts (`from` ≤ now < `to`, unless `endedAt` came first) the B (`backup`) acts for the A (`staff`), each act recorded on A's behalf",
  z.strictObject({
    tenant: z.string(),
    id: z.string(),
    staff: z.string(),
    backup: z.string(),
    from: z.string(),
    to: z.string(),
    reason: z.string(),
    by: z.string(),
    at: z.string(),
    endedAt: z.optional(z.string()),
    endedBy: z.optional(z.string()),
    staffName: z.optional(z.string()),
    backupName: z.optional(z.string()),
    /** A's body, when A has one. */
    staffBody: z.optional(bodyRef),
  }),
);
export type Absence = z.infer<typeof Absence>;
export const AbsenceList = named(
  'AbsenceList',
  "某人的缺勤记录 A staff member's absences, newest first",
  listOf(Absence),
);
export const AbsencesNow = named(
  'AbsencesNow',
  '缺勤与代岗 Who is absent at `at` and who covers (`current`), and the absences to come (`coming`)',
  z.strictObject({ at: z.string(), current: z.array(Absence), coming: z.array(Absence) }),
);
export type AbsencesNow = z.infer<typeof AbsencesNow>;
