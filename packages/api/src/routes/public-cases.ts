import { sealImprintSvg } from '@onewindow/domain';
import { ProgressQuery, RatingInput } from '../case-schemas';
import { defineRoute, type RouteSpec } from '../route';
import { publicAccessLogRoute } from './cases/access-log';
import { progressView } from './cases/views';

/**
 * The applicant's public case pages: progress, rating (好差评), the access log and the result's
 * seal imprint. Served by the files Lambda: the cases bundle keeps only the staff's case commands
 * and the signing keys, within its 400 KB.
 */
export const publicCaseRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/v1/public/cases/:caseNo',
    tag: 'public',
    summary: '办件进度查询（办件编号＋查询码）',
    summaryEn: 'Case progress by case number and query code',
    access: 'public',
    query: ProgressQuery,
    success: 200,
    handler: async ({ services, params, query }) => {
      const stored = await services.publicCases.withCode(params.caseNo, query.code ?? '');
      const accessLog = await services.publicCases.accessLog(stored);
      return { status: 200, body: progressView(stored, accessLog) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/public/cases/:caseNo/rating',
    tag: 'public',
    summary:
      '好差评：已办结（出件、不予许可、不予受理、撤回、终止）或已作出决定的办件，申请人凭查询码评价一次；' +
      '5 非常满意、4 满意、3 基本满意、2 不满意、1 非常不满意（1、2 级为差评，生成整改任务，时限为城市设定的工作日数）；' +
      '可选评价原因 reasons（GB/T 39734 指标）、评价对象 objects（窗口、人员、事项）与渠道 channel（默认 web）',
    summaryEn:
      'Rate a handled service once (issued, decided, refused, rejected at intake, withdrawn, terminated): ' +
      '5 very satisfied … 1 very dissatisfied; 1 or 2 is a bad rating and opens a rectification due in the ' +
      "city's number of working days (GET /v1/cities/{city}/evaluation, default 5). Optional reasons " +
      '(GB/T 39734 indicators: overall, efficiency, competence, attitude, ' +
      'guide-accuracy, convenience, platform), objects rated (window, person, matter) and the channel ' +
      '(window-device, web, mobile, hotline; web unless given). Sending the same rating again answers as the first did.',
    access: 'public',
    body: RatingInput,
    success: 200,
    handler: ({ services, params, body, now }) =>
      services.publicCases.rate(
        {
          caseNo: params.caseNo,
          code: body.code,
          now,
          rating: {
            level: body.level,
            channel: body.channel ?? 'web',
            ...(body.comment ? { comment: body.comment } : {}),
            ...(body.reasons ? { reasons: body.reasons } : {}),
            ...(body.objects ? { objects: body.objects } : {}),
          },
        },
        ({ stored }) => ({ status: 200, body: progressView(stored) }),
      ),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/results/:caseNo/seal.svg',
    tag: 'public',
    summary: '结果所盖印章印模',
    summaryEn: 'The imprint of the seal on a result',
    access: 'public',
    success: 200,
    produces: 'image/svg+xml',
    handler: async ({ c, services, params }) => {
      const seal = await services.publicCases.resultSeal(params.caseNo);
      const svg = sealImprintSvg({ ...seal, voided: false });
      return c.body(svg, 200, {
        'content-type': 'image/svg+xml; charset=utf-8',
        'cache-control': 'public, max-age=300',
      });
    },
  }),
  publicAccessLogRoute,
];
