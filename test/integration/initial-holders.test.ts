import { beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../packages/api/src/csv';
import type { DevClaims } from '../../packages/local/src/issuer';
import { PLATFORM, seedTenancy, type TestApp, testApp } from '../support/app';
import { DONGSHAN, matter, rolloutBody, seedAuthority, trainStaff } from '../support/authority';

/**
 * R13 through the API: a tenant's start, the holders recorded from it by PUT and by the
 * catalogue import's 初始实施租户 column, the past never rewritten, a rollout ending them
 * forward-dated; and the published list's rate limit.
 */
const CITY_ADMIN: DevClaims = { sub: 'nj-admin', roles: ['city-admin'], city: 'nanjing' };
const TENANT_ADMIN: DevClaims = {
  sub: 'ds-admin',
  roles: ['tenant-admin'],
  tenant: 'nanjing.jiangning.dongshan',
};
const DS = 'nanjing.jiangning.dongshan';
const SINCE = '2020-01-01T00:00:00+08:00';
const DAY = 24 * 3600_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedTenancy(t);
  await seedAuthority(t);
  // A sub-district onboarded with the day its record begins.
  const res = await t.call(PLATFORM, 'POST', '/v1/cities/nanjing/tenants', {
    id: 'nanjing.jiangning.moling',
    name: '秣陵街道',
    kind: 'subdistrict',
    parent: 'nanjing.jiangning',
    since: SINCE,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await t.call(PLATFORM, 'POST', '/v1/tenants/nanjing.jiangning.moling/bodies', {
    code: 'convenience-centre',
    name: '秣陵街道便民服务中心',
    kind: 'service-centre',
  });
  await t.call(PLATFORM, 'PUT', '/v1/cities/nanjing/catalogue/m9', matter('m9'));
  await trainStaff(t, DONGSHAN, ['approver-a', 'clerk-a'], ['m9']);
}, 120_000);

const holders = (tenant: string, items: unknown[], as: DevClaims = CITY_ADMIN) =>
  t.call(as, 'PUT', `/v1/tenants/${tenant}/initial-holders`, { items });
const civil = { matter: 'm9', body: 'nanjing.jiangning/civil-affairs', seal: 'civil-seal' };

describe('onboarding records when a tenant began', () => {
  it('keeps the given start, and the onboarding instant when none is given', async () => {
    const given = await t.call(PLATFORM, 'GET', '/v1/tenants/nanjing.jiangning.moling');
    expect(given.body.since).toBe('2019-12-31T16:00:00.000Z');
    const before = Date.now();
    const res = await t.call(PLATFORM, 'POST', '/v1/cities/nanjing/tenants', {
      id: 'nanjing.jiangning.tangshan',
      name: '汤山街道',
      kind: 'subdistrict',
      parent: 'nanjing.jiangning',
    });
    expect(res.status).toBe(201);
    expect(Date.parse(res.body.since)).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe('PUT /v1/tenants/{tenant}/initial-holders', () => {
  it('records the district department as holder from the start; matters?at= answers before any rollout', async () => {
    const res = await holders('nanjing.jiangning.moling', [civil]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      tenant: 'nanjing.jiangning.moling',
      since: '2019-12-31T16:00:00.000Z',
      recorded: 1,
      unchanged: 0,
    });
    const list = await t.call(
      PLATFORM,
      'GET',
      `/v1/tenants/nanjing.jiangning.moling/matters?at=${encodeURIComponent('2020-03-01T00:00:00+08:00')}`,
    );
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].authority).toMatchObject({
      body: 'nanjing.jiangning/civil-affairs',
      mode: 'transfer',
      seal: 'civil-seal',
      supervisingBody: 'nanjing.jiangning/civil-affairs',
    });
    const before = await t.call(
      PLATFORM,
      'GET',
      `/v1/tenants/nanjing.jiangning.moling/matters?at=${encodeURIComponent('2019-12-31T00:00:00+08:00')}`,
    );
    expect(before.body.items).toHaveLength(0);
  });

  it('counts the same holder again as unchanged, and refuses a different one: the past is not rewritten', async () => {
    const again = await holders('nanjing.jiangning.moling', [civil]);
    expect(again.body).toMatchObject({ recorded: 0, unchanged: 1 });
    const other = await holders('nanjing.jiangning.moling', [{ ...civil, body: 'nanjing.jiangning/health' }]);
    expect(other.status).toBe(409);
    expect(other.body.errors[0].path).toBe('items.0.matter');
  });

  it('refuses a body outside the tenant and its parents, an unknown matter, a stationed holder without its window', async () => {
    const outside = await holders('nanjing.jiangning.moling', [
      { ...civil, body: 'xian.yanliang/education' },
    ]);
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0].path).toBe('items.0.body');
    const unknown = await holders('nanjing.jiangning.moling', [{ ...civil, matter: 'nope' }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('items.0.matter');
    const stationed = await holders('nanjing.jiangning.moling', [{ ...civil, mode: 'stationed' }]);
    expect(stationed.status).toBe(400);
    expect(stationed.body.errors[0].path).toBe('items.0.windowBody');
  });

  it('is for city administrators: a tenant administrator is refused', async () => {
    const res = await holders(DS, [civil], TENANT_ADMIN);
    expect(res.status).toBe(403);
  });

  it('a later rollout ends the initial period at its instant; before it the department still answers', async () => {
    // Dongshan was onboarded now; m9's initial holder there, then a rollout in two days.
    expect((await holders(DS, [civil])).status).toBe(200);
    const create = await t.call(
      CITY_ADMIN,
      'POST',
      '/v1/cities/nanjing/rollouts',
      rolloutBody('m9-move', ['m9'], inDays(2)),
    );
    expect(create.status, JSON.stringify(create.body)).toBe(201);
    const preview = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/m9-move/preview');
    expect(preview.body.ready, JSON.stringify(preview.body)).toBe(true);
    expect((await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/m9-move/schedule')).status).toBe(
      200,
    );
    await t.services.rollouts.apply('nanjing', 'm9-move', { now: inDays(3) });
    const history = await t.call(PLATFORM, 'GET', `/v1/tenants/${DS}/matters/m9/authority/history`);
    const [initial, moved] = history.body.items;
    expect(initial).toMatchObject({ body: 'nanjing.jiangning/civil-affairs', to: moved.from });
    expect(moved).toMatchObject({ body: `${DS}/convenience-centre`, rollout: 'm9-move' });
    const at = (iso: string) =>
      t.call(PLATFORM, 'GET', `/v1/tenants/${DS}/matters/m9/authority?at=${encodeURIComponent(iso)}`);
    expect((await at(inDays(1))).body.body).toBe('nanjing.jiangning/civil-affairs');
    expect((await at(inDays(4))).body.body).toBe(`${DS}/convenience-centre`);
  });
});

const HEADERS = [
  '事项编码',
  '事项名称',
  '事项类型',
  '办理项',
  '设定依据',
  '法定办结时限（工作日）',
  '承诺办结时限（工作日）',
  '是否即办件',
  '申请材料',
  '收费项目',
  '实施部门',
  '初始实施租户',
];
const row = (code: string, name: string, dept: string, holdersCell: string) => [
  code,
  name,
  '行政许可',
  '01 新办',
  '《行政许可法》',
  '20',
  '10',
  '否',
  'm1 申请书【核心】',
  '',
  dept,
  holdersCell,
];
const importCsv = async (rows: string[][], query = '') => {
  const res = await t.app.request(`/v1/cities/nanjing/catalogue:import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await t.token(CITY_ADMIN)}`, 'content-type': 'text/csv' },
    body: toCsv([HEADERS, ...rows]),
  });
  // The import's answer: a report, or a problem with errors by row and column.
  const body = (await res.json()) as { errors: { row: number; column: string }[] };
  return { status: res.status, body };
};

describe('the catalogue import’s 初始实施租户 column', () => {
  it('refuses the whole file, naming row and column, when a tenant or its department is not there', async () => {
    const res = await importCsv([
      row('imp-a', '导入事项甲', 'civil-affairs', 'nanjing.jiangning.moling civil-seal'),
      row('imp-b', '导入事项乙', 'civil-affairs', 'nanjing.nowhere civil-seal'),
      row('imp-c', '导入事项丙', 'no-such-dept', 'nanjing.jiangning.moling x-seal'),
    ]);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '初始实施租户'],
      [4, '初始实施租户'],
    ]);
    const none = await t.call(PLATFORM, 'GET', '/v1/cities/nanjing/catalogue/imp-a');
    expect(none.status).toBe(404);
  });

  it('writes the matters and their holders: the district’s department in the sub-district, a stationed one at its hall', async () => {
    const rows = [
      row(
        'imp-a',
        '导入事项甲',
        'civil-affairs',
        'nanjing.jiangning.moling civil-seal；nanjing.jiangning civil-seal',
      ),
      row(
        'imp-b',
        '导入事项乙',
        'civil-affairs',
        'nanjing.jiangning.moling civil-seal 进驻 convenience-centre',
      ),
    ];
    const dry = await importCsv(rows, '?dryRun=true');
    expect(dry.body).toMatchObject({ created: 2, dryRun: true, initialHolders: 3 });
    const res = await importCsv(rows);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 2, initialHolders: 3 });
    const at = encodeURIComponent('2020-02-01T00:00:00+08:00');
    const list = await t.call(PLATFORM, 'GET', `/v1/tenants/nanjing.jiangning.moling/matters?at=${at}`);
    const byCode = Object.fromEntries(
      list.body.items.map((m: { code: string; authority: unknown }) => [m.code, m.authority]),
    );
    expect(byCode['imp-a']).toMatchObject({ body: 'nanjing.jiangning/civil-affairs', mode: 'transfer' });
    expect(byCode['imp-b']).toMatchObject({
      body: 'nanjing.jiangning/civil-affairs',
      mode: 'stationed',
      windowBody: 'nanjing.jiangning.moling/convenience-centre',
    });
    const again = await importCsv(rows);
    expect(again.body).toMatchObject({ unchanged: 2, initialHolders: 0 });
  });
});

describe('the published list is rate-limited per client like the other public routes', () => {
  it('answers 429 with Retry-After past 60 requests a minute from one address', async () => {
    // One fixed instant, so all 61 fall into one minute's window however slow the machine is.
    t.setNow('2031-05-05T10:00:05Z');
    let last = { status: 0, headers: new Headers() };
    try {
      for (let i = 0; i < 61; i++) {
        last = await t.call(undefined, 'GET', `/v1/public/${DS}/empowered-matters`);
      }
    } finally {
      t.setNow(undefined);
    }
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
