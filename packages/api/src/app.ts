import { DomainError } from '@onewindow/domain';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { docsPage, problemsPage } from './docs';
import type { AppDeps, AppEnv } from './env';
import { buildOpenApi } from './openapi';
import { PROBLEM_TYPES, Problem, type ProblemType, problemResponse } from './problem';
import { mountRoute, type RouteSpec } from './route';
import { calendarRoutes } from './routes/calendar';
import { catalogueRoutes } from './routes/catalogue';
import { catalogueFileRoutes } from './routes/catalogue-files';
import { matterRoutes } from './routes/matters';
import { rolloutRoutes } from './routes/rollouts';
import { sealRoutes } from './routes/seals';
import { tenancyRoutes } from './routes/tenancy';
import { systemOpenApiPaths } from './system';

/** Every route but the catalogue file ones: what the api Lambda mounts (Excel code would not fit its bundle). */
export const coreRoutes: readonly RouteSpec[] = [
  ...tenancyRoutes,
  ...catalogueRoutes,
  ...sealRoutes,
  ...matterRoutes,
  ...rolloutRoutes,
  ...calendarRoutes,
];

export { catalogueFileRoutes };

/**
 * Cases, supervision and the public pages: what the cases Lambda mounts. They sit apart
 * from the core routes so each Lambda bundle stays within its budget (bench/bundle.ts).
 */
export const caseRoutes: readonly RouteSpec[] = [];

/** Every API route, in one list: OpenAPI describes it, the local stack mounts it, the access matrix test walks it. */
export const apiRoutes: readonly RouteSpec[] = [...coreRoutes, ...caseRoutes, ...catalogueFileRoutes];

const MAX_BODY_BYTES = 1024 * 1024;

export interface AppOptions {
  /** The routes to mount; all of them unless a Lambda serves a part (OpenAPI still describes all). */
  readonly routes?: readonly RouteSpec[];
}

export function createApp(deps: AppDeps, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Built on first request, not at cold start: most Lambda instances never serve it.
  let openapi: ReturnType<typeof buildOpenApi> | undefined;
  const document = () => {
    if (!openapi) {
      const built = buildOpenApi(apiRoutes);
      openapi = { ...built, paths: { ...built.paths, ...systemOpenApiPaths } };
    }
    return openapi;
  };

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
    // Paths carry tenant ids but never personal data; bodies are not logged.
    log.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => problemResponse(c, 'payload-too-large'),
    }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/openapi.json', (c) => c.json(document()));
  app.get('/docs', (c) => c.html(docsPage(document())));
  app.get('/problems', (c) => c.html(problemsPage()));
  app.get('/problems/:type', (c) => {
    const type = c.req.param('type');
    if (!(type in PROBLEM_TYPES)) return problemResponse(c, 'not-found');
    return c.html(problemsPage(type as ProblemType));
  });

  for (const route of options.routes ?? apiRoutes) mountRoute(app, route, deps);

  app.notFound((c) => problemResponse(c, 'not-found'));
  app.onError((error, c) => {
    if (error instanceof Problem) return problemResponse(c, error.problemType, error.extras);
    if (error instanceof DomainError) {
      return problemResponse(c, error.type, {
        detail: error.zh,
        detailEn: error.en,
        ...(error.field ? { errors: [{ path: error.field, message: error.zh, messageEn: error.en }] } : {}),
      });
    }
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(c, error.status === 413 ? 'payload-too-large' : 'validation', {
        detailEn: error.message,
      });
    }
    c.get('log')?.error('unhandled error', error as Error);
    return problemResponse(c, 'internal');
  });
  return app;
}
