import { cityOfTenant, DomainError, normaliseRollout, type Rollout } from '@onewindow/domain';
import {
  jobItem,
  keys,
  RolloutRepository,
  rolloutItem,
  type Store,
  type StoredRollout,
} from '@onewindow/store';
import * as z from 'zod/mini';
import { cityAdmins } from '../access-groups';
import { handoverPage } from '../handover-page';
import { Problem } from '../problem';
import { defineRoute } from '../route';
import { RolloutInputSchema } from '../schemas';
import { agreementFor, previewRollout } from '../services/rollouts';
import { requireCity } from './catalogue';

const FormatQuery = z.strictObject({ format: z.optional(z.enum(['json', 'html'])) });

async function rolloutOr404(store: Store, city: string, id: string): Promise<StoredRollout> {
  const r = await new RolloutRepository(store).get(city, id);
  if (!r) throw new Problem('not-found', { detailEn: `no rollout '${id}'` });
  return r;
}

const lockKey = (city: string) => ({ pk: `C#${city}`, sk: 'ROLLOUT-LOCK' });
const jobId = (r: Pick<Rollout, 'city' | 'id'>) => `rollout-${r.city}-${r.id}`;
const changed = (what: string) =>
  new DomainError('conflict', `${what}已被他人修改，请刷新后重试`, `the ${what} changed meanwhile; retry`);

