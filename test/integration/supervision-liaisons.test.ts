import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheck } from '../../packages/domain/src';
import { caseKeys } from '../../packages/store/src';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import {
  APPROVER,
  act,
  CENTRE,
  CIVIL,
  CLERK,
  INSPECTOR,
  intake,
  ORG_ID,
  PERSON_ID,
  pushedToInbox,
  SUPERVISOR,
  seedCases,
} from '../support/cases';
import { clockAt } from '../support/clock';

/**
 * 审管联动 (issue 15), the two pieces after the receipts: the liaison (联络人) a supervising body
 * names per department, recorded on each push and so on the inbox item the receipt card reads; and
 * the findings that come back to a case, shown at the next intake of the same holder through an
 * index keyed by a keyed hash of the number.
 */
let t: TestApp;
const DISTRICT = 'nanjing.jiangning';
const DONGSHAN = 'nanjing.jiangning.dongshan';
const LIAISONS = `/v1/tenants/${DISTRICT}/supervision/liaisons`;
const DISTRICT_ADMIN = { sub: 'district-admin', roles: ['tenant-admin'], tenant: DISTRICT };
const MARKET = `${DISTRICT}/market`;
const MARKET_SUPERVISOR = { sub: 'market-supervisor', roles: ['supervisor'], tenant: DISTRICT, body: MARKET };
const DISTRICT_INSPECTOR = { ...INSPECTOR, sub: 'district-inspector', tenant: DISTRICT };
const FINDINGS = `/v1/tenants/${DONGSHAN}/holders/findings`;
/** A second valid resident ID: a holder with no earlier findings. */
const OTHER_PERSON = (() => {
  const first = '32011519850615432';
  return first + residentIdCheck(first);
})();

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  const ok = async (path: string, body: unknown) => {
    const res = await t.call(PLATFORM, 'POST', path, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await ok(`/v1/tenants/${DISTRICT}/bodies`, {
    code: 'market',
    name: '江宁区市场监管局',
    kind: 'department',
  });
  for (const staff of [
    { id: SUPERVISOR.sub, name: '赵伟', roles: ['supervisor'], body: 'civil-affairs' },
    { id: 'civil-supervisor-2', name: '钱芳', roles: ['supervisor'], body: 'civil-affairs' },
    { id: 'civil-approver', name: '孙强', roles: ['approver'], body: 'civil-affairs' },
    { id: MARKET_SUPERVISOR.sub, name: '李娜', roles: ['supervisor'], body: 'market' },
  ])
    await ok(`/v1/tenants/${DISTRICT}/staff`, staff);
});

/** A case of `applicant` decided by the centre, so pushed to Jiangning civil affairs. */
async function decided(extra: object = {}): Promise<string> {
  const c = await intake(t, extra);
  expect((await act(t, APPROVER, c.caseNo, 'decide', { outcome: 'approve' })).status).toBe(200);
  return c.caseNo;
}

async function issued(extra: object = {}): Promise<string> {
  const caseNo = await decided(extra);
  expect((await act(t, CLERK, caseNo, 'issue', { delivery: 'window' })).status).toBe(200);
  return caseNo;
}

const inboxItem = async (caseNo: string) =>
  (
    (
      await t.call(
        SUPERVISOR,
        'GET',
        `/v1/tenants/${DISTRICT}/supervision/inbox?body=${encodeURIComponent(CIVIL)}`,
      )
    ).body.items as { caseNo: string; liaison?: string; liaisonName?: string }[]
  ).find((i) => i.caseNo === caseNo);

/** The field a 400 names. */
const fieldOf = (res: { body: { errors?: { path?: string }[] } }) => res.body.errors?.map((e) => e.path);

