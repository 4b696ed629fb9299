import { type ClockColour, parseBodyRef, parseCaseNo } from '@onewindow/domain';
import { type StoredCase, tenantPk } from '@onewindow/store';
import { tenantAdmins } from '../../access-groups';
import { FindingInput, InboxQuery, RectificationCloseInput } from '../../case-schemas';
import { Problem } from '../../problem';
import { defineRoute, type RouteSpec } from '../../route';
import { CaseService, parseIfMatch } from '../../services/cases';
import { caseSummary, caseView } from './views';

const inspectors = [...tenantAdmins, 'inspector'] as const;

export const supervisionRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/supervision/inbox',
    tag: 'supervision',
    summary: '监管部门收件箱（审批结果推送）',
    summaryEn: 'Approval results pushed to a supervising body (R10)',
    access: { scope: 'tenant', roles: [...inspectors, 'supervisor'] },
    query: InboxQuery,
    success: 200,
    handler: async ({ deps, params, query, principal }) => {
      const tenant = params.tenant ?? '';
      const body = query.body ?? principal.body;
      if (!body) {
        throw new Problem('validation', {
          errors: [{ path: 'body', message: '请指定监管机构', messageEn: 'name the supervising body' }],
        });
      }
      // A supervisor reads their own body's inbox; inspectors and administrators any body's.
      if (principal.roles.every((r) => r === 'supervisor') && body !== principal.body)
        throw new Problem('forbidden');
      if (parseBodyRef(body).tenant !== tenant) throw new Problem('not-found');
      const page = await new CaseService(deps.store).repo.inbox(tenant, body, query.cursor);
      const items = page.items.map(({ pk: _pk, sk: _sk, entity: _e, ...rest }) => rest);
      return { status: 200, body: { body, items, ...(page.cursor ? { cursor: page.cursor } : {}) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/supervision/findings',
    tag: 'supervision',
    summary: '登记监管意见（回推至办件）',
    summaryEn: 'Record a supervision finding; it is pushed back to the case (R10)',
    access: { scope: 'tenant', roles: ['supervisor'] },
    body: FindingInput,
    success: 200,
    handler: async ({ deps, principal, body, now, commit, c }) => {
      const { tenant: caseTenant } = parseCaseNo(body.caseNo);
      const svc = new CaseService(deps.store);
      const stored = await svc.repo.get(caseTenant, body.caseNo);
      // The case must have been pushed to this supervisor's body; any other answers 404.
      if (!stored || stored.state.binding?.supervisingBody !== principal.body) throw new Problem('not-found');
      return svc.run({
        tenant: caseTenant,
        caseNo: body.caseNo,
        actor: await svc.actorOf(principal, caseTenant, now, false),
        now,
        ...(c.req.header('if-match') !== undefined
          ? { ifMatch: parseIfMatch(c.req.header('if-match')) }
          : {}),
        commit,
        command: () => ({ type: 'record-finding', text: body.text, severity: body.severity ?? 'info' }),
        respond: ({ stored: s, events }) => ({ status: 200, body: caseView(s, events) }),
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/supervision/board',
    tag: 'supervision',
    summary: '电子监察：在办件时限颜色、各机构超期数、月度收办件',
    summaryEn: 'E-supervision: every open case by colour, overdue per body, intake and completion per month',
    access: { scope: 'tenant', roles: inspectors },
    success: 200,
    handler: async ({ deps, params }) => {
      const tenant = params.tenant ?? '';
      const svc = new CaseService(deps.store);
      const [open, months] = await Promise.all([svc.repo.openCases(tenant), svc.repo.stats(tenant)]);
      return { status: 200, body: board(open, months) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/rectifications',
    tag: 'supervision',
    summary: '差评整改任务',
    summaryEn: 'Rectification tasks opened by ratings of 1 or 2',
    access: { scope: 'tenant', roles: inspectors },
    success: 200,
    handler: async ({ deps, params }) => {
      const items = await deps.store.queryPrefix(tenantPk(params.tenant ?? ''), 'RECT#');
      return {
        status: 200,
        body: { items: items.map(({ pk: _pk, sk: _sk, entity: _e, ...rest }) => rest) },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/rectifications/:caseNo/close',
    tag: 'supervision',
    summary: '办结整改（答复申请人）',
    summaryEn: 'Close a rectification with the response to the applicant',
    access: { scope: 'tenant', roles: tenantAdmins },
    body: RectificationCloseInput,
    success: 200,
    handler: async ({ deps, params, principal, body, now, commit }) => {
      const tenant = params.tenant ?? '';
      const svc = new CaseService(deps.store);
      return svc.run({
        tenant,
        caseNo: params.caseNo ?? '',
        actor: await svc.actorOf(principal, tenant, now, false),
        now,
        commit,
        command: () => ({ type: 'close-rectification', response: body.response }),
        respond: ({ stored }) => ({
          status: 200,
          body: { caseNo: stored.state.caseNo, ...stored.state.rectification },
        }),
      });
    },
  }),
];

function board(open: readonly StoredCase[], months: Awaited<ReturnType<CaseService['repo']['stats']>>) {
  const counts: Record<ClockColour, number> = { green: 0, yellow: 0, red: 0 };
  const perBody = new Map<string, Record<ClockColour, number>>();
  for (const c of open) {
    counts[c.clock] += 1;
    const key = c.state.body ?? '—';
    const row = perBody.get(key) ?? { green: 0, yellow: 0, red: 0 };
    row[c.clock] += 1;
    perBody.set(key, row);
  }
  const rank: Record<ClockColour, number> = { red: 0, yellow: 1, green: 2 };
  return {
    counts,
    bodies: [...perBody.entries()]
      .map(([body, c]) => ({ body, ...c, overdue: c.red }))
      .sort((a, b) => b.overdue - a.overdue),
    months,
    cases: [...open].sort((a, b) => rank[a.clock] - rank[b.clock]).map(caseSummary),
  };
}
