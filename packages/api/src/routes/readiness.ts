import { CHECKLIST_ITEMS, type ChecklistItem, invalid, TRAINING_KINDS } from '@onewindow/domain';
import * as z from 'zod/mini';
import { tenantAdmins, tenantStaff } from '../access-groups';
import { defineRoute, type RouteSpec } from '../route';
import { date, id } from '../schemas';

const text = z.string().check(z.trim(), z.minLength(1), z.maxLength(500));

export const TrainingInput = z.strictObject({
  /** Optional: a caller that names the record (a reload of demo data) gets 409 for one it recorded before. */
  id: z.optional(id),
  matters: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.minLength(1), z.maxLength(500)),
  kind: z.enum(TRAINING_KINDS),
  completedAt: date,
  by: z.optional(text),
  note: z.optional(text),
});
const MatterQuery = z.strictObject({ matter: z.optional(z.string()) });
const ConfirmInput = z.strictObject({ note: z.optional(text) });

const STAFF = '/v1/tenants/:tenant/staff/:id/trainings';
const CHECK = '/v1/tenants/:tenant/handovers/:id/checklist/:item';

/**
 * Readiness of people before a rollout (R11; seed 001 §五, seed 004): training records the
 * rollout preview reads, and the handover checklist. Served by the files Lambda; the preview
 * and the agreement read the same records in the api Lambda.
 */
export const readinessRoutes: readonly RouteSpec[] = [
  defineRoute<z.infer<typeof TrainingInput>, typeof STAFF>({
    method: 'post',
    path: STAFF,
    tag: 'tenancy',
    summary: '登记培训记录（跟班学习/业务培训/试运行，按事项）',
    summaryEn: 'Record a completed shadowing, training or trial run of a staff member on some matters',
    access: { scope: 'tenant', roles: tenantAdmins },
    body: TrainingInput,
    success: 201,
    handler: ({ services, params, body, invocation }) =>
      services.readiness.record(invocation, params.tenant, params.id, body, (t) => ({
        status: 201,
        body: t,
      })),
  }),
  defineRoute<unknown, typeof STAFF>({
    method: 'get',
    path: STAFF,
    tag: 'tenancy',
    summary: '工作人员的培训记录（管理员或本人）',
    summaryEn: "A staff member's training records (the administrators, or the member)",
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ services, params, principal }) => ({
      status: 200,
      body: { items: await services.readiness.ofStaff(principal, params.tenant, params.id) },
    }),
  }),
  defineRoute<unknown, '/v1/tenants/:tenant/trainings', { matter?: string }>({
    method: 'get',
    path: '/v1/tenants/:tenant/trainings',
    tag: 'tenancy',
    summary: '本租户的培训记录（?matter= 按事项）',
    summaryEn: "The tenant's training records (?matter= those naming a matter)",
    access: { scope: 'tenant', roles: [...tenantAdmins, 'inspector'] },
    query: MatterQuery,
    success: 200,
    handler: async ({ services, params, query }) => ({
      status: 200,
      body: { items: await services.readiness.ofTenant(params.tenant, query.matter) },
    }),
  }),
  defineRoute<z.infer<typeof ConfirmInput>, typeof CHECK>({
    method: 'post',
    path: CHECK,
    tag: 'rollouts',
    summary: '确认交接清单项（rules/certificates/accounts/training；承接租户管理员或市级管理员）',
    summaryEn:
      'Confirm a checklist item of the agreement (rules, certificates, accounts, training), once; the tenant or city administrator',
    access: { scope: 'tenant', roles: tenantAdmins },
    body: ConfirmInput,
    success: 200,
    handler: ({ services, params, body, invocation }) => {
      if (!(CHECKLIST_ITEMS as readonly string[]).includes(params.item))
        throw invalid('item', '没有该清单项', `item is one of ${CHECKLIST_ITEMS.join(', ')}`);
      return services.readiness.confirm(
        invocation,
        params.tenant,
        params.id,
        params.item as ChecklistItem,
        body.note,
        (c) => ({ status: 200, body: c }),
      );
    },
  }),
];