export const rolloutRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/cities/:city/rollouts',
    tag: 'rollouts',
    summary: '新建批次（草稿）',
    summaryEn: 'Create a rollout (draft)',
    access: { scope: 'city', roles: cityAdmins },
    body: RolloutInputSchema,
    success: 201,
    handler: async (ctx) => {
      const city = ctx.params.city ?? '';
      await requireCity(ctx, city);
      const input = normaliseRollout(ctx.body, city);
      if (input.effectiveAt <= ctx.now) {
        throw new DomainError(
          'validation',
          '生效时间应晚于当前时间：划转只能向后生效',
          'moves are forward-dated: effectiveAt must be in the future',
          'effectiveAt',
        );
      }
      const rollout: StoredRollout = {
        ...input,
        city,
        status: 'draft',
        createdAt: ctx.now,
        createdBy: ctx.principal.sub,
        progress: { done: 0, total: input.tenants.length * input.matters.length },
      };
      return ctx.commit({
        action: 'rollout.created',
        target: `${city}/${rollout.id}`,
        writes: [
          {
            put: rolloutItem(rollout),
            ifNew: new DomainError(
              'conflict',
              `批次“${rollout.id}”已存在`,
              `rollout '${rollout.id}' exists`,
              'id',
            ),
          },
        ],
        response: { status: 201, body: rollout },
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/rollouts',
    tag: 'rollouts',
    summary: '批次列表',
    summaryEn: 'List rollouts',
    access: { scope: 'city', roles: cityAdmins },
    success: 200,
    handler: async ({ deps, params }) => ({
      status: 200,
      body: { items: await new RolloutRepository(deps.store).list(params.city ?? '') },
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
    handler: async ({ deps, params }) => ({
      status: 200,
      body: await rolloutOr404(deps.store, params.city ?? '', params.id ?? ''),
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
    handler: async ({ deps, params, now }) => {
      const r = await rolloutOr404(deps.store, params.city ?? '', params.id ?? '');
      return { status: 200, body: await previewRollout(deps.store, r, now) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/cities/:city/rollouts/:id/schedule',
    tag: 'rollouts',
    summary: '排期（有阻断项时返回 409 并列出）',
    summaryEn: 'Schedule; 409 listing the blockers when not ready',
    access: { scope: 'city', roles: cityAdmins },
    success: 200,
    handler: async ({ deps, params, now, commit }) => {
      const city = params.city ?? '';
      const r = await rolloutOr404(deps.store, city, params.id ?? '');
      if (r.status !== 'draft') {
        throw new DomainError(
          'invalid-state',
          `批次状态为“${r.status}”，只能排期草稿`,
          `only a draft can be scheduled; this one is ${r.status}`,
        );
      }
      // The city's scheduling lock: two rollouts scheduled at once cannot both pass preview on stale data.
      const lock = await deps.store.get<{ version: number }>(lockKey(city));
      const preview = await previewRollout(deps.store, r, now);
      if (!preview.ready) {
        throw new Problem('rollout-blocked', {
          detail: `${preview.tenants.filter((t) => t.blockers.length > 0).length} 个租户存在阻断项`,
          tenants: preview.tenants.filter((t) => t.blockers.length > 0),
        });
      }
      const scheduled: StoredRollout = { ...r, status: 'scheduled', scheduledAt: now };
      return commit({
        action: 'rollout.scheduled',
        target: `${city}/${r.id}`,
        writes: [
          {
            put: rolloutItem(scheduled),
            ifStill: { attribute: 'status', equals: 'draft', failure: changed('批次') },
          },
          lock
            ? {
                put: { ...lockKey(city), version: lock.version + 1 },
                ifStill: { attribute: 'version', equals: lock.version, failure: changed('排期') },
              }
            : { put: { ...lockKey(city), version: 1 }, ifNew: changed('排期') },
          {
            put: jobItem({
              id: jobId(r),
              kind: 'rollout-apply',
              dueAt: r.effectiveAt,
              payload: { city, rollout: r.id },
            }),
          },
        ],
        response: { status: 200, body: scheduled },
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/cities/:city/rollouts/:id/cancel',
    tag: 'rollouts',
    summary: '撤销批次（生效前）',
    summaryEn: 'Cancel a rollout before it takes effect',
    access: { scope: 'city', roles: cityAdmins },
    success: 200,
    handler: async ({ deps, params, now, commit }) => {
      const city = params.city ?? '';
      const r = await rolloutOr404(deps.store, city, params.id ?? '');
      if ((r.status !== 'draft' && r.status !== 'scheduled') || r.effectiveAt <= now) {
        throw new DomainError(
          'invalid-state',
          '批次已生效或已撤销，不能撤销',
          'the rollout has taken effect or is already cancelled',
        );
      }
      const cancelled: StoredRollout = { ...r, status: 'cancelled', cancelledAt: now };
      return commit({
        action: 'rollout.cancelled',
        target: `${city}/${r.id}`,
        writes: [
          {
            put: rolloutItem(cancelled),
            ifStill: { attribute: 'status', equals: r.status, failure: changed('批次') },
          },
          { delete: keys.job(r.effectiveAt, jobId(r)) },
        ],
        response: { status: 200, body: cancelled },
      });
    },
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
    handler: async ({ c, deps, params, query }) => {
      const r = await rolloutOr404(deps.store, params.city ?? '', params.id ?? '');
      const agreement = await agreementFor(deps.store, r, params.tenant ?? '');
      if (!agreement) throw new Problem('not-found', { detailEn: 'the tenant is not in this rollout' });
      if (query.format === 'html') {
        return c.html(handoverPage(agreement, `/v1/tenants/${agreement.tenant}/seals/${r.seal}/imprint.svg`));
      }
      return { status: 200, body: agreement };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/handovers',
    tag: 'rollouts',
    summary: '本租户的交接协议书',
    summaryEn: "The tenant's handover agreements",
    access: { scope: 'tenant', roles: ['platform-admin', 'city-admin', 'tenant-admin', 'inspector'] },
    success: 200,
    handler: async ({ deps, params }) => {
      const tenant = params.tenant ?? '';
      const rollouts = await new RolloutRepository(deps.store).list(cityOfTenant(tenant));
      const items = rollouts
        .filter((r) => r.tenants.includes(tenant) && r.status !== 'cancelled' && r.status !== 'draft')
        .map((r) => ({
          rollout: r.id,
          name: r.name,
          status: r.status,
          effectiveAt: r.effectiveAt,
          matters: r.matters.length,
          agreement: `/v1/tenants/${tenant}/handovers/${r.id}`,
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
    access: { scope: 'tenant', roles: ['platform-admin', 'city-admin', 'tenant-admin', 'inspector'] },
    query: FormatQuery,
    success: 200,
    handler: async ({ c, deps, params, query }) => {
      const tenant = params.tenant ?? '';
      const r = await rolloutOr404(deps.store, cityOfTenant(tenant), params.id ?? '');
      const agreement =
        r.status === 'draft' || r.status === 'cancelled'
          ? undefined
          : await agreementFor(deps.store, r, tenant);
      if (!agreement) throw new Problem('not-found');
      if (query.format === 'html')
        return c.html(handoverPage(agreement, `/v1/tenants/${tenant}/seals/${r.seal}/imprint.svg`));
      return { status: 200, body: agreement };
    },
  }),
];
