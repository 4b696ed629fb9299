import { IdempotentReplay, runIsolated } from '@onewindow/app';
import type { Scope } from '@onewindow/domain';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';
import type { Answer, AppDeps, AppEnv, PathParams, Query, RouteContext } from './env';
import { ANONYMOUS, authenticate } from './pipeline/authenticate';
import { type Access, authorise, scopeOf } from './pipeline/authorise';
import { idempotencyKeyOf } from './pipeline/idempotency';
import { parseIfMatch } from './pipeline/if-match';
import { isolationOf } from './pipeline/scope';
import { requireTenant } from './pipeline/tenant-exists';
import { parseWith, readJson } from './validate';

export type { Answer, PathParams, RouteContext } from './env';
export type { Access } from './pipeline/authorise';

type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteSpec<B = unknown, P extends string = string, Q = Query> {
  readonly method: Method;
  /** Hono path with `:params`; OpenAPI shows them as `{params}`. */
  readonly path: P;
  /** The path OpenAPI shows, when `path` needs hono syntax that does not convert (`catalogue:import`). */
  readonly openapiPath?: string;
  readonly tag: string;
  readonly summary: string;
  readonly summaryEn: string;
  readonly access: Access;
  readonly body?: z.ZodMiniType<B>;
  readonly query?: z.ZodMiniType<Q>;
  readonly success: number;
  /** JSON answers as `{status, body}`; other media (SVG, printable HTML) as a Response. */
  readonly handler: (ctx: RouteContext<B, P, Q>) => Promise<Answer | Response>;
  /** Media type of a non-JSON success, for OpenAPI. */
  readonly produces?: string;
}

/** Keeps a route's body, path parameters and query tied to its schemas and path. */
export const defineRoute = <B, P extends string, Q = Query>(spec: RouteSpec<B, P, Q>): RouteSpec =>
  spec as unknown as RouteSpec;

const send = (c: Context, r: Answer, replayed = false) =>
  c.json(
    r.body as object,
    r.status as ContentfulStatusCode,
    replayed ? { 'idempotent-replayed': 'true' } : {},
  );

/**
 * Mounts a route as the pipeline every route shares: authenticate, authorise, parse,
 * idempotency (replay the first answer), then the handler with an invocation to commit in.
 */
export function mountRoute(app: Hono<AppEnv>, route: RouteSpec, deps: AppDeps): void {
  const { services } = deps;
  app.on(route.method.toUpperCase(), route.path, async (c) => {
    const params = c.req.param() as Record<string, string>;
    let principal = ANONYMOUS;
    let scope: Scope = { kind: 'platform' };
    if (route.access !== 'public') {
      principal = await authenticate(c, deps);
      c.set('principal', principal);
      scope = scopeOf(route.access.scope, params);
      authorise(principal, route.access, scope);
      await requireTenant(services, route.method, principal, scope);
    }
    if ('tenant' in scope) c.get('log').appendKeys({ tenant: scope.tenant });
    // From here every DynamoDB request is checked against what this caller may touch (pipeline/scope.ts).
    return runIsolated(isolationOf(c, route.access, principal, params), async () => {
      const query = route.query ? parseWith(route.query, c.req.query(), 'query') : {};
      const body = route.body ? await readJson(c, route.body) : undefined;

      const idempotency = await idempotencyKeyOf(c, route.method, route.body !== undefined);
      if (idempotency) {
        const replayed = await services.commands.replay(scope, principal.sub, idempotency);
        if (replayed) return send(c, replayed, true);
      }

      const now = (deps.now?.() ?? new Date()).toISOString();
      const invocation = services.commands.invocation({
        principal,
        scope,
        now,
        ...(idempotency ? { idempotency } : {}),
      });
      try {
        const result = await route.handler({
          c,
          deps,
          services,
          principal,
          params: params as PathParams<string>,
          body,
          query: query as Query,
          now,
          invocation,
          commit: invocation.commit,
          ifMatch: () => parseIfMatch(c.req.header('if-match')),
        });
        return result instanceof Response ? result : send(c, result);
      } catch (error) {
        if (error instanceof IdempotentReplay) return send(c, error.stored, true);
        throw error;
      }
    });
  });
}
