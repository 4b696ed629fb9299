import { beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM, seedTenancy, type TestApp, testApp } from '../support/app';
import { DONGSHAN, matter, rolloutBody, seedAuthority } from '../support/authority';

let t: TestApp;
const inDays = (n: number) => new Date(Date.now() + n * 24 * 3600_000).toISOString();
beforeAll(async () => {
  t = await testApp();
  await seedTenancy(t);
  await seedAuthority(t, 2);
  await t.call(PLATFORM, 'POST', '/v1/cities/nanjing/rollouts', rolloutBody('r', ['m1'], inDays(1)));
  await t.call(PLATFORM, 'POST', '/v1/cities/nanjing/rollouts/r/schedule');
  await t.services.rollouts.apply('nanjing', 'r', { now: inDays(2) });
});

const paths = (res: { body: { errors?: { path: string }[] } }) =>
  (res.body.errors ?? []).map((e) => e.path).sort();

describe('bad input names the field and writes nothing', () => {
  it.each([
    ['promised above statutory', { promisedDays: 30 }, ['promisedDays']],
    ['an on-the-spot matter promising days', { onTheSpot: true, promisedDays: 2 }, ['promisedDays']],
    ['an unknown type', { type: 'permit' }, ['type']],
    ['no handling item', { items: [] }, ['items']],
    [
      'a duplicate material code',
      {
        materials: [
          { code: 'a', name: 'x', core: true },
          { code: 'a', name: 'y', core: false },
        ],
      },
      ['materials.1.code'],
    ],
    [
      'a fee with three decimals',
      { fees: [{ code: 'f', name: '工本费', amount: 1.005 }] },
      ['fees.0.amount'],
    ],
    ['negative days', { statutoryDays: -1 }, ['statutoryDays']],
  ])('catalogue: %s', async (_what, change, expected) => {
    const res = await t.call(PLATFORM, 'PUT', '/v1/cities/nanjing/catalogue/bad-one', {
      ...matter('bad-one'),
      ...change,
    });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(expected);
    expect((await t.call(PLATFORM, 'GET', '/v1/cities/nanjing/catalogue/bad-one')).status).toBe(404);
  });

  it('catalogue: a code that is not an id', async () => {
    const res = await t.call(PLATFORM, 'PUT', '/v1/cities/nanjing/catalogue/Bad_Code', matter('x'));
    expect(paths(res)).toEqual(['code']);
  });

  it.each([
    ['an instant without offset', { validFrom: '2024-01-01T00:00:00' }, ['validFrom']],
    ['a body of another tenant', { body: 'nanjing.jiangning/civil-affairs' }, ['body']],
    ['an unknown field', { colour: 'red' }, ['colour']],
  ])('seals: %s', async (_what, change, expected) => {
    const res = await t.call(PLATFORM, 'POST', `/v1/tenants/${DONGSHAN}/seals`, {
      id: 'bad-seal',
      body: 'convenience-centre',
      name: '章',
      validFrom: '2024-01-01T00:00:00+08:00',
      electronic: true,
      ...change,
    });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(expected);
  });

  it('seals: voiding in the past, with an unknown successor, and twice', async () => {
    const base = `/v1/tenants/${DONGSHAN}/seals/centre-seal/void`;
    expect(paths(await t.call(PLATFORM, 'POST', base, { at: '2020-01-01T00:00:00+08:00' }))).toEqual(['at']);
    expect(paths(await t.call(PLATFORM, 'POST', base, { at: inDays(1), successor: 'nope' }))).toEqual([
      'successor',
    ]);
    expect(
      (await t.call(PLATFORM, 'GET', `/v1/tenants/${DONGSHAN}/seals/centre-seal`)).body.voidedAt,
    ).toBeUndefined();
  });

  it('matter settings: promised days above the statutory limit, and a matter the tenant does not hold', async () => {
    const over = await t.call(PLATFORM, 'PUT', `/v1/tenants/${DONGSHAN}/matters/m1/settings`, {
      promisedDays: 21,
    });
    expect(over.status).toBe(400);
    expect(paths(over)).toEqual(['promisedDays']);
    const notHeld = await t.call(PLATFORM, 'PUT', `/v1/tenants/${DONGSHAN}/matters/m2/settings`, {
      promisedDays: 1,
    });
    expect(notHeld.status).toBe(404);
  });

  it('authority: a malformed instant', async () => {
    const res = await t.call(PLATFORM, 'GET', `/v1/tenants/${DONGSHAN}/matters/m1/authority?at=yesterday`);
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['at']);
  });

  it('rollouts: a transition ending before the move, and per-matter from-bodies that miss a matter', async () => {
    const early = await t.call(PLATFORM, 'POST', '/v1/cities/nanjing/rollouts', {
      ...rolloutBody('bad-r', ['m2'], inDays(5)),
      transition: { policy: 'guided', until: inDays(4) },
    });
    expect(paths(early)).toEqual(['transition.until']);
    const missing = await t.call(PLATFORM, 'POST', '/v1/cities/nanjing/rollouts', {
      ...rolloutBody('bad-r', ['m1', 'm2'], inDays(5)),
      from: { m1: 'nanjing.jiangning/civil-affairs' },
    });
    expect(paths(missing)).toEqual(['from.m2']);
    expect((await t.call(PLATFORM, 'GET', '/v1/cities/nanjing/rollouts/bad-r')).status).toBe(404);
  });
});