describe('liaisons (联络人) per department', () => {
  it('lets a supervisor of the body name one, lists it, and replaces it when another is named', async () => {
    const named = await t.call(SUPERVISOR, 'PUT', LIAISONS, {
      supervisingBody: CIVIL,
      department: CENTRE,
      staff: 'civil-supervisor-2',
    });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({
      supervisingBody: CIVIL,
      department: CENTRE,
      staff: 'civil-supervisor-2',
      staffName: '钱芳',
      updatedBy: SUPERVISOR.sub,
    });
    const listed = await t.call(SUPERVISOR, 'GET', `${LIAISONS}?body=${encodeURIComponent(CIVIL)}`);
    expect(listed.status).toBe(200);
    expect(listed.body.body).toBe(CIVIL);
    expect(listed.body.items.map((l: { staff: string }) => l.staff)).toEqual(['civil-supervisor-2']);

    // The tenant's administrator names another for the same department: it replaces the first.
    const renamed = await t.call(DISTRICT_ADMIN, 'PUT', LIAISONS, {
      supervisingBody: CIVIL,
      department: CENTRE,
      staff: SUPERVISOR.sub,
    });
    expect(renamed.status).toBe(200);
    // A supervisor's own body is the default; an inspector reads any body's.
    const mine = await t.call(SUPERVISOR, 'GET', LIAISONS);
    expect(mine.body.items).toEqual([expect.objectContaining({ department: CENTRE, staff: SUPERVISOR.sub })]);
    const inspected = await t.call(
      DISTRICT_INSPECTOR,
      'GET',
      `${LIAISONS}?body=${encodeURIComponent(CIVIL)}`,
    );
    expect(inspected.status).toBe(200);
    expect(inspected.body.items).toHaveLength(1);
  });

  it('answers 400 naming the field for an unknown staff member, one of another body, one who cannot sign, and a bad body or department', async () => {
    const put = (body: object) =>
      t.call(DISTRICT_ADMIN, 'PUT', LIAISONS, { supervisingBody: CIVIL, department: CENTRE, ...body });
    const unknown = await put({ staff: 'no-such-staff' });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(fieldOf(unknown)).toEqual(['staff']);
    const otherBody = await put({ staff: MARKET_SUPERVISOR.sub });
    expect(otherBody.status).toBe(400);
    expect(fieldOf(otherBody)).toEqual(['staff']);
    // Of the body, but an approver: only a supervisor signs for a push.
    const approver = await put({ staff: 'civil-approver' });
    expect(approver.status).toBe(400);
    expect(fieldOf(approver)).toEqual(['staff']);
    const noBody = await put({ staff: SUPERVISOR.sub, supervisingBody: `${DISTRICT}/no-such-body` });
    expect(noBody.status).toBe(400);
    expect(fieldOf(noBody)).toEqual(['supervisingBody']);
    const farDepartment = await put({ staff: SUPERVISOR.sub, department: 'xian.yanliang/civil-affairs' });
    expect(farDepartment.status).toBe(400);
    expect(fieldOf(farDepartment)).toEqual(['department']);
    const missing = await t.call(DISTRICT_ADMIN, 'PUT', LIAISONS, {
      supervisingBody: CIVIL,
      department: CENTRE,
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.errors)).toContain('staff');
    // Nothing of these was stored.
    const listed = await t.call(DISTRICT_ADMIN, 'GET', `${LIAISONS}?body=${encodeURIComponent(CIVIL)}`);
    expect(listed.body.items.map((l: { staff: string }) => l.staff)).not.toContain('civil-approver');
  });

  it("refuses a supervisor of another body, and an inspector, the body's liaisons to name", async () => {
    const body = { supervisingBody: CIVIL, department: CENTRE, staff: SUPERVISOR.sub };
    expect((await t.call(MARKET_SUPERVISOR, 'PUT', LIAISONS, body)).status).toBe(403);
    expect(
      (await t.call(MARKET_SUPERVISOR, 'GET', `${LIAISONS}?body=${encodeURIComponent(CIVIL)}`)).status,
    ).toBe(403);
    expect((await t.call(DISTRICT_INSPECTOR, 'PUT', LIAISONS, body)).status).toBe(403);
    expect((await t.call(CLERK, 'PUT', `/v1/tenants/${DONGSHAN}/supervision/liaisons`, body)).status).toBe(
      403,
    );
  });

  it('records on each push the liaison named when it was made, on the inbox item the receipt card reads', async () => {
    const name = (staff: string) =>
      t.call(DISTRICT_ADMIN, 'PUT', LIAISONS, { supervisingBody: CIVIL, department: CENTRE, staff });
    expect((await name('civil-supervisor-2')).status).toBe(200);
    const first = await decided();
    await pushedToInbox(t, DONGSHAN, first);
    expect(await inboxItem(first)).toMatchObject({ liaison: 'civil-supervisor-2', liaisonName: '钱芳' });

    // Another liaison named later: the earlier push keeps its own, the next push names the new one.
    expect((await name(SUPERVISOR.sub)).status).toBe(200);
    const second = await decided();
    await pushedToInbox(t, DONGSHAN, second);
    expect(await inboxItem(first)).toMatchObject({ liaison: 'civil-supervisor-2', liaisonName: '钱芳' });
    expect(await inboxItem(second)).toMatchObject({ liaison: SUPERVISOR.sub, liaisonName: '赵伟' });

    // The item the clock's receipt job reads (CardService.raiseReceipt) carries it.
    const state = (await t.services.cases.find(DONGSHAN, second))?.state;
    const stored = await t.store.get(caseKeys.inbox(DISTRICT, CIVIL, state?.decision?.at ?? '', second));
    expect(stored).toMatchObject({ liaison: SUPERVISOR.sub, liaisonName: '赵伟' });
    // Signing keeps it.
    const signed = await t.call(SUPERVISOR, 'POST', `/v1/tenants/${DISTRICT}/supervision/receipts`, {
      caseNo: second,
    });
    expect(signed.body).toMatchObject({ liaison: SUPERVISOR.sub, signedBy: SUPERVISOR.sub });

    // The first push left unsigned past its limit: its red card names that liaison, and a 督办 reaches her.
    await clockAt(() => t)(new Date(Date.now() + 20 * 86_400_000).toISOString());
    const cardPath = `/v1/tenants/${DISTRICT}/cards/${encodeURIComponent(`${first}~receipt~red`)}`;
    expect((await t.call(DISTRICT_INSPECTOR, 'GET', cardPath)).body).toMatchObject({
      trigger: 'receipt',
      responsible: ['civil-supervisor-2'],
    });
    const urged = await t.call(DISTRICT_INSPECTOR, 'POST', `${cardPath}/urge`, { note: '请即签收' });
    expect(urged.body.urges.at(-1).notified).toEqual(['civil-supervisor-2']);
    const liaison = { sub: 'civil-supervisor-2', roles: ['supervisor'], tenant: DISTRICT, body: CIVIL };
    const told = await t.call(liaison, 'GET', `/v1/tenants/${DISTRICT}/notifications`);
    expect(told.body.items).toEqual([expect.objectContaining({ note: '请即签收', caseNo: first })]);
    expect((await t.call(SUPERVISOR, 'GET', `/v1/tenants/${DISTRICT}/notifications`)).body.items).toEqual([]);
  });
});

