import { beforeAll, describe, expect, it } from 'vitest';
import { nationalCalendar, statutoryHolidays } from '../../packages/domain/src';
import { PLATFORM, seedTenancy, type TestApp, testApp } from '../support/app';

const NANJING_ADMIN = { sub: 'nj', roles: ['city-admin'], city: 'nanjing' };
const XIAN_ADMIN = { sub: 'xa', roles: ['city-admin'], city: 'xian' };
const DONGSHAN = 'nanjing.jiangning.dongshan';
const JIANGNING = 'nanjing.jiangning';
const DONGSHAN_ADMIN = { sub: 'ds-admin', roles: ['tenant-admin'], tenant: DONGSHAN };
const JIANGNING_ADMIN = { sub: 'jn-admin', roles: ['tenant-admin'], tenant: JIANGNING };
const CLERK = { sub: 'ds-clerk', roles: ['window-clerk'], tenant: DONGSHAN };
const YANLIANG_ADMIN = { sub: 'yl-admin', roles: ['tenant-admin'], tenant: 'xian.yanliang' };

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedTenancy(t);
});

const workingDays = (tenant: string, query: string, as: object = CLERK) =>
  t.call(as as typeof CLERK, 'GET', `/v1/tenants/${tenant}/calendar/working-days?${query}`);
const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);
const statutory = (year: number) => (statutoryHolidays(year) ?? []).map((d) => d.date);

describe('city calendars', () => {
  it('serves the national schedule for a year the city has not set', async () => {
    const res = await t.call(NANJING_ADMIN, 'GET', '/v1/cities/nanjing/calendar/2024');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ city: 'nanjing', year: 2024, source: 'national', provisional: false });
    expect(res.body.holidays).toEqual(nationalCalendar(2024)?.holidays);
    expect(res.body.workdays).toContain('2024-02-18');
  });

  it('serves a year without a notice as its statutory holidays, provisionally', async () => {
    const res = await t.call(NANJING_ADMIN, 'GET', '/v1/cities/nanjing/calendar/2030');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ city: 'nanjing', year: 2030, source: 'statutory', provisional: true });
    expect(res.body.holidays).toEqual(statutory(2030));
    expect(res.body.workdays).toEqual([]);
  });

  it('refuses a notice that leaves out a statutory holiday, naming the days', async () => {
    const res = await t.call(NANJING_ADMIN, 'PUT', '/v1/cities/nanjing/calendar/2027', {
      holidays: ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04'],
      workdays: ['2027-09-26'],
    });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['holidays']);
    expect(res.body.detail).toContain('2027-01-01（元旦）');
    expect(res.body.detail).toContain('2027-02-05（春节）');
    // Still provisional: nothing was stored.
    const get = await t.call(NANJING_ADMIN, 'GET', '/v1/cities/nanjing/calendar/2027');
    expect(get.body).toMatchObject({ source: 'statutory', provisional: true });
  });

  it('stores a year and serves it back as the city calendar, no longer provisional', async () => {
    // A 2027 schedule before the State Council publishes one (bridges for the test only).
    const cal = { holidays: [...statutory(2027), '2027-10-07', '2027-10-04'], workdays: ['2027-09-26'] };
    const put = await t.call(NANJING_ADMIN, 'PUT', '/v1/cities/nanjing/calendar/2027', cal);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ source: 'city', provisional: false });
    expect(put.body.holidays).toEqual([...cal.holidays].sort());
    const get = await t.call(PLATFORM, 'GET', '/v1/cities/nanjing/calendar/2027');
    expect(get.body).toMatchObject({
      source: 'city',
      provisional: false,
      year: 2027,
      workdays: ['2027-09-26'],
    });
    expect(get.body.holidays).toHaveLength(statutory(2027).length + 2);
  });

  it('answers 404 for a city that does not exist', async () => {
    expect((await t.call(PLATFORM, 'GET', '/v1/cities/suzhou/calendar/2024')).status).toBe(404);
    const put = await t.call(PLATFORM, 'PUT', '/v1/cities/suzhou/calendar/2024', {
      holidays: statutory(2024),
      workdays: [],
    });
    expect(put.status).toBe(404);
  });

  it('refuses a weekday as a make-up working day, naming the entry', async () => {
    const res = await t.call(NANJING_ADMIN, 'PUT', '/v1/cities/nanjing/calendar/2028', {
      holidays: [...statutory(2028), '2028-10-04'],
      workdays: ['2028-10-10'],
    });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('/problems/validation');
    expect(paths(res.body)).toEqual(['workdays.0']);
  });

  it('refuses a bad year, dates outside the year and unknown fields', async () => {
    for (const year of ['abcd', '1999', '2101', '20245']) {
      const res = await t.call(NANJING_ADMIN, 'PUT', `/v1/cities/nanjing/calendar/${year}`, {
        holidays: [],
        workdays: [],
      });
      expect(res.status, year).toBe(400);
      expect(paths(res.body), year).toEqual(['year']);
      const get = await t.call(NANJING_ADMIN, 'GET', `/v1/cities/nanjing/calendar/${year}`);
      expect(paths(get.body), year).toEqual(['year']);
    }
    const outside = await t.call(NANJING_ADMIN, 'PUT', '/v1/cities/nanjing/calendar/2028', {
      holidays: ['2028-01-01', '2029-01-01'],
      workdays: [],
    });
    expect(paths(outside.body)).toEqual(['holidays.1']);
    const unknown = await t.call(NANJING_ADMIN, 'PUT', '/v1/cities/nanjing/calendar/2028', {
      holidays: [],
      workdays: [],
      names: {},
    });
    expect(paths(unknown.body)).toEqual(['names']);
  });

  it('keeps a city administrator to their own city', async () => {
    const res = await t.call(XIAN_ADMIN, 'PUT', '/v1/cities/nanjing/calendar/2027', {
      holidays: [],
      workdays: [],
    });
    expect(res.status).toBe(404);
  });
});

