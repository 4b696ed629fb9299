import { DomainError, parseCaseNo } from '@onewindow/domain';
import { tenantAdmins } from '../../access-groups';
import { FindingInput, InboxQuery, ReceiptInput } from '../../case-schemas';
import { defineRoute, type RouteSpec } from '../../route';
import { LiaisonInput, LiaisonQuery } from '../../supervision-schemas';
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
    handler: async ({ services, params, query, principal }) => ({
      status: 200,
      body: await services.supervision.inbox(principal, params.tenant, query.body, query.cursor),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/supervision/receipts',
    tag: 'supervision',
    summary: '签收推送的审批结果（审管联动）：记录签收人和时间，再次签收答复原签收',
    summaryEn:
      'Sign for a pushed result (审管联动 receipt): records who signed and when, once; signing again answers the same receipt. Only a supervisor of the body it was pushed to.',
    access: { scope: 'tenant', roles: ['supervisor'] },
    body: ReceiptInput,
    success: 200,
    handler: ({ services, params, body, invocation }) =>
      services.supervision.signFor(invocation, params.tenant, body.caseNo),
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
    handler: async (ctx) => {
      const { services, principal, body, invocation } = ctx;
      const { tenant } = parseCaseNo(body.caseNo);
      const stored = await services.cases.find(tenant, body.caseNo);
      // The case must have been pushed to this supervisor's body; any other answers 404.
      if (!stored || stored.state.binding?.supervisingBody !== principal.body) {
        throw new DomainError('not-found', '办件不存在', 'no such case');
      }
      return services.cases.run(invocation, {
        tenant,
        caseNo: body.caseNo,
        loaded: stored,
        ifMatch: ctx.ifMatch(),
        command: () => ({ type: 'record-finding', text: body.text, severity: body.severity ?? 'info' }),
        respond: (outcome) => ({ status: 200, body: caseView(outcome) }),
      });
    },
  }),
  defineRoute({
    method: 'put',
    path: '/v1/tenants/:tenant/supervision/liaisons',
    tag: 'supervision',
    summary: '指定联络人（审管联动）：监管机构为向其推送的各部门指定负责签收的本机构监管人员，再次指定即替换',
    summaryEn:
      "Name a liaison (联络人): for a department whose decisions a supervising body receives, the body's supervisor who signs for them; naming another replaces it. The tenant's administrators, or a supervisor of that body.",
    access: { scope: 'tenant', roles: [...tenantAdmins, 'supervisor'] },
    body: LiaisonInput,
    success: 200,
    handler: ({ services, params, body, invocation }) =>
      services.supervision.nameLiaison(invocation, params.tenant, body, (liaison) => ({
        status: 200,
        body: liaison,
      })),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/supervision/liaisons',
    tag: 'supervision',
    summary: '监管机构的联络人（按部门）',
    summaryEn: "A supervising body's liaisons, by department (?body=; a supervisor's own body by default)",
    access: { scope: 'tenant', roles: [...inspectors, 'supervisor'] },
    query: LiaisonQuery,
    success: 200,
    handler: async ({ services, params, query, principal }) => ({
      status: 200,
      body: await services.supervision.liaisons(principal, params.tenant, query.body),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/supervision/board',
    tag: 'supervision',
    summary: '电子监察：在办件时限颜色、各机构超期数、月度收办件，红色在办件前 20 件',
    summaryEn:
      'E-supervision: open cases by colour, overdue per body, intake and completion per month, and the first 20 open cases red first (the lists by colour page the rest)',
    access: { scope: 'tenant', roles: inspectors },
    success: 200,
    handler: async ({ services, params }) => {
      const { open, ...board } = await services.supervision.board(params.tenant);
      return { status: 200, body: { ...board, cases: open.map((row) => caseSummary(row)) } };
    },
  }),
];
