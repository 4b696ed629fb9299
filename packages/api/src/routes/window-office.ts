import { tenantAdmins } from '../access-groups';
import { FeeReportQuery, WindowAuthorisationInput } from '../case-schemas';
import { defineRoute, type RouteSpec } from '../route';

/**
 * Window authorisations (首席代表授权) and the centralised fee report: tenant
 * administration around the window, served by the api Lambda with the rest of it.
 */
export const windowOfficeRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'put',
    path: '/v1/tenants/:tenant/window-authorisations/:staff',
    tag: 'cases',
    summary: '首席代表窗口授权（可当场决定的事项）',
    summaryEn: 'Authorise a window officer to decide named on-the-spot matters',
    access: { scope: 'tenant', roles: tenantAdmins },
    body: WindowAuthorisationInput,
    success: 200,
    handler: ({ services, params, body, invocation }) =>
      services.windowOffice.authorise(
        invocation,
        {
          tenant: params.tenant,
          staff: params.staff,
          matters: body.matters,
          ...(body.until ? { until: body.until } : {}),
        },
        (authorisation) => ({ status: 200, body: authorisation }),
      ),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/window-authorisations',
    tag: 'cases',
    summary: '首席代表授权列表',
    summaryEn: 'List window authorisations',
    access: { scope: 'tenant', roles: [...tenantAdmins, 'window-clerk', 'inspector'] },
    success: 200,
    handler: async ({ services, params }) => ({
      status: 200,
      body: { items: await services.windowOffice.authorisations(params.tenant) },
    }),
  }),
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
