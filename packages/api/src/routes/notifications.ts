import { tenantStaff } from '../access-groups';
import { defineRoute } from '../route';

/** A staff member's own notifications (督办/催办 addressed to them). Served by the files Lambda. */
export const notificationRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/notifications',
    tag: 'supervision',
    summary: '本人收到的督办、催办通知（最新 20 条）',
    summaryEn:
      "The caller's own notifications, newest 20: each urge (督办/催办) on a card they are responsible for, " +
      'with who urged, the note, the card and the case',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ services, params, invocation }) => ({
      status: 200,
      body: { items: await services.notifications.mine(params.tenant, invocation.principal.sub) },
    }),
  }),
];