describe('working days', () => {
  it('counts on the national calendar when neither city nor tenant changed it', async () => {
    // From Friday 2024-09-27: Sun 09-29 (make-up) 1, 09-30 2, National Day, 10-08 3, 10-09 4, 10-10 5.
    const res = await workingDays(DONGSHAN, 'from=2024-09-27&days=5');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ date: '2024-10-10', provisional: false });
  });

  it('crosses a year boundary', async () => {
    // 2026-01-01..03 are the New Year holiday and Sunday 01-04 is worked.
    expect((await workingDays(DONGSHAN, 'from=2025-12-31&days=1')).body).toEqual({
      date: '2026-01-04',
      provisional: false,
    });
    // Into 2027, which nanjing has set: 2026-12-31 (Thu) 1, 2027-01-01 (Fri) 元旦, 01-04 (Mon) 2.
    expect((await workingDays(DONGSHAN, 'from=2026-12-30&days=2')).body).toEqual({
      date: '2027-01-04',
      provisional: false,
    });
  });

  it('follows a tenant override, for that tenant only', async () => {
    // Jiangning closes on Monday 2024-09-30 and works on the holiday Monday 2024-10-07.
    const put = await t.call(JIANGNING_ADMIN, 'PUT', `/v1/tenants/${JIANGNING}/calendar/2024`, {
      holidays: ['2024-09-30'],
      workdays: ['2024-10-07'],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await workingDays(JIANGNING, 'from=2024-09-27&days=2', JIANGNING_ADMIN)).body).toEqual({
      date: '2024-10-07',
      provisional: false,
    });
    // Dongshan (a sub-district of Jiangning) keeps the city calendar: Sun 09-29, Mon 09-30.
    expect((await workingDays(DONGSHAN, 'from=2024-09-27&days=2')).body).toEqual({
      date: '2024-09-30',
      provisional: false,
    });

    const merged = await t.call(JIANGNING_ADMIN, 'GET', `/v1/tenants/${JIANGNING}/calendar/2024`);
    expect(merged.body).toMatchObject({
      tenant: JIANGNING,
      year: 2024,
      source: 'national',
      provisional: false,
    });
    expect(merged.body.holidays).toContain('2024-09-30');
    expect(merged.body.holidays).not.toContain('2024-10-07');
    expect(merged.body.workdays).toContain('2024-10-07');
    expect(merged.body.override).toEqual({ holidays: ['2024-09-30'], workdays: ['2024-10-07'] });
  });

  it('follows a city calendar that replaces the national one', async () => {
    // Xi'an works on 2026-01-02 (a national holiday) in its own 2026 calendar.
    const national = nationalCalendar(2026);
    const put = await t.call(XIAN_ADMIN, 'PUT', '/v1/cities/xian/calendar/2026', {
      holidays: national?.holidays.filter((d) => d !== '2026-01-02'),
      workdays: national?.workdays,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const res = await workingDays('xian.yanliang', 'from=2025-12-31&days=1', YANLIANG_ADMIN);
    expect(res.body).toEqual({ date: '2026-01-02', provisional: false });
    const cal = await t.call(YANLIANG_ADMIN, 'GET', '/v1/tenants/xian.yanliang/calendar/2026');
    expect(cal.body).toMatchObject({ source: 'city' });
    expect(cal.body.override).toBeUndefined();
  });

  it('counts into a year without a notice on its statutory holidays, provisionally', async () => {
    // Xi'an has no 2027: Thu 2026-12-31 (1), 2027-01-01 元旦, Mon 01-04 (2).
    const later = await workingDays('xian.yanliang', 'from=2026-12-30&days=2', YANLIANG_ADMIN);
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    expect(later.body).toEqual({ date: '2027-01-04', provisional: true });
    // Spring Festival 2031 (除夕 Wed 01-22 to 初三 Sat 01-25): Mon 01-20 (1), Tue 01-21 (2), Mon 01-27 (3).
    const spring = await workingDays(DONGSHAN, 'from=2031-01-17&days=3');
    expect(spring.body).toEqual({ date: '2031-01-27', provisional: true });
    // The tenant's calendar of the year says so too.
    const year = await t.call(YANLIANG_ADMIN, 'GET', '/v1/tenants/xian.yanliang/calendar/2027');
    expect(year.body).toMatchObject({ source: 'statutory', provisional: true });
    expect(year.body.holidays).toEqual(statutory(2027));
  });

  it('answers 400 naming from or days only beyond 2100', async () => {
    const later = await workingDays(DONGSHAN, 'from=2100-12-30&days=2');
    expect(later.status).toBe(400);
    expect(paths(later.body)).toEqual(['days']);
    expect(later.body.detailEn).toMatch(/no working-day calendar for 2101/);
  });

  it('validates from and days', async () => {
    const cases: [string, string][] = [
      ['from=2024-02-30&days=1', 'from'],
      ['from=2024/02/01&days=1', 'from'],
      ['days=1', 'from'],
      ['from=2024-02-01&days=0', 'days'],
      ['from=2024-02-01&days=366', 'days'],
      ['from=2024-02-01&days=1000', 'days'],
      ['from=2024-02-01&days=-1', 'days'],
      ['from=2024-02-01&days=two', 'days'],
      ['from=2024-02-01', 'days'],
      ['from=2024-02-01&days=1&tz=utc', 'tz'],
    ];
    for (const [query, field] of cases) {
      const res = await workingDays(DONGSHAN, query);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type'), query).toMatch(/^application\/problem\+json/);
      expect(paths(res.body), query).toEqual([field]);
    }
  });
});

