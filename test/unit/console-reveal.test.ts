import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi, validationProblem } from '../support/console';

const TENANT = 'nanjing.jiangning.dongshan';
const T = `/console/tenants/${TENANT}`;
const CASE_NO = `${TENANT}-20240906-0001`;
const FULL = '11010519491231002X';
const MASKED = '1101**********002X';
const CLERK = { sub: 'clerk', name: '张丽', roles: ['window-clerk'], tenant: TENANT };
const INSPECTOR = { sub: 'inspector', name: '孙敏', roles: ['inspector'], tenant: TENANT };

/** The case as the API now answers it: the applicant masked. */
const VIEW = {
  caseNo: CASE_NO,
  tenant: TENANT,
  matter: '040101001000',
  matterName: '临时救助金给付',
  applicant: { kind: 'person', name: '李明', idNumber: MASKED },
  status: 'accepted',
  receivedAt: '2024-09-06T01:00:00.000Z',
  clock: 'green',
  version: 3,
  allowedActions: [],
  materials: [],
  fees: [],
  steps: [],
  events: [],
};

function setup() {
  const { api, seen, asApi } = recordingApi();
  api.get('/v1/tenants/:t/cases/:caseNo', (c) => c.json(VIEW));
  api.post('/v1/tenants/:t/cases/:caseNo/applicant/reveal', async (c) => {
    const { purpose } = (await c.req.json()) as { purpose: string };
    if (!purpose) return c.json(validationProblem('purpose', '请填写查看用途', 'purpose is required'), 400);
    return c.json({
      caseNo: CASE_NO,
      applicant: { kind: 'person', name: '李明', idNumber: FULL },
      access: { at: '2024-09-06T03:00:00.000Z', body: TENANT, role: 'window-clerk', purpose },
    });
  });
  return { seen, ...consoleHarness(asApi(), [CLERK, INSPECTOR]) };
}

describe('查看完整信息 on the case page', () => {
  it('shows the applicant masked, with a reveal form asking for the purpose', async () => {
    const { signIn, request } = setup();
    await signIn(CLERK.sub, T);
    const html = await (await request(`${T}/cases/${CASE_NO}`)).text();
    expect(html).toContain(MASKED);
    expect(html).not.toContain(FULL);
    expect(html).toContain(`action="${T}/cases/${CASE_NO}/applicant/reveal"`);
    expect(html).toMatch(/name="purpose" value="" required="" maxlength="200"/);
  });

  it('shows the full number on the answer to the reveal, after the API recorded it', async () => {
    const { signIn, post, csrfOf, seen } = setup();
    await signIn(CLERK.sub, T);
    const csrf = await csrfOf(`${T}/cases/${CASE_NO}`);
    const res = await post(`${T}/cases/${CASE_NO}/applicant/reveal`, { _csrf: csrf, purpose: '核对身份' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(seen.find((r) => r.method === 'POST' && r.path.endsWith('/applicant/reveal'))?.body).toEqual({
      purpose: '核对身份',
    });
    const html = await res.text();
    expect(html).toContain(`<strong>${FULL}</strong>`);
    expect(html).toContain('本次查看已记录（用途：核对身份）');
  });

  it('shows a refused reveal with the API error beside the purpose', async () => {
    const { signIn, post, csrfOf } = setup();
    await signIn(CLERK.sub, T);
    const csrf = await csrfOf(`${T}/cases/${CASE_NO}`);
    const res = await post(`${T}/cases/${CASE_NO}/applicant/reveal`, { _csrf: csrf, purpose: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('请填写查看用途');
    expect(html).not.toContain(FULL);
  });

  it('offers no reveal to a role that does not handle cases', async () => {
    const { signIn, request } = setup();
    await signIn(INSPECTOR.sub, T);
    const html = await (await request(`${T}/cases/${CASE_NO}`)).text();
    expect(html).toContain(MASKED);
    expect(html).not.toContain('/applicant/reveal');
  });
});

describe('the public progress page', () => {
  it('lists who saw the applicant’s data: body, role, purpose and time, never the person', async () => {
    const { api, asApi } = recordingApi();
    api.get('/v1/public/cases/:caseNo', (c) =>
      c.json({
        caseNo: CASE_NO,
        matterName: '临时救助金给付',
        status: 'accepted',
        statusName: { zh: '已受理，审查中', en: 'accepted, under review' },
        receivedAt: '2024-09-06T01:00:00.000Z',
        notices: [],
        steps: [],
        canRate: false,
        accessLog: [
          {
            at: '2024-09-06T03:00:00.000Z',
            body: `${TENANT}/convenience-centre`,
            role: 'approver',
            purpose: '核对身份',
          },
        ],
      }),
    );
    const { post, csrfOf } = consoleHarness(asApi(), []);
    const csrf = await csrfOf('/console/public/progress');
    const res = await post('/console/public/progress', { _csrf: csrf, caseNo: CASE_NO, code: 'ABCD2345' });
    const html = await res.text();
    expect(html).toContain('个人信息查看记录');
    expect(html).toContain(`2024-09-06 11:00 · ${TENANT}/convenience-centre · 审批人员 · 核对身份`);
  });
});
