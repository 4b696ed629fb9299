import * as z from 'zod/mini';
import {
  contractRegistry,
  type JsonResponse,
  openApiPath,
  type ResponseContract,
  responseOf,
} from './contract';
import type { RouteSpec } from './route';

/** What the document needs of a route: everything but its handler. */
export type DescribedRoute = Omit<RouteSpec, 'handler'>;

type JsonSchema = Record<string, unknown>;

const componentRef = (id: string) => `#/components/schemas/${id}`;

/** zod writes `z.int()` with ±2^53 bounds; they say nothing a reader needs. */
const override: z.core.JSONSchemaGenerator['override'] = ({ jsonSchema }) => {
  if (jsonSchema.type !== 'integer') return;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
};

/** A JSON Schema as a part of the document: no `$schema` or `$id` of its own. */
function embedded(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function requestSchema(schema: z.ZodMiniType): JsonSchema {
  return embedded(
    z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', override }) as unknown as JsonSchema,
  );
}

/** Every named response schema, each referring to the others by `#/components/schemas/<id>`. */
function responseComponents(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(contractRegistry, {
    io: 'output',
    metadata: contractRegistry,
    uri: componentRef,
    override,
  });
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, embedded(s as JsonSchema)]));
}

const textual = (mediaType: string) => /^text\/|\+xml$|\+json$/.test(mediaType);

/** A media type other than JSON: text as a string; binary (a spreadsheet) needs no schema in 3.1. */
const mediaContent = (types: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.keys(types).map((t) => [t, textual(t) ? { schema: { type: 'string' } } : {}]));

const describe = (types: Readonly<Record<string, string>>) =>
  Object.entries(types)
    .map(([t, what]) => `${t}: ${what}`)
    .join('; ');

function successResponses(route: DescribedRoute, contract: ResponseContract | undefined) {
  const status = String(route.success);
  if (!contract) return { [status]: { description: 'OK' } };
  if (!('schema' in contract)) {
    return {
      [status]: { description: describe(contract.media), content: mediaContent(contract.media) },
    };
  }
  const json = contract as JsonResponse;
  const id = contractRegistry.get(json.schema)?.id;
  // Every response schema is a named component (contract/registry.ts `named`).
  if (!id) throw new Error(`the response schema of ${route.method} ${route.path} has no component name`);
  const response = {
    description: `${contractRegistry.get(json.schema)?.description ?? 'OK'}${json.media ? ` — also ${describe(json.media)}` : ''}`,
    content: {
      'application/json': { schema: { $ref: componentRef(id) } },
      ...(json.media ? mediaContent(json.media) : {}),
    },
  };
  return Object.fromEntries(
    [route.success, ...(json.statuses ?? [])].map((s) => [String(s), response] as const),
  );
}

const problem = { $ref: '#/components/responses/Problem' };
const tooMany = { $ref: '#/components/responses/TooManyRequests' };

/** The errors a route may answer besides the catch-all: the statuses a client should plan for. */
function problemStatuses(route: DescribedRoute): string[] {
  const statuses = route.access === 'public' ? ['400', '404'] : ['400', '401', '403', '404', '409'];
  // A reused Idempotency-Key, or an import with errors.
  if (route.method !== 'get') statuses.push('422');
  // The public case routes' rate limits and wrong-code lock (pipeline/rate-limit.ts), with Retry-After.
  if (/^\/v1\/public\/(cases|results)\//.test(route.path)) statuses.push('429');
  return statuses;
}

function operation(route: DescribedRoute) {
  const path = openApiPath(route);
  const params = [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = route.query ? requestSchema(route.query) : undefined;
  const queryParams = Object.entries((query?.properties ?? {}) as Record<string, unknown>).map(
    ([name, schema]) => ({
      name,
      in: 'query',
      required: ((query?.required as string[] | undefined) ?? []).includes(name),
      schema,
    }),
  );
  const access = route.access;
  return {
    tags: [route.tag],
    summary: route.summary,
    description: route.summaryEn + (access === 'public' ? '' : `\n\nRoles: ${access.roles.join(', ')}`),
    operationId: `${route.method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
    security: access === 'public' ? [] : [{ bearer: [] }],
    parameters: [
      ...params,
      ...queryParams,
      ...(route.method === 'get'
        ? []
        : [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' },
            },
          ]),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: requestSchema(route.body) } },
          },
        }
      : {}),
    responses: {
      ...successResponses(route, responseOf(route)),
      ...Object.fromEntries(problemStatuses(route).map((code) => [code, code === '429' ? tooMany : problem])),
      default: problem,
    },
  };
}

/** `{ "status": "ok" }`: what /healthz and /readyz answer when all is well. */
const statusOk = {
  description: 'OK',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { status: { const: 'ok' } },
        required: ['status'],
        additionalProperties: false,
      },
    },
  },
};

/** The routes every deployment serves outside /v1, described beside the generated ones. */
const systemPaths = {
  '/healthz': {
    get: {
      tags: ['system'],
      summary: '健康检查 Health check',
      operationId: 'getHealthz',
      security: [],
      responses: {
        '200': statusOk,
      },
    },
  },
  '/readyz': {
    get: {
      tags: ['system'],
      summary:
        '就绪检查：数据表可用 Readiness: the table answers (503 problem with Retry-After when it does not)',
      operationId: 'getReadyz',
      security: [],
      responses: {
        '200': statusOk,
        '503': {
          description: '数据表不可用 The table does not answer',
          headers: { 'Retry-After': { schema: { type: 'integer' } } },
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
    },
  },
  '/openapi.json': {
    get: {
      tags: ['system'],
      summary: 'OpenAPI 3.1 文档 This document',
      operationId: 'getOpenapiJson',
      security: [],
      responses: {
        '200': {
          description: 'OK',
          content: {
            'application/json': { schema: { type: 'object', description: 'OpenAPI 3.1' } },
          },
        },
      },
    },
  },
  '/docs': {
    get: {
      tags: ['system'],
      summary: 'API 参考页 The reference page for this document',
      operationId: 'getDocs',
      security: [],
      responses: { '200': { description: 'OK', content: { 'text/html': { schema: { type: 'string' } } } } },
    },
  },
};

/**
 * OpenAPI 3.1 built from the route specs (paths, access, request schemas, as the app
 * validates with) and the response contract (contract/), one component per named view.
 */
export function buildOpenApi(routes: readonly DescribedRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route);
    paths[path] ??= {};
    paths[path][route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OneWindow 一窗通办 API',
      version: '1.0.0',
      description: 'Concentrated administrative approval for district and sub-district service centres.',
    },
    paths: { ...paths, ...systemPaths },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: responseComponents(),
      responses: {
        Problem: {
          description: '错误（RFC 9457）A problem; `type` names a page at /problems/<type> explaining it',
          content: { 'application/problem+json': { schema: { $ref: componentRef('Problem') } } },
        },
        TooManyRequests: {
          description:
            '请求过于频繁或办件已因查询码错误次数过多暂时锁定（too-many-requests）Over a rate limit, or the case locked after repeated wrong codes; `retryAfter` repeats the header',
          headers: {
            'Retry-After': {
              description: '多少秒后可重试 Seconds until a retry may succeed',
              schema: { type: 'integer', minimum: 1 },
            },
          },
          content: { 'application/problem+json': { schema: { $ref: componentRef('Problem') } } },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApi>;
