import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DevClaims } from '../../packages/local/src/issuer';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { DONGSHAN } from '../support/authority';
import {
  ADMIN,
  APPROVER,
  act,
  CASES,
  CENTRE,
  CIVIL,
  CLERK,
  INSPECTOR,
  intake,
  PERSON_ID,
  SUPERVISOR,
  seedCases,
} from '../support/cases';

/** How every view shows PERSON_ID: the first 4 and last 4 characters. */
const MASKED = `${PERSON_ID.slice(0, 4)}**********${PERSON_ID.slice(-4)}`;
const OTHER_TENANT_CLERK: DevClaims = { sub: 'xian-clerk', roles: ['window-clerk'], tenant: 'xian.yanliang' };
/** A district department that neither decides nor supervises Dongshan's cases. */
const UNRELATED_BODY: DevClaims = {
  sub: 'market-approver',
  roles: ['approver'],
  tenant: 'nanjing.jiangning',
  body: 'nanjing.jiangning/market',
};

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ logger: new Logger({ serviceName: 'test', logLevel: 'WARN' }) });
  await seedCases(t);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const reveal = (as: DevClaims, caseNo: string, body: unknown = { purpose: '核对申请人身份' }, headers = {}) =>
  t.call(as, 'POST', `${CASES}/${caseNo}/applicant/reveal`, body, headers);
const progress = (c: { caseNo: string; queryCode: string }) =>
  t.call(undefined, 'GET', `/v1/public/cases/${c.caseNo}?code=${c.queryCode}`);

describe('personal data is masked by default', () => {
  it('shows the identity number masked in the intake answer, lists, queues, the case view, its timeline and the board', async () => {
    const taken = await t.call(CLERK, 'POST', CASES, {
      matter: 'm1',
      applicant: { kind: 'person', name: '李明', idNumber: PERSON_ID },
      materials: [
        { code: 'form', provided: true },
        { code: 'copy', provided: true },
      ],
    });
    expect(taken.status).toBe(201);
    const { caseNo } = taken.body;
    const views = [
      taken,
      await t.call(CLERK, 'GET', CASES),
      await t.call(APPROVER, 'GET', `${CASES}?body=${encodeURIComponent(CENTRE)}`),
      await t.call(APPROVER, 'GET', `${CASES}/${caseNo}`),
      await t.call(SUPERVISOR, 'GET', `${CASES}/${caseNo}`),
      await act(t, APPROVER, caseNo, 'start-step', { kind: 'review' }),
      await t.call(INSPECTOR, 'GET', `/v1/tenants/${DONGSHAN}/supervision/board`),
    ];
    for (const view of views) {
      expect(view.status).toBeLessThan(300);
      expect(JSON.stringify(view.body)).not.toContain(PERSON_ID);
    }
    const read = await t.call(APPROVER, 'GET', `${CASES}/${caseNo}`);
    expect(read.body.applicant).toEqual({ kind: 'person', name: '李明', idNumber: MASKED });
    const received = read.body.events.find((e: { type: string }) => e.type === 'received');
    expect(received.applicant.idNumber).toBe(MASKED);
  });
});

