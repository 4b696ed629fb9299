import type { Revealed } from '@onewindow/app';
import { publicAccessOf, REVEAL_ROLES } from '@onewindow/domain';
import { RevealInput, RevealQuery } from '../../case-schemas';
import { logSecurityEvent } from '../../pipeline/security-event';
import { defineRoute, type RouteContext, type RouteSpec } from '../../route';

const CASE = '/v1/tenants/:tenant/cases/:caseNo';
const access = { scope: 'tenant', roles: REVEAL_ROLES, bodyReach: true } as const;
const zh = '申请人完整信息（仅限办理本件的窗口、审批与监管人员；须说明用途，每次查看留痕并向申请人公开）';
const en =
  'The applicant unmasked, for the staff handling the case only; the purpose is required, and each reveal is recorded and shown to the applicant';

const revealed = ({ applicant, record }: Revealed) => ({
  caseNo: record.caseNo,
  applicant,
  access: publicAccessOf(record),
});

/** Both forms share one handler: the purpose from the body (POST) or the query (GET, API.md). */
const reveal = async (
  ctx: Pick<RouteContext<unknown, typeof CASE>, 'c' | 'services' | 'invocation' | 'params' | 'principal'>,
  purpose: string,
) => {
  const { params } = ctx;
  const answer = await ctx.services.applicants.reveal(
    ctx.invocation,
    { tenant: params.tenant, caseNo: params.caseNo, purpose },
    (r) => ({ status: 200, body: revealed(r) }),
  );
  // The purpose is free text and may itself name the person: the event carries ids only.
  logSecurityEvent(ctx.c, 'personal-data-reveal', { caseNo: params.caseNo, body: ctx.principal.body });
  return answer;
};

/**
 * The reveal of a case's applicant: served by the files Lambda (route-groups.ts), whose bundle
 * has room, so the cases Lambda carries only the masking and the public access log.
 */
export const applicantRoutes: readonly RouteSpec[] = [
  defineRoute<{ purpose: string }, typeof CASE>({
    method: 'post',
    path: `${CASE}/applicant/reveal` as typeof CASE,
    tag: 'cases',
    summary: `查看${zh}`,
    summaryEn: `Reveal ${en}`,
    access,
    body: RevealInput,
    success: 200,
    handler: (ctx) => reveal(ctx, ctx.body.purpose),
  }),
  defineRoute<unknown, typeof CASE, { purpose: string }>({
    method: 'get',
    path: `${CASE}/applicant` as typeof CASE,
    tag: 'cases',
    summary: `${zh}（?purpose=用途）`,
    summaryEn: `${en} (?purpose=…)`,
    access,
    query: RevealQuery,
    success: 200,
    handler: (ctx) => reveal(ctx, ctx.query.purpose),
  }),
];
