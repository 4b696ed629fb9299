import { cityAdmins, tenantAdmins } from '../access-groups';
import {
  AppealDecisionInput,
  AppealInput,
  CallbackInput,
  CityLedgerQuery,
  RectificationCloseInput,
} from '../evaluation-schemas';
import { defineRoute } from '../route';

const inspectors = [...tenantAdmins, 'inspector'] as const;

/**
 * R18 after a 差评 (国办发〔2019〕51号): the tenant's rectification ledger and its steps, and the
 * city's list of escalations and appeals with its decisions. Served by the files Lambda.
 */
export const rectificationRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/rectifications',
    tag: 'supervision',
    summary: '差评整改台账：每条差评的整改时限、答复、回访、超期上报、申诉及复核结果，附当前状态',
    summaryEn:
      "The tenant's rectification ledger: each 差评's limit, answer, call-backs, escalation, appeal and its " +
      'decision, with where it stands today (open, overdue, answered, called-back, appeal-upheld); newest first',
    access: { scope: 'tenant', roles: inspectors },
    success: 200,
    handler: async ({ services, params, invocation }) => ({
      status: 200,
      body: { items: await services.rectifications.ledger(params.tenant, invocation.now) },
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/rectifications/:caseNo/close',
    tag: 'supervision',
    summary: '整改答复（向申请人说明整改情况）；答复后应回访',
    summaryEn:
      'Answer a rectification with what was fixed, told to the applicant; the rater is then called back',
    access: { scope: 'tenant', roles: tenantAdmins },
    body: RectificationCloseInput,
    success: 200,
    handler: ({ services, params, body, invocation }) =>
      services.rectifications.close(invocation, params.tenant, params.caseNo, body.response),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/rectifications/:caseNo/callback',
    tag: 'supervision',
    summary: '登记回访：评价人对整改的意见（满意、基本满意、不满意）；不满意的，按城市整改时限重新整改',
    summaryEn:
      "Record the call-back (回访): the rater's view of the fix (satisfied, basically-satisfied, dissatisfied), the " +
      "channel and a note; once per answer. A dissatisfied rater opens the next round within the city's limit in working days",
    access: { scope: 'tenant', roles: tenantAdmins },
    body: CallbackInput,
    success: 200,
    handler: ({ services, params, body, invocation }) =>
      services.rectifications.callback(invocation, params.tenant, params.caseNo, body),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/rectifications/:caseNo/appeal',
    tag: 'supervision',
    summary:
      '中心对差评提出申诉（恶意差评、误评、对政策不满而非服务等），须在整改时限内，每件一次，由市级复核',
    summaryEn:
      'Appeal a 差评 (申诉): the ground (malicious, mistaken, policy-not-service, other) and a statement; once, ' +
      "within the first round's limit; the city decides it",
    access: { scope: 'tenant', roles: tenantAdmins },
    body: AppealInput,
    success: 200,
    handler: ({ services, params, body, invocation }) =>
      services.rectifications.appeal(invocation, params.tenant, params.caseNo, body),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tenants/:tenant/rectifications/:caseNo/appeal/decision',
    tag: 'supervision',
    summary: '市级复核申诉：成立的，该评价不计入统计并写明理由，不再整改；不成立的，继续整改',
    summaryEn:
      'Decide an appeal at city level: upheld leaves the rating out of every statistic, saying why, and ends ' +
      'the rectification; dismissed keeps both',
    access: { scope: 'tenant', roles: cityAdmins },
    body: AppealDecisionInput,
    success: 200,
    handler: ({ services, params, body, invocation }) =>
      services.rectifications.decideAppeal(invocation, params.tenant, params.caseNo, body),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/rectifications',
    tag: 'supervision',
    summary: '市级差评台账：超期上报的整改和各中心的申诉（filter=escalated、appealed、awaiting-decision）',
    summaryEn:
      "The city's part of R18: its tenants' rectifications escalated as overdue and the centres' appeals " +
      '(filter=all, escalated, appealed or awaiting-decision), newest first',
    access: { scope: 'city', roles: cityAdmins },
    query: CityLedgerQuery,
    success: 200,
    handler: async ({ services, params, query, invocation }) => ({
      status: 200,
      body: {
        items: await services.rectifications.cityLedger(params.city, query.filter ?? 'all', invocation.now),
      },
    }),
  }),
];
