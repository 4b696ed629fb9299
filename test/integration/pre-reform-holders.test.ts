import { beforeAll, describe, expect, it } from 'vitest';
import { seedAuthorityDemo } from '../../packages/local/src/demo/authority';
import { seedDemo } from '../../packages/local/src/demo/seed';
import { PLATFORM, type TestApp, testApp } from '../support/app';

/**
 * R13 through the API on the demo itself: before each seed's first move, `matters?at=` names the
 * pre-reform holders; a rollout ends them forward-dated; the published empowered list (seeds 000
 * and 003: 对外公布) differs on either side of a rollout.
 */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  const token = await t.token({ sub: 'demo-loader', roles: ['platform-admin'] });
  await seedDemo(t.app, token);
  await seedAuthorityDemo({
    appAt: (now) => {
      t.setNow(now?.toISOString());
      return t.app;
    },
    services: t.services,
    token,
  });
  t.setNow(undefined);
}, 600_000);

interface Row {
  code: string;
  authority: { body: string; mode: string; windowBody?: string; rollout?: string; supervisingBody: string };
}
const mattersAt = async (tenant: string, at: string): Promise<Row[]> => {
  const res = await t.call(PLATFORM, 'GET', `/v1/tenants/${tenant}/matters?at=${encodeURIComponent(at)}`);
  expect(res.status).toBe(200);
  return res.body.items;
};
const bodiesOf = (rows: readonly Row[]) => new Set(rows.map((r) => r.authority.body));

describe('pre-reform holders of the four seeds (R13)', () => {
  it('Yanliang (000), the day before 2019-08-09: 249 matters held by the 18 original departments', async () => {
    const rows = await mattersAt('xian.yanliang', '2019-08-08T12:00:00+08:00');
    expect(rows).toHaveLength(249);
    expect(bodiesOf(rows).size).toBe(18);
    expect(bodiesOf(rows).has('xian.yanliang/approval-bureau')).toBe(false);
    for (const r of rows) {
      expect(r.authority.rollout).toBeUndefined();
      expect(r.authority.supervisingBody).toBe(r.authority.body);
    }
    // Before the tenant began there is no answer; after the move the bureau holds every one.
    expect(await mattersAt('xian.yanliang', '2018-12-31T12:00:00+08:00')).toHaveLength(0);
    const after = await mattersAt('xian.yanliang', '2019-08-10T12:00:00+08:00');
    expect(bodiesOf(after)).toEqual(new Set(['xian.yanliang/approval-bureau']));
  });

  it('Jiangning (001), July 2020: every sub-district’s 34 matters held by the 7 district departments', async () => {
    for (const tenant of ['nanjing.jiangning.dongshan', 'nanjing.jiangning.qilin']) {
      const rows = await mattersAt(tenant, '2020-07-31T12:00:00+08:00');
      expect(rows).toHaveLength(34);
      expect(bodiesOf(rows).size).toBe(7);
      for (const b of bodiesOf(rows)) expect(b).toMatch(/^nanjing\.jiangning\/[a-z-]+$/);
    }
    const after = await mattersAt('nanjing.jiangning.dongshan', '2020-08-02T12:00:00+08:00');
    expect(bodiesOf(after)).toEqual(new Set(['nanjing.jiangning.dongshan/convenience-centre']));
  });

  it('Linzi (003), March 2019: first batch, second batch and the stationed rest held by the 19 departments', async () => {
    const rows = await mattersAt('zibo.linzi', '2019-03-31T12:00:00+08:00');
    expect(rows).toHaveLength(3 + 111 + 3);
    expect(bodiesOf(rows).size).toBe(19);
    // After both batches, what was never moved stays with its department, stationed at the hall (R12).
    const after = await mattersAt('zibo.linzi', '2021-01-02T12:00:00+08:00');
    const moved = after.filter((r) => r.authority.body === 'zibo.linzi/approval-bureau');
    expect(moved).toHaveLength(3 + 111);
    const stayed = after.filter((r) => r.authority.body !== 'zibo.linzi/approval-bureau');
    expect(stayed).toHaveLength(3);
    for (const r of stayed) {
      expect(r.authority.mode).toBe('stationed');
      expect(r.authority.windowBody).toBe('zibo.linzi/approval-bureau');
    }
  });

  it('Anshan (002), December 2020: 126 matters held by the 13 departments and the resident agency', async () => {
    const rows = await mattersAt('anshan.gaoxin', '2020-12-31T12:00:00+08:00');
    expect(rows).toHaveLength(126);
    expect(bodiesOf(rows).size).toBe(14);
    expect(bodiesOf(rows).has('anshan.gaoxin/approval-bureau')).toBe(false);
  });

  it('a rollout ends the initial period forward-dated, the initial period itself unchanged', async () => {
    const [row] = await mattersAt('xian.yanliang', '2019-08-08T12:00:00+08:00');
    const res = await t.call(
      PLATFORM,
      'GET',
      `/v1/tenants/xian.yanliang/matters/${row?.code}/authority/history`,
    );
    expect(res.status).toBe(200);
    const [initial, moved] = res.body.items;
    expect(initial).toMatchObject({ from: '2018-12-31T16:00:00.000Z', to: '2019-08-08T16:00:00.000Z' });
    expect(initial.rollout).toBeUndefined();
    expect(moved).toMatchObject({ from: '2019-08-08T16:00:00.000Z', rollout: 'yanliang-2019-concentration' });
  });
});

describe('the empowered list published to society', () => {
  it('lists no empowered matter the day before Yanliang’s concentration and all 249 the day after', async () => {
    const before = await t.call(
      undefined,
      'GET',
      `/v1/public/xian.yanliang/empowered-matters?at=${encodeURIComponent('2019-08-08T12:00:00+08:00')}`,
    );
    expect(before.status).toBe(200);
    expect(before.body.items).toHaveLength(0);
    const after = await t.call(
      undefined,
      'GET',
      `/v1/public/xian.yanliang/empowered-matters?at=${encodeURIComponent('2019-08-10T12:00:00+08:00')}`,
    );
    expect(after.status).toBe(200);
    expect(after.body.tenant).toEqual({ id: 'xian.yanliang', name: '西安市阎良区' });
    expect(after.body.items).toHaveLength(249);
    expect(after.body.items[0]).toMatchObject({
      implementingBody: 'xian.yanliang/approval-bureau',
      implementingBodyName: '阎良区行政审批服务局',
      mode: 'transfer',
      from: '2019-08-08T16:00:00.000Z',
      rollout: 'yanliang-2019-concentration',
    });
  });

  it('publishes each of Linzi’s batches with the departments the matters leave', async () => {
    const res = await t.call(undefined, 'GET', '/v1/public/zibo.linzi/empowered-matters/changes');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { rollout: string }) => r.rollout)).toEqual([
      'linzi-2019-first-batch',
      'linzi-2020-second-batch',
    ]);
    const [first, second] = res.body.items;
    expect(first.matters).toHaveLength(3);
    expect(second.matters).toHaveLength(111);
    expect(new Set(second.matters.map((m: { fromBody: string }) => m.fromBody)).size).toBe(19);
    expect(second.matters[0]).toMatchObject({
      fromBody: 'zibo.linzi/united-front',
      fromBodyName: '临淄区委统战部（区政府侨务办公室）',
      toBody: 'zibo.linzi/approval-bureau',
      toBodyName: '临淄区行政审批服务局',
    });
  });

  it('answers 404 for a tenant that does not exist', async () => {
    const res = await t.call(undefined, 'GET', '/v1/public/xian.nowhere/empowered-matters');
    expect(res.status).toBe(404);
  });
});
