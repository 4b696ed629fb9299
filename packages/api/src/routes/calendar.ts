import {
  addWorkingDays,
  CALENDAR_YEARS,
  checkYearCalendar,
  cityOfTenant,
  DomainError,
  invalid,
  mergeCalendars,
  type YearCalendar,
} from '@onewindow/domain';
import {
  CalendarRepository,
  cityCalendarItem,
  keys,
  type Store,
  TenancyRepository,
  tenantCalendarItem,
} from '@onewindow/store';
import * as z from 'zod/mini';
import { cityAdmins, tenantAdmins, tenantStaff } from '../access-groups';
import { Problem } from '../problem';
import { defineRoute } from '../route';
import { date } from '../schemas';

const dates = z.array(date).check(z.maxLength(366));
/** A calendar year: rest days and make-up working weekends (调休上班). */
export const CalendarInput = z.strictObject({ holidays: dates, workdays: dates });
export const WorkingDaysQuery = z.strictObject({
  from: date,
  days: z.string().check(
    z.regex(/^\d{1,3}$/, { abort: true }),
    z.refine((v) => Number(v) >= 1 && Number(v) <= 365, { message: '应为 1–365 / must be 1–365' }),
  ),
});

/** The `:year` of a path: four digits within the years a calendar may be set for. */
function yearParam(raw: string | undefined): number {
  const year = /^\d{4}$/.test(raw ?? '') ? Number(raw) : Number.NaN;
  if (!(year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max)) {
    throw invalid(
      'year',
      `年份应为 ${CALENDAR_YEARS.min}–${CALENDAR_YEARS.max} 之间的四位数字`,
      `the year is four digits, ${CALENDAR_YEARS.min}–${CALENDAR_YEARS.max}`,
    );
  }
  return year;
}

const lists = (cal: YearCalendar) => ({ holidays: cal.holidays, workdays: cal.workdays });
const noCity = (city: string) => new DomainError('not-found', `城市“${city}”不存在`, `no city '${city}'`);
const noTenant = (tenant: string) =>
  new DomainError('not-found', `租户“${tenant}”不存在`, `no tenant '${tenant}'`);

async function requireTenant(store: Store, tenant: string): Promise<void> {
  if (!(await new TenancyRepository(store).tenant(tenant))) throw noTenant(tenant);
}

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
    handler: async ({ params, body, commit }) => {
      const city = params.city ?? '';
      const cal = checkYearCalendar(yearParam(params.year), body, 'city');
      return commit({
        action: 'calendar.city.set',
        target: `${city}/${cal.year}`,
        writes: [{ check: keys.city(city), exists: noCity(city) }, { put: cityCalendarItem(city, cal) }],
        response: { status: 200, body: { city, year: cal.year, source: 'city', ...lists(cal) } },
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/cities/:city/calendar/:year',
    tag: 'calendar',
    summary: '城市工作日历（未设置时为国家安排）',
    summaryEn: "Read a city's calendar for a year: the one it set, else the national schedule",
    access: { scope: 'city', roles: cityAdmins },
    success: 200,
    handler: async ({ deps, params }) => {
      const city = params.city ?? '';
      const year = yearParam(params.year);
      const [found, effective] = await Promise.all([
        new TenancyRepository(deps.store).city(city),
        new CalendarRepository(deps.store).effectiveCityYear(city, year),
      ]);
      if (!found) throw noCity(city);
      if (!effective) {
        throw new Problem('not-found', {
          detail: `${year} 年没有工作日历`,
          detailEn: `there is no calendar for ${year}`,
        });
      }
      return {
        status: 200,
        body: { city, year, source: effective.source, ...lists(effective.calendar) },
      };
    },
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
    handler: async ({ params, body, commit }) => {
      const tenant = params.tenant ?? '';
      const cal = checkYearCalendar(yearParam(params.year), body, 'override');
      return commit({
        action: 'calendar.tenant.set',
        target: `${tenant}/${cal.year}`,
        writes: [
          { check: keys.tenant(cityOfTenant(tenant), tenant), exists: noTenant(tenant) },
          { put: tenantCalendarItem(tenant, cal) },
        ],
        response: { status: 200, body: { tenant, year: cal.year, ...lists(cal) } },
      });
    },
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
    handler: async ({ deps, params, query }) => {
      const tenant = params.tenant ?? '';
      const [calendarFor] = await Promise.all([
        new CalendarRepository(deps.store).effectiveFor(tenant),
        requireTenant(deps.store, tenant),
      ]);
      const from = query.from ?? '';
      return { status: 200, body: { date: addWorkingDays(from, Number(query.days), calendarFor) } };
    },
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
    handler: async ({ deps, params }) => {
      const tenant = params.tenant ?? '';
      const year = yearParam(params.year);
      const repo = new CalendarRepository(deps.store);
      const [base, override] = await Promise.all([
        repo.effectiveCityYear(cityOfTenant(tenant), year),
        repo.tenantYear(tenant, year),
        requireTenant(deps.store, tenant),
      ]);
      if (!base) {
        throw new Problem('not-found', {
          detail: `${year} 年没有工作日历，请城市管理员先设置`,
          detailEn: `there is no calendar for ${year}; a city administrator must set it first`,
        });
      }
      const merged = mergeCalendars(base.calendar, override);
      return {
        status: 200,
        body: {
          tenant,
          year,
          source: base.source,
          ...lists(merged),
          ...(override ? { override: lists(override) } : {}),
        },
      };
    },
  }),
];
