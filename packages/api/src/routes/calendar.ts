import { CALENDAR_YEARS, invalid } from '@onewindow/domain';
import { cityAdmins, tenantAdmins, tenantStaff } from '../access-groups';
import { defineRoute } from '../route';
import { CalendarInput, WorkingDaysQuery } from '../schemas';

/** The `:year` of a path: four digits within the years a calendar may be set for. */
function yearParam(raw: string): number {
  const year = /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max)) {
    throw invalid(
      'year',
      `年份应为 ${CALENDAR_YEARS.min}–${CALENDAR_YEARS.max} 之间的四位数字`,
      `the year is four digits, ${CALENDAR_YEARS.min}–${CALENDAR_YEARS.max}`,
    );
  }
  return year;
}

const ok = <T>(body: T) => ({ status: 200, body });

export const calendarRoutes = [
  defineRoute({
    method: 'put',
    path: '/v1/cities/:city/calendar/:year',
    tag: 'calendar',
    summary: '设置城市工作日历（法定节假日与调休上班日）',
    summaryEn: "Set a city's working-day calendar for a year (holidays and make-up working weekends)",
    access: { scope: 'city', roles: cityAdmins },
    body: CalendarInput,
    success: 200,
    handler: ({ services, invocation, params, body }) =>
      services.calendar.setCityYear(invocation, params.city, yearParam(params.year), body, ok),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/calendar/:year',
    tag: 'calendar',
    summary: '城市工作日历（未设置时为国家安排，未发布通知的年份按法定节假日暂定）',
    summaryEn:
      "Read a city's calendar for a year: the one it set, else the national schedule, else the statutory holidays (provisional)",
    access: { scope: 'city', roles: cityAdmins },
    success: 200,
    handler: async ({ services, params }) =>
      ok(await services.calendar.cityYear(params.city, yearParam(params.year))),
  }),
  defineRoute({
    method: 'put',
    path: '/v1/tenants/:tenant/calendar/:year',
    tag: 'calendar',
    summary: '设置本租户的日历调整（覆盖城市日历）',
    summaryEn: "Set a tenant's overrides of its city's calendar for a year",
    access: { scope: 'tenant', roles: tenantAdmins },
    body: CalendarInput,
    success: 200,
    handler: ({ services, invocation, params, body }) =>
      services.calendar.setTenantYear(invocation, params.tenant, yearParam(params.year), body, ok),
  }),
  // Before `/calendar/:year`, which would otherwise take `working-days` for a year.
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/calendar/working-days',
    tag: 'calendar',
    summary: '计算第 n 个工作日（起始日不计）',
    summaryEn: 'The n-th working day after a date on the tenant calendar (the start day is not counted)',
    access: { scope: 'tenant', roles: tenantStaff },
    query: WorkingDaysQuery,
    success: 200,
    handler: async ({ services, params, query }) =>
      ok(await services.calendar.workingDaysAfter(params.tenant, query.from, Number(query.days))),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/calendar/:year',
    tag: 'calendar',
    summary: '本租户的有效工作日历',
    summaryEn:
      "A tenant's effective calendar for a year: its city's (or the national one) with its overrides",
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ services, params }) =>
      ok(await services.calendar.tenantYear(params.tenant, yearParam(params.year))),
  }),
];
