import { cityAdmins } from '../access-groups';
import { defineRoute } from '../route';
import { EvaluationInput } from '../schemas';

/** The city's evaluation rules (R18, 好差评). */
export const evaluationRoutes = [
  defineRoute({
    method: 'put',
    path: '/v1/cities/:city/evaluation',
    tag: 'calendar',
    summary:
      '设置城市好差评规则：差评整改时限（工作日，1–30，默认 5）；办结后未评价的，满若干自然日（1–90，默认 7）' +
      '系统按默认等级（3–5，默认 3 基本满意）记为默认评价',
    summaryEn:
      "Set a city's evaluation rules (R18): the working days a bad rating's rectification has (1–30, default 5); " +
      'the natural days after which a handled service left unrated takes the default (1–90, default 7) and the ' +
      'level it takes (3–5, default 3), recorded as a default. Ratings and services handled from then on use them',
    access: { scope: 'city', roles: cityAdmins },
    body: EvaluationInput,
    success: 200,
    handler: ({ services, invocation, params, body }) =>
      services.tenancy.setEvaluation(invocation, params.city, body, (settings) => ({
        status: 200,
        body: settings,
      })),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/evaluation',
    tag: 'calendar',
    summary: '城市好差评规则（未设置时为默认：整改 5 个工作日；7 天未评价默认 3 级基本满意）',
    summaryEn:
      "A city's evaluation rules: what it set, else the defaults (rectification in 5 working days; unrated after 7 days → 3)",
    access: { scope: 'city', roles: cityAdmins },
    success: 200,
    handler: async ({ services, params }) => ({
      status: 200,
      body: await services.tenancy.evaluation(params.city),
    }),
  }),
];
