import { tenantAdmins } from '../access-groups';
import { FeeReportQuery } from '../case-schemas';
import { defineRoute, type RouteSpec } from '../route';

/**
 * The centralised fee report: tenant administration around the window, served by the api Lambda
 * with the rest of it. Chief representatives' authorisations are in window-grants.ts.
 */
export const windowOfficeRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/fees/report',
    tag: 'cases',
    summary: '集中收费报表（按收费部门）',
    summaryEn: 'Centralised fee collection report per collecting department',
    access: { scope: 'tenant', roles: [...tenantAdmins, 'inspector'] },
    query: FeeReportQuery,
    success: 200,
    handler: async ({ services, params, query }) => ({
      status: 200,
      body: await services.windowOffice.feeReport(params.tenant, query.from ?? '', query.to ?? ''),
    }),
  }),
];
