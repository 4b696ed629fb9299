import {
  addWorkingDays,
  checkYearCalendar,
  cityOfTenant,
  DomainError,
  mergeCalendars,
  trackProvisional,
  type YearCalendar,
} from '@onewindow/domain';
import {
  CalendarRepository,
  type CalendarSource,
  calendarWrites,
  type Store,
  TenancyRepository,
} from '@onewindow/store';
import type { Invocation, Respond } from './context';

/** The days of a year as it is set or read: rest days and make-up working weekends (调休上班). */
export interface CalendarDays {
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
}

/**
 * `provisional`: no State Council notice was entered for the year, so its holidays are
 * the statutory ones alone (source `statutory`); bridges and make-up days may follow.
 */
export interface CityYearView extends CalendarDays {
  readonly city: string;
  readonly year: number;
  readonly source: CalendarSource;
  readonly provisional: boolean;
}

export interface TenantYearView extends CalendarDays {
  readonly tenant: string;
  readonly year: number;
  readonly source: CalendarSource;
  readonly provisional: boolean;
  /** The tenant's own adjustments, when it made any. */
  readonly override?: CalendarDays;
}

const daysOf = (cal: YearCalendar): CalendarDays => ({ holidays: cal.holidays, workdays: cal.workdays });
const noCity = (city: string) => new DomainError('not-found', `城市“${city}”不存在`, `no city '${city}'`);
const noTenant = (tenant: string) =>
  new DomainError('not-found', `租户“${tenant}”不存在`, `no tenant '${tenant}'`);

/**
 * The working-day calendars time limits run on: a city's years (else the national
 * schedule) and each tenant's overrides of them.
 */
export class CalendarService {
  private readonly calendars: CalendarRepository;
  private readonly tenancy: TenancyRepository;

  constructor(store: Store) {
    this.calendars = new CalendarRepository(store);
    this.tenancy = new TenancyRepository(store);
  }

  setCityYear(
    invocation: Invocation,
    city: string,
    year: number,
    days: CalendarDays,
    respond: Respond<CityYearView>,
  ) {
    const cal = checkYearCalendar(year, days, 'city');
    return invocation.commit({
      action: 'calendar.city.set',
      target: `${city}/${cal.year}`,
      writes: calendarWrites.setCity(city, cal, noCity(city)),
      response: respond({ city, year: cal.year, source: 'city', provisional: false, ...daysOf(cal) }),
    });
  }

  /** A city's calendar for a year: the one it set, else the national schedule, else the statutory one. */
  async cityYear(city: string, year: number): Promise<CityYearView> {
    const [found, effective] = await Promise.all([
      this.tenancy.city(city),
      this.calendars.effectiveCityYear(city, year),
    ]);
    if (!found) throw noCity(city);
    if (!effective) {
      throw new DomainError('not-found', `${year} 年没有工作日历`, `there is no calendar for ${year}`);
    }
    const { calendar, source } = effective;
    return { city, year, source, provisional: calendar.provisional === true, ...daysOf(calendar) };
  }

  setTenantYear(
    invocation: Invocation,
    tenant: string,
    year: number,
    days: CalendarDays,
    respond: Respond<{ tenant: string; year: number } & CalendarDays>,
  ) {
    const cal = checkYearCalendar(year, days, 'override');
    return invocation.commit({
      action: 'calendar.tenant.set',
      target: `${tenant}/${cal.year}`,
      writes: calendarWrites.setTenant(tenant, cal, noTenant(tenant)),
      response: respond({ tenant, year: cal.year, ...daysOf(cal) }),
    });
  }

  /**
   * The `days`-th working day after `from` on the tenant's calendar (`from` itself is not
   * counted), provisional when the count went through a year without an entered notice.
   */
  async workingDaysAfter(
    tenant: string,
    from: string,
    days: number,
  ): Promise<{ date: string; provisional: boolean }> {
    const [effective] = await Promise.all([this.calendars.effectiveFor(tenant), this.requireTenant(tenant)]);
    const { calendarFor, provisional } = trackProvisional(effective);
    const date = addWorkingDays(from, days, calendarFor);
    return { date, provisional: provisional() };
  }

  /** A tenant's effective year: its city's (or the national one) with its overrides on top. */
  async tenantYear(tenant: string, year: number): Promise<TenantYearView> {
    const [base, override] = await Promise.all([
      this.calendars.effectiveCityYear(cityOfTenant(tenant), year),
      this.calendars.tenantYear(tenant, year),
      this.requireTenant(tenant),
    ]);
    if (!base) {
      throw new DomainError('not-found', `${year} 年没有工作日历`, `there is no calendar for ${year}`);
    }
    return {
      tenant,
      year,
      source: base.source,
      provisional: base.calendar.provisional === true,
      ...daysOf(mergeCalendars(base.calendar, override)),
      ...(override ? { override: daysOf(override) } : {}),
    };
  }

  private async requireTenant(tenant: string): Promise<void> {
    if (!(await this.tenancy.tenant(tenant))) throw noTenant(tenant);
  }
}
