import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi } from '../support/console';

/** 首席代表授权 in the console: a letter in force is revoked with its reason (R16). */
const TENANT = 'nanjing.jiangning.dongshan';
const T = `/console/tenants/${TENANT}`;
const ADMIN = { sub: 'admin', name: '周洁', roles: ['tenant-admin'], tenant: TENANT };

const letter = (id: string, state: 'active' | 'expired') => ({
  id,
  tenant: TENANT,
  docNo: `东便授〔2026〕${id}号`,
  staff: 'clerk-a',
  body: `${TENANT}/centre`,
  matters: ['200101001000'],
  from: '2026-01-01T00:00:00.000Z',
  until: '2027-01-01T00:00:00.000Z',
  grantedBy: 'head-a',
  recordedBy: 'head-a',
  at: '2026-01-01T00:00:00.000Z',
  status: state === 'active' ? { state, lapsed: [] } : { state },
  names: {
    staff: '张丽',
    grantedBy: '郑华',
    body: '东山便民服务中心',
    matters: { '200101001000': '老年人优待证办理' },
  },
  standing: state === 'active' ? '有效' : '已过期',
});

function fakeApi() {
  const { api, seen, asApi } = recordingApi();
  api.get('/v1/tenants/:t/window-authorisations', (c) =>
    c.json({ items: [letter('1', 'active'), letter('2', 'expired')] }),
  );
  api.post('/v1/tenants/:t/window-authorisations/:id/revoke', (c) =>
    c.req.param('id') === '1'
      ? c.json(letter('1', 'active'))
      : c.json(
          {
            type: '/problems/invalid-state',
            title: '已撤销',
            titleEn: 'Revoked',
            status: 409,
            detail: '该授权书已撤销',
          },
          409,
        ),
  );
  api.get('/v1/tenants/:t/staff', (c) => c.json({ items: [] }));
  api.get('/v1/tenants/:t/matters', (c) => c.json({ at: '2026-12-03T00:00:00.000Z', items: [] }));
  api.get('/v1/tenants/:t', (c) => c.json({ id: c.req.param('t'), name: '东山街道' }));
  return { seen, asApi };
}

describe('revoking a chief representative’s letter in the console', () => {
  it('offers 撤销授权 with a reason beside a letter in force only, and sends it', async () => {
    const { asApi, seen } = fakeApi();
    const h = consoleHarness(asApi(), [ADMIN]);
    await h.signIn('admin', '/console');
    const html = await (await h.request(`${T}/window-authorisations`)).text();
    expect(html).toContain(`action="${T}/window-authorisations/1/revoke"`);
    expect(html).not.toContain(`action="${T}/window-authorisations/2/revoke"`);
    const csrf = await h.csrfOf(`${T}/window-authorisations`);
    const done = await h.post(`${T}/window-authorisations/1/revoke`, { _csrf: csrf, reason: '人员调岗' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${T}/window-authorisations?ok=1`);
    expect(seen.findLast((s) => s.method === 'POST')).toMatchObject({
      path: `/v1/tenants/${TENANT}/window-authorisations/1/revoke`,
      body: { reason: '人员调岗' },
    });
    const refused = await h.post(`${T}/window-authorisations/2/revoke`, { _csrf: csrf, reason: '再撤' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('该授权书已撤销');
  });
});
