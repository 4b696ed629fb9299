import type { Hono } from 'hono';
import { docsPage } from './docs';
import type { AppEnv } from './env';
import { buildOpenApi, type OpenApiDocument } from './openapi';
import type { RouteSpec } from './route';

/**
 * Serves `/openapi.json` and `/docs` describing `routes`. Only an app that imports every
 * route mounts it (the local stack and the files Lambda): the document needs every
 * route's schema and the response contract, and its JSON Schema conversion is a large
 * part of zod.
 */
export function mountOpenApi(app: Hono<AppEnv>, routes: readonly RouteSpec[]): void {
  // Built on first request, not at cold start: most instances never serve it.
  let openapi: OpenApiDocument | undefined;
  const document = () => {
    openapi ??= buildOpenApi(routes);
    return openapi;
  };
  app.get('/openapi.json', (c) => c.json(document()));
  app.get('/docs', (c) => c.html(docsPage(document())));
}
