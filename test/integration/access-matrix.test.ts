import { beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../packages/api/src';
import type { DevClaims } from '../../packages/local/src/issuer';
import { seedTenancy, type TestApp, testApp } from '../support/app';

/**
 * Who may call what. Every route the app serves must have a row here: the test walks
 * `apiRoutes` and fails on a route without one, so the matrix grows with the API.
 *
 * Targets: city `nanjing`, tenant `nanjing.jiangning.dongshan` (T).
 * Columns, in order:
 *   platform   platform-admin
 *   city       city-admin of nanjing
 *   othercity  city-admin of xian
 *   admin      tenant-admin of T
 *   clerk      window-clerk of T
 *   approver   approver of T
 *   supervisor supervisor of T
 *   inspector  inspector of T
 *   parent     tenant-admin of T's district (nanjing.jiangning): a different tenant
 *   other      tenant-admin of xian.yanliang
 * Cells: Y allowed, 3 forbidden (403), 4 not found (404, the scope is not theirs).
 */
const PERSONAS: Record<string, DevClaims> = {
  platform: { sub: 'm-platform', roles: ['platform-admin'] },
  city: { sub: 'm-city', roles: ['city-admin'], city: 'nanjing' },
  othercity: { sub: 'm-othercity', roles: ['city-admin'], city: 'xian' },
  admin: { sub: 'm-admin', roles: ['tenant-admin'], tenant: 'nanjing.jiangning.dongshan' },
  clerk: { sub: 'm-clerk', roles: ['window-clerk'], tenant: 'nanjing.jiangning.dongshan' },
  approver: {
    sub: 'm-approver',
    roles: ['approver'],
    tenant: 'nanjing.jiangning.dongshan',
    body: 'nanjing.jiangning.dongshan/convenience-centre',
  },
  supervisor: {
    sub: 'm-supervisor',
    roles: ['supervisor'],
    tenant: 'nanjing.jiangning.dongshan',
    body: 'nanjing.jiangning.dongshan/convenience-centre',
  },
  inspector: { sub: 'm-inspector', roles: ['inspector'], tenant: 'nanjing.jiangning.dongshan' },
  parent: { sub: 'm-parent', roles: ['tenant-admin'], tenant: 'nanjing.jiangning' },
  other: { sub: 'm-other', roles: ['tenant-admin'], tenant: 'xian.yanliang' },
};
const COLUMNS = Object.keys(PERSONAS);

let n = 0;
const unique = () => `m${++n}`;

interface Row {
  readonly cells: string;
  readonly path: string;
  /** A valid body for an allowed caller; a fresh id each call so repeats do not conflict. */
  readonly body?: () => unknown;
}

const T = 'nanjing.jiangning.dongshan';
const MATRIX: Record<string, Row> = {
  'POST /v1/cities': {
    cells: 'Y 3 3 3 3 3 3 3 3 3',
    path: '/v1/cities',
    body: () => ({ id: unique(), name: '城' }),
  },
  'GET /v1/cities': { cells: 'Y 3 3 3 3 3 3 3 3 3', path: '/v1/cities' },
  'POST /v1/cities/:city/tenants': {
    cells: 'Y Y 4 4 4 4 4 4 4 4',
    path: '/v1/cities/nanjing/tenants',
    body: () => ({ id: `nanjing.${unique()}`, name: '区', kind: 'district' }),
  },
  'GET /v1/cities/:city/tenants': { cells: 'Y Y 4 4 4 4 4 4 4 4', path: '/v1/cities/nanjing/tenants' },
  'GET /v1/tenants/:tenant': { cells: 'Y Y 4 Y Y Y Y Y 4 4', path: `/v1/tenants/${T}` },
  'POST /v1/tenants/:tenant/bodies': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4',
    path: `/v1/tenants/${T}/bodies`,
    body: () => ({ code: unique(), name: '部门', kind: 'department' }),
  },
  'GET /v1/tenants/:tenant/bodies': { cells: 'Y Y 4 Y Y Y Y Y 4 4', path: `/v1/tenants/${T}/bodies` },
  'POST /v1/tenants/:tenant/staff': {
    cells: 'Y Y 4 Y 3 3 3 3 4 4',
    path: `/v1/tenants/${T}/staff`,
    body: () => ({ id: unique(), name: '员工', roles: ['window-clerk'] }),
  },
  'GET /v1/tenants/:tenant/staff': { cells: 'Y Y 4 Y 3 3 3 Y 4 4', path: `/v1/tenants/${T}/staff` },
};

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedTenancy(t);
});

describe('authorization matrix', () => {
  it('has a row for every route the API serves, and no row for a route it does not', () => {
    const served = apiRoutes
      .filter((r) => r.access !== 'public')
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(Object.keys(MATRIX).sort()).toEqual([...served].sort());
  });

  const cases = Object.entries(MATRIX).flatMap(([route, row]) => {
    const cells = row.cells.split(' ');
    if (cells.length !== COLUMNS.length)
      throw new Error(`${route}: ${cells.length} cells for ${COLUMNS.length} personas`);
    return COLUMNS.map((persona, i) => ({ route, persona, expected: cells[i] as 'Y' | '3' | '4', row }));
  });

  it.each(cases)('$route as $persona → $expected', async ({ route, persona, expected, row }) => {
    const method = route.split(' ')[0] ?? 'GET';
    const res = await t.call(PERSONAS[persona], method, row.path, row.body?.());
    if (expected === 'Y') expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    else expect(res.status).toBe(expected === '3' ? 403 : 404);
    if (expected === '4') expect(JSON.stringify(res.body)).not.toContain('"items"');
  });

  it.each(Object.entries(MATRIX))('%s without a token → 401', async (route, row) => {
    const res = await t.call(undefined, route.split(' ')[0] ?? 'GET', row.path, row.body?.());
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('/problems/unauthorized');
  });
});
