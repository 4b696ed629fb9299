import { beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../packages/api/src';
import { type TestApp, testApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

describe('service routes', () => {
  it('answers /healthz', async () => {
    const res = await t.call(undefined, 'GET', '/healthz');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('describes every API route in OpenAPI 3.1, with request schemas from the validators', async () => {
    const { status, body: doc } = await t.call(undefined, 'GET', '/openapi.json');
    expect(status).toBe(200);
    expect(doc.openapi).toBe('3.1.0');
    for (const route of apiRoutes) {
      const path = route.openapiPath ?? route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method];
      expect(op, `${route.method} ${path}`).toBeDefined();
      if (route.body) expect(op.requestBody.content['application/json'].schema.type).toBe('object');
    }
    const staff = doc.paths['/v1/tenants/{tenant}/staff'].post.requestBody.content['application/json'].schema;
    expect(staff.additionalProperties).toBe(false);
    expect(staff.required).toEqual(['id', 'name', 'roles']);
    expect(staff.properties.roles.items.enum).toContain('window-clerk');
    const ids = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops as object).map((o) => o.operationId),
    );
    expect(new Set(ids.filter(Boolean)).size).toBe(ids.filter(Boolean).length);
  });

  it('serves a reference page and a page per problem type', async () => {
    const docs = await t.app.request('/docs');
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    const html = await docs.text();
    expect(html).toContain('/v1/tenants/{tenant}/staff');
    expect(html).toContain('新增工作人员');
    const problem = await t.app.request('/problems/validation');
    expect(problem.status).toBe(200);
    expect(await problem.text()).toContain('请求内容不符合要求');
  });
});
