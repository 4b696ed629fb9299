import { DomainError, type ErrorEntry } from '@onewindow/domain';
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { type FieldSource, problem } from './problem';

type Issue = z.core.$ZodIssue;
type FieldEntry = Extract<ErrorEntry, { path: string }>;

const joinPath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** Clerk-readable messages for the issues zod reports, Chinese first. */
function describe(issue: Issue): { zh: string; en: string } {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { zh: '必填', en: 'is required' }
        : { zh: `类型应为 ${issue.expected}`, en: `must be ${issue.expected}` };
    case 'invalid_value':
      return {
        zh: `取值应为：${issue.values.map(String).join('、')}`,
        en: `must be one of: ${issue.values.map(String).join(', ')}`,
      };
    case 'invalid_format':
      return issue.format === 'regex'
        ? { zh: '格式不正确', en: `does not match ${issue.pattern ?? 'the expected format'}` }
        : { zh: `应为 ${issue.format} 格式`, en: `must be a valid ${issue.format}` };
    case 'too_small':
      return issue.origin === 'array'
        ? { zh: `至少 ${issue.minimum} 项`, en: `needs at least ${issue.minimum} item(s)` }
        : issue.origin === 'string'
          ? { zh: `至少 ${issue.minimum} 个字符`, en: `needs at least ${issue.minimum} character(s)` }
          : { zh: `不能小于 ${issue.minimum}`, en: `must be at least ${issue.minimum}` };
    case 'too_big':
      return issue.origin === 'array'
        ? { zh: `最多 ${issue.maximum} 项`, en: `allows at most ${issue.maximum} item(s)` }
        : issue.origin === 'string'
          ? { zh: `最多 ${issue.maximum} 个字符`, en: `allows at most ${issue.maximum} character(s)` }
          : { zh: `不能大于 ${issue.maximum}`, en: `must be at most ${issue.maximum}` };
    case 'not_multiple_of':
      return { zh: `应为 ${issue.divisor} 的倍数`, en: `must be a multiple of ${issue.divisor}` };
    case 'custom':
      return { zh: issue.message, en: issue.message };
    default:
      return { zh: '取值无效', en: 'is not valid' };
  }
}

/**
 * Flattens zod issues into one entry per failing field (the first problem found: a
 * malformed instant need not also be told it is not a valid date); unknown keys each
 * get their own.
 */
export function fieldErrors(issues: readonly Issue[]): FieldEntry[] {
  const out: FieldEntry[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: joinPath([...issue.path, key]), zh: '不允许的字段', en: 'is not an allowed field' });
      }
      continue;
    }
    const path = joinPath(issue.path);
    if (seen.has(path)) continue;
    seen.add(path);
    const { zh, en } = describe(issue);
    out.push({ path, zh, en });
  }
  return out;
}

/** Parses a body (or, with `source`, query parameters); a failure names every failing field. */
export function parseWith<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  source: FieldSource = 'body',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = fieldErrors(result.error.issues);
    throw new DomainError(
      'validation',
      errors.map((e) => `${e.path || '(请求体)'}：${e.zh}`).join('；'),
      errors.map((e) => `${e.path || '(body)'} ${e.en}`).join('; '),
      { errors, ...(source === 'body' ? {} : { extensions: { in: source } }) },
    );
  }
  return result.data;
}

/** Reads a JSON body: right media type, well-formed JSON, then the schema (unknown fields rejected). */
export async function readJson<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw problem(
      'unsupported-media-type',
      `the body must be application/json, got '${type || 'no content type'}'`,
      '请求体须为 application/json',
    );
  }
  const text = await c.req.text();
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw problem('malformed-json', (error as Error).message);
  }
  return parseWith(schema, value);
}
