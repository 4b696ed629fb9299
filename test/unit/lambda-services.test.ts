import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { caseRoutes, coreRoutes } from '../../packages/api/src';
import type { RouteSpec } from '../../packages/api/src/route';
import { fileRoutes } from '../../packages/api/src/route-groups';
import { caseServices, coreServices, fileServices } from '../../packages/app/src';
import { Store } from '../../packages/store/src';
import { MemoryObjects } from '../support/memory-objects';

/**
 * Each Lambda builds only the services its routes need (functions/<name>/handler.ts), and the
 * tests run every route over all of them (createServices), so a route moved to another Lambda
 * could read a service that Lambda does not build and fail only in AWS. Each route's handler
 * names the services it reads (`services.<name>`): every one must be in its Lambda's set.
 */
const store = new Store(new DynamoDBClient({ region: 'cn-north-1', endpoint: 'http://127.0.0.1:9' }), 'none');

const servicesRead = (route: RouteSpec): string[] => [
  ...new Set([...String(route.handler).matchAll(/\bservices\.(\w+)/g)].map((m) => m[1] ?? '')),
];

describe.each([
  ['api', coreRoutes, coreServices({ store })],
  ['cases', caseRoutes, caseServices({ store })],
  // As functions/files/handler.ts builds them: with the holder index's key and the materials bucket.
  ['files', fileRoutes, fileServices({ store, holderKey: new Uint8Array(32), objects: new MemoryObjects() })],
] as const)('the %s Lambda', (_name, routes, services) => {
  it('builds every service its routes read', () => {
    const missing = routes.flatMap((route) =>
      servicesRead(route)
        .filter((s) => !(s in services))
        .map((s) => `${route.method.toUpperCase()} ${route.path}: services.${s}`),
    );
    expect(missing).toEqual([]);
    // The check reads something: most routes name a service.
    expect(routes.filter((r) => servicesRead(r).length > 0).length).toBeGreaterThan(routes.length / 2);
  });
});
