import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi } from '../support/console';

const CITY_ADMIN = { sub: 'nj-admin', name: '南京市管理员', roles: ['city-admin'], city: 'nanjing' };
const SUB = 'nanjing.jiangning.dongshan';
const CIVIL = 'nanjing.jiangning/civil-affairs';
const CENTRE = `${SUB}/convenience-centre`;
const PAGE = '/console/cities/nanjing/rollouts/first-batch/impact';

const rollout = {
  id: 'first-batch',
  name: '江宁区第一批街道赋权事项',
  city: 'nanjing',
  matters: ['m1'],
  tenants: [SUB],
  mode: 'transfer',
  effectiveAt: '2026-08-01T00:00:00.000Z',
  from: CIVIL,
  to: 'convenience-centre',
  seal: 'centre-seal',
  status: 'draft',
  createdAt: '2026-06-01T00:00:00.000Z',
  createdBy: 'nj-admin',
  progress: { done: 0, total: 1 },
  allowedActions: ['preview', 'schedule', 'cancel'],
};

const impact = {
  rollout: 'first-batch',
  months: ['2026-04', '2026-05'],
  monthly: [
    { month: '2026-04', received: 6, accepted: 5 },
    { month: '2026-05', received: 3, accepted: 3 },
  ],
  expectedMonthly: 4.5,
  origins: [{ body: CIVIL, expectedMonthly: 4.5 }],
  tenants: [
    {
      tenant: SUB,
      implementingBodies: [CENTRE],
      monthly: [
        { month: '2026-04', received: 6, accepted: 5 },
        { month: '2026-05', received: 3, accepted: 3 },
      ],
      expectedMonthly: { received: 4.5, accepted: 4 },
      clerks: [{ clerk: 'clerk-a', name: '张丽', total: 9, expectedMonthly: 4.5 }],
      pendingCasesStaying: 2,
      matters: [
        {
          matter: 'm1',
          before: CIVIL,
          after: CENTRE,
          expectedMonthly: 4.5,
          pendingStaying: 2,
          oldCode: '11320115MB0000001X4320115001000',
          newCode: '11320115MB0000002X5320115001000',
          supervisingBefore: CIVIL,
          supervisingAfter: CIVIL,
        },
      ],
      codeChanges: [
        {
          matter: 'm1',
          oldCode: '11320115MB0000001X4320115001000',
          newCode: '11320115MB0000002X5320115001000',
        },
      ],
      supervisionChanges: [],
      seal: { id: 'centre-seal', status: 'ready' },
      staff: {
        approvers: 0,
        windowClerks: 1,
        approversNeeded: 1,
        windowClerksNeeded: 0,
        casesPerApprover: 4.5,
        casesPerClerk: 4.5,
      },
    },
  ],
};

function setup() {
  const { api, seen, asApi } = recordingApi();
  api.get('/v1/cities/:city/rollouts/:id', (c) => c.json(rollout));
  api.post('/v1/cities/:city/rollouts/:id/impact', (c) =>
    c.req.query('months') === '99' ? c.json({ status: 400 }, 400) : c.json(impact),
  );
  api.get('/v1/tenants/:t/bodies', (c) =>
    c.json({
      items: [
        {
          tenant: c.req.param('t'),
          code: c.req.param('t') === SUB ? 'convenience-centre' : 'civil-affairs',
          name: c.req.param('t') === SUB ? '东山街道便民服务中心' : '江宁区民政局',
          kind: 'department',
          ref: c.req.param('t') === SUB ? CENTRE : CIVIL,
        },
      ],
    }),
  );
  return { seen, ...consoleHarness(asApi(), [CITY_ADMIN]) };
}

describe('the rollout wizard’s impact page', () => {
  it('shows the replayed months as charts and tables: per month, tenant, clerk, former body and code', async () => {
    const { signIn, request, seen } = setup();
    await signIn(CITY_ADMIN.sub, PAGE);
    const res = await request(`${PAGE}?months=6`);
    expect(res.status).toBe(200);
    const html = await res.text();
    // The API is asked for the months chosen, once.
    expect(seen.filter((s) => s.path.endsWith('/impact')).map((s) => s.query)).toEqual(['?months=6']);
    expect(html).toContain('预计每月 4.5 件');
    expect(html.match(/<svg class="chart"/g)).toHaveLength(3);
    expect(html).toContain('各租户预计每月办件');
    // The charts print whole cases over the window; the tables the averages.
    expect(html).toContain('各租户近 2 个月收件');
    expect(html).toContain('东山街道便民服务中心');
    expect(html).toContain('张丽');
    expect(html).toContain('江宁区民政局');
    expect(html).toContain('11320115MB0000002X5320115001000');
    // An approver to add before the instant.
    expect(html).toContain('(+1)');
  });

  it('reads in English too', async () => {
    const { signIn, request } = setup();
    await signIn(CITY_ADMIN.sub, PAGE);
    const html = await (await request(`${PAGE}?lang=en`)).text();
    expect(html).toContain('4.5 cases a month expected');
    expect(html).toContain('Expected cases a month per tenant');
  });

  it('asks for twelve months when the choice is not one it offers', async () => {
    const { signIn, request, seen } = setup();
    await signIn(CITY_ADMIN.sub, PAGE);
    await request(`${PAGE}?months=99`);
    expect(seen.filter((s) => s.path.endsWith('/impact')).map((s) => s.query)).toEqual(['?months=12']);
  });
});
