import { sealImprintSvg } from '@onewindow/domain';
import { ProgressQuery, RatingInput } from '../../case-schemas';
import { defineRoute, type RouteSpec } from '../../route';
import { progressView } from './views';

export const publicRoutes: readonly RouteSpec[] = [
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
  defineRoute({
    method: 'get',
    path: '/v1/public/cases/:caseNo',
    tag: 'public',
    summary: '办件进度查询（办件编号＋查询码）',
    summaryEn: 'Case progress by case number and query code',
    access: 'public',
    query: ProgressQuery,
    success: 200,
    handler: async ({ services, params, query }) => {
      const stored = await services.publicCases.withCode(params.caseNo, query.code ?? '');
      const accessLog = await services.publicCases.accessLog(stored);
      return { status: 200, body: progressView(stored, accessLog) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/public/cases/:caseNo/rating',
    tag: 'public',
    summary: '好差评（1–5级；1、2级生成整改任务）',
    summaryEn: 'Rate the service 1–5 after issuance; 1 or 2 opens a rectification due in 5 working days',
    access: 'public',
    body: RatingInput,
    success: 200,
    handler: ({ services, params, body, now }) =>
      services.publicCases.rate(
        {
          caseNo: params.caseNo,
          code: body.code,
          level: body.level,
          now,
          ...(body.comment ? { comment: body.comment } : {}),
        },
        ({ stored }) => ({ status: 200, body: progressView(stored) }),
      ),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/results/:caseNo/seal.svg',
    tag: 'public',
    summary: '结果所盖印章印模',
    summaryEn: 'The imprint of the seal on a result',
    access: 'public',
    success: 200,
    produces: 'image/svg+xml',
    handler: async ({ c, services, params }) => {
      const seal = await services.publicCases.resultSeal(params.caseNo);
      const svg = sealImprintSvg({ ...seal, voided: false });
      return c.body(svg, 200, {
        'content-type': 'image/svg+xml; charset=utf-8',
        'cache-control': 'public, max-age=300',
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/keys',
    tag: 'public',
    summary: '结果签名公钥',
    summaryEn: 'The public keys results are signed with (Ed25519, SPKI base64url)',
    access: 'public',
    success: 200,
    handler: async ({ services }) => ({ status: 200, body: { keys: services.publicCases.keys() } }),
  }),
];
