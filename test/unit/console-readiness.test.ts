import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi, validationProblem } from '../support/console';

/** Readiness in the console (R11): training records and the handover checklist's confirmation. */
const TENANT = 'nanjing.jiangning.dongshan';
const T = `/console/tenants/${TENANT}`;
const ADMIN = { sub: 'admin', name: '周洁', roles: ['tenant-admin'], tenant: TENANT };

const training = {
  tenant: TENANT,
  staff: 'approver-a',
  id: 'tr1',
  matters: ['000104001000'],
  kind: 'shadowing',
  completedAt: '2026-11-20',
  by: '江宁区农业农村局',
  recordedAt: '2026-11-21T00:00:00.000Z',
  recordedBy: 'admin',
};

function fakeApi() {
  const { api, seen, asApi } = recordingApi();
  api.get('/v1/tenants/:t/staff', (c) =>
    c.json({
      items: [
        { tenant: TENANT, id: 'approver-a', name: '陈刚', roles: ['approver'], body: `${TENANT}/centre` },
        { tenant: TENANT, id: 'inspector-a', name: '吴静', roles: ['inspector'] },
      ],
    }),
  );
  api.get('/v1/tenants/:t/trainings', (c) => c.json({ items: [training] }));
  api.post('/v1/tenants/:t/staff/:id/trainings', async (c) => {
    const body = (await c.req.json()) as { completedAt: string };
    if (body.completedAt > '2026-12-31')
      return c.json(validationProblem('completedAt', '完成日期不能晚于今天', 'completedAt'), 400);
    return c.json({ ...training, ...body, id: 'tr2' }, 201);
  });
  api.get('/v1/tenants/:t/handovers/:id', (c) =>
    c.json({
      number: '东交〔2026〕1号',
      title: '交接协议书',
      rollout: 'r1',
      city: 'nanjing',
      tenant: TENANT,
      tenantName: '东山街道',
      mode: 'transfer',
      effectiveAt: '2026-12-10T00:00:00.000Z',
      status: 'scheduled',
      from: [{ ref: 'nanjing.jiangning/agriculture', name: '江宁区农业农村局' }],
      to: { ref: `${TENANT}/centre`, name: '东山便民服务中心' },
      seal: { id: 'centre-seal', name: '行政审批专用章' },
      matters: [{ code: '000104001000', name: '农村村民宅基地审批', from: 'nanjing.jiangning/agriculture' }],
      clauses: [],
      checklist: [
        {
          item: 'rules',
          name: '操作规程',
          nameEn: 'Operating rules',
          confirmedBy: 'admin',
          confirmedAt: training.recordedAt,
        },
        { item: 'certificates', name: '空白证书/证照储备', nameEn: 'Blank certificate stock' },
      ],
    }),
  );
  api.post('/v1/tenants/:t/handovers/:id/checklist/:item', (c) =>
    c.json({ item: c.req.param('item'), confirmedBy: 'admin', confirmedAt: training.recordedAt }),
  );
  api.get('/v1/tenants/:t', (c) => c.json({ id: c.req.param('t'), name: '东山街道' }));
  return { seen, asApi };
}

describe('readiness in the console (R11)', () => {
  it('lists training records by name and records one for an approver or a clerk', async () => {
    const { asApi, seen } = fakeApi();
    const h = consoleHarness(asApi(), [ADMIN]);
    await h.signIn('admin', '/console');
    const html = await (await h.request(`${T}/trainings`)).text();
    expect(html).toContain('陈刚');
    expect(html).toContain('跟班学习');
    expect(html).toContain('000104001000');
    // Only approvers and window clerks are trained for a handover: the inspector is not offered.
    expect(html).not.toContain('吴静');

    const csrf = await h.csrfOf(`${T}/trainings`);
    const ok = await h.post(`${T}/trainings`, {
      _csrf: csrf,
      staff: 'approver-a',
      kind: 'training',
      matters: '000104001000\n000103001000',
      completedAt: '2026-11-25',
      by: '区审批局',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`${T}/trainings?ok=1`);
    expect(seen.findLast((s) => s.method === 'POST')).toMatchObject({
      path: `/v1/tenants/${TENANT}/staff/approver-a/trainings`,
      body: {
        kind: 'training',
        matters: ['000104001000', '000103001000'],
        completedAt: '2026-11-25',
        by: '区审批局',
      },
    });
    const bad = await h.post(`${T}/trainings`, {
      _csrf: csrf,
      staff: 'approver-a',
      kind: 'training',
      matters: '000104001000',
      completedAt: '2027-02-01',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('完成日期不能晚于今天');
  });

  it('offers the checklist items still to confirm under the agreement, and confirms one', async () => {
    const { asApi, seen } = fakeApi();
    const h = consoleHarness(asApi(), [ADMIN]);
    await h.signIn('admin', '/console');
    const html = await (await h.request(`${T}/handovers/r1`)).text();
    expect(html).toContain('确认“空白证书/证照储备”');
    expect(html).not.toContain('确认“操作规程”');
    const csrf = await h.csrfOf(`${T}/handovers/r1`);
    const done = await h.post(`${T}/handovers/r1/checklist/certificates`, { _csrf: csrf });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${T}/handovers/r1?ok=1`);
    expect(seen.findLast((s) => s.method === 'POST')?.path).toBe(
      `/v1/tenants/${TENANT}/handovers/r1/checklist/certificates`,
    );
  });
});
