import type { HandoverAgreement } from '@onewindow/domain';
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { cityAdmins } from '../access-groups';
import type { AppEnv } from '../env';
import { handoverPage } from '../handover-page';
import { defineRoute, type RouteSpec } from '../route';
import { RolloutInputSchema } from '../schemas';

const FormatQuery = z.strictObject({ format: z.optional(z.enum(['json', 'html'])) });
/** How many whole past months the impact preview replays (1–36): a query parameter, so digits. */
const ImpactQuery = z.strictObject({
  months: z.optional(
    z.string().check(z.regex(/^([1-9]|[12]\d|3[0-6])$/, { message: '应为 1–36 / must be 1–36' })),
  ),
});
const handoverReaders = ['platform-admin', 'city-admin', 'tenant-admin', 'inspector'] as const;

const imprintOf = (a: HandoverAgreement) =>
  `/v1/tenants/${a.seal.tenant ?? a.tenant}/seals/${a.seal.id}/imprint.svg`;

/** An agreement as JSON, or as the printable page when `?format=html` asks for it. */
const agreementAnswer = async (
  c: Context<AppEnv>,
  a: HandoverAgreement,
  format: 'json' | 'html' | undefined,
) => (format === 'html' ? c.html(handoverPage(a, imprintOf(a))) : { status: 200, body: a });

export const rolloutRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'post',
    path: '/v1/cities/:city/rollouts',
    tag: 'rollouts',
    summary: '新建批次（草稿）',
    summaryEn: 'Create a rollout (draft)',
    access: { scope: 'city', roles: cityAdmins },
    body: RolloutInputSchema,
    success: 201,
    handler: ({ services, params, body, invocation }) =>
      services.rollouts.create(invocation, params.city, body, (view) => ({ status: 201, body: view })),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/rollouts',
    tag: 'rollouts',
    summary: '批次列表',
    summaryEn: 'List rollouts',
    access: { scope: 'city', roles: cityAdmins },
    success: 200,
    handler: async ({ services, params, invocation }) => ({
      status: 200,
      body: { items: await services.rollouts.list(invocation, params.city) },
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/rollouts/:id',
    tag: 'rollouts',
    summary: '批次状态与进度',
    summaryEn: 'A rollout with its status and progress',
    access: { scope: 'city', roles: cityAdmins },
    success: 200,
    handler: async ({ services, params, invocation }) => ({
      status: 200,
      body: await services.rollouts.get(invocation, params.city, params.id),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/cities/:city/rollouts/:id/preview',
    tag: 'rollouts',
    summary: '预检（R11）：每个租户的阻断项、变更数、留在原机构的在办件',
    summaryEn: 'Preview: per tenant blockers, changes and pending cases staying (R11, R2)',
    access: { scope: 'city', roles: cityAdmins },
    success: 200,
    handler: async ({ services, params, invocation }) => ({
      status: 200,
      body: await services.rollouts.preview(invocation, params.city, params.id),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/cities/:city/rollouts/:id/impact',
    tag: 'rollouts',
    summary: '影响预估：近 N 个月办件按划转后的实施主体回放',
    summaryEn: 'Impact: the last N months (?months=, default 12) of cases replayed on the map after the move',
    access: { scope: 'city', roles: cityAdmins },
    query: ImpactQuery,
    success: 200,
    handler: async ({ services, params, query, invocation }) => ({
      status: 200,
      body: await services.rollouts.impact(
        invocation,
        params.city,
        params.id,
        query.months === undefined ? undefined : Number(query.months),
      ),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/cities/:city/rollouts/:id/schedule',
    tag: 'rollouts',
    summary: '排期（有阻断项时返回 409 并列出）',
    summaryEn: 'Schedule; 409 listing the blockers when not ready',
    access: { scope: 'city', roles: cityAdmins },
    success: 200,
    handler: ({ services, params, invocation }) =>
      services.rollouts.schedule(invocation, params.city, params.id, (view) => ({ status: 200, body: view })),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/cities/:city/rollouts/:id/cancel',
    tag: 'rollouts',
    summary: '撤销批次（生效前）',
    summaryEn: 'Cancel a rollout before it takes effect',
    access: { scope: 'city', roles: cityAdmins },
    success: 200,
    handler: ({ services, params, invocation }) =>
      services.rollouts.cancel(invocation, params.city, params.id, (view) => ({ status: 200, body: view })),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/rollouts/:id/agreements/:tenant',
    tag: 'rollouts',
    summary: '交接协议书（JSON 或可打印页面）',
    summaryEn: 'The handover agreement for one tenant (JSON, or ?format=html to print)',
    access: { scope: 'city', roles: cityAdmins },
    query: FormatQuery,
    success: 200,
    handler: async ({ c, services, params, query }) =>
      agreementAnswer(
        c,
        await services.rollouts.agreement(params.city, params.id, params.tenant),
        query.format,
      ),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/handovers',
    tag: 'rollouts',
    summary: '本租户的交接协议书',
    summaryEn: "The tenant's handover agreements",
    access: { scope: 'tenant', roles: handoverReaders },
    success: 200,
    handler: async ({ services, params }) => {
      const handovers = await services.rollouts.handovers(params.tenant);
      const items = handovers.map((h) => ({
        ...h,
        agreement: `/v1/tenants/${params.tenant}/handovers/${h.rollout}`,
      }));
      return { status: 200, body: { items } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/handovers/:id',
    tag: 'rollouts',
    summary: '交接协议书',
    summaryEn: 'A handover agreement of the tenant (JSON, or ?format=html to print)',
    access: { scope: 'tenant', roles: handoverReaders },
    query: FormatQuery,
    success: 200,
    handler: async ({ c, services, params, query }) =>
      agreementAnswer(c, await services.rollouts.handover(params.tenant, params.id), query.format),
  }),
];
