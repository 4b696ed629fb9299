import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import {
  ADMIN,
  APPROVER,
  act,
  CASES,
  CENTRE,
  CIVIL_APPROVER,
  CLERK,
  intake,
  ORG_ID,
  PERSON_ID,
  seedCases,
} from '../support/cases';

/**
 * 办件查询 (POST .../cases/search) and the workbench's counts (GET .../workbench): an applicant
 * is found by ID number, phone or name through keyed look-up items, never kept in plain.
 */
let t: TestApp;
let mine: string;
let theirs: string;
const DONGSHAN = 'nanjing.jiangning.dongshan';
const search = (body: object, as = CLERK) => t.call(as, 'POST', `${CASES}/search`, body);
const numbers = (res: { body: { items: { caseNo: string }[] } }) => res.body.items.map((i) => i.caseNo);

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  mine = (
    await intake(t, {
      applicant: { kind: 'person', name: '张 三', idNumber: PERSON_ID, phone: '138 0013 8000' },
    })
  ).caseNo;
  theirs = (
    await intake(t, {
      applicant: { kind: 'org', name: '东山贸易有限公司', idNumber: ORG_ID },
      materials: [{ code: 'form', provided: true }],
    })
  ).caseNo;
});

describe('case search', () => {
  it('finds the applicant by ID number (any case of letters and spaces), phone and name', async () => {
    for (const q of [PERSON_ID, PERSON_ID.toLowerCase(), '13800138000', '138-0013-8000', '张三', '张 三']) {
      const res = await search({ q });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(numbers(res), q).toEqual([mine]);
    }
    expect(numbers(await search({ q: ORG_ID }))).toEqual([theirs]);
    expect(numbers(await search({ q: '李四' }))).toEqual([]);
  });

  it('finds a case by its number, and by matter and days received', async () => {
    expect(numbers(await search({ q: mine }))).toEqual([mine]);
    const today = mine.split('-').at(-2) ?? '';
    const day = `${today.slice(0, 4)}-${today.slice(4, 6)}-${today.slice(6, 8)}`;
    expect(numbers(await search({ from: day, to: day })).sort()).toEqual([mine, theirs].sort());
    expect(numbers(await search({ to: '2000-01-01' }))).toEqual([]);
    expect(numbers(await search({ q: PERSON_ID, matter: 'm1' }))).toEqual([mine]);
    expect(numbers(await search({ q: PERSON_ID, matter: 'm2' }))).toEqual([]);
  });

  it("shows a list row's working days left", async () => {
    const res = await search({ q: PERSON_ID });
    expect(typeof res.body.items[0].workingDaysLeft).toBe('number');
  });

  it('keeps no identity number, phone or name in any key of the table', async () => {
    const scan = await t.store.client.send(new ScanCommand({ TableName: t.store.tableName }));
    const keys = (scan.Items ?? []).flatMap((i) =>
      Object.entries(i)
        .filter(([k]) => k === 'pk' || k === 'sk' || /^gsi\dpk$|^gsi\dsk$/.test(k))
        .map(([, v]) => v.S ?? ''),
    );
    const lookups = keys.filter((k) => k.includes('#FIND#'));
    expect(lookups.length).toBeGreaterThanOrEqual(5);
    for (const k of keys) {
      expect(k).not.toContain(PERSON_ID);
      expect(k).not.toContain('13800138000');
      expect(k).not.toContain('张三');
    }
  });

  it('answers a district body nothing of the cases that do not name it, and 400 naming a bad field', async () => {
    // The supervising body (R10) reaches them; another district department does not.
    expect(numbers(await search({ q: PERSON_ID }, CIVIL_APPROVER))).toEqual([mine]);
    const health = { ...CIVIL_APPROVER, sub: 'health-approver', body: 'nanjing.jiangning/health' };
    expect(numbers(await search({ q: PERSON_ID }, health))).toEqual([]);
    const bad = await search({ from: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('from');
  });
});

describe('workbench counts', () => {
  it('counts today, the statuses and what waits on the body, from the counters', async () => {
    const before = (await t.call(ADMIN, 'GET', `/v1/tenants/${DONGSHAN}/workbench`)).body;
    const fresh = await intake(t, { materials: [{ code: 'form', provided: true }] });
    const after = await t.call(APPROVER, 'GET', `/v1/tenants/${DONGSHAN}/workbench`);
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    expect(after.body.receivedToday).toBe(before.receivedToday + 1);
    const waiting = (b: typeof before) =>
      Object.values(b.waiting[CENTRE] ?? { red: 0, yellow: 0, green: 0 }).reduce(
        (a: number, n) => a + Number(n),
        0,
      );
    const sum = (b: typeof before) =>
      Object.values(b.statuses as Record<string, number>).reduce((a, n) => a + n, 0);
    expect(sum(after.body)).toBe(sum(before) + 1);
    expect(after.body.statuses[fresh.status]).toBe((before.statuses[fresh.status] ?? 0) + 1);
    if (fresh.status === 'accepted' || fresh.status === 'accepted-with-deficiency')
      expect(waiting(after.body)).toBe(waiting(before) + 1);
    // A withdrawal closes it: it leaves every count but today's intake.
    const res = await act(t, CLERK, fresh.caseNo, 'withdraw', { reason: '申请人撤回' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const closed = (await t.call(APPROVER, 'GET', `/v1/tenants/${DONGSHAN}/workbench`)).body;
    expect(sum(closed)).toBe(sum(before));
    expect(waiting(closed)).toBe(waiting(before));
    expect(closed.receivedToday).toBe(before.receivedToday + 1);
  });
});

describe('names beside ids', () => {
  it('a case view names its tenant, bodies, seal and the staff on its timeline', async () => {
    const c = await intake(t);
    const view = await t.call(APPROVER, 'GET', `${CASES}/${c.caseNo}`);
    const res = await t.call(APPROVER, 'GET', `${CASES}/${c.caseNo}/names`);
    expect(res.status).toBe(200);
    expect(res.body.names[DONGSHAN]).toBeTruthy();
    expect(res.body.names[CENTRE]).toBeTruthy();
    const staff = await t.call(ADMIN, 'GET', `/v1/tenants/${DONGSHAN}/staff`);
    const clerk = staff.body.items.find((x: { id: string }) => x.id === CLERK.sub);
    expect(res.body.names[CLERK.sub]).toBe(clerk.name);
    expect(res.body.names[view.body.supervisingBody]).toBeTruthy();
    expect(res.body.names[view.body.seal]).toBeTruthy();
    // A district department the case does not name reaches neither the case nor its names.
    const health = { ...CIVIL_APPROVER, sub: 'health-approver', body: 'nanjing.jiangning/health' };
    expect((await t.call(health, 'GET', `${CASES}/${c.caseNo}/names`)).status).toBe(404);
  });
});
