import type { NamedRow } from '@onewindow/app';
import { cityAdmins, tenantAdmins } from '../access-groups';
import { XLSX_TYPE } from '../catalogue-format';
import { AssessmentQuery } from '../evaluation-schemas';
import { defineRoute } from '../route';
import { writeSheet } from '../xlsx';

const readers = [...tenantAdmins, 'inspector'] as const;

/** The report's columns: header (Chinese first, English beside it) and how a row fills it. */
const COLUMNS: readonly [string, (r: NamedRow) => string | number | null][] = [
  ['编码 id', (r) => r.id],
  ['名称 name', (r) => r.name],
  ['收件 received', (r) => r.received],
  ['受理 accepted', (r) => r.accepted],
  ['不予受理 rejected', (r) => r.rejected],
  ['撤回 withdrawn', (r) => r.withdrawn],
  ['终止 terminated', (r) => r.terminated],
  ['准予 approved', (r) => r.approved],
  ['不予许可 denied', (r) => r.denied],
  ['出件 issued', (r) => r.issued],
  ['按时办结 on time', (r) => r.onTime],
  ['按时办结率 on-time rate', (r) => r.onTimeRate],
  ['平均用时(工作日) average working days', (r) => r.averageDays],
  ['延期 extensions', (r) => r.extended],
  ['暂停计时 pauses', (r) => r.paused],
  ['黄牌 yellow cards', (r) => r.cards.yellow],
  ['红牌 red cards', (r) => r.cards.red],
  [
    '亮灯原因 cards by trigger',
    (r) =>
      Object.entries(r.cards.byTrigger)
        .map(([t, c]) => `${t}: ${c.yellow}/${c.red}`)
        .join('; '),
  ],
  ['评价数 rated', (r) => r.ratings.rated],
  ['满意率 satisfaction', (r) => r.ratings.satisfaction],
  ['默认评价 defaulted', (r) => r.ratings.defaulted],
  ['申诉剔除 excluded', (r) => r.ratings.excluded],
  ['整改 rectifications', (r) => r.rectifications.opened],
  ['按时整改 on time', (r) => r.rectifications.onTime],
  ['超期整改 late', (r) => r.rectifications.late],
  ['整改按时率 rectification on-time rate', (r) => r.rectifications.onTimeRate],
];

const SECTIONS = [
  ['totals', '全租户 tenant'],
  ['bodies', '部门 body'],
  ['windows', '窗口 window'],
  ['staff', '工作人员 staff'],
  ['matters', '事项 matter'],
] as const;

/**
 * The monthly assessment (月度考核): a tenant's month per body, window, staff member and matter
 * (JSON or .xlsx), and a city's ranking of its tenants. Served by the files Lambda (the .xlsx
 * writer is in no other bundle).
 */
export const assessmentRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/assessment',
    tag: 'supervision',
    summary:
      '月度考核：某月（month=YYYY-MM）全租户及按部门、窗口、工作人员、事项的收件、受理、不予受理、准予、不予许可、出件、' +
      '按时办结率、平均用时、延期、暂停、黄红牌（按原因）、满意率（剔除申诉成立）、整改按时率；format=xlsx 导出',
    summaryEn:
      "A tenant's monthly assessment (month=YYYY-MM): received, accepted, rejected, withdrawn, terminated, approved, " +
      'denied, issued, on-time rate, average working days used, extensions, pauses, cards by colour and trigger, ' +
      'satisfaction (upheld appeals excluded) and rectifications on time, for the tenant and per body, window, staff ' +
      'member and matter; format=xlsx for the spreadsheet. Read from counters: a fixed number of requests',
    access: { scope: 'tenant', roles: readers },
    query: AssessmentQuery,
    success: 200,
    handler: async ({ services, params, query }) => {
      const report = await services.assessment.tenant(params.tenant, query.month);
      if (query.format !== 'xlsx') return { status: 200, body: report };
      const rows = SECTIONS.flatMap(([key, label]) => {
        const list = key === 'totals' ? [report.totals] : report[key];
        return list.map((r) => [label, ...COLUMNS.map(([, cell]) => cell(r))]);
      });
      const sheet = await writeSheet(
        [['维度 dimension', ...COLUMNS.map(([h]) => h)], ...rows],
        `月度考核${query.month}`,
      );
      return new Response(sheet, {
        status: 200,
        headers: {
          'content-type': XLSX_TYPE,
          'content-disposition': `attachment; filename="assessment-${params.tenant}-${query.month}.xlsx"`,
          'cache-control': 'no-store',
        },
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/assessment',
    tag: 'supervision',
    summary:
      '城市月度考核排名：各租户当月考核指标与综合得分（按时办结率 50、满意率 40、整改按时率 10，红灯每盏扣 2 分、黄灯扣 1 分），由高到低',
    summaryEn:
      "A city's monthly ranking of its tenants: each tenant's month figures and score (on-time rate 50, satisfaction " +
      '40, rectifications on time 10, less 2 points per red card and 1 per yellow card), best first',
    access: { scope: 'city', roles: cityAdmins },
    query: AssessmentQuery,
    success: 200,
    handler: async ({ services, params, query }) => {
      await services.tenancy.requireCity(params.city);
      return { status: 200, body: await services.assessment.city(params.city, query.month) };
    },
  }),
];
