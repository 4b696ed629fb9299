import { tenantStaff } from '../../access-groups';
import { defineRoute, type RouteSpec } from '../../route';

/**
 * The workbench's counts and a case's names: read-only views the console asks for beside the
 * case routes, served by the files Lambda (the cases bundle is at its budget).
 */
export const workbenchRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/workbench',
    tag: 'cases',
    summary: '工作台计数（今日收件、各状态、待审批按红黄绿、超期、差评待整改）',
    summaryEn:
      "The workbench's counts from the counters: today's intake, open cases per status, each body's waiting cases by colour",
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ services, params, now }) => ({
      status: 200,
      body: await services.workbench.work(params.tenant, now),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/cases/:caseNo/names',
    tag: 'cases',
    summary: '办件所涉名称（租户、机构、印章、工作人员）',
    summaryEn: 'The names of the tenant, bodies, seal and staff a case names by id (id → name)',
    access: { scope: 'tenant', roles: tenantStaff, bodyReach: true },
    success: 200,
    handler: async ({ services, params, principal, now }) => {
      // The same read, and so the same reach check, as the case view.
      const { stored, events } = await services.cases.read(principal, params.tenant, params.caseNo, now);
      return {
        status: 200,
        body: { caseNo: params.caseNo, names: await services.caseNames.of(stored.state, events) },
      };
    },
  }),
];
