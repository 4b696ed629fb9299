import { PROVINCIAL_FIELDS } from '@onewindow/app';
import { cityAdmins } from '../access-groups';
import { XLSX_TYPE } from '../catalogue-format';
import { RatingExportQuery } from '../evaluation-schemas';
import { defineRoute } from '../route';
import { writeSheet } from '../xlsx';

/**
 * The month's ratings for the provincial 好差评 system (R18), under its field names, as JSON lines
 * or .xlsx. Only the files Lambda mounts it: the .xlsx writer is not in the other bundles.
 */
export const ratingExportRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/:op{ratings:export}',
    openapiPath: '/v1/cities/{city}/ratings:export',
    tag: 'supervision',
    summary:
      '导出某月好差评数据报送省级系统（month=YYYY-MM；format=jsonl 或 xlsx，默认 jsonl），字段名按省级接口；' +
      '含申请人证件号码，每件记入申请人的访问记录',
    summaryEn:
      "Export a month's ratings of every tenant of the city for the provincial 好差评 system (month=YYYY-MM; " +
      'format=jsonl, the default, or xlsx) under its field names: departmentCode (the body’s USCC), hallCode, ' +
      'windowNo, workNo, affairSerialNo, affairCode, affairHandleItem, affairApplyTime, affairDoneTime, userType, ' +
      'certificateType, certificateNo, projectType, evalProcess, evalLevel, evalTime, pf, evalReason, evalObject, ' +
      'evalContent, isDefault, excluded, excludedReason. It discloses identity numbers, so each case records the ' +
      "access in its applicant's log",
    access: { scope: 'city', roles: cityAdmins },
    query: RatingExportQuery,
    success: 200,
    produces: 'application/x-ndjson',
    handler: async ({ services, params, query, invocation }) => {
      await services.tenancy.requireCity(params.city);
      const rows = await services.ratingExport.rows(
        invocation.principal,
        params.city,
        query.month,
        invocation.now,
      );
      const format = query.format ?? 'jsonl';
      const body =
        format === 'jsonl'
          ? rows.map((r) => `${JSON.stringify(r)}\n`).join('')
          : await writeSheet(
              [[...PROVINCIAL_FIELDS], ...rows.map((r) => PROVINCIAL_FIELDS.map((f) => r[f]))],
              `好差评${query.month}`,
            );
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': format === 'jsonl' ? 'application/x-ndjson; charset=utf-8' : XLSX_TYPE,
          'content-disposition': `attachment; filename="ratings-${params.city}-${query.month}.${format}"`,
          'cache-control': 'no-store',
        },
      });
    },
  }),
];
