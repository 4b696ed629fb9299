import { DomainError } from '@onewindow/domain';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps, AppEnv } from './env';
import { pathLimit } from './pipeline/path-limit';
import { publicRateLimit } from './pipeline/rate-limit';
import { logSecurityEvent } from './pipeline/security-event';
import { problem, problemResponse } from './problem';
import { mountRoute, type RouteSpec } from './route';

const MAX_BODY_BYTES = 1024 * 1024;
/** When a client may try again after the store could not answer: long enough for DynamoDB to scale or recover. */
const RETRY_AFTER_SECONDS = 5;

export interface ServiceAppOptions {
  /** The routes this app serves. */
  readonly routes: readonly RouteSpec[];
  /**
   * Mounts `/openapi.json` and `/docs` (`mountOpenApi` from `openapi-routes.ts`). A Lambda
   * that serves a part of the API leaves it out, so its bundle carries neither every other
   * route's code nor the schema conversion just to describe them.
   */
  readonly openapi?: (app: Hono<AppEnv>) => void;
  /**
   * Mounts `/problems` and `/problems/{type}` (`mountProblemPages` from `problem-pages.ts`): the
   * api Lambda, which the gateway sends them to, and the whole-API app; the cases Lambda leaves them out.
   */
  readonly problems?: (app: Hono<AppEnv>) => void;
}

/** The app with only the given routes: what each Lambda builds, importing no route module itself. */
/**
 * The API's own pages (the reference, the problem pages, printable documents) run no script,
 * post no form and are framed by nobody: their one `<style>` block and inline SVG (seal, QR
 * code) are all they carry, and an imprint may come from our own origin.
 */
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function createServiceApp(deps: AppDeps, options: ServiceAppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const lambdaRequestId = (c.env as { event?: { requestContext?: { requestId?: string } } } | undefined)
      ?.event?.requestContext?.requestId;
    const requestId = lambdaRequestId ?? c.req.header('x-request-id') ?? crypto.randomUUID();
    c.set('requestId', requestId);
    // A child per request: the node server runs requests concurrently and keys must not mix.
    const log = deps.logger.createChild();
    log.appendKeys({ requestId });
    c.set('log', log);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    // Answers carry case data and applicants' personal data: no sniffing, and no cache keeps them
    // unless a route said it may (public guides, a seal's imprint).
    c.header('x-content-type-options', 'nosniff');
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
    // Pages with a policy of their own keep it: the local stack mounts the console on this app.
    const html = /^text\/html/.test(c.res.headers.get('content-type') ?? '');
    if (html && !c.res.headers.has('content-security-policy')) c.header('content-security-policy', PAGE_CSP);
    // Paths carry tenant ids but never personal data; bodies are not logged.
    log.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  // An id longer than any id can be would reach DynamoDB as an over-long key: 404 before anything runs.
  app.use(pathLimit);
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // The rest of the body is never read, so the connection cannot carry another request: say so.
      onError: (c) => problemResponse(c, problem('payload-too-large'), { connection: 'close' }),
    }),
  );

  // Before the routes' pipeline: the limits count every public case request, even a refused one.
  if (options.routes.some((r) => r.path.startsWith('/v1/public/')))
    app.use('/v1/public/*', publicRateLimit(deps));

  // Liveness: the process answers. Readiness: the table answers too (503 when it does not).
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    await deps.services.commands.ready();
    return c.json({ status: 'ok' });
  });
  options.openapi?.(app);
  options.problems?.(app);

  for (const route of options.routes) mountRoute(app, route, deps);

  app.notFound((c) => problemResponse(c, problem('not-found')));
  app.onError((error, c) => {
    if (error instanceof DomainError) {
      if (error.type === 'forbidden') logSecurityEvent(c, 'forbidden', { reason: error.en });
      if (error.type !== 'unavailable') return problemResponse(c, error);
      c.get('log')?.warn('store unavailable', { error: error.cause as Error });
      return problemResponse(c, error, { 'retry-after': String(RETRY_AFTER_SECONDS) });
    }
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(
        c,
        problem(error.status === 413 ? 'payload-too-large' : 'validation', error.message),
        error.status === 413 ? { connection: 'close' } : {},
      );
    }
    c.get('log')?.error('unhandled error', error as Error);
    return problemResponse(c, problem('internal'));
  });
  return app;
}
export type { AppDeps, AppEnv } from './env';
