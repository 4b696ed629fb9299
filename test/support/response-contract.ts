import type * as z from 'zod/mini';
import {
  type JsonResponse,
  type OperationKey,
  operationKey,
  problemSchema,
  type ResponseOf,
  responses,
} from '../../packages/api/src/contract';
import { apiRoutes } from '../../packages/api/src/route-groups';

/** An answer as `TestApp.call` gives it. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

const operations = Object.keys(responses).map((key) => {
  const [method = '', template = ''] = key.split(' ');
  const pattern = template
    .split(/(\{[A-Za-z]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const params = (template.match(/\{/g) ?? []).length;
  return { key: key as OperationKey, method, regex: new RegExp(`^${pattern}$`), params };
});

/**
 * The operation a request reached: of the templates its path matches, the one with the
 * fewest parameters, as the router prefers `/calendar/working-days` to `/calendar/{year}`.
 */
export function operationOf(method: string, url: string): OperationKey {
  const path = url.split('?')[0] ?? '';
  const found = operations
    .filter((o) => o.method === method.toUpperCase() && o.regex.test(path))
    .sort((a, b) => a.params - b.params)[0];
  if (!found) throw new Error(`no operation in the contract answers ${method} ${path}`);
  return found.key;
}

const successStatuses = new Map(
  apiRoutes.map((r) => {
    const contract = (responses as Record<string, JsonResponse | { media: unknown }>)[operationKey(r)];
    const also = contract && 'schema' in contract ? (contract.statuses ?? []) : [];
    return [operationKey(r), [r.success, ...also]];
  }),
);

/** One issue, by what zod/mini keeps of it (it has no message locale loaded): its code, path and details. */
function describe(issue: z.core.$ZodIssue): string {
  const { code, path, message: _m, input: _i, ...details } = issue as z.core.$ZodIssue & { input?: unknown };
  return `- ${code} at /${path.map(String).join('/')} ${JSON.stringify(details)}`;
}

function check<S extends z.ZodMiniType>(schema: S, body: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `${what} does not match its contract:\n${parsed.error.issues.map(describe).join('\n')}\n${JSON.stringify(body, null, 2).slice(0, 4000)}`,
    );
  }
  return parsed.data;
}

/**
 * Checks an answer of `method url` against the response contract: a success against the
 * operation's schema and statuses, an error against the problem schema, served as
 * application/problem+json with the status it states. Undeclared fields fail too: every
 * response object is strict. Answers the body, typed as the contract says.
 */
export function expectContract<K extends OperationKey>(
  method: string,
  url: string,
  answer: Answer,
  expected?: K,
): ResponseOf<K> {
  const key = operationOf(method, url);
  if (expected !== undefined && key !== expected)
    throw new Error(`${method} ${url} reached ${key}, not ${expected}`);
  const what = `${key} (${answer.status})`;
  if (answer.status >= 400) {
    const type = answer.headers.get('content-type') ?? '';
    if (!type.startsWith('application/problem+json')) throw new Error(`${what} is served as ${type}`);
    const problem = check(problemSchema, answer.body, what);
    if (problem.status !== answer.status) throw new Error(`${what} states status ${problem.status}`);
    return answer.body as ResponseOf<K>;
  }
  const contract = responses[key] as JsonResponse | { media: unknown };
  if (!('schema' in contract)) throw new Error(`${what} answers media, not JSON`);
  const allowed = successStatuses.get(key) ?? [];
  if (!allowed.includes(answer.status)) throw new Error(`${what}: the contract allows ${allowed.join(', ')}`);
  return check(contract.schema, answer.body, what) as ResponseOf<K>;
}
