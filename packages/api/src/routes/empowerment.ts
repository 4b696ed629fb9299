import { MODES } from '@onewindow/domain';
import * as z from 'zod/mini';
import { cityAdmins } from '../access-groups';
import { defineRoute, type RouteSpec } from '../route';
import { AtQuery, bodyRef, id, instant } from '../schemas';

/** R13: who held each matter when the tenant began. Large tenants send a few hundred at once. */
export const InitialHoldersInput = z.strictObject({
  /** Only for a tenant onboarded without a start instant; otherwise its `since` is used. */
  since: z.optional(instant),
  items: z
    .array(
      z.strictObject({
        matter: id,
        body: bodyRef,
        mode: z.optional(z.enum(MODES)),
        seal: id,
        supervisingBody: z.optional(bodyRef),
        windowBody: z.optional(bodyRef),
      }),
    )
    .check(z.minLength(1), z.maxLength(2000)),
});

/**
 * Initial holders and the empowered list published to society (seeds 000 and 003). The files
 * Lambda serves them: the cases bundle has no room, and they only read or write periods.
 */
export const empowermentRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'put',
    path: '/v1/tenants/:tenant/initial-holders',
    tag: 'authority',
    summary: '登记初始实施主体（改革前由谁实施，自租户起始时刻起）',
    summaryEn:
      "Record who held each matter before any rollout (R13): authority periods from the tenant's start. " +
      'Checked whole; a holder already recorded as it is counts as unchanged, a different one at the start is 409',
    access: { scope: 'tenant', roles: cityAdmins },
    body: InitialHoldersInput,
    success: 200,
    handler: ({ services, invocation, params, body }) =>
      services.empowerment.recordInitialHolders(invocation, params.tenant, body, (outcome) => ({
        status: 200,
        body: outcome,
      })),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/:tenant/empowered-matters',
    tag: 'public',
    summary: '向社会公布的赋权事项清单（指定时刻，默认现在）',
    summaryEn: "The tenant's empowered matters at an instant (default now), as published to society",
    access: 'public',
    query: AtQuery,
    success: 200,
    handler: async ({ services, params, query, now }) => ({
      status: 200,
      body: await services.empowerment.empoweredMatters(params.tenant, query.at ?? now),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/:tenant/empowered-matters/changes',
    tag: 'public',
    summary: '各批次公布的事项调整清单（已排期与已生效）',
    summaryEn: 'Per rollout (scheduled or in effect), the published list of matters that move in the tenant',
    access: 'public',
    success: 200,
    handler: async ({ services, params }) => ({
      status: 200,
      body: await services.empowerment.changes(params.tenant),
    }),
  }),
];
