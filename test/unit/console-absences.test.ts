import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi, validationProblem } from '../support/console';

/** AB角 in the console: the staff page's absences and form, a clerk's own, the queue's note. */
const TENANT = 'nanjing.jiangning.dongshan';
const T = `/console/tenants/${TENANT}`;
const CENTRE = `${TENANT}/convenience-centre`;
const ADMIN = { sub: 'admin', name: '周洁', roles: ['tenant-admin'], tenant: TENANT };
const CLERK = { sub: 'clerk-a', name: '张丽', roles: ['window-clerk'], tenant: TENANT };
const APPROVER = { sub: 'approver-b', name: '林涛', roles: ['approver'], tenant: TENANT, body: CENTRE };

const absence = {
  tenant: TENANT,
  id: 'abs1',
  staff: 'approver-a',
  backup: 'approver-b',
  from: '2026-12-01T00:00:00.000Z',
  to: '2026-12-06T00:00:00.000Z',
  reason: '年休假',
  by: 'admin',
  at: '2026-11-30T00:00:00.000Z',
  staffName: '陈刚',
  backupName: '林涛',
  staffBody: CENTRE,
};

function fakeApi() {
  const { api, seen, asApi } = recordingApi();
  api.get('/v1/tenants/:t/staff', (c) =>
    c.json({
      items: [
        { tenant: TENANT, id: 'approver-a', name: '陈刚', roles: ['approver'], body: CENTRE },
        {
          tenant: TENANT,
          id: 'approver-b',
          name: '林涛',
          roles: ['approver'],
          body: CENTRE,
          backupFor: 'approver-a',
        },
      ],
    }),
  );
  api.get('/v1/tenants/:t/bodies', (c) => c.json({ items: [] }));
  api.get('/v1/tenants/:t/absences', (c) =>
    c.json({ at: '2026-12-03T00:00:00.000Z', current: [absence], coming: [] }),
  );
  api.get('/v1/tenants/:t/staff/:id/absences', (c) => c.json({ items: [] }));
  api.post('/v1/tenants/:t/staff/:id/absences', async (c) => {
    const body = (await c.req.json()) as { to: string; from: string };
    if (body.to <= body.from) return c.json(validationProblem('to', '结束时间须晚于开始时间', 'to'), 400);
    return c.json({ ...absence, ...body, id: 'abs2' }, 201);
  });
  api.post('/v1/tenants/:t/staff/:id/absences/:a/end', (c) => c.json({ ...absence, endedAt: absence.from }));
  api.get('/v1/tenants/:t/workbench', (c) =>
    c.json({
      statuses: {},
      waiting: {},
      receivedToday: 0,
      colours: { red: 0, yellow: 0, green: 0 },
      rectificationsOpen: 0,
      pushesToSign: 0,
      pushesToSignByBody: {},
      absent: [absence],
    }),
  );
  api.get('/v1/tenants/:t/cases', (c) => c.json({ items: [] }));
  api.get('/v1/tenants/:t', (c) => c.json({ id: c.req.param('t'), name: '东山街道' }));
  return { seen, asApi };
}

describe('absences in the console', () => {
  it('lists who is absent and who covers on the staff page, with a form for the post with a B and "end now"', async () => {
    const { asApi, seen } = fakeApi();
    const h = consoleHarness(asApi(), [ADMIN]);
    await h.signIn('admin', '/console');
    const html = await (await h.request(`${T}/staff`)).text();
    expect(html).toContain('缺勤与代岗');
    expect(html).toContain('陈刚');
    expect(html).toContain('年休假');
    expect(html).toContain(`action="${T}/absences/approver-a/abs1/end"`);
    expect(html).toContain(`action="${T}/absences"`);
    // The post with a B is the one the form is for.
    expect(html).toContain('登记 陈刚 缺勤');

    const csrf = await h.csrfOf(`${T}/staff`);
    const ok = await h.post(`${T}/absences`, {
      _csrf: csrf,
      staff: 'approver-a',
      back: `${T}/staff`,
      from: '2026-12-10T09:00',
      to: '2026-12-12T18:00',
      reason: '出差',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`${T}/staff?absence=recorded`);
    // Typed in Beijing time, sent as instants with the offset.
    expect(seen.findLast((s) => s.method === 'POST')?.body).toEqual({
      from: '2026-12-10T09:00:00+08:00',
      to: '2026-12-12T18:00:00+08:00',
      reason: '出差',
    });
    const bad = await h.post(`${T}/absences`, {
      _csrf: csrf,
      staff: 'approver-a',
      back: `${T}/staff`,
      from: '2026-12-12T09:00',
      to: '2026-12-10T18:00',
      reason: '出差',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('结束时间须晚于开始时间');

    const ended = await h.post(`${T}/absences/approver-a/abs1/end`, {
      _csrf: csrf,
      back: 'https://evil.test/',
    });
    expect(ended.status).toBe(303);
    // Only the console's own pages are gone back to.
    expect(ended.headers.get('location')).toBe('/console?absence=ended');
  });

  it("shows a clerk's own absence form on the home page", async () => {
    const { asApi } = fakeApi();
    const h = consoleHarness(asApi(), [CLERK]);
    await h.signIn('clerk-a', '/console');
    const html = await (await h.request('/console')).text();
    expect(html).toContain('我的缺勤');
    expect(html).toContain('name="staff" value="clerk-a"');
  });

  it('says on the queue who is absent and who covers', async () => {
    const { asApi } = fakeApi();
    const h = consoleHarness(asApi(), [APPROVER]);
    await h.signIn('approver-b', '/console');
    const html = await (await h.request(`${T}/queue`)).text();
    expect(html).toContain('（陈刚 缺勤，由 林涛 代岗）');
    // The B's home page says whom they cover.
    const home = await (await h.request('/console')).text();
    expect(home).toContain('陈刚 缺勤，由您代岗');
  });
});
