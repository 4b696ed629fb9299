import { beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM, seedTenancy, type TestApp, testApp } from '../support/app';

const NANJING_ADMIN = { sub: 'nj', roles: ['city-admin'], city: 'nanjing' };
const DONGSHAN_ADMIN = { sub: 'ds-admin', roles: ['tenant-admin'], tenant: 'nanjing.jiangning.dongshan' };

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedTenancy(t);
});

describe('cities and tenants', () => {
  it('lists the tenants of a city for its administrator', async () => {
    const res = await t.call(NANJING_ADMIN, 'GET', '/v1/cities/nanjing/tenants');
    expect(res.status).toBe(200);
    expect(res.body.items.map((x: { id: string }) => x.id).sort()).toEqual([
      'nanjing.jiangning',
      'nanjing.jiangning.dongshan',
    ]);
  });

  it('answers 409 for a duplicate city id and keeps the first', async () => {
    const res = await t.call(PLATFORM, 'POST', '/v1/cities', { id: 'nanjing', name: '另一个' });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('/problems/conflict');
    expect(res.body.errors[0].path).toBe('id');
    const list = await t.call(PLATFORM, 'GET', '/v1/cities');
    expect(list.body.items.find((c: { id: string }) => c.id === 'nanjing').name).toBe('南京市');
  });

  it('rejects a sub-district whose parent is in another city', async () => {
    const res = await t.call(NANJING_ADMIN, 'POST', '/v1/cities/nanjing/tenants', {
      id: 'nanjing.yanliang.x',
      name: 'x',
      kind: 'subdistrict',
      parent: 'xian.yanliang',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('parent');
  });

  it('answers 404 for a city that does not exist', async () => {
    const res = await t.call(PLATFORM, 'POST', '/v1/cities/suzhou/tenants', {
      id: 'suzhou.a',
      name: 'a',
      kind: 'district',
    });
    expect(res.status).toBe(404);
  });
});

describe('bodies and staff', () => {
  it('creates staff with an A/B backup, and refuses a second backup for the same post', async () => {
    const base = '/v1/tenants/nanjing.jiangning.dongshan/staff';
    expect(
      (await t.call(DONGSHAN_ADMIN, 'POST', base, { id: 'clerk-a', name: '张丽', roles: ['window-clerk'] }))
        .status,
    ).toBe(201);
    const b = await t.call(DONGSHAN_ADMIN, 'POST', base, {
      id: 'clerk-b',
      name: '刘芳',
      roles: ['window-clerk'],
      backupFor: 'clerk-a',
    });
    expect(b.status).toBe(201);
    expect(b.body.backupFor).toBe('clerk-a');
    const c = await t.call(DONGSHAN_ADMIN, 'POST', base, {
      id: 'clerk-c',
      name: '王五',
      roles: ['window-clerk'],
      backupFor: 'clerk-a',
    });
    expect(c.status).toBe(409);
    expect(c.body.errors[0].path).toBe('backupFor');
    // Nothing of the refused command was written: clerk-c does not exist.
    const list = await t.call(DONGSHAN_ADMIN, 'GET', base);
    expect(list.body.items.map((s: { id: string }) => s.id).sort()).toEqual(['clerk-a', 'clerk-b']);
  });

  it('stores an approver body code as a full body reference', async () => {
    const res = await t.call(DONGSHAN_ADMIN, 'POST', '/v1/tenants/nanjing.jiangning.dongshan/staff', {
      id: 'approver-1',
      name: '陈刚',
      roles: ['approver'],
      body: 'convenience-centre',
    });
    expect(res.status).toBe(201);
    expect(res.body.body).toBe('nanjing.jiangning.dongshan/convenience-centre');
  });

  it('refuses an approver bound to a body of another tenant', async () => {
    const res = await t.call(DONGSHAN_ADMIN, 'POST', '/v1/tenants/nanjing.jiangning.dongshan/staff', {
      id: 'approver-2',
      name: 'x',
      roles: ['approver'],
      body: 'nanjing.jiangning/civil-affairs',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body');
  });

  it('answers 409 for a duplicate body code', async () => {
    const res = await t.call(DONGSHAN_ADMIN, 'POST', '/v1/tenants/nanjing.jiangning.dongshan/bodies', {
      code: 'convenience-centre',
      name: 'x',
      kind: 'service-centre',
    });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].path).toBe('code');
  });
});

describe('bad input', () => {
  const path = '/v1/tenants/nanjing.jiangning.dongshan/bodies';

  it('names every failing field, unknown fields included', async () => {
    const res = await t.call(DONGSHAN_ADMIN, 'POST', path, {
      code: 'Bad Code',
      kind: 'ministry',
      colour: 'red',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('/problems/validation');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'code',
      'colour',
      'kind',
      'name',
    ]);
    expect(res.body.errors.find((e: { path: string }) => e.path === 'name').message).toBe('必填');
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await t.call(DONGSHAN_ADMIN, 'POST', path, '{"code": ');
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('/problems/malformed-json');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await t.call(DONGSHAN_ADMIN, 'POST', path, 'code=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
    expect(res.body.type).toBe('/problems/unsupported-media-type');
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const res = await t.call(
      DONGSHAN_ADMIN,
      'POST',
      path,
      JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }),
    );
    expect(res.status).toBe(413);
    expect(res.body.type).toBe('/problems/payload-too-large');
  });

  it('answers 401 without a token and for a forged one, without details', async () => {
    const none = await t.call(undefined, 'GET', path);
    expect(none.status).toBe(401);
    const forged = await t.app.request(path, {
      headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' },
    });
    expect(forged.status).toBe(401);
    const text = await forged.text();
    expect(text).not.toMatch(/at .*\.ts|Error:|stack/);
  });

  it('answers 404 problem+json for an unknown path', async () => {
    const res = await t.call(DONGSHAN_ADMIN, 'GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('/problems/not-found');
  });
});

describe('Idempotency-Key', () => {
  const path = '/v1/tenants/nanjing.jiangning.dongshan/staff';
  const body = { id: 'idem-1', name: '李四', roles: ['inspector'] };

  it('replays the first answer for a retried request', async () => {
    const key = { 'idempotency-key': 'retry-0001' };
    const first = await t.call(DONGSHAN_ADMIN, 'POST', path, body, key);
    const second = await t.call(DONGSHAN_ADMIN, 'POST', path, body, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers 422 when the key is reused for a different request', async () => {
    const res = await t.call(
      DONGSHAN_ADMIN,
      'POST',
      path,
      { ...body, id: 'idem-2' },
      { 'idempotency-key': 'retry-0001' },
    );
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('/problems/idempotency-key-reused');
  });

  it('creates exactly one entity when the same request races with itself', async () => {
    const key = { 'idempotency-key': 'race-000001' };
    const race = { id: 'idem-race', name: '并发', roles: ['inspector'] };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => t.call(DONGSHAN_ADMIN, 'POST', path, race, key)),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    const list = await t.call(DONGSHAN_ADMIN, 'GET', path);
    expect(list.body.items.filter((s: { id: string }) => s.id === 'idem-race')).toHaveLength(1);
  });
});

describe('audit', () => {
  it('writes an audit record with actor and time in the same transaction as each change', async () => {
    const items = await t.store.queryPrefix('T#nanjing.jiangning.dongshan', 'AUDIT#');
    const created = items.find((i) => i.action === 'body.created');
    expect(created).toMatchObject({ actor: 'root', target: 'nanjing.jiangning.dongshan/convenience-centre' });
    expect(Date.parse(String(created?.at))).not.toBeNaN();
  });
});
