import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogueSheet } from '../../packages/api/src/catalogue-sheet';
import { BODY_USCC_HEADER } from '../../packages/api/src/catalogue-uscc';
import { toCsv } from '../../packages/api/src/csv';
import { type MatterDefinition, toInstant } from '../../packages/domain/src';
import { AuthorityRepository, RolloutRepository, rolloutItem } from '../../packages/store/src';
import { PLATFORM, seedTenancy, type TestApp, testApp } from '../support/app';
import { DONGSHAN, matter, trainStaff } from '../support/authority';

const CITY_ADMIN = { sub: 'nj-admin', roles: ['city-admin'], city: 'nanjing' };
const DONGSHAN_ADMIN = { sub: 'ds-admin', roles: ['tenant-admin'], tenant: DONGSHAN };

/** Made with valid check characters (GB 32100): the district's market regulator and two Dongshan offices. */
const MARKET = '11320115320115018K';
const OFFICE = '12320115320115026B';
const HALL = '123201153201150346';
const BASIC = '320100101000';
/** Dongshan is a sub-district: its bodies act at township level (5). */
const OFFICE_CODE = `${OFFICE}5${BASIC}`;
const HALL_CODE = `${HALL}5${BASIC}`;

const T1 = toInstant('2031-03-01T00:00:00+08:00');
const T2 = toInstant('2031-06-01T00:00:00+08:00');
const anHourAfter = (instant: string) => new Date(Date.parse(instant) + 3600_000).toISOString();

let t: TestApp;

