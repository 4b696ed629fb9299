import type { SealView } from '@onewindow/app';
import { tenantAdmins, tenantStaff } from '../access-groups';
import { defineRoute } from '../route';
import { SealInput, VoidSealInput } from '../schemas';

/** A seal as the API answers it: with the link to its imprint. */
const withImprint = (seal: SealView) => ({
  ...seal,
  imprint: `/v1/tenants/${seal.tenant}/seals/${seal.id}/imprint.svg`,
});

export const sealRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/seals',
    tag: 'seals',
    summary: '登记印章（实物或电子）',
    summaryEn: 'Register a seal of a body',
    access: { scope: 'tenant', roles: tenantAdmins },
    body: SealInput,
    success: 201,
    handler: ({ services, invocation, params, body }) =>
      services.seals.register(invocation, params.tenant, body, (seal) => ({
        status: 201,
        body: withImprint(seal),
      })),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/seals',
    tag: 'seals',
    summary: '印章列表',
    summaryEn: 'List seals',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ services, params, now }) => ({
      status: 200,
      body: { items: (await services.seals.list(params.tenant, now)).map(withImprint) },
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/seals/:id',
    tag: 'seals',
    summary: '印章详情',
    summaryEn: 'Read a seal',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ services, params, now }) => ({
      status: 200,
      body: withImprint(await services.seals.get(params.tenant, params.id, now)),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/seals/:id/imprint.svg',
    tag: 'seals',
    summary: '印模（SVG）',
    summaryEn: 'The seal imprint as SVG',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    produces: 'image/svg+xml',
    handler: async ({ c, services, params, now }) =>
      c.body(await services.seals.imprint(params.tenant, params.id, now), 200, {
        'content-type': 'image/svg+xml; charset=utf-8',
        'cache-control': 'private, max-age=60',
      }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/seals/:id/void',
    tag: 'seals',
    summary: '作废印章（可指定继任印章）',
    summaryEn: 'Void a seal, naming its successor',
    access: { scope: 'tenant', roles: tenantAdmins },
    body: VoidSealInput,
    success: 200,
    handler: ({ services, invocation, params, body }) =>
      services.seals.void(invocation, params.tenant, params.id, body, (seal) => ({
        status: 200,
        body: withImprint(seal),
      })),
  }),
];