describe('tenant calendars and access', () => {
  it('lets any staff of the tenant read, but only administrators write', async () => {
    expect((await workingDays(DONGSHAN, 'from=2024-02-09&days=1')).body).toEqual({
      date: '2024-02-18',
      provisional: false,
    });
    expect((await t.call(CLERK, 'GET', `/v1/tenants/${DONGSHAN}/calendar/2024`)).status).toBe(200);
    const put = await t.call(CLERK, 'PUT', `/v1/tenants/${DONGSHAN}/calendar/2024`, {
      holidays: [],
      workdays: [],
    });
    expect(put.status).toBe(403);
    expect(put.body.type).toBe('/problems/forbidden');
  });

  it('hides a tenant from another tenant', async () => {
    for (const path of [
      `/v1/tenants/${DONGSHAN}/calendar/working-days?from=2024-02-09&days=1`,
      `/v1/tenants/${DONGSHAN}/calendar/2024`,
    ]) {
      expect((await t.call(YANLIANG_ADMIN, 'GET', path)).status).toBe(404);
    }
    const put = await t.call(YANLIANG_ADMIN, 'PUT', `/v1/tenants/${DONGSHAN}/calendar/2024`, {
      holidays: [],
      workdays: [],
    });
    expect(put.status).toBe(404);
  });

  it('answers 404 for a tenant that does not exist', async () => {
    const path = '/v1/tenants/nanjing.gulou/calendar';
    expect((await t.call(PLATFORM, 'GET', `${path}/working-days?from=2024-02-09&days=1`)).status).toBe(404);
    expect((await t.call(PLATFORM, 'GET', `${path}/2024`)).status).toBe(404);
    expect((await t.call(PLATFORM, 'PUT', `${path}/2024`, { holidays: [], workdays: [] })).status).toBe(404);
  });

  it('refuses an override that works on a statutory holiday, naming the entry', async () => {
    const res = await t.call(DONGSHAN_ADMIN, 'PUT', `/v1/tenants/${DONGSHAN}/calendar/2027`, {
      holidays: [],
      workdays: ['2027-02-09', '2027-02-05'],
    });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['workdays.1']);
    expect(res.body.detail).toContain('春节');
  });

  it('lets a tenant adjust a provisional year, which stays provisional', async () => {
    const put = await t.call(DONGSHAN_ADMIN, 'PUT', `/v1/tenants/${DONGSHAN}/calendar/2032`, {
      holidays: ['2032-10-04'],
      workdays: [],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const get = await t.call(DONGSHAN_ADMIN, 'GET', `/v1/tenants/${DONGSHAN}/calendar/2032`);
    expect(get.body).toMatchObject({ source: 'statutory', provisional: true });
    expect(get.body.holidays).toEqual([...statutory(2032), '2032-10-04'].sort());
    expect(get.body.override).toEqual({ holidays: ['2032-10-04'], workdays: [] });
  });

  it('refuses an override with a date both off and worked', async () => {
    const res = await t.call(DONGSHAN_ADMIN, 'PUT', `/v1/tenants/${DONGSHAN}/calendar/2024`, {
      holidays: ['2024-10-08'],
      workdays: ['2024-10-08'],
    });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['workdays.0']);
  });
});
