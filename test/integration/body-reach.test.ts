import { beforeAll, describe, expect, it } from 'vitest';
import type { DevClaims } from '../../packages/local/src/issuer';
import { writePeriods } from '../../packages/store/src';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import {
  APPROVER,
  act,
  CASES,
  CENTRE,
  CIVIL,
  CIVIL_APPROVER,
  CLERK,
  intake,
  SUPERVISOR,
  seedCases,
} from '../support/cases';

/**
 * Issue 11, finding 1: a district department's approver or supervisor reaches only the
 * sub-district cases that name its body (bound to decide it, supervising it, or asked to
 * act in a running step), in every list and on every case route; any other case answers
 * 404 as if it did not exist.
 */
let t: TestApp;
const MARKET = 'nanjing.jiangning/market';
const MARKET_APPROVER: DevClaims = {
  sub: 'market-approver',
  roles: ['approver'],
  tenant: 'nanjing.jiangning',
  body: MARKET,
};
/** Civil affairs' head (负责人): extends A's cases (art. 42), though its staff record is the district's. */
const CIVIL_HEAD: DevClaims = { ...CIVIL_APPROVER, sub: 'civil-head' };
/** Civil affairs (A) approver and supervisor: the district body under test. */
const A_STAFF = { approver: CIVIL_APPROVER, supervisor: SUPERVISOR } as const;

/** Bound to A (civil affairs) to decide. */
let decidedByA: string;
/** Bound to the centre, supervised by A. */
let supervisedByA: string;
/** Bound to the market bureau, which supervises it: not A's, and issued. */
let marketCase: string;
/** Bound to the centre, supervised by the market bureau: not A's. */
let centreCase: string;
/** Not A's, waiting for correction with a one-time notice. */
let noticeCase: string;