describe('findings shown at the next intake of the same holder', () => {
  const lookUp = (holder: string, as = CLERK) => t.call(as, 'GET', `${FINDINGS}?holder=${holder}`);
  let person: string;
  let org: string;

  beforeAll(async () => {
    person = await issued();
    org = await issued({ applicant: { kind: 'org', name: '南京某某有限公司', idNumber: ORG_ID } });
    const record = (caseNo: string, text: string, severity: string) =>
      t.call(SUPERVISOR, 'POST', `/v1/tenants/${DISTRICT}/supervision/findings`, { caseNo, text, severity });
    expect((await record(person, '抽查：现场与申报不符，已责令整改', 'concern')).status).toBe(200);
    expect((await record(org, '超范围经营，已立案', 'violation')).status).toBe(200);
  });

  it('shows the window the findings on the holder’s earlier cases, and not another holder’s', async () => {
    const mine = await lookUp(PERSON_ID);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        caseNo: person,
        severity: 'concern',
        text: '抽查：现场与申报不符，已责令整改',
        body: CIVIL,
        matter: 'm1',
      }),
    ]);
    expect(mine.body.items[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const theirs = await lookUp(ORG_ID);
    expect(theirs.body.items.map((f: { caseNo: string }) => f.caseNo)).toEqual([org]);
    expect((await lookUp(OTHER_PERSON)).body.items).toEqual([]);
  });

  it('lists a later finding first', async () => {
    const again = await issued();
    const res = await t.call(SUPERVISOR, 'POST', `/v1/tenants/${DISTRICT}/supervision/findings`, {
      caseNo: again,
      text: '复查：已整改到位',
    });
    expect(res.status).toBe(200);
    const items = (await lookUp(PERSON_ID)).body.items as { caseNo: string; severity: string }[];
    expect(items.map((f) => f.caseNo)).toEqual([again, person]);
    expect(items[0]?.severity).toBe('info');
  });

  it('keeps no identity number in the index’s keys, and records no access (as the licence look-up by holder)', async () => {
    const scan = await t.store.client.send(new ScanCommand({ TableName: t.store.tableName }));
    const index = (scan.Items ?? []).filter((i) => i.entity?.S === 'holder-finding');
    expect(index.length).toBeGreaterThanOrEqual(3);
    for (const item of index) {
      expect(item.pk?.S).toMatch(
        new RegExp(`^T#${DONGSHAN.replaceAll('.', '\\.')}#HFIND#[A-Za-z0-9_-]{32}$`),
      );
      expect(JSON.stringify(item)).not.toContain(PERSON_ID);
      expect(JSON.stringify(item)).not.toContain(ORG_ID);
    }
    await lookUp(PERSON_ID);
    expect(await t.services.applicants.accessLog(DONGSHAN, person)).toEqual([]);
  });

  it('is for the window: others get 403, a malformed number 400 naming holder, another tenant 404', async () => {
    expect((await lookUp(PERSON_ID, APPROVER)).status).toBe(403);
    expect((await lookUp(PERSON_ID, SUPERVISOR)).status).toBe(404);
    const bad = await lookUp('123');
    expect(bad.status).toBe(400);
    expect(fieldOf(bad)).toEqual(['holder']);
    // The district's own clerks do not see Dongshan's findings in their own tenant.
    const districtClerk = { ...CLERK, sub: 'district-clerk', tenant: DISTRICT };
    const there = await t.call(
      districtClerk,
      'GET',
      `/v1/tenants/${DISTRICT}/holders/findings?holder=${PERSON_ID}`,
    );
    expect(there.status).toBe(200);
    expect(there.body.items).toEqual([]);
  });
});
