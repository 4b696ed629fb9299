import { createHash } from 'node:crypto';
import { decideAccess, type Principal, type Role, reachesTenantAsBody, type Scope } from '@onewindow/domain';
import {
  type Command,
  cityPk,
  IdempotentReplay,
  platformPk,
  type StoredResponse,
  tenantPk,
} from '@onewindow/store';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';
import { TokenError } from './auth';
import type { AppDeps, AppEnv } from './env';
import { Problem } from './problem';
import { parseWith, readJson } from './validate';

type Method = 'get' | 'post' | 'put' | 'delete';
type ScopeKind = Scope['kind'];

export type Access =
  | 'public'
  | {
      readonly scope: ScopeKind;
      readonly roles: readonly Role[];
      /** Also open to approvers and supervisors of a body in an ancestor tenant (`reachesTenantAsBody`). */
      readonly bodyReach?: true;
    };

/** Everything a route handler gets: the caller, its parsed input, and a way to commit. */
export interface RouteContext<B> {
  readonly c: Context<AppEnv>;
  readonly deps: AppDeps;
  readonly principal: Principal;
  readonly params: Record<string, string>;
  readonly body: B;
  readonly query: Record<string, string>;
  readonly now: string;
  /** Commits the command in one transaction, with this request's idempotency record. */
  commit(command: Omit<Command, 'actor' | 'at' | 'scopePk' | 'idempotency'>): Promise<StoredResponse>;
}

export interface RouteSpec<B = unknown> {
  readonly method: Method;
  /** Hono path with `:params`; OpenAPI shows them as `{params}`. */
  readonly path: string;
  /** The path OpenAPI shows, when `path` needs hono syntax that does not convert (`catalogue:import`). */
  readonly openapiPath?: string;
  readonly tag: string;
  readonly summary: string;
  readonly summaryEn: string;
  readonly access: Access;
  readonly body?: z.ZodMiniType<B>;
  readonly query?: z.ZodMiniType;
  readonly success: number;
  /** JSON answers as `{status, body}`; other media (SVG, printable HTML) as a Response. */
  readonly handler: (ctx: RouteContext<B>) => Promise<StoredResponse | Response>;
  /** Media type of a non-JSON success, for OpenAPI. */
  readonly produces?: string;
}

/** Keeps the body type of a route tied to its schema. */
export const defineRoute = <B>(spec: RouteSpec<B>): RouteSpec<unknown> => spec as RouteSpec<unknown>;

function scopeOf(kind: ScopeKind, params: Record<string, string>): Scope {
  if (kind === 'city') return { kind, city: params.city ?? '' };
  if (kind === 'tenant') return { kind, tenant: params.tenant ?? '' };
  return { kind };
}

function scopePkOf(scope: Scope): string {
  if (scope.kind === 'city') return cityPk(scope.city);
  if (scope.kind === 'tenant') return tenantPk(scope.tenant);
  return platformPk();
}

async function authenticate(c: Context<AppEnv>, deps: AppDeps): Promise<Principal> {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new Problem('unauthorized', { detailEn: 'no bearer token' });
  try {
    return await deps.verify(match[1]);
  } catch (error) {
    if (error instanceof TokenError) throw new Problem('unauthorized', { detailEn: error.message });
    throw error;
  }
}

const send = (c: Context, r: StoredResponse, replayed = false) =>
  c.json(
    r.body as object,
    r.status as ContentfulStatusCode,
    replayed ? { 'idempotent-replayed': 'true' } : {},
  );

const ANONYMOUS: Principal = { sub: 'anonymous', roles: [] };

export function mountRoute(app: Hono<AppEnv>, route: RouteSpec<unknown>, deps: AppDeps): void {
  app.on(route.method.toUpperCase(), route.path, async (c) => {
    const params = c.req.param() as Record<string, string>;
    let principal = ANONYMOUS;
    let scope: Scope = { kind: 'platform' };
    if (route.access !== 'public') {
      principal = await authenticate(c, deps);
      c.set('principal', principal);
      scope = scopeOf(route.access.scope, params);
      let decision = decideAccess(principal, scope, route.access.roles);
      if (decision === 'not-found' && route.access.bodyReach && scope.kind === 'tenant') {
        if (reachesTenantAsBody(principal, scope.tenant))
          decision = decideAccess(principal, { kind: 'platform' }, route.access.roles);
      }
      if (decision === 'not-found') throw new Problem('not-found');
      if (decision === 'forbidden') throw new Problem('forbidden');
    }
    if ('tenant' in scope) c.get('log').appendKeys({ tenant: scope.tenant });

    const query = route.query ? (parseWith(route.query, c.req.query()) as Record<string, string>) : {};
    const body = route.body ? await readJson(c, route.body) : undefined;

    const key = c.req.header('idempotency-key');
    const scopePk = scopePkOf(scope);
    let idempotency: Command['idempotency'];
    if (key !== undefined && route.method !== 'get') {
      if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
        throw new Problem('validation', {
          errors: [
            {
              path: 'Idempotency-Key',
              message: '应为 8–128 个字母、数字或 _.:-',
              messageEn: 'must be 8–128 of [A-Za-z0-9_.:-]',
            },
          ],
        });
      }
      const fingerprint = createHash('sha256')
        .update(`${route.method} ${c.req.path}\n${route.body ? await c.req.text() : ''}`)
        .digest('base64url');
      const stored = await deps.store.storedResponse(scopePk, principal.sub, key);
      if (stored) {
        if (stored.fingerprint !== fingerprint) throw new Problem('idempotency-key-reused');
        return send(c, stored, true);
      }
      idempotency = { caller: principal.sub, key, fingerprint };
    }

    const now = (deps.now?.() ?? new Date()).toISOString();
    try {
      const result = await route.handler({
        c,
        deps,
        principal,
        params,
        body,
        query,
        now,
        commit: (command) =>
          deps.store.commit({
            ...command,
            actor: principal.sub,
            at: now,
            scopePk,
            ...(idempotency ? { idempotency } : {}),
          }),
      });
      return result instanceof Response ? result : send(c, result);
    } catch (error) {
      if (error instanceof IdempotentReplay) return send(c, error.stored, true);
      throw error;
    }
  });
}
