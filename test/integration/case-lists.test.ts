import { beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { APPROVER, CASES, CENTRE, intake, seedCases } from '../support/cases';

/** Lists page through every index they read: the tenant's cases, a body's queue, the open cases by colour. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  for (let i = 0; i < 3; i++) await intake(t);
});

describe('case lists page with a cursor', () => {
  it.each([
    ['all cases', ''],
    ['a body queue', `&body=${encodeURIComponent(CENTRE)}`],
    ['open cases by colour', '&clock=green'],
  ])('%s', async (_name, filter) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await t.call(
        APPROVER,
        'GET',
        `${CASES}?limit=1${filter}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.items.map((i: { caseNo: string }) => i.caseNo));
      cursor = res.body.cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(3);
  });

  it('refuses a cursor that names another partition', async () => {
    const first = await t.call(APPROVER, 'GET', `${CASES}?limit=1&body=${encodeURIComponent(CENTRE)}`);
    const [data = '', mac = ''] = first.body.cursor.split('.');
    const key = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
    key.gsi1pk = { S: 'T#xian.yanliang#Q#xian.yanliang/approval-bureau' };
    const forged = `${Buffer.from(JSON.stringify(key)).toString('base64url')}.${mac}`;
    const res = await t.call(
      APPROVER,
      'GET',
      `${CASES}?limit=1&body=${encodeURIComponent(CENTRE)}&cursor=${forged}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('cursor');
  });
});
