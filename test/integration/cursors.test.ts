import { beforeAll, describe, expect, it } from 'vitest';
import type { DevClaims } from '../../packages/local/src/issuer';
import { type TestApp, testApp } from '../support/app';
import { CASES, CENTRE, INSPECTOR, intake, seedCases } from '../support/cases';

/**
 * List cursors are opaque and authenticated (issue 11, finding 4): a real one pages; one
 * altered, cut, invented or made for another tenant's or filter's list answers 400 naming
 * `cursor`, before DynamoDB is asked.
 */
let t: TestApp;
const JIANGNING_INSPECTOR: DevClaims = {
  sub: 'inspector-j',
  roles: ['inspector'],
  tenant: 'nanjing.jiangning',
};
const JIANGNING_CASES = '/v1/tenants/nanjing.jiangning/cases';

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  for (let i = 0; i < 3; i++) await intake(t);
});

const list = (as: DevClaims, path: string, cursor: string) =>
  t.call(as, 'GET', `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`);

const firstCursor = async (query = '') => {
  const res = await t.call(INSPECTOR, 'GET', `${CASES}?limit=1${query}`);
  expect(res.status).toBe(200);
  expect(typeof res.body.cursor).toBe('string');
  return res.body.cursor as string;
};

function expectCursorRefused(res: Awaited<ReturnType<TestApp['call']>>) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.type).toBe('/problems/validation');
  expect(res.body.errors).toEqual([expect.objectContaining({ path: 'cursor', in: 'query' })]);
}

describe('list cursors', () => {
  it('a real cursor pages through the list, every case once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined = await firstCursor();
    seen.push(
      ...(await t.call(INSPECTOR, 'GET', `${CASES}?limit=1`)).body.items.map(
        (i: { caseNo: string }) => i.caseNo,
      ),
    );
    while (cursor) {
      const res = await list(INSPECTOR, `${CASES}?limit=1`, cursor);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: { caseNo: string }) => i.caseNo));
      cursor = res.body.cursor;
    }
    expect(new Set(seen).size).toBe(3);
  });

  it('the cursor does not depend on the page size', async () => {
    const res = await list(INSPECTOR, `${CASES}?limit=5`, await firstCursor());
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
  });

  it('a cursor with one character changed, or cut short, answers 400', async () => {
    const cursor = await firstCursor();
    for (const at of [0, Math.floor(cursor.length / 2), cursor.length - 1]) {
      const c = cursor[at] === 'A' ? 'B' : 'A';
      expectCursorRefused(
        await list(INSPECTOR, `${CASES}?limit=1`, cursor.slice(0, at) + c + cursor.slice(at + 1)),
      );
    }
    expectCursorRefused(await list(INSPECTOR, `${CASES}?limit=1`, cursor.slice(0, -3)));
    expectCursorRefused(await list(INSPECTOR, `${CASES}?limit=1`, cursor.split('.')[0] ?? ''));
  });

  it('a cursor whose key is rewritten to another partition answers 400', async () => {
    const [data = '', mac = ''] = (await firstCursor()).split('.');
    const key = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
    key.gsi3pk = { S: 'T#nanjing.jiangning#CASES' };
    const forged = `${Buffer.from(JSON.stringify(key)).toString('base64url')}.${mac}`;
    expectCursorRefused(await list(INSPECTOR, `${CASES}?limit=1`, forged));
  });

  it("tenant A's cursor used on tenant B's list answers 400", async () => {
    expect((await t.call(JIANGNING_INSPECTOR, 'GET', `${JIANGNING_CASES}?limit=1`)).status).toBe(200);
    expectCursorRefused(await list(JIANGNING_INSPECTOR, `${JIANGNING_CASES}?limit=1`, await firstCursor()));
  });

  it("one filter's cursor used with another filter, or on another index, answers 400", async () => {
    const all = await firstCursor();
    const queue = await firstCursor(`&body=${encodeURIComponent(CENTRE)}`);
    expectCursorRefused(await list(INSPECTOR, `${CASES}?limit=1&status=accepted`, all));
    expectCursorRefused(await list(INSPECTOR, `${CASES}?limit=1&body=${encodeURIComponent(CENTRE)}`, all));
    expectCursorRefused(await list(INSPECTOR, `${CASES}?limit=1`, queue));
    expectCursorRefused(
      await list(INSPECTOR, `${CASES}?limit=1&body=${encodeURIComponent(CENTRE)}&status=received`, queue),
    );
  });

  it('random strings answer 400, never 500', async () => {
    const junk = [
      'x',
      '.',
      '..',
      'a.b.c',
      'eyJwayI6eyJTIjoiVCMifX0',
      Buffer.from('{"gsi3pk":{"S":"T#x"},"gsi3sk":{"N":"nope"}}').toString('base64url'),
      `${Buffer.from('[]').toString('base64url')}.${'A'.repeat(43)}`,
      `${Buffer.from('null').toString('base64url')}.${'_'.repeat(43)}`,
      '%00%ff',
      '🙂',
      'A'.repeat(1999),
    ];
    for (const cursor of junk) expectCursorRefused(await list(INSPECTOR, `${CASES}?limit=1`, cursor));
  });

  it("a supervision inbox's cursor is bound to its body too", async () => {
    expectCursorRefused(
      await t.call(
        {
          sub: 's',
          roles: ['supervisor'],
          tenant: 'nanjing.jiangning',
          body: 'nanjing.jiangning/civil-affairs',
        },
        'GET',
        `/v1/tenants/nanjing.jiangning/supervision/inbox?cursor=${encodeURIComponent(await firstCursor())}`,
      ),
    );
  });
});
