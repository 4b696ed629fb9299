import * as z from 'zod/mini';
import { PROBLEM_TYPES } from './problem';
import type { RouteSpec } from './route';

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function schemaOf(schema: z.ZodMiniType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', enum: Object.keys(PROBLEM_TYPES).map((t) => `/problems/${t}`) },
    title: { type: 'string' },
    titleEn: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    detailEn: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          path: { type: 'string' },
          // Errors of an uploaded file name a row and column instead of a path.
          row: { type: 'integer' },
          column: { type: 'string' },
          message: { type: 'string' },
          messageEn: { type: 'string' },
        },
      },
    },
  },
};

/** OpenAPI 3.1 built from the same route specs and zod schemas the app validates with. */
export function buildOpenApi(routes: readonly RouteSpec[]) {
  const paths: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const route of routes) {
    const path = route.openapiPath ?? toOpenApiPath(route.path);
    const params = [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = route.query ? schemaOf(route.query) : undefined;
    const queryParams = Object.entries((query?.properties ?? {}) as Record<string, unknown>).map(
      ([name, schema]) => ({
        name,
        in: 'query',
        required: ((query?.required as string[] | undefined) ?? []).includes(name),
        schema,
      }),
    );
    const access = route.access;
    const secured = access !== 'public';
    const problems = secured ? ['400', '401', '403', '404', '409'] : ['400', '404'];
    paths[path] ??= {};
    paths[path][route.method] = {
      tags: [route.tag],
      summary: route.summary,
      description: route.summaryEn + (access === 'public' ? '' : `\n\nRoles: ${access.roles.join(', ')}`),
      operationId: `${route.method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
      ...(secured ? { security: [{ bearer: [] }] } : { security: [] }),
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
                schema: { type: 'string', minLength: 8 },
              },
            ]),
      ],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(route.body) } },
            },
          }
        : {}),
      responses: {
        [String(route.success)]: {
          description: 'OK',
          content: { [route.produces ?? 'application/json']: { schema: {} } },
        },
        ...Object.fromEntries(
          problems.map((code) => [
            code,
            {
              description: 'Problem',
              content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
            },
          ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OneWindow 一窗通办 API',
      version: '1.0.0',
      description: 'Concentrated administrative approval for district and sub-district service centres.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: problemSchema },
    },
  };
}
