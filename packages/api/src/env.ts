import type { Logger } from '@aws-lambda-powertools/logger';
import type { AppServices, CommandDraft, Invocation } from '@onewindow/app';
import type { Principal } from '@onewindow/domain';
import type { Context } from 'hono';
import type { ParamKeys } from 'hono/types';
import type { Verifier } from './auth';

/** What the app needs from outside; handlers and the local stack build it. */
export interface AppDeps {
  /** The application services over the deployment's table (`createServices` in @onewindow/app). */
  readonly services: AppServices;
  readonly verify: Verifier;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** The catalogue import and export (catalogue-io.ts); the api Lambda leaves them out to stay small. */
  readonly catalogueFiles?: CatalogueFiles;
  /**
   * The key the console authenticates the visitor's address with (`CLIENT_RELAY_HEADER`,
   * domain/client-relay.ts), so the public rate limits count applicants, not the console.
   */
  readonly relayKey?: string | Uint8Array;
}

/**
 * The catalogue import and export, which only the files Lambda (and the local stack) is
 * wired with: their spreadsheet code would not fit the other bundles.
 */
export interface CatalogueFiles {
  importFile(ctx: RouteContext<unknown, '/v1/cities/:city'>): Promise<Answer>;
  exportFile(ctx: RouteContext<unknown, '/v1/cities/:city'>): Promise<Response>;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    principal?: Principal;
  };
};

/** A JSON answer: what a handler returns and what an Idempotency-Key replays. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** The path's parameters by name: `/v1/tenants/:tenant` gives `{ tenant: string }`. */
export type PathParams<P extends string> = { readonly [K in ParamKeys<P>]: string };

export type Query = Readonly<Record<string, string | undefined>>;

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
