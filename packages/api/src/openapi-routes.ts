import type { Hono } from 'hono';
import { docsPage } from './docs';
import type { AppEnv } from './env';
import { buildOpenApi } from './openapi';
import type { RouteSpec } from './route';
import { systemOpenApiPaths } from './system';

/**
 * Serves `/openapi.json` and `/docs` describing `routes`. Only an app that imports every
 * route mounts it (the local stack and the files Lambda): the document needs every
 * route's schema, and its JSON Schema conversion is a large part of zod.
 */
export function mountOpenApi(app: Hono<AppEnv>, routes: readonly RouteSpec[]): void {
  // Built on first request, not at cold start: most instances never serve it.
  let openapi: ReturnType<typeof buildOpenApi> | undefined;
  const document = () => {
    if (!openapi) {
      const built = buildOpenApi(routes);
      openapi = { ...built, paths: { ...built.paths, ...systemOpenApiPaths } };
    }
    return openapi;
  };
  app.get('/openapi.json', (c) => c.json(document()));
  app.get('/docs', (c) => c.html(docsPage(document())));
}
