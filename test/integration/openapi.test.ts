import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../packages/api/src';
import { openApiPath } from '../../packages/api/src/contract';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { DONGSHAN, rolloutBody } from '../support/authority';
import { APPROVER, CASES, CLERK, intakeBody, seedCases } from '../support/cases';
import { expectContract } from '../support/response-contract';

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
      const op = doc.paths[openApiPath(route)]?.[route.method];
      expect(op, `${route.method} ${openApiPath(route)}`).toBeDefined();
      if (route.body) expect(op.requestBody.content['application/json'].schema.type).toBe('object');
      const success = op.responses[String(route.success)];
      const schema = success.content[route.produces ?? 'application/json'].schema;
      if (!route.produces) expect(doc.components.schemas[schema.$ref.split('/').pop()]).toBeDefined();
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

  it('serves a document the OpenAPI 3.1 schema validates', async () => {
    const { body: doc } = await t.call(undefined, 'GET', '/openapi.json');
    const result = await new Validator().validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('serves a reference page and a page per problem type', async () => {
    const docs = await t.app.request('/docs');
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    const html = await docs.text();
    expect(html).toContain('/v1/tenants/{tenant}/staff');
    expect(html).toContain('新增工作人员');
    expect(html).toContain('id="schema-CaseView"');
    const problem = await t.app.request('/problems/validation');
    expect(problem.status).toBe(200);
    for (const page of [docs, problem]) {
      expect(page.headers.get('content-security-policy')).toMatch(
        /^default-src 'none';.*frame-ancestors 'none'$/,
      );
    }
    expect(await problem.text()).toContain('请求内容不符合要求');
  });
});

describe('real answers match the response contract', () => {
  /** Calls the app and checks the answer against the contract of the operation it reached. */
  const call = async (...args: Parameters<TestApp['call']>) => {
    const answer = await t.call(...args);
    expectContract(args[1], args[2], answer);
    return answer;
  };
  let caseNo = '';

  beforeAll(async () => {
    await seedCases(t);
  });

  it('a case: the intake receipt, the case view after acting, a list page and the public progress', async () => {
    const receipt = await call(
      CLERK,
      'POST',
      CASES,
      intakeBody({ materials: [{ code: 'copy', provided: true }] }),
    );
    expect(receipt.status).toBe(201);
    caseNo = receipt.body.caseNo;
    expect(receipt.body.oneTimeNotice?.missing).toEqual(['form']);

    await call(CLERK, 'POST', `${CASES}/${caseNo}/supplement`, {
      materials: [{ code: 'form', provided: true }],
    });
    await call(APPROVER, 'POST', `${CASES}/${caseNo}/start-step`, { kind: 'site-inspection' });
    await call(APPROVER, 'POST', `${CASES}/${caseNo}/finish-step`, { stepId: 's1', outcome: 'pass' });
    await call(APPROVER, 'POST', `${CASES}/${caseNo}/decide`, { outcome: 'approve' });
    const issued = await call(CLERK, 'POST', `${CASES}/${caseNo}/issue`, { delivery: 'window' });
    expect(issued.body.status).toBe('issued');

    const view = await call(CLERK, 'GET', `${CASES}/${caseNo}`);
    expect(view.body.events.map((e: { type: string }) => e.type)).toContain('step-finished');
    await call(CLERK, 'GET', `${CASES}/${caseNo}/result`);
    await call(CLERK, 'GET', `${CASES}/${caseNo}/responsibility`);
    await call(CLERK, 'GET', `${CASES}/${caseNo}/integrity`);

    const list = await call(CLERK, 'GET', `${CASES}?limit=1`);
    expect(list.body.items).toHaveLength(1);
    await call(undefined, 'GET', `/v1/public/cases/${caseNo}?code=${receipt.body.queryCode}`);
    await call(undefined, 'GET', `/v1/public/results/${caseNo}/verify`);
    await call(undefined, 'GET', `/v1/public/${DONGSHAN}/guide/m1`);
  });

  it('a rollout, its preview and the lists around it', async () => {
    const city = '/v1/cities/nanjing';
    const created = await call(
      PLATFORM,
      'POST',
      `${city}/rollouts`,
      rolloutBody('r1', ['m1'], '2030-01-01T00:00:00+08:00'),
    );
    expect(created.status).toBe(201);
    await call(PLATFORM, 'GET', `${city}/rollouts/r1`);
    await call(PLATFORM, 'GET', `${city}/rollouts`);
    const preview = await call(PLATFORM, 'POST', `${city}/rollouts/r1/preview`);
    expect(preview.body.tenants[0]?.tenant).toBe(DONGSHAN);
    await call(PLATFORM, 'GET', `${city}/catalogue`);
    await call(PLATFORM, 'GET', `/v1/tenants/${DONGSHAN}/matters`);
    await call(PLATFORM, 'GET', `/v1/tenants/${DONGSHAN}/seals`);
    await call(PLATFORM, 'GET', '/v1/cities');
  });

  it('problems: not found, and a validation problem naming each field', async () => {
    const missing = await call(CLERK, 'GET', `${CASES}/${DONGSHAN}-20200101-9999`);
    expect(missing.status).toBe(404);
    const invalid = await call(CLERK, 'POST', CASES, { matter: 'm1', applicant: { kind: 'alien' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.length).toBeGreaterThan(0);
    const stale = await call(APPROVER, 'POST', `${CASES}/${caseNo}/decide`, { outcome: 'deny' });
    expect(stale.status).toBe(409);
  });

  it('fails an answer that strays from the contract: an undeclared field, a missing one, a wrong status', async () => {
    const answer = await t.call(CLERK, 'GET', `${CASES}/${caseNo}`);
    const url = `${CASES}/${caseNo}`;
    expect(() => expectContract('GET', url, answer)).not.toThrow();
    expect(() => expectContract('GET', url, { ...answer, body: { ...answer.body, secret: 1 } })).toThrow(
      /secret/,
    );
    const { version: _v, ...withoutVersion } = answer.body;
    expect(() => expectContract('GET', url, { ...answer, body: withoutVersion })).toThrow(/version/);
    expect(() => expectContract('GET', url, { ...answer, status: 201 })).toThrow(/allows 200/);
    const problem = await t.call(CLERK, 'GET', `${CASES}/${DONGSHAN}-20200101-9999`);
    expect(() =>
      expectContract('GET', url, { ...problem, body: { ...problem.body, status: 'gone' } }),
    ).toThrow();
  });
});
