import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The stable problem types (RFC 9457). The `type` URI of each is `/problems/<slug>`,
 * a page this app serves, so a client can show a person what went wrong.
 */
export const PROBLEM_TYPES = {
  validation: { status: 400, zh: '请求内容不符合要求', en: 'The request is not valid' },
  'malformed-json': { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  unauthorized: { status: 401, zh: '需要有效的登录凭证', en: 'A valid bearer token is required' },
  forbidden: { status: 403, zh: '当前角色无权执行此操作', en: 'Your roles do not allow this' },
  'not-found': { status: 404, zh: '资源不存在', en: 'No such resource' },
  'method-not-allowed': { status: 405, zh: '不支持该请求方法', en: 'This method is not allowed here' },
  conflict: { status: 409, zh: '与现有数据冲突', en: 'The request conflicts with existing data' },
  'invalid-state': { status: 409, zh: '当前状态不允许此操作', en: 'The current state does not allow this' },
  'rollout-blocked': {
    status: 409,
    zh: '批次存在阻断项，不能排期',
    en: 'The rollout has blockers and cannot be scheduled',
  },
  'payload-too-large': { status: 413, zh: '请求体超过 1 MiB', en: 'The request body is over 1 MiB' },
  'unsupported-media-type': {
    status: 415,
    zh: '不支持该请求体类型',
    en: 'The request body has a media type this endpoint does not take',
  },
  'import-rejected': {
    status: 422,
    zh: '导入文件有误，未导入任何内容',
    en: 'The file has errors; nothing was imported',
  },
  'idempotency-key-reused': {
    status: 422,
    zh: '幂等键已用于另一个不同的请求',
    en: 'This Idempotency-Key was used for a different request',
  },
  internal: {
    status: 500,
    zh: '服务内部错误，请稍后重试',
    en: 'Something went wrong on our side; retry later',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export interface FieldError {
  /** Dotted path of the failing field in the request (`materials.0.code`). */
  readonly path: string;
  readonly message: string;
  readonly messageEn: string;
}

/** A problem in one cell of an uploaded spreadsheet: its row (header = 1) and column header. */
export interface RowError {
  readonly row: number;
  readonly column: string;
  readonly message: string;
  readonly messageEn: string;
}

export interface ProblemExtras {
  readonly detail?: string;
  readonly detailEn?: string;
  readonly errors?: readonly (FieldError | RowError)[];
  readonly [extension: string]: unknown;
}

export class Problem extends Error {
  constructor(
    readonly problemType: ProblemType,
    readonly extras: ProblemExtras = {},
  ) {
    super(extras.detailEn ?? PROBLEM_TYPES[problemType].en);
  }
}

export function problemBody(type: ProblemType, instance: string, extras: ProblemExtras = {}) {
  const def = PROBLEM_TYPES[type];
  return {
    type: `/problems/${type}`,
    title: def.zh,
    titleEn: def.en,
    status: def.status,
    ...(extras.detail ? {} : { detail: def.zh }),
    ...extras,
    instance,
  };
}

export function problemResponse(c: Context, type: ProblemType, extras: ProblemExtras = {}): Response {
  const body = problemBody(type, new URL(c.req.url).pathname, extras);
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}
