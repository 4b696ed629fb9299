import {
  type PrintedWindowGrant,
  printablePage,
  WindowGrantLetter,
  WindowGrantRegister,
  windowGrantStanding,
} from '@onewindow/documents';
import { tenantStaff } from '../access-groups';
import { WindowGrantInput, WindowGrantQuery, WindowGrantRevokeInput } from '../case-schemas';
import { defineRoute, type RouteSpec } from '../route';

const BASE = '/v1/tenants/:tenant/window-authorisations';

/** Each grant with its standing in words (and why it lapsed), as the register prints it and the console shows it. */
const withStanding = <G extends PrintedWindowGrant>(items: readonly G[]) =>
  items.map((g) => ({ ...g, standing: windowGrantStanding(g) }));

/**
 * Chief representatives' written authorisations (首席代表授权书, R16, seed 004): the head of a
 * department grants and revokes them; the list and each letter print as A4 pages. Served by
 * the files Lambda: the case decider only reads them (CaseService.actorOf).
 */
export const windowGrantRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'post',
    path: BASE,
    tag: 'cases',
    summary: '部门负责人签发首席代表授权书（管理员代为登记时须写明 grantedBy）',
    summaryEn:
      "A department's head grants a window officer a written authorisation for named matters (an administrator records it naming the head in grantedBy)",
    access: { scope: 'tenant', roles: tenantStaff },
    body: WindowGrantInput,
    success: 201,
    handler: ({ services, params, body, invocation }) =>
      services.windowGrants.grant(
        invocation,
        {
          tenant: params.tenant,
          staff: body.staff,
          ...(body.body ? { body: body.body } : {}),
          matters: body.matters,
          from: body.from,
          until: body.until,
          docNo: body.docNo,
          ...(body.grantedBy ? { grantedBy: body.grantedBy } : {}),
        },
        (grant) => ({ status: 201, body: grant }),
      ),
  }),
  defineRoute<unknown, typeof BASE, { at?: string; format?: 'json' | 'html' }>({
    method: 'get',
    path: BASE,
    tag: 'cases',
    summary: '窗口工作人员办理事项授权表（各授权书及其此时状态；?format=html 打印）',
    summaryEn:
      "The centre's register of window authorisations with each one's standing at ?at (default now); ?format=html to print",
    access: { scope: 'tenant', roles: tenantStaff },
    query: WindowGrantQuery,
    success: 200,
    handler: async ({ c, services, params, query, invocation }) => {
      const at = query.at ? new Date(query.at).toISOString() : invocation.now;
      const items = withStanding(await services.windowGrants.list(params.tenant, at));
      if (query.format !== 'html') return { status: 200, body: { items } };
      const tenantName = await services.windowGrants.tenantName(params.tenant);
      return c.html(
        printablePage({
          lang: 'zh',
          title: `${tenantName}窗口工作人员办理事项授权表`,
          document: WindowGrantRegister({ grants: items, tenantName, at }),
        }),
      );
    },
  }),
  defineRoute<unknown, `${typeof BASE}/:id`, { at?: string; format?: 'json' | 'html' }>({
    method: 'get',
    path: `${BASE}/:id`,
    tag: 'cases',
    summary: '首席代表授权书（及其此时状态；?format=html 打印）',
    summaryEn: 'One written authorisation with its standing at ?at (default now); ?format=html to print',
    access: { scope: 'tenant', roles: tenantStaff },
    query: WindowGrantQuery,
    success: 200,
    handler: async ({ c, services, params, query, invocation }) => {
      const at = query.at ? new Date(query.at).toISOString() : invocation.now;
      const [grant] = withStanding(await services.windowGrants.list(params.tenant, at, params.id));
      if (!grant) throw new Error('list answers the grant or 404');
      if (query.format !== 'html') return { status: 200, body: grant };
      const tenantName = await services.windowGrants.tenantName(params.tenant);
      return c.html(
        printablePage({
          lang: 'zh',
          title: `首席代表授权书 ${grant.docNo}`,
          document: WindowGrantLetter({ grant, tenantName }),
        }),
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: `${BASE}/:id/revoke`,
    tag: 'cases',
    summary: '撤销首席代表授权书（部门负责人，须说明理由）',
    summaryEn: "Revoke a written authorisation, with a reason (the department's head)",
    access: { scope: 'tenant', roles: tenantStaff },
    body: WindowGrantRevokeInput,
    success: 200,
    handler: ({ services, params, body, invocation }) =>
      services.windowGrants.revoke(
        invocation,
        { tenant: params.tenant, id: params.id, reason: body.reason },
        (grant) => ({ status: 200, body: grant }),
      ),
  }),
];