async function ok(method: string, path: string, body?: unknown) {
  const res = await t.call(PLATFORM, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** A receiving office in Dongshan: the body with its USCC, its seal and an approver. */
async function office(code: string, uscc: string) {
  await ok('POST', `/v1/tenants/${DONGSHAN}/bodies`, {
    code,
    name: `东山街道${code}`,
    kind: 'service-centre',
    uscc,
  });
  await ok('POST', `/v1/tenants/${DONGSHAN}/seals`, {
    id: `${code}-seal`,
    body: code,
    name: '行政审批专用章',
    validFrom: '2020-01-01T00:00:00+08:00',
    electronic: true,
  });
  await ok('POST', `/v1/tenants/${DONGSHAN}/staff`, {
    id: `${code}-approver`,
    name: '审批人',
    roles: ['approver'],
    body: code,
  });
  // R11, people: the approver is trained on the matter that moves.
  await trainStaff(t, DONGSHAN, [`${code}-approver`], ['lic']);
}

/** Creates and schedules a move of matter `lic` in Dongshan, the day before it takes effect. */
async function move(id: string, effectiveAt: string, from: string, to: string) {
  t.setNow(new Date(Date.parse(effectiveAt) - 24 * 3600_000).toISOString());
  const created = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts', {
    id,
    name: `批次${id}`,
    matters: ['lic'],
    tenants: [DONGSHAN],
    mode: 'transfer',
    effectiveAt,
    from,
    to,
    seal: `${to}-seal`,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const scheduled = await t.call(CITY_ADMIN, 'POST', `/v1/cities/nanjing/rollouts/${id}/schedule`);
  expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
}

const apply = (id: string, at: string) =>
  t.services.rollouts.apply('nanjing', id, { now: new Date(Date.parse(at) + 1000).toISOString() });

const lineage = () => t.call(CITY_ADMIN, 'GET', '/v1/cities/nanjing/code-lineage?matter=lic');

beforeAll(async () => {
  t = await testApp();
  await seedTenancy(t);
  await ok('POST', '/v1/tenants/nanjing.jiangning/bodies', {
    code: 'market-regulation',
    name: '江宁区市场监督管理局',
    kind: 'department',
    uscc: MARKET,
  });
  await office('office', OFFICE);
  await office('hall', HALL);
  await ok('POST', `/v1/tenants/${DONGSHAN}/staff`, { id: 'clerk', name: '张丽', roles: ['window-clerk'] });
  await trainStaff(t, DONGSHAN, ['clerk'], ['lic']);
  await ok('PUT', '/v1/cities/nanjing/catalogue/lic', matter('lic', { basicCode: BASIC }));
});

describe('national codes on every write (R15)', () => {
  it('refuses a body whose USCC fails its check, naming the field', async () => {
    const res = await t.call(DONGSHAN_ADMIN, 'POST', `/v1/tenants/${DONGSHAN}/bodies`, {
      code: 'bad',
      name: '错误代码',
      kind: 'department',
      uscc: `${OFFICE.slice(0, 17)}C`,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(res.body.errors[0]).toMatchObject({ path: 'uscc', pointer: '/uscc' });
    expect(res.body.detail).toContain('校验位');
    const list = await t.call(DONGSHAN_ADMIN, 'GET', `/v1/tenants/${DONGSHAN}/bodies`);
    expect(list.body.items.map((b: { code: string }) => b.code)).not.toContain('bad');
    expect(list.body.items.find((b: { code: string }) => b.code === 'office').uscc).toBe(OFFICE);
  });

  it("refuses a matter whose basic code or handling items don't fit the national layout", async () => {
    const basic = await t.call(
      PLATFORM,
      'PUT',
      '/v1/cities/nanjing/catalogue/bad',
      matter('bad', { basicCode: '32010010100Z' }),
    );
    expect(basic.status).toBe(400);
    expect(basic.body.errors[0].path).toBe('basicCode');
    const items = await t.call(
      PLATFORM,
      'PUT',
      '/v1/cities/nanjing/catalogue/bad',
      matter('bad', { basicCode: BASIC, items: [{ code: 'new', name: '新办' }] }),
    );
    expect(items.status).toBe(400);
    expect(items.body.errors[0].path).toBe('items.0.code');
    const stored = await t.call(CITY_ADMIN, 'GET', '/v1/cities/nanjing/catalogue/lic');
    expect(stored.body.basicCode).toBe(BASIC);
  });
});

describe('a rollout moving a matter changes its implementation code, with the lineage', () => {
  it('records each move that changes the code, answers it per city and matter, and the matter list follows', async () => {
    await move('first', T1, 'nanjing.jiangning/market-regulation', 'office');
    expect((await apply('first', T1)).done).toBe(true);
    await move('second', T2, `${DONGSHAN}/office`, 'hall');

    // Scheduled, not yet applied: the agreement shows the expected change, the ledger has only the first move.
    const expected = await t.call(
      CITY_ADMIN,
      'GET',
      `/v1/cities/nanjing/rollouts/second/agreements/${DONGSHAN}`,
    );
    expect(expected.body.codeLineage).toEqual([
      { matter: 'lic', oldCode: OFFICE_CODE, newCode: HALL_CODE, recorded: false },
    ]);
    expect((await lineage()).body.items).toHaveLength(1);

    expect((await apply('second', T2)).done).toBe(true);

    const res = await lineage();
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        tenant: DONGSHAN,
        matter: 'lic',
        from: T1,
        to: T2,
        oldCode: null,
        newCode: OFFICE_CODE,
        rollout: 'first',
        fromBody: null,
        toBody: `${DONGSHAN}/office`,
      },
      {
        tenant: DONGSHAN,
        matter: 'lic',
        from: T2,
        oldCode: OFFICE_CODE,
        newCode: HALL_CODE,
        rollout: 'second',
        fromBody: `${DONGSHAN}/office`,
        toBody: `${DONGSHAN}/hall`,
      },
    ]);

    const codeAt = async (at: string) => {
      const list = await t.call(
        DONGSHAN_ADMIN,
        'GET',
        `/v1/tenants/${DONGSHAN}/matters?at=${encodeURIComponent(at)}`,
      );
      return list.body.items.find((m: { code: string }) => m.code === 'lic')?.implementationCode;
    };
    expect(await codeAt(anHourAfter(T1))).toBe(OFFICE_CODE);
    expect(await codeAt(anHourAfter(T2))).toBe(HALL_CODE);

    const agreement = await t.call(
      CITY_ADMIN,
      'GET',
      `/v1/cities/nanjing/rollouts/second/agreements/${DONGSHAN}`,
    );
    expect(agreement.body.codeLineage).toEqual([
      { matter: 'lic', oldCode: OFFICE_CODE, newCode: HALL_CODE, recorded: true },
    ]);
    const page = await t.app.request(
      `/v1/cities/nanjing/rollouts/second/agreements/${DONGSHAN}?format=html`,
      { headers: { authorization: `Bearer ${await t.token(CITY_ADMIN)}` } },
    );
    const html = await page.text();
    expect(html).toContain('实施编码对照');
    expect(html).toContain(OFFICE_CODE);
    expect(html).toContain(HALL_CODE);
  });

  it('never writes a lineage row twice when an apply is run again from the start', async () => {
    const repo = new RolloutRepository(t.store);
    const applied = await repo.get('nanjing', 'second');
    if (!applied) throw new Error('no rollout');
    // As if the worker had died before recording any progress: the whole rollout is written again.
    await t.store.client.send(
      new PutItemCommand({
        TableName: t.store.tableName,
        Item: marshall(rolloutItem({ ...applied, status: 'scheduled', progress: { done: 0, total: 1 } }), {
          removeUndefinedValues: true,
        }),
      }),
    );
    expect((await apply('second', T2)).done).toBe(true);
    expect((await repo.get('nanjing', 'second'))?.status).toBe('applied');
    const history = await new AuthorityRepository(t.store).history(DONGSHAN, 'lic');
    expect(history.map((p) => p.codeChange)).toEqual([
      { newCode: OFFICE_CODE },
      { oldCode: OFFICE_CODE, newCode: HALL_CODE },
    ]);
    expect((await lineage()).body.items).toHaveLength(2);
  });

  it('is for the city administrators: tenant staff and other cities get no ledger', async () => {
    expect((await t.call(DONGSHAN_ADMIN, 'GET', '/v1/cities/nanjing/code-lineage?matter=lic')).status).toBe(
      404,
    );
    const xian = { sub: 'xa-admin', roles: ['city-admin'], city: 'xian' };
    expect((await t.call(xian, 'GET', '/v1/cities/nanjing/code-lineage?matter=lic')).status).toBe(404);
    expect((await t.call(PLATFORM, 'GET', '/v1/cities/nowhere/code-lineage?matter=lic')).status).toBe(404);
    const none = await t.call(CITY_ADMIN, 'GET', '/v1/cities/nanjing/code-lineage?matter=never-moved');
    expect(none.body).toEqual({ items: [] });
    const missing = await t.call(CITY_ADMIN, 'GET', '/v1/cities/nanjing/code-lineage');
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('matter');
  });
});

describe('the catalogue sheet carries the bodies’ USCC (实施部门统一社会信用代码)', () => {
  const CIVIL = '113201153201150424';
  const definition = { code: 'lic2', ...matter('lic2', { basicCode: '320100102000' }) } as MatterDefinition;
  const csvWith = (cell: string) => {
    const [header = [], row = []] = catalogueSheet([definition]);
    return toCsv([
      [...header, BODY_USCC_HEADER].map(String),
      [...row, cell].map((c) => (c === null ? '' : String(c))),
    ]);
  };
  const importCsv = (csv: string) =>
    t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/catalogue:import', csv, { 'content-type': 'text/csv' });
  const civilUscc = async () =>
    (await t.call(PLATFORM, 'GET', '/v1/tenants/nanjing.jiangning/bodies')).body.items.find(
      (b: { code: string }) => b.code === 'civil-affairs',
    ).uscc;

  it('refuses the whole file when an entry is wrong, by row and column', async () => {
    const res = await importCsv(csvWith(`nanjing.jiangning ${CIVIL.slice(0, 17)}0；nanjing.ghost ${CIVIL}`));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, BODY_USCC_HEADER],
      [2, BODY_USCC_HEADER],
    ]);
    expect(res.body.errors[0].detail ?? res.body.errors[0].message).toContain('校验位');
    expect(await civilUscc()).toBeUndefined();
  });

  it('gives the row’s department its USCC, and a second import changes nothing', async () => {
    const first = await importCsv(csvWith(`nanjing.jiangning ${CIVIL}`));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ created: 1, bodyUsccs: 1 });
    expect(await civilUscc()).toBe(CIVIL);
    const again = await importCsv(csvWith(`nanjing.jiangning ${CIVIL}`));
    expect(again.body).toMatchObject({ unchanged: 1, bodyUsccs: 0 });
  });

  it('never changes a registered USCC, and exports the codes it holds', async () => {
    const other = await importCsv(csvWith('nanjing.jiangning 11320115320115050Y'));
    expect(other.status).toBe(422);
    expect(other.body.errors[0].column).toBe(BODY_USCC_HEADER);
    expect(await civilUscc()).toBe(CIVIL);

    const csv = await t.app.request('/v1/cities/nanjing/catalogue:export?format=csv', {
      headers: { authorization: `Bearer ${await t.token(CITY_ADMIN)}` },
    });
    const text = await csv.text();
    const [header = '', ...lines] = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header.split(',').at(-1)).toBe(BODY_USCC_HEADER);
    const lic2 = lines.find((l) => l.startsWith('lic2,'));
    expect(lic2).toContain(`nanjing.jiangning ${CIVIL}`);
    expect(lic2).toContain('320100102000');
  });
});
