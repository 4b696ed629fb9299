import { defineRoute, type RouteSpec } from '../route';

/**
 * The public's way in: the cities, their service centres and each centre's service guide (art. 30).
 * Read-only and public; the files Lambda serves them, which leaves the cases bundle room for case rules.
 */
export const publicGuideRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/v1/public/cities',
    tag: 'public',
    summary: '城市列表',
    summaryEn: 'The cities, where the public starts looking for a service centre',
    access: 'public',
    success: 200,
    handler: async ({ services }) => ({ status: 200, body: { items: await services.guides.cities() } }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/cities/:city/tenants',
    tag: 'public',
    summary: '服务中心列表（办事指南入口）',
    summaryEn: 'The service centres of a city, where the public picks a service guide',
    access: 'public',
    success: 200,
    handler: async ({ services, params }) => ({
      status: 200,
      body: await services.guides.centres(params.city),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/:tenant/guide',
    tag: 'public',
    summary: '办事指南（第三十条公示内容）',
    summaryEn: 'Service guide of a tenant: what art. 30 requires a hall to display',
    access: 'public',
    success: 200,
    handler: async ({ services, params, now }) => {
      const g = await services.guides.guide(params.tenant, now);
      return {
        status: 200,
        body: {
          ...g,
          matters: g.matters.map((m) => ({
            code: m.code,
            name: m.name,
            typeName: m.typeName,
            implementingBody: m.implementingBody,
            window: m.window,
            promisedDays: m.promisedDays,
            onTheSpot: m.onTheSpot,
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/:tenant/guide/:code',
    tag: 'public',
    summary: '单个事项办事指南',
    summaryEn: 'Service guide of one matter',
    access: 'public',
    success: 200,
    handler: async ({ services, params, now }) => ({
      status: 200,
      body: await services.guides.matter(params.tenant, params.code, now),
    }),
  }),
];
