import { tenantAdmins, tenantStaff } from '../access-groups';
import { defineRoute } from '../route';
import { AtQuery, LocalSettingsInput } from '../schemas';

export const matterRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/matters',
    tag: 'authority',
    summary: '赋权事项清单（指定时刻）',
    summaryEn: "The tenant's empowered matter list at an instant",
    access: { scope: 'tenant', roles: tenantStaff },
    query: AtQuery,
    success: 200,
    handler: async ({ services, params, query, now }) => ({
      status: 200,
      body: await services.authority.matters(params.tenant, query.at ?? now),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/matters/:code/authority',
    tag: 'authority',
    summary: '事项实施主体（指定时刻）',
    summaryEn: 'Who holds authority for a matter at an instant',
    access: { scope: 'tenant', roles: tenantStaff },
    query: AtQuery,
    success: 200,
    handler: async ({ services, params, query, now }) => ({
      status: 200,
      body: await services.authority.at(params.tenant, params.code, query.at ?? now),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/matters/:code/authority/history',
    tag: 'authority',
    summary: '事项实施主体时间线',
    summaryEn: 'Every authority period of a matter in the tenant',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ services, params }) => ({
      status: 200,
      body: { items: await services.authority.history(params.tenant, params.code) },
    }),
  }),
  defineRoute({
    method: 'put',
    path: '/v1/tenants/:tenant/matters/:code/settings',
    tag: 'authority',
    summary: '本地事项设置（承诺时限、窗口位置、收费）',
    summaryEn: "The tenant's own promised days, window location and fees for a matter",
    access: { scope: 'tenant', roles: tenantAdmins },
    body: LocalSettingsInput,
    success: 200,
    handler: ({ services, invocation, params, body }) =>
      services.authority.setSettings(invocation, params.tenant, params.code, body, (matter) => ({
        status: 200,
        body: matter,
      })),
  }),
];