const must = async (res: ReturnType<TestApp['call']>, status = 200) => {
  const r = await res;
  if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

beforeAll(async () => {
  t = await testApp();
  // m1…m6 are the centre's, supervised by civil affairs (seedCases); m1 and m2 move here.
  await seedCases(t);
  await must(
    t.call(PLATFORM, 'POST', '/v1/tenants/nanjing.jiangning/bodies', {
      code: 'market',
      name: '江宁区市场监督管理局',
      kind: 'department',
    }),
    201,
  );
  await must(
    t.call(PLATFORM, 'POST', '/v1/tenants/nanjing.jiangning/seals', {
      id: 'market-seal',
      body: 'market',
      name: '江宁区市场监督管理局行政审批专用章',
      validFrom: '2019-01-01T00:00:00+08:00',
      electronic: true,
    }),
    201,
  );
  await must(
    t.call(PLATFORM, 'POST', '/v1/tenants/nanjing.jiangning/staff', {
      id: CIVIL_HEAD.sub,
      name: '孙局长',
      roles: ['approver'],
      body: 'civil-affairs',
      head: true,
    }),
    201,
  );
  const period = { tenant: DONGSHAN, from: '2020-01-01T00:00:00.000Z', mode: 'transfer' as const };
  await writePeriods(t.store, [
    { ...period, matter: 'm1', body: CIVIL, seal: 'civil-seal', supervisingBody: CIVIL },
    { ...period, matter: 'm2', body: MARKET, seal: 'market-seal', supervisingBody: MARKET },
    { ...period, matter: 'm4', body: CENTRE, seal: 'centre-seal', supervisingBody: MARKET },
  ]);
  decidedByA = (await intake(t, { matter: 'm1' })).caseNo;
  supervisedByA = (await intake(t, { matter: 'm3' })).caseNo;
  marketCase = (await intake(t, { matter: 'm2' })).caseNo;
  centreCase = (await intake(t, { matter: 'm4' })).caseNo;
  noticeCase = (await intake(t, { matter: 'm4', materials: [{ code: 'copy', provided: true }] })).caseNo;
  await must(act(t, MARKET_APPROVER, marketCase, 'decide', { outcome: 'approve' }));
  await must(act(t, CLERK, marketCase, 'issue', { delivery: 'window' }));
});

const numbers = (body: { items: { caseNo: string }[] }) => body.items.map((i) => i.caseNo).sort();
const LISTS = [
  '',
  '?open=true',
  '?clock=green',
  '?status=accepted',
  '?status=issued',
  `?body=${encodeURIComponent(CIVIL)}`,
  `?body=${encodeURIComponent(CENTRE)}`,
  `?body=${encodeURIComponent(MARKET)}`,
];

describe('lists: a district body lists only the cases that name it', () => {
  it.each(Object.entries(A_STAFF))('%s of A: every list, queue and board drill-down', async (_, as) => {
    for (const query of LISTS) {
      const all = await must(t.call(CLERK, 'GET', `${CASES}${query}`));
      const mine = await must(t.call(as, 'GET', `${CASES}${query}`));
      const expected = numbers(all).filter((n) => n === decidedByA || n === supervisedByA);
      expect(numbers(mine), query).toEqual(expected);
      expect(JSON.stringify(mine), query).not.toContain(marketCase);
      expect(JSON.stringify(mine), query).not.toContain(centreCase);
    }
    // The sub-district's own staff still list every case of their tenant.
    const all = numbers(await must(t.call(CLERK, 'GET', CASES)));
    expect(all).toEqual(
      expect.arrayContaining([decidedByA, supervisedByA, marketCase, centreCase, noticeCase]),
    );
  });

  it('pages a filtered list one row at a time without losing or repeating a case', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const q = `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await must(t.call(SUPERVISOR, 'GET', `${CASES}${q}`));
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...numbers(page));
      cursor = page.cursor;
      if (!cursor) break;
    }
    expect(cursor).toBeUndefined();
    expect(seen.sort()).toEqual([decidedByA, supervisedByA].sort());
  });
});

const SUB_ROUTES = [
  '',
  '/responsibility',
  '/integrity',
  '/result',
  '/result.html',
  '/notice.html',
  `/applicant?purpose=${encodeURIComponent('核对申请人身份')}`,
];

describe('detail: a case that does not name the body does not exist for it', () => {
  it.each(Object.entries(A_STAFF))('%s of A gets 404 on every route of the others’ cases', async (_, as) => {
    for (const caseNo of [marketCase, centreCase, noticeCase]) {
      for (const sub of SUB_ROUTES) {
        const res = await t.call(as, 'GET', `${CASES}/${caseNo}${sub}`);
        expect(res.status, `${caseNo}${sub}`).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('idNumber');
      }
    }
    // Before the fix the printed pages and the result were readable: the bound body's are.
    expect((await t.call(MARKET_APPROVER, 'GET', `${CASES}/${marketCase}/result.html`)).status).toBe(200);
    expect((await t.call(CLERK, 'GET', `${CASES}/${noticeCase}/notice.html`)).status).toBe(200);
  });

  it('refuses an action on another body’s case with 404, not 403 naming the body', async () => {
    for (const action of ['decide', 'extend', 'start-step']) {
      const body =
        action === 'decide'
          ? { outcome: 'approve' }
          : action === 'extend'
            ? { days: 3, reason: '需补充调查' }
            : { kind: 'review' };
      const res = await act(t, CIVIL_APPROVER, centreCase, action, body);
      expect(res.status, action).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('convenience-centre');
    }
    const finding = await t.call(SUPERVISOR, 'POST', '/v1/tenants/nanjing.jiangning/supervision/findings', {
      caseNo: marketCase,
      text: '抽查',
    });
    expect(finding.status).toBe(404);
  });

  it('reads the cases that name its body, whichever of its roles', async () => {
    for (const as of Object.values(A_STAFF)) {
      for (const caseNo of [decidedByA, supervisedByA]) {
        const res = await t.call(as, 'GET', `${CASES}/${caseNo}`);
        expect(res.status, caseNo).toBe(200);
        expect((await t.call(as, 'GET', `${CASES}/${caseNo}/integrity`)).body.intact).toBe(true);
        const reveal = `${CASES}/${caseNo}/applicant?purpose=${encodeURIComponent('核对申请人身份')}`;
        expect((await t.call(as, 'GET', reveal)).status, reveal).toBe(200);
      }
    }
  });
});

describe('the bound body still works its cases end to end', () => {
  it('A decides, the sub-district issues under A’s seal, A’s supervisor records a finding', async () => {
    await must(act(t, CIVIL_APPROVER, decidedByA, 'start-step', { kind: 'review' }));
    await must(act(t, CIVIL_APPROVER, decidedByA, 'finish-step', { stepId: 's1', outcome: 'pass' }));
    // Art. 42: A's head approves the extension; A's plain approver may not.
    expect(
      (await act(t, CIVIL_APPROVER, decidedByA, 'extend', { days: 2, reason: '需补充调查' })).status,
    ).toBe(403);
    const extended = await must(act(t, CIVIL_HEAD, decidedByA, 'extend', { days: 2, reason: '需补充调查' }));
    expect(extended.extension.approvedBy).toEqual({ id: 'civil-head', name: '孙局长', as: 'head' });
    await must(act(t, CIVIL_APPROVER, decidedByA, 'decide', { outcome: 'approve' }));
    const issued = await must(act(t, CLERK, decidedByA, 'issue', { delivery: 'window' }));
    expect(issued.result.seal).toMatchObject({ id: 'civil-seal', body: CIVIL });
    for (const sub of ['/result', '/result.html', '/responsibility']) {
      expect((await t.call(CIVIL_APPROVER, 'GET', `${CASES}/${decidedByA}${sub}`)).status, sub).toBe(200);
    }
    const finding = await t.call(SUPERVISOR, 'POST', '/v1/tenants/nanjing.jiangning/supervision/findings', {
      caseNo: decidedByA,
      text: '抽查：材料齐全，程序合规',
    });
    expect(finding.status).toBe(200);
  });

  it('a body named in a running joint inspection reaches the case until its step is finished', async () => {
    const joint = (await intake(t, { matter: 'm4' })).caseNo;
    expect((await t.call(CIVIL_APPROVER, 'GET', `${CASES}/${joint}`)).status).toBe(404);
    await must(act(t, APPROVER, joint, 'start-step', { kind: 'site-inspection', bodies: [CENTRE, CIVIL] }));
    expect((await t.call(CIVIL_APPROVER, 'GET', `${CASES}/${joint}`)).status).toBe(200);
    expect(numbers(await must(t.call(CIVIL_APPROVER, 'GET', `${CASES}?open=true`)))).toContain(joint);
    await must(act(t, CIVIL_APPROVER, joint, 'finish-step', { stepId: 's1', outcome: 'pass' }));
    expect((await t.call(CIVIL_APPROVER, 'GET', `${CASES}/${joint}`)).status).toBe(404);
  });
});
