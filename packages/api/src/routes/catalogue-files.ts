import * as z from 'zod/mini';
import { cityAdmins } from '../access-groups';
import { CATALOGUE_FORMAT_EN, CATALOGUE_FORMAT_ZH, XLSX_TYPE } from '../catalogue-format';
import type { AppDeps, CatalogueFiles } from '../env';
import { defineRoute } from '../route';

/** The import and export themselves (catalogue-io.ts), passed in as `deps.catalogueFiles`. */
export type { CatalogueFiles } from '../env';

function filesOf(deps: AppDeps): CatalogueFiles {
  // Only the files Lambda (and the local stack) is wired with them; reaching this elsewhere is a deployment mistake.
  if (!deps.catalogueFiles) throw new Error('the catalogue file routes are not served by this deployment');
  return deps.catalogueFiles;
}

/**
 * The catalogue as .xlsx or .csv, served by their own Lambda (functions/files). These specs
 * are all the api Lambda bundles of them, so its OpenAPI document still describes both.
 */
export const catalogueFileRoutes = [
  defineRoute({
    method: 'post',
    // A literal ':' would start a hono parameter; a parameter whose pattern is the literal text does not.
    path: '/v1/cities/:city/:op{catalogue:import}',
    openapiPath: '/v1/cities/{city}/catalogue:import',
    tag: 'catalogue',
    summary: `导入指导目录（.xlsx 或 .csv，有错误则不导入并逐行列出；dryRun=true 只预览）。${CATALOGUE_FORMAT_ZH}`,
    summaryEn:
      `Import the guidance catalogue from .xlsx or .csv: the raw body as text/csv or ${XLSX_TYPE}, ` +
      "or the 'file' field of multipart/form-data (at most 1 MiB). Every row is checked first; any error " +
      'answers 422 import-rejected with errors [{row, column, message}] and writes nothing. Otherwise each ' +
      'changed matter is written and the answer counts rows, created, updated and unchanged; ' +
      '?dryRun=true counts without writing. Re-importing the same file changes nothing, so a retry is ' +
      `safe (an Idempotency-Key is not recorded). ${CATALOGUE_FORMAT_EN}`,
    access: { scope: 'city', roles: cityAdmins },
    query: z.strictObject({ dryRun: z.optional(z.enum(['true', 'false'])) }),
    success: 200,
    handler: (ctx) => filesOf(ctx.deps).importFile(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/:op{catalogue:export}',
    openapiPath: '/v1/cities/{city}/catalogue:export',
    tag: 'catalogue',
    summary: `导出指导目录（format=xlsx 或 csv，默认 xlsx；导出的文件可原样导入）。${CATALOGUE_FORMAT_ZH}`,
    summaryEn:
      'Export the guidance catalogue as .xlsx (default) or as UTF-8 .csv with a BOM, in the format the ' +
      `import reads, so an exported file imports back unchanged. ${CATALOGUE_FORMAT_EN}`,
    access: { scope: 'city', roles: cityAdmins },
    query: z.strictObject({ format: z.optional(z.enum(['xlsx', 'csv'])) }),
    success: 200,
    produces: XLSX_TYPE,
    handler: (ctx) => filesOf(ctx.deps).exportFile(ctx),
  }),
];
