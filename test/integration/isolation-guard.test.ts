import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppDeps } from '../../packages/api/src';
import { defineRoute, mountRoute } from '../../packages/api/src/route';
import { runIsolated } from '../../packages/app/src';
import type { Principal } from '../../packages/domain/src';
import { caseKeys, type IsolationScope } from '../../packages/store/src';
import { type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import { APPROVER, CASES, CIVIL_APPROVER, CLERK, intake, SUPERVISOR, seedCases } from '../support/cases';

const YANLIANG = 'xian.yanliang';
const YANLIANG_CLERK: Principal = { sub: 'clerk-y', roles: ['window-clerk'], tenant: YANLIANG };
const DONGSHAN_CLERK: Principal = { sub: 'clerk-d', roles: ['window-clerk'], tenant: DONGSHAN };

let t: TestApp;
let caseNo: string;
let queryCode: string;

/**
 * A route with a bug on purpose: it reads the case named by its path's `:other` tenant, not
 * by its own `:tenant`. Authorise checks `:tenant` only, so the first layer lets it through;
 * the guard must not.
 */
const leaky = defineRoute({
  method: 'get',
  path: '/v1/tenants/:tenant/leaky/:other/:caseNo',
  tag: 'test',
  summary: '测试',
  summaryEn: 'test',
  access: { scope: 'tenant', roles: ['window-clerk'] },
  success: 200,
  handler: async ({ services, params }) => {
    const p = params as unknown as { other: string; caseNo: string };
    const stored = await services.cases.find(p.other, p.caseNo);
    return { status: 200, body: { found: stored?.state.caseNo ?? null } };
  },
});

beforeAll(async () => {
  t = await testApp({ logger: new Logger({ serviceName: 'onewindow-api', logLevel: 'INFO' }) });
  // The caller is whoever the bearer names: the route under test is the guard, not the token check.
  const as: Record<string, Principal> = { yanliang: YANLIANG_CLERK, dongshan: DONGSHAN_CLERK };
  const deps: AppDeps = {
    services: t.services,
    verify: async (token) => as[token] ?? { sub: 'x', roles: [] },
    logger: new Logger({ serviceName: 'onewindow-api', logLevel: 'INFO' }),
  };
  mountRoute(t.app, leaky, deps);
  await seedCases(t);
  ({ caseNo, queryCode } = await intake(t));
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The JSON lines the app writes while `call` runs (Powertools writes warnings to stderr). */
async function logsOf<T>(call: () => Promise<T>) {
  const written: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  }
  const result = await call();
  vi.restoreAllMocks();
  const lines = written
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { result, events: lines.filter((l) => l.securityEvent !== undefined) };
}

const leak = (as: string, tenant: string, other: string) =>
  t.app.request(`/v1/tenants/${tenant}/leaky/${other}/${caseNo}`, {
    headers: { authorization: `Bearer ${as}` },
  });

describe('the isolation guard against DynamoDB Local', () => {
  it("refuses a route that reads another tenant's case, answering 404 and logging a security event", async () => {
    const { result: res, events } = await logsOf(async () => leak('yanliang', YANLIANG, DONGSHAN));
    expect(res.status).toBe(404);
    const body = (await res.json()) as { type: string };
    expect(body.type).toMatch(/not-found$/);
    // Exactly what a missing case answers: nothing says the key exists or whose it is.
    expect(body).toMatchObject({ title: '资源不存在', detailEn: 'No such resource' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      securityEvent: 'isolation-refused',
      sub: 'clerk-y',
      command: 'GetItemCommand',
      key: caseKeys.case(DONGSHAN, caseNo).pk,
      write: 'false',
    });
  });

  it('lets the same route read its own tenant', async () => {
    const res = await leak('dongshan', DONGSHAN, DONGSHAN);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ found: caseNo });
  });

  it("refuses a store read with tenant B's key inside tenant A's scope, and allows it in B's", async () => {
    const scopeOf = (tenant: string): IsolationScope => ({ who: 'tenant-staff', tenants: [tenant] });
    await expect(
      runIsolated(scopeOf(YANLIANG), () => t.services.cases.find(DONGSHAN, caseNo)),
    ).rejects.toMatchObject({
      type: 'not-found',
    });
    const own = await runIsolated(scopeOf(DONGSHAN), () => t.services.cases.find(DONGSHAN, caseNo));
    expect(own?.state.caseNo).toBe(caseNo);
  });

  it("refuses a command that would write into another tenant's partition, and writes nothing", async () => {
    const write = () =>
      t.services.commands
        .invocation({
          principal: YANLIANG_CLERK,
          scope: { kind: 'tenant', tenant: YANLIANG },
          now: new Date().toISOString(),
        })
        .commit({
          action: 'probe',
          target: caseNo,
          writes: [{ put: { ...caseKeys.rectification(DONGSHAN, caseNo), entity: 'probe' } }],
          response: { status: 200, body: {} },
        });
    await expect(runIsolated({ who: 'tenant-staff', tenants: [YANLIANG] }, write)).rejects.toMatchObject({
      type: 'not-found',
    });
    expect(await t.store.get(caseKeys.rectification(DONGSHAN, caseNo))).toBeUndefined();
  });

  it('passes the real flows: the clerk, the centre, the district body reaching down, the public', async () => {
    expect((await t.call(CLERK, 'GET', `${CASES}/${caseNo}`)).status).toBe(200);
    expect((await t.call(APPROVER, 'GET', CASES)).status).toBe(200);
    // Jiangning civil affairs supervises Dongshan's cases: its scope reaches the sub-district below it.
    expect((await t.call(SUPERVISOR, 'GET', `${CASES}/${caseNo}`)).status).toBe(200);
    expect((await t.call(CIVIL_APPROVER, 'GET', CASES)).status).toBe(200);
    expect((await t.call(undefined, 'GET', `/v1/public/cases/${caseNo}?code=${queryCode}`)).status).toBe(200);
    expect((await t.call(undefined, 'GET', `/v1/public/${DONGSHAN}/guide`)).status).toBe(200);
    expect((await t.call(undefined, 'GET', '/v1/public/cities/nanjing/tenants')).status).toBe(200);
  });
});
