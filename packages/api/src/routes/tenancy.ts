import { tenantAdmins, tenantStaff } from '../access-groups';
import { problem } from '../problem';
import { defineRoute } from '../route';
import { BodyInput, CityInput, StaffInput, TenantInput } from '../schemas';

const created = <T>(body: T) => ({ status: 201, body });

export const tenancyRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/cities',
    tag: 'tenancy',
    summary: '创建城市',
    summaryEn: 'Create a city',
    access: { scope: 'platform', roles: ['platform-admin'] },
    body: CityInput,
    success: 201,
    handler: ({ services, invocation, body }) => services.tenancy.createCity(invocation, body, created),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities',
    tag: 'tenancy',
    summary: '城市列表',
    summaryEn: 'List cities',
    access: { scope: 'platform', roles: ['platform-admin'] },
    success: 200,
    handler: async ({ services }) => ({ status: 200, body: { items: await services.tenancy.cities() } }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/cities/:city/tenants',
    tag: 'tenancy',
    summary: '入驻租户（区县、开发区、街道、乡镇）',
    summaryEn: 'Onboard a tenant',
    access: { scope: 'city', roles: ['platform-admin', 'city-admin'] },
    body: TenantInput,
    success: 201,
    handler: ({ services, invocation, params, body }) =>
      services.tenancy.onboardTenant(invocation, params.city, body, created),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/tenants',
    tag: 'tenancy',
    summary: '租户列表',
    summaryEn: 'List the tenants of a city',
    access: { scope: 'city', roles: ['platform-admin', 'city-admin'] },
    success: 200,
    handler: async ({ services, params }) => ({
      status: 200,
      body: { items: await services.tenancy.tenants(params.city) },
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant',
    tag: 'tenancy',
    summary: '租户信息',
    summaryEn: 'Read a tenant',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ services, params }) => {
      const tenant = await services.tenancy.tenant(params.tenant);
      if (!tenant) throw problem('not-found');
      return { status: 200, body: tenant };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/bodies',
    tag: 'tenancy',
    summary: '新增机构（审批局、便民服务中心、部门）',
    summaryEn: 'Create a body',
    access: { scope: 'tenant', roles: tenantAdmins },
    body: BodyInput,
    success: 201,
    handler: ({ services, invocation, params, body }) =>
      services.tenancy.createBody(invocation, params.tenant, body, created),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/bodies',
    tag: 'tenancy',
    summary: '机构列表',
    summaryEn: 'List bodies',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ services, params }) => ({
      status: 200,
      body: { items: await services.tenancy.bodies(params.tenant) },
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/staff',
    tag: 'tenancy',
    summary: '新增工作人员（可指定B角）',
    summaryEn: 'Create a staff member, optionally as the backup of another post',
    access: { scope: 'tenant', roles: tenantAdmins },
    body: StaffInput,
    success: 201,
    handler: ({ services, invocation, params, body }) =>
      services.tenancy.createStaff(invocation, params.tenant, body, created),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/staff',
    tag: 'tenancy',
    summary: '工作人员列表',
    summaryEn: 'List staff',
    access: { scope: 'tenant', roles: [...tenantAdmins, 'inspector'] },
    success: 200,
    handler: async ({ services, params }) => ({
      status: 200,
      body: { items: await services.tenancy.staff(params.tenant) },
    }),
  }),
];
