import { checkStaff, DomainError, placeTenant, type Staff } from '@onewindow/domain';
import {
  bodyItem,
  cityItem,
  keys,
  type Store,
  staffItem,
  TenancyRepository,
  tenantItem,
} from '@onewindow/store';
import { tenantAdmins, tenantStaff } from '../access-groups';
import { Problem } from '../problem';
import { defineRoute } from '../route';
import { BodyInput, CityInput, StaffInput, TenantInput } from '../schemas';

const exists = (zh: string, en: string, field = 'id') => new DomainError('conflict', zh, en, field);

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
    handler: async ({ body, commit }) => {
      const city = { id: body.id, name: body.name };
      return commit({
        action: 'city.created',
        target: city.id,
        writes: [
          { put: cityItem(city), ifNew: exists(`城市“${city.id}”已存在`, `city '${city.id}' exists`) },
        ],
        response: { status: 201, body: city },
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities',
    tag: 'tenancy',
    summary: '城市列表',
    summaryEn: 'List cities',
    access: { scope: 'platform', roles: ['platform-admin'] },
    success: 200,
    handler: async ({ deps }) => ({
      status: 200,
      body: { items: await new TenancyRepository(deps.store).cities() },
    }),
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
    handler: async ({ deps, params, body, commit }) => {
      const city = params.city ?? '';
      const repo = new TenancyRepository(deps.store);
      if (!(await repo.city(city))) throw new Problem('not-found', { detailEn: `no city '${city}'` });
      const parent = body.parent !== undefined ? await repo.tenant(body.parent) : undefined;
      const tenant = placeTenant(body, city, parent && parent.city === city ? parent : undefined);
      return commit({
        action: 'tenant.onboarded',
        target: tenant.id,
        writes: [
          {
            put: tenantItem(tenant),
            ifNew: exists(`租户“${tenant.id}”已存在`, `tenant '${tenant.id}' exists`),
          },
        ],
        response: { status: 201, body: tenant },
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/tenants',
    tag: 'tenancy',
    summary: '租户列表',
    summaryEn: 'List the tenants of a city',
    access: { scope: 'city', roles: ['platform-admin', 'city-admin'] },
    success: 200,
    handler: async ({ deps, params }) => ({
      status: 200,
      body: { items: await new TenancyRepository(deps.store).tenants(params.city ?? '') },
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
    handler: async ({ deps, params }) => {
      const tenant = await new TenancyRepository(deps.store).tenant(params.tenant ?? '');
      if (!tenant) throw new Problem('not-found');
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
    handler: async ({ deps, params, body, commit }) => {
      const tenant = params.tenant ?? '';
      await requireTenant(deps.store, tenant);
      const created = { tenant, ...body };
      return commit({
        action: 'body.created',
        target: `${tenant}/${body.code}`,
        writes: [
          {
            put: bodyItem(created),
            ifNew: exists(`机构“${body.code}”已存在`, `body '${body.code}' exists`, 'code'),
          },
        ],
        response: { status: 201, body: { ...created, ref: `${tenant}/${body.code}` } },
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/bodies',
    tag: 'tenancy',
    summary: '机构列表',
    summaryEn: 'List bodies',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ deps, params }) => {
      const items = await new TenancyRepository(deps.store).bodies(params.tenant ?? '');
      return { status: 200, body: { items: items.map((b) => ({ ...b, ref: `${b.tenant}/${b.code}` })) } };
    },
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
    handler: async ({ deps, params, body, commit }) => {
      const tenant = params.tenant ?? '';
      await requireTenant(deps.store, tenant);
      const repo = new TenancyRepository(deps.store);
      const bodyRef =
        body.body === undefined ? undefined : body.body.includes('/') ? body.body : `${tenant}/${body.body}`;
      const bodyCode = bodyRef?.startsWith(`${tenant}/`) ? bodyRef.slice(tenant.length + 1) : undefined;
      const staff: Staff = {
        tenant,
        id: body.id,
        name: body.name,
        roles: [...new Set(body.roles)],
        ...(bodyRef ? { body: bodyRef } : {}),
        ...(body.backupFor ? { backupFor: body.backupFor } : {}),
      };
      const [bodyFound, backedUp] = await Promise.all([
        bodyCode ? repo.body(tenant, bodyCode) : undefined,
        body.backupFor ? repo.staffMember(tenant, body.backupFor) : undefined,
      ]);
      checkStaff(staff, backedUp, bodyFound !== undefined);
      return commit({
        action: 'staff.created',
        target: `${tenant}/${staff.id}`,
        writes: [
          {
            put: staffItem(staff),
            ifNew: exists(`工作人员“${staff.id}”已存在`, `staff '${staff.id}' exists`),
          },
          ...(staff.backupFor
            ? [
                {
                  put: { ...keys.backup(tenant, staff.backupFor), entity: 'backup', backup: staff.id },
                  ifNew: exists(
                    `“${staff.backupFor}”已有B角`,
                    `'${staff.backupFor}' already has a backup`,
                    'backupFor',
                  ),
                },
              ]
            : []),
        ],
        response: { status: 201, body: staff },
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/staff',
    tag: 'tenancy',
    summary: '工作人员列表',
    summaryEn: 'List staff',
    access: { scope: 'tenant', roles: [...tenantAdmins, 'inspector'] },
    success: 200,
    handler: async ({ deps, params }) => ({
      status: 200,
      body: { items: await new TenancyRepository(deps.store).staff(params.tenant ?? '') },
    }),
  }),
];

async function requireTenant(store: Store, tenant: string): Promise<void> {
  if (!(await new TenancyRepository(store).tenant(tenant)))
    throw new Problem('not-found', { detailEn: `no tenant '${tenant}'` });
}
