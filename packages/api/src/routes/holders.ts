import { defineRoute, type RouteSpec } from '../route';
import { HolderFindingsQuery } from '../supervision-schemas';

/**
 * 审管联动's findings at the next intake (issue 15): the supervision findings recorded on the
 * tenant's earlier cases of a holder, found by the number the clerk typed through the keyed hash
 * the finding was indexed under. Like the e-licence look-up by holder (免提交) it discloses no more
 * than the clerk typed, so it leaves no access record. Served by the files Lambda, which records
 * the findings and holds the index's key.
 */
export const holderRoutes: readonly RouteSpec[] = [
  defineRoute<
    unknown,
    '/v1/tenants/:tenant/holders/findings',
    { holder: string; cursor?: string; limit?: number }
  >({
    method: 'get',
    path: '/v1/tenants/:tenant/holders/findings',
    tag: 'supervision',
    summary: '申请人此前办件的监管意见（?holder=身份证号码或统一社会信用代码；窗口收件时查看）',
    summaryEn:
      "The supervision findings on a holder's earlier cases here (?holder=ID number or USCC), newest first, for the window at intake",
    access: { scope: 'tenant', roles: ['window-clerk'] },
    query: HolderFindingsQuery,
    success: 200,
    handler: async ({ services, params, query }) => {
      const holders = services.holders;
      if (!holders) throw new Error('this function keeps no holder index (no holder key)');
      return {
        status: 200,
        body: await holders.list(params.tenant, query.holder, {
          ...(query.limit ? { limit: query.limit } : {}),
          ...(query.cursor ? { cursor: query.cursor } : {}),
        }),
      };
    },
  }),
];
