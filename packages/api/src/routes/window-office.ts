import { DomainError, toInstant } from '@onewindow/domain';
import { CaseRepository, caseKeys, TenancyRepository, tenantPk } from '@onewindow/store';
import { tenantAdmins } from '../access-groups';
import { FeeReportQuery, WindowAuthorisationInput } from '../case-schemas';
import { Problem } from '../problem';
import { defineRoute, type RouteSpec } from '../route';

/**
 * Window authorisations (首席代表授权) and the centralised fee report: tenant
 * administration around the window, served by the api Lambda with the rest of it.
 */
export const windowOfficeRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'put',
    path: '/v1/tenants/:tenant/window-authorisations/:staff',
    tag: 'cases',
    summary: '首席代表窗口授权（可当场决定的事项）',
    summaryEn: 'Authorise a window officer to decide named on-the-spot matters',
    access: { scope: 'tenant', roles: tenantAdmins },
    body: WindowAuthorisationInput,
    success: 200,
    handler: async ({ deps, params, body, commit, now }) => {
      const tenant = params.tenant ?? '';
      const staffId = params.staff ?? '';
      const staff = await new TenancyRepository(deps.store).staffMember(tenant, staffId);
      if (!staff) throw new Problem('not-found', { detailEn: `no staff member '${staffId}'` });
      if (!staff.roles.includes('window-clerk')) {
        throw new DomainError(
          'validation',
          '只能授权窗口人员',
          'only a window clerk can hold a window authorisation',
          'staff',
        );
      }
      let until: string | undefined;
      if (body.until !== undefined) {
        try {
          until = toInstant(body.until);
        } catch {
          throw new DomainError('validation', '授权期限不是有效的时间', 'until is not an instant', 'until');
        }
      }
      const item = {
        staff: staffId,
        matters: [...new Set(body.matters)],
        ...(until ? { until } : {}),
        updatedAt: now,
      };
      return commit({
        action: 'window-authorisation.set',
        target: `${tenant}/${staffId}`,
        writes: [
          {
            put: {
              ...caseKeys.windowAuthorisation(tenant, staffId),
              entity: 'window-authorisation',
              ...item,
            },
          },
        ],
        response: { status: 200, body: item },
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/window-authorisations',
    tag: 'cases',
    summary: '首席代表授权列表',
    summaryEn: 'List window authorisations',
    access: { scope: 'tenant', roles: [...tenantAdmins, 'window-clerk', 'inspector'] },
    success: 200,
    handler: async ({ deps, params }) => {
      const items = await deps.store.queryPrefix(tenantPk(params.tenant ?? ''), 'WINAUTH#');
      return { status: 200, body: { items: items.map(({ pk: _p, sk: _s, entity: _e, ...rest }) => rest) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/fees/report',
    tag: 'cases',
    summary: '集中收费报表（按收费部门）',
    summaryEn: 'Centralised fee collection report per collecting department',
    access: { scope: 'tenant', roles: [...tenantAdmins, 'inspector'] },
    query: FeeReportQuery,
    success: 200,
    handler: async ({ deps, params, query }) => {
      const from = query.from ?? '';
      const to = query.to ?? '';
      if (to < from) throw new DomainError('validation', '结束日期早于开始日期', 'to is before from', 'to');
      const rows = await new CaseRepository(deps.store).fees(params.tenant ?? '', from, to);
      const departments = new Map<
        string,
        { body: string; count: number; total: number; receipts: unknown[] }
      >();
      for (const r of rows) {
        const body = String(r.collectingBody ?? '');
        const d = departments.get(body) ?? { body, count: 0, total: 0, receipts: [] };
        d.count += 1;
        d.total = Math.round((d.total + Number(r.amount ?? 0)) * 100) / 100;
        d.receipts.push({
          receiptNo: r.receiptNo,
          caseNo: r.caseNo,
          matter: r.matter,
          amount: r.amount,
          at: r.at,
          fees: r.fees,
        });
        departments.set(body, d);
      }
      const list = [...departments.values()].sort((a, b) => a.body.localeCompare(b.body));
      return {
        status: 200,
        body: {
          from,
          to,
          departments: list,
          total: Math.round(list.reduce((s, d) => s + d.total * 100, 0)) / 100,
        },
      };
    },
  }),
];
