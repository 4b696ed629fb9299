import type { AppServices, CommandDraft, Invocation } from '@onewindow/app';
import { IdempotentReplay } from '@onewindow/app';
import type { Principal, Scope } from '@onewindow/domain';
import type { Context, Hono } from 'hono';
import type { ParamKeys } from 'hono/types';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';
import type { AppDeps, AppEnv } from './env';
import { ANONYMOUS, authenticate } from './pipeline/authenticate';
import { type Access, authorise, scopeOf } from './pipeline/authorise';
import { idempotencyKeyOf } from './pipeline/idempotency';
import { parseIfMatch } from './pipeline/if-match';
import { parseWith, readJson } from './validate';

export type { Access } from './pipeline/authorise';

type Method = 'get' | 'post' | 'put' | 'delete';

/** A JSON answer: what a handler returns and what an Idempotency-Key replays. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** The path's parameters by name: `/v1/tenants/:tenant` gives `{ tenant: string }`. */
export type PathParams<P extends string> = { readonly [K in ParamKeys<P>]: string };

type Query = Readonly<Record<string, string | undefined>>;

/** Everything a route handler gets: the caller, its parsed input, the services, and the invocation to commit in. */
export interface RouteContext<B, P extends string = string, Q = Query> {
  readonly c: Context<AppEnv>;
  readonly deps: AppDeps;
  readonly services: AppServices;
  readonly principal: Principal;
  readonly params: PathParams<P>;
  readonly body: B;
  readonly query: Q;
  readonly now: string;
  /** The caller, the instant and the commit of this request, as the application services take them. */
  readonly invocation: Invocation;
  /** Commits a command in one transaction, with this request's audit and idempotency record. */
  commit(command: CommandDraft): Promise<Answer>;
  /** The `If-Match` version, when sent; a malformed one answers 400. */
  ifMatch(): number | undefined;
}

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
    }
    if ('tenant' in scope) c.get('log').appendKeys({ tenant: scope.tenant });

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
}
