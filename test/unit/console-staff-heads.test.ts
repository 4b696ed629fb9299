import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi } from '../support/console';

/** Art. 42 in the console: the staff form's head designations and the list that shows them. */
const TENANT = 'nanjing.jiangning.dongshan';
const T = `/console/tenants/${TENANT}`;
const CENTRE = `${TENANT}/convenience-centre`;
const ADMIN = { sub: 'admin', name: '周洁', roles: ['tenant-admin'], tenant: TENANT };

function fakeApi() {
  const { api, seen, asApi } = recordingApi();
  api.get('/v1/tenants/:t/staff', (c) =>
    c.json({
      items: [
        { tenant: TENANT, id: 'approver-a', name: '陈刚', roles: ['approver'], body: CENTRE },
        { tenant: TENANT, id: 'head-a', name: '郑华', roles: ['approver'], body: CENTRE, head: true },
        { tenant: TENANT, id: 'gov-a', name: '钱军', roles: ['inspector'], governmentHead: true },
      ],
    }),
  );
  api.post('/v1/tenants/:t/staff', async (c) => c.json({ tenant: TENANT, ...(await c.req.json()) }, 201));
  api.get('/v1/tenants/:t/bodies', (c) => c.json({ items: [] }));
  api.get('/v1/tenants/:t/absences', (c) =>
    c.json({ at: '2026-12-03T00:00:00.000Z', current: [], coming: [] }),
  );
  api.get('/v1/tenants/:t', (c) => c.json({ id: c.req.param('t'), name: '东山街道' }));
  return { seen, asApi };
}

describe('heads on the staff page (art. 42)', () => {
  it('shows who heads their body or the government, and sends the checkboxes as head and governmentHead', async () => {
    const { asApi, seen } = fakeApi();
    const h = consoleHarness(asApi(), [ADMIN]);
    await h.signIn('admin', '/console');
    const html = await (await h.request(`${T}/staff`)).text();
    expect(html).toMatch(/郑华<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>本机构负责人<\/td>/);
    expect(html).toMatch(/钱军<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>本级人民政府负责人<\/td>/);
    expect(html).toContain('name="head" value="true"');
    expect(html).toContain('name="governmentHead" value="true"');

    const csrf = await h.csrfOf(`${T}/staff`);
    const res = await h.post(`${T}/staff`, {
      _csrf: csrf,
      id: 'head-b',
      name: '王主任',
      roles: 'approver',
      body: CENTRE,
      head: 'true',
    });
    expect(res.status).toBe(303);
    expect(seen.findLast((s) => s.method === 'POST')?.body).toEqual({
      id: 'head-b',
      name: '王主任',
      roles: ['approver'],
      body: CENTRE,
      head: true,
    });
  });
});
