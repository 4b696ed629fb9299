import { hasAnyRole } from '@onewindow/domain';
import { AbsenceInput } from '../absence-schemas';
import { tenantAdmins, tenantStaff } from '../access-groups';
import { defineRoute, type RouteSpec } from '../route';
import { AtQuery } from '../schemas';

const STAFF_ABSENCES = '/v1/tenants/:tenant/staff/:id/absences';

/**
 * Absences of A/B posts (AB角, issue 13): A marks their own, or a tenant administrator does;
 * while one lasts the post's B acts for A (the case commands read it through `effectiveActor`).
 * Not case commands: served by the files Lambda, whose bundle has room.
 */
export const absenceRoutes: readonly RouteSpec[] = [
  defineRoute<{ from: string; to: string; reason: string }, typeof STAFF_ABSENCES>({
    method: 'post',
    path: STAFF_ABSENCES,
    tag: 'tenancy',
    summary: '登记缺勤（本人或管理员；缺勤期间由B角代岗，岗位须有B角，时间不得重叠）',
    summaryEn:
      "Record an absence (the staff member themself or a tenant administrator); meanwhile the post's B acts for it. The post must have a B; absences may not overlap",
    access: { scope: 'tenant', roles: tenantStaff },
    body: AbsenceInput,
    success: 201,
    handler: ({ services, invocation, params, body, principal }) =>
      services.absences.record(
        invocation,
        params.tenant,
        params.id,
        body,
        hasAnyRole(principal, tenantAdmins),
        (absence) => ({ status: 201, body: absence }),
      ),
  }),
  defineRoute<unknown, typeof STAFF_ABSENCES>({
    method: 'get',
    path: STAFF_ABSENCES,
    tag: 'tenancy',
    summary: '某人的缺勤记录（新的在前）',
    summaryEn: "A staff member's absences, newest first",
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ services, params }) => ({
      status: 200,
      body: { items: await services.absences.list(params.tenant, params.id) },
    }),
  }),
  defineRoute<unknown, '/v1/tenants/:tenant/staff/:id/absences/:absenceId/end'>({
    method: 'post',
    path: '/v1/tenants/:tenant/staff/:id/absences/:absenceId/end',
    tag: 'tenancy',
    summary: '提前结束缺勤（本人或管理员；尚未开始的即取消）',
    summaryEn:
      'End an absence now (the staff member or a tenant administrator); one not yet begun is called off',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: ({ services, invocation, params, principal }) =>
      services.absences.end(
        invocation,
        params.tenant,
        params.id,
        params.absenceId,
        hasAnyRole(principal, tenantAdmins),
        (absence) => ({ status: 200, body: absence }),
      ),
  }),
  defineRoute<unknown, '/v1/tenants/:tenant/absences', { at?: string }>({
    method: 'get',
    path: '/v1/tenants/:tenant/absences',
    tag: 'tenancy',
    summary: '缺勤与代岗（?at=时刻，默认现在）：谁缺勤、由谁代岗，以及即将开始的缺勤',
    summaryEn: 'Who is absent at ?at= (default now) and who covers, and the absences to come',
    access: { scope: 'tenant', roles: tenantStaff },
    query: AtQuery,
    success: 200,
    handler: async ({ services, params, query, now }) => {
      const at = query.at ? new Date(query.at).toISOString() : now;
      return { status: 200, body: { at, ...(await services.absences.inForce(params.tenant, at)) } };
    },
  }),
];