describe("the applicant's phone (联系电话)", () => {
  const PHONE = '13812345678';
  it('is masked to 138****5678 in every view and comes whole only from the reveal', async () => {
    const taken = await t.call(CLERK, 'POST', CASES, {
      matter: 'm1',
      applicant: { kind: 'person', name: '王芳', idNumber: PERSON_ID, phone: ' 138 1234 5678 ' },
      materials: [
        { code: 'form', provided: true },
        { code: 'copy', provided: true },
      ],
    });
    expect(taken.status).toBe(201);
    const { caseNo } = taken.body;
    for (const view of [
      taken,
      await t.call(CLERK, 'GET', CASES),
      await t.call(APPROVER, 'GET', `${CASES}/${caseNo}`),
    ]) {
      expect(JSON.stringify(view.body)).not.toContain(PHONE);
    }
    const read = await t.call(APPROVER, 'GET', `${CASES}/${caseNo}`);
    expect(read.body.applicant.phone).toBe('138****5678');
    const shown = await reveal(CLERK, caseNo, { purpose: '电话通知申请人补正' });
    expect(shown.status).toBe(200);
    expect(shown.body.applicant).toMatchObject({ idNumber: PERSON_ID, phone: PHONE });
  });

  it('refuses a number that is neither a mobile nor a landline with its area code, naming the field', async () => {
    const res = await t.call(CLERK, 'POST', CASES, {
      matter: 'm1',
      applicant: { kind: 'person', name: '王芳', idNumber: PERSON_ID, phone: '12345' },
      materials: [{ code: 'form', provided: true }],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('applicant.phone');
  });
});

describe('the reveal, for the staff handling the case', () => {
  it('answers the full applicant to the window, the deciding body and the supervising body, each access recorded', async () => {
    const c = await intake(t);
    const byClerk = await reveal(CLERK, c.caseNo, { purpose: '电话联系申请人补正材料' });
    expect(byClerk.status).toBe(200);
    expect(byClerk.body.applicant).toEqual({ kind: 'person', name: '李明', idNumber: PERSON_ID });
    expect(byClerk.body.access).toMatchObject({ body: DONGSHAN, role: 'window-clerk' });

    // API.md's GET form, the purpose in the query.
    const byApprover = await t.call(
      APPROVER,
      'GET',
      `${CASES}/${c.caseNo}/applicant?purpose=${encodeURIComponent('核对申请人身份')}`,
    );
    expect(byApprover.status).toBe(200);
    expect(byApprover.body.applicant.idNumber).toBe(PERSON_ID);

    // The district department supervising the case (R10) reaches it from its own tenant.
    const bySupervisor = await reveal(SUPERVISOR, c.caseNo, { purpose: '监督检查' });
    expect(bySupervisor.status).toBe(200);

    const log = await t.services.applicants.accessLog(DONGSHAN, c.caseNo);
    expect(log.map((r) => [r.sub, r.body, r.role, r.purpose])).toEqual([
      ['clerk-a', DONGSHAN, 'window-clerk', '电话联系申请人补正材料'],
      ['approver-a', CENTRE, 'approver', '核对申请人身份'],
      ['civil-supervisor', CIVIL, 'supervisor', '监督检查'],
    ]);
  });

  it('is refused to roles that do not handle cases (403) and to callers who cannot reach the case (404), recording nothing', async () => {
    const c = await intake(t);
    for (const as of [ADMIN, INSPECTOR, PLATFORM]) expect((await reveal(as, c.caseNo)).status).toBe(403);
    expect((await reveal(OTHER_TENANT_CLERK, c.caseNo)).status).toBe(404);
    expect((await reveal(CLERK, `${DONGSHAN}-20000101-9999`)).status).toBe(404);
    expect(await t.services.applicants.accessLog(DONGSHAN, c.caseNo)).toEqual([]);
  });

  it('goes through the case read check: a district body that neither decides nor supervises the case gets 404', async () => {
    const c = await intake(t);
    const detail = await t.call(UNRELATED_BODY, 'GET', `${CASES}/${c.caseNo}`);
    const res = await reveal(UNRELATED_BODY, c.caseNo);
    expect(res.status).toBe(detail.status);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(PERSON_ID);
  });

  it('needs a purpose: without one, 400 naming `purpose`', async () => {
    const c = await intake(t);
    for (const res of [
      await reveal(CLERK, c.caseNo, {}),
      await reveal(CLERK, c.caseNo, { purpose: '   ' }),
      await t.call(CLERK, 'GET', `${CASES}/${c.caseNo}/applicant`),
    ]) {
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(res.body.errors)).toContain('purpose');
      expect(JSON.stringify(res.body)).not.toContain(PERSON_ID);
    }
    expect(await t.services.applicants.accessLog(DONGSHAN, c.caseNo)).toEqual([]);
  });

  it('records a retry under the same Idempotency-Key once', async () => {
    const c = await intake(t);
    const headers = { 'idempotency-key': `reveal-${c.caseNo}` };
    const first = await reveal(CLERK, c.caseNo, { purpose: '核对身份' }, headers);
    const again = await reveal(CLERK, c.caseNo, { purpose: '核对身份' }, headers);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await t.services.applicants.accessLog(DONGSHAN, c.caseNo)).toHaveLength(1);
  });

  it('logs each reveal as a security event, with ids only', async () => {
    const c = await intake(t);
    const written: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
    }
    const res = await reveal(APPROVER, c.caseNo, { purpose: '核对申请人身份' });
    vi.restoreAllMocks();
    expect(res.status).toBe(200);
    const events = written
      .join('')
      .split('\n')
      .filter((l) => l.includes('securityEvent'))
      .map((l) => JSON.parse(l));
    expect(events).toEqual([
      expect.objectContaining({ securityEvent: 'personal-data-reveal', sub: 'approver-a', caseNo: c.caseNo }),
    ]);
    expect(written.join('')).not.toContain(PERSON_ID);
  });
});

describe('the applicant sees each access', () => {
  it('lists on the progress page and at access-log which body, role and purpose saw the data and when, never who', async () => {
    const c = await intake(t);
    expect((await progress(c)).body.accessLog).toEqual([]);
    await reveal(CLERK, c.caseNo, { purpose: '电话联系申请人' });
    await reveal(APPROVER, c.caseNo, { purpose: '核对申请人身份' });

    const page = await progress(c);
    expect(page.status).toBe(200);
    expect(page.body.accessLog).toEqual([
      { at: expect.any(String), body: DONGSHAN, role: 'window-clerk', purpose: '电话联系申请人' },
      { at: expect.any(String), body: CENTRE, role: 'approver', purpose: '核对申请人身份' },
    ]);
    const text = JSON.stringify(page.body);
    expect(text).not.toContain('clerk-a');
    expect(text).not.toContain('approver-a');
    expect(text).not.toContain(PERSON_ID);

    const log = await t.call(undefined, 'GET', `/v1/public/cases/${c.caseNo}/access-log?code=${c.queryCode}`);
    expect(log.status).toBe(200);
    expect(log.body).toEqual(page.body.accessLog);
    const wrong = await t.call(undefined, 'GET', `/v1/public/cases/${c.caseNo}/access-log?code=WRONGCODE`);
    expect(wrong.status).toBe(404);
  });
});

describe('the public access log is no way around the query-code lock', () => {
  it('counts a wrong code there as a guess: five lock the case, the right code too', async () => {
    const c = await intake(t);
    for (let i = 0; i < 5; i++) {
      const res = await t.call(undefined, 'GET', `/v1/public/cases/${c.caseNo}/access-log?code=WRONG${i}`);
      expect(res.status, `guess ${i + 1}`).toBe(404);
    }
    const locked = await t.call(
      undefined,
      'GET',
      `/v1/public/cases/${c.caseNo}/access-log?code=${c.queryCode}`,
    );
    expect(locked.status).toBe(429);
    expect((await progress(c)).status).toBe(429);
  });
});
