import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi } from '../support/console';

/** The public empowered list page (seeds 000, 003: 对外公布): no sign-in, a date, and each batch's changes. */
function setup() {
  const { api, seen, asApi } = recordingApi();
  api.get('/v1/public/:t/empowered-matters', (c) =>
    c.json({
      tenant: { id: c.req.param('t'), name: '西安市阎良区' },
      at: '2019-08-10T15:59:59.000Z',
      items: [
        {
          code: '000101001000',
          name: '企业投资项目核准',
          type: 'licence',
          implementingBody: 'xian.yanliang/approval-bureau',
          implementingBodyName: '阎良区行政审批服务局',
          mode: 'transfer',
          from: '2019-08-08T16:00:00.000Z',
          rollout: 'yanliang-2019-concentration',
        },
      ],
    }),
  );
  api.get('/v1/public/:t/empowered-matters/changes', (c) =>
    c.json({
      tenant: { id: c.req.param('t'), name: '西安市阎良区' },
      items: [
        {
          rollout: 'yanliang-2019-concentration',
          name: '阎良区相对集中行政许可权改革划转事项',
          effectiveAt: '2019-08-08T16:00:00.000Z',
          status: 'applied',
          mode: 'transfer',
          matters: [
            {
              code: '000101001000',
              name: '企业投资项目核准',
              fromBody: 'xian.yanliang/development-reform',
              fromBodyName: '阎良区发展和改革委员会',
              toBody: 'xian.yanliang/approval-bureau',
              toBodyName: '阎良区行政审批服务局',
            },
          ],
        },
      ],
    }),
  );
  return { seen, ...consoleHarness(asApi(), []) };
}

describe('the published empowered list page', () => {
  it('asks the API for the list at the end of the chosen Beijing day and shows each batch with the bodies', async () => {
    const { request, seen } = setup();
    const res = await request('/console/public/xian.yanliang/empowered?date=2019-08-10');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(seen.find((r) => r.path === '/v1/public/xian.yanliang/empowered-matters')?.query).toBe(
      `?at=${encodeURIComponent('2019-08-10T23:59:59+08:00')}`,
    );
    expect(html).toContain('西安市阎良区赋权事项清单');
    expect(html).toContain('阎良区行政审批服务局');
    expect(html).toContain('2019-08-09');
    expect(html).toContain('阎良区相对集中行政许可权改革划转事项（2019-08-09 起，1 项）');
    expect(html).toContain('阎良区发展和改革委员会');
  });
});
