import { publicAccessOf } from '@onewindow/domain';
import { ProgressQuery } from '../../case-schemas';
import { defineRoute, type RouteSpec } from '../../route';

/** API.md: who accessed the applicant's data, for the applicant by case number and query code. */
export const publicAccessLogRoute: RouteSpec = defineRoute({
  method: 'get',
  path: '/v1/public/cases/:caseNo/access-log',
  tag: 'public',
  summary: '个人信息查看记录',
  summaryEn: 'Who accessed the applicant’s data: body, role, purpose, when; never the person',
  access: 'public',
  query: ProgressQuery,
  success: 200,
  handler: async ({ services, params, query }) => {
    const stored = await services.publicCases.withCode(params.caseNo, query.code ?? '');
    const log = await services.publicCases.accessLog(stored);
    return { status: 200, body: log.map(publicAccessOf) };
  },
});
