import { DOMAIN_ERROR_TYPES } from '@onewindow/domain';
import * as z from 'zod/mini';
import { count, named } from './registry';
import { TenantPreview } from './rollouts';

export const ProblemEntry = named(
  'ProblemEntry',
  '出错的字段或单元格：pointer（JSON Pointer，in 说明位于请求体、查询参数或请求头）或 row 与 column；path、message、messageEn 为旧版字段 One failing field (RFC 9457 pointer and detail) or spreadsheet cell; path, message and messageEn are the names of the first version, kept for old clients',
  z.strictObject({
    pointer: z.optional(z.string()),
    in: z.optional(z.enum(['body', 'query', 'header'])),
    detail: z.string(),
    detailEn: z.optional(z.string()),
    path: z.optional(z.string()),
    message: z.optional(z.string()),
    messageEn: z.optional(z.string()),
    /** The row of an uploaded spreadsheet (the header is row 1). */
    row: z.optional(z.int().check(z.minimum(1))),
    column: z.optional(z.string()),
  }),
);
export type ProblemEntry = z.infer<typeof ProblemEntry>;

export const Problem = named(
  'Problem',
  '错误（RFC 9457）：title、detail 为中文，*En 为英文；type 指向说明页 An error as RFC 9457 describes it; `type` is a page explaining it',
  // Open: RFC 9457 lets a problem carry extension members beyond the ones named here.
  z.looseObject({
    type: z.enum(DOMAIN_ERROR_TYPES.map((t) => `/problems/${t}` as const)),
    title: z.string(),
    titleEn: z.string(),
    status: z.int().check(z.minimum(400), z.maximum(599)),
    detail: z.string(),
    detailEn: z.optional(z.string()),
    instance: z.string(),
    errors: z.optional(z.array(ProblemEntry)),
    /** import-rejected: how many errors the file has; `errors` lists the first of them. */
    errorCount: z.optional(count),
    /** rollout-blocked: the tenants with blockers. */
    tenants: z.optional(z.array(TenantPreview)),
    /** too-many-requests: seconds until a retry may succeed, as the Retry-After header says. */
    retryAfter: z.optional(z.int().check(z.minimum(1))),
  }),
);
export type Problem = z.infer<typeof Problem>;
