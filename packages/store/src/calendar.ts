import {
  type CalendarFor,
  cityOfTenant,
  type DomainError,
  mergeCalendars,
  nationalCalendar,
  statutoryCalendar,
  withStatutory,
  type YearCalendar,
} from '@onewindow/domain';
import { cityPk, keys, tenantPk } from './keys';
import type { Store, Write } from './store';
import { entityOf } from './tenancy';

/**
 * Calendar years live in the partition of their owner: a city's calendar under `C#<city>`,
 * a tenant's overrides under `T#<tenant>`, each year one item `CAL#<year>` (four-digit
 * years, so the sort key orders them).
 */
export const calendarKeys = {
  city: (city: string, year: number) => ({ pk: cityPk(city), sk: `CAL#${year}` }),
  tenant: (tenant: string, year: number) => ({ pk: tenantPk(tenant), sk: `CAL#${year}` }),
} as const;

const CAL_PREFIX = 'CAL#';

const calendarOf = (item: Record<string, unknown>): YearCalendar => {
  const { year, holidays, workdays } = entityOf<YearCalendar>(item);
  return { year, holidays, workdays };
};

export const cityCalendarItem = (city: string, cal: YearCalendar) => ({
  ...calendarKeys.city(city, cal.year),
  entity: 'city-calendar',
  city,
  year: cal.year,
  holidays: [...cal.holidays],
  workdays: [...cal.workdays],
});

export const tenantCalendarItem = (tenant: string, cal: YearCalendar) => ({
  ...calendarKeys.tenant(tenant, cal.year),
  entity: 'tenant-calendar',
  tenant,
  year: cal.year,
  holidays: [...cal.holidays],
  workdays: [...cal.workdays],
});

/** The writes that set a calendar year, each only while its owner exists (`missing` otherwise). */
export const calendarWrites = {
  setCity: (city: string, cal: YearCalendar, missing: DomainError): Write[] => [
    { check: keys.city(city), exists: missing },
    { put: cityCalendarItem(city, cal) },
  ],
  setTenant: (tenant: string, cal: YearCalendar, missing: DomainError): Write[] => [
    { check: keys.tenant(cityOfTenant(tenant), tenant), exists: missing },
    { put: tenantCalendarItem(tenant, cal) },
  ],
};

/**
 * Where the base of an effective calendar came from: the city's entered notice, the State
 * Council notice the product carries, or (provisionally) the statutory holidays alone.
 */
export type CalendarSource = 'city' | 'national' | 'statutory';

export interface EffectiveYear {
  readonly calendar: YearCalendar;
  readonly source: CalendarSource;
}

/** Reads of the working-day calendars: GetItems and single-partition Queries only. */
export class CalendarRepository {
  constructor(private readonly store: Store) {}

  async cityYear(city: string, year: number): Promise<YearCalendar | undefined> {
    const item = await this.store.get(calendarKeys.city(city, year));
    return item && calendarOf(item);
  }

  async tenantYear(tenant: string, year: number): Promise<YearCalendar | undefined> {
    const item = await this.store.get(calendarKeys.tenant(tenant, year));
    return item && calendarOf(item);
  }

  /** Every year a city has set, by year (one Query). */
  async cityYears(city: string): Promise<ReadonlyMap<number, YearCalendar>> {
    return byYear(await this.store.queryPrefix(cityPk(city), CAL_PREFIX));
  }

  /** Every year a tenant has overridden, by year (one Query). */
  async tenantYears(tenant: string): Promise<ReadonlyMap<number, YearCalendar>> {
    return byYear(await this.store.queryPrefix(tenantPk(tenant), CAL_PREFIX));
  }

  /** A city's calendar for a year: the one it set, else the national schedule, else the statutory one. */
  async effectiveCityYear(city: string, year: number): Promise<EffectiveYear | undefined> {
    return baseOf(await this.cityYear(city, year), year);
  }

  /**
   * The calendars a tenant's time limits run on, for every year, from two Queries: its
   * city's year (else the national one, else the provisional statutory one) with the
   * tenant's overrides merged on top. Only a year beyond 2100 has none.
   */
  async effectiveFor(tenant: string): Promise<CalendarFor> {
    const [city, own] = await Promise.all([this.cityYears(cityOfTenant(tenant)), this.tenantYears(tenant)]);
    const merged = new Map<number, YearCalendar | undefined>();
    return (year) => {
      if (!merged.has(year)) {
        const base = baseOf(city.get(year), year);
        merged.set(year, base && mergeCalendars(base.calendar, own.get(year)));
      }
      return merged.get(year);
    };
  }
}

function baseOf(stored: YearCalendar | undefined, year: number): EffectiveYear | undefined {
  if (stored) return { calendar: withStatutory(stored), source: 'city' };
  const national = nationalCalendar(year);
  if (national) return { calendar: national, source: 'national' };
  const statutory = statutoryCalendar(year);
  return statutory && { calendar: statutory, source: 'statutory' };
}

function byYear(items: Record<string, unknown>[]): ReadonlyMap<number, YearCalendar> {
  return new Map(items.map((i) => calendarOf(i)).map((c) => [c.year, c]));
}
