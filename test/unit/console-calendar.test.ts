import { describe, expect, it } from 'vitest';
import { statutoryHolidays } from '../../packages/domain/src';
import { consoleHarness, recordingApi } from '../support/console';

const TENANT = 'nanjing.jiangning.dongshan';
const T = `/console/tenants/${TENANT}`;
const ADMIN = { sub: 'admin', name: '周洁', roles: ['tenant-admin'], tenant: TENANT };

/** A stand-in API: 2026 from the State Council's notice, 2027 from the law alone. */
function setup() {
  const { api, asApi } = recordingApi();
  api.get('/v1/tenants/:t', (c) => c.json({ id: c.req.param('t'), name: '江宁区东山街道' }));
  api.get('/v1/tenants/:t/calendar/working-days', (c) =>
    c.json({ date: '2027-01-04', provisional: c.req.query('from') === '2026-12-30' }),
  );
  api.get('/v1/tenants/:t/calendar/:year', (c) => {
    const year = Number(c.req.param('year'));
    const provisional = year > 2026;
    return c.json({
      tenant: c.req.param('t'),
      year,
      source: provisional ? 'statutory' : 'national',
      provisional,
      holidays: (statutoryHolidays(year) ?? []).map((d) => d.date),
      workdays: [],
    });
  });
  return consoleHarness(asApi(), [ADMIN]);
}

describe('the calendar page', () => {
  it('says a year without an entered notice is provisional, and a year with one is not', async () => {
    const { signIn, request } = setup();
    await signIn(ADMIN.sub, T);
    const y2027 = await (await request(`${T}/calendar?year=2027`)).text();
    expect(y2027).toContain('法定节假日：节假日 13 天');
    expect(y2027).toContain('暂定：该年尚未录入国务院办公厅放假安排通知');
    const y2026 = await (await request(`${T}/calendar?year=2026`)).text();
    expect(y2026).toContain('国务院办公厅安排');
    expect(y2026).not.toContain('暂定');
    const en = await (await request(`${T}/calendar?year=2027&lang=en`)).text();
    expect(en).toContain('Provisional: no State Council holiday notice has been entered');
  });

  it('marks a count that crossed a provisional year', async () => {
    const { signIn, request } = setup();
    await signIn(ADMIN.sub, T);
    const crossed = await (await request(`${T}/calendar?year=2026&from=2026-12-30&days=2`)).text();
    expect(crossed).toContain('2026-12-30 之后第 2 个工作日是 2027-01-04（起始日不计）。（暂定');
    const settled = await (await request(`${T}/calendar?year=2026&from=2026-12-29&days=2`)).text();
    expect(settled).not.toContain('（暂定');
  });
});
