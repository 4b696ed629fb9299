export { type AppOptions, apiRoutes, caseRoutes, catalogueFileRoutes, coreRoutes, createApp } from './app';
export * from './auth';
export type { AppDeps, AppEnv } from './env';
export { PROBLEM_TYPES, problem } from './problem';
export type { RouteSpec } from './route';
export { createServiceApp, type ServiceAppOptions } from './service-app';
export { parseWith } from './validate';
