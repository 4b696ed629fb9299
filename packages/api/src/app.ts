import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from './env';
import { mountOpenApi } from './openapi-routes';
import { mountProblemPages } from './problem-pages';
import type { RouteSpec } from './route';
import { apiRoutes } from './route-groups';
import { createServiceApp } from './service-app';

export { apiRoutes, caseRoutes, catalogueFileRoutes, coreRoutes } from './route-groups';

export interface AppOptions {
  /** The routes to mount; all of them unless given. OpenAPI describes all of them either way. */
  readonly routes?: readonly RouteSpec[];
}

/** The whole API in one app, as the local stack and the tests run it. */
export function createApp(deps: AppDeps, options: AppOptions = {}): Hono<AppEnv> {
  return createServiceApp(deps, {
    routes: options.routes ?? apiRoutes,
    openapi: (app) => mountOpenApi(app, apiRoutes),
    problems: mountProblemPages,
  });
}
