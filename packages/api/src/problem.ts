import { DomainError, type DomainErrorType, type ErrorEntry } from '@onewindow/domain';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The stable problem types (RFC 9457), one per kind of `DomainError`. The `type` URI of
 * each is `/problems/<slug>`, a page this app serves, so a client can show a person what
 * went wrong.
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
  'too-many-requests': {
    status: 429,
    zh: '请求过于频繁，请稍后再试',
    en: 'Too many requests; try again later',
  },
  unavailable: {
    status: 503,
    zh: '服务暂时不可用，请稍后重试',
    en: 'The service is unavailable for a moment; retry later',
  },
  internal: {
    status: 500,
    zh: '服务内部错误，请稍后重试',
    en: 'Something went wrong on our side; retry later',
  },
} as const satisfies Record<DomainErrorType, { status: number; zh: string; en: string }>;

export type ProblemType = DomainErrorType;

/** Where a failing field was sent; body fields are the default. */
export type FieldSource = 'body' | 'query' | 'header';

/**
 * One `errors[]` entry. `pointer` (a JSON Pointer into the body, or naming the query
 * parameter or header `in` says) and `detail` are RFC 9457's names; `path`, `message` and
 * `messageEn` are the names of the first version, kept for the clients written against it.
 */
export interface ProblemEntry {
  readonly pointer?: string;
  readonly in?: FieldSource;
  readonly detail: string;
  readonly detailEn: string;
  readonly path?: string;
  readonly message: string;
  readonly messageEn: string;
  readonly row?: number;
  readonly column?: string;
}

const HEADERS = new Set(['idempotency-key', 'if-match', 'content-type', 'authorization']);

/** `materials.0.code` → `/materials/0/code` (RFC 6901 escapes `~` and `/`). */
export const jsonPointer = (path: string): string =>
  path === ''
    ? ''
    : `/${path
        .split('.')
        .map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1'))
        .join('/')}`;

function entryOf(e: ErrorEntry, source: FieldSource): ProblemEntry {
  const text = { detail: e.zh, detailEn: e.en, message: e.zh, messageEn: e.en };
  if ('row' in e) return { ...text, row: e.row, column: e.column };
  const where: FieldSource = HEADERS.has(e.path.toLowerCase()) ? 'header' : source;
  return { pointer: jsonPointer(e.path), in: where, path: e.path, ...text };
}

/** The problem body for an error: its type's title and status, the error's own words and fields. */
export function problemBody(error: DomainError, instance: string) {
  const def = PROBLEM_TYPES[error.type];
  const source = (error.extensions?.in as FieldSource | undefined) ?? 'body';
  const entries = error.errors ?? (error.field ? [{ path: error.field, zh: error.zh, en: error.en }] : []);
  const { in: _in, ...extensions } = error.extensions ?? {};
  return {
    type: `/problems/${error.type}`,
    title: def.zh,
    titleEn: def.en,
    status: def.status,
    // A bare error of a type (`new DomainError('not-found', …)` with the type's words) reads as the title.
    detail: error.zh,
    detailEn: error.en,
    ...(entries.length > 0 ? { errors: entries.map((e) => entryOf(e, source)) } : {}),
    ...extensions,
    instance,
  };
}

/** A DomainError of `type` with the type's own words, for the many places that need no more. */
export const problem = (type: DomainErrorType, detailEn?: string, detail?: string): DomainError =>
  new DomainError(type, detail ?? PROBLEM_TYPES[type].zh, detailEn ?? PROBLEM_TYPES[type].en);

export function problemResponse(
  c: Context,
  error: DomainError,
  headers: Record<string, string> = {},
): Response {
  const body = problemBody(error, new URL(c.req.url).pathname);
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json; charset=utf-8',
    ...headers,
  });
}
