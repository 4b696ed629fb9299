import { DomainError, invalid } from './errors';
import { statutoryHolidays } from './statutory';

/**
 * The working-day calendar (R9). A year lists its rest days that are not plain weekends
 * (`holidays`: 法定节假日 and the days off moved next to them, any day of the week) and its
 * make-up working weekends (`workdays`: 调休上班). Every other Monday–Friday is a working
 * day and every other Saturday and Sunday a rest day. Dates are `YYYY-MM-DD`, business
 * dates in Asia/Shanghai (DESIGN.md decision 5).
 *
 * The effective calendar of a tenant is its city's calendar for the year (or, when the
 * city has not set one, the national schedule of the State Council for 2019–2026, else
 * the statutory holidays the law fixes in advance, provisionally: `statutory.ts`) with the
 * tenant's overrides on top. A statutory holiday is never a working day (R17): a calendar
 * entered without one is refused, and the effective calendar always rests on them. Only
 * a year beyond 2100 has no calendar: time limits that reach into it fail loudly rather
 * than silently counting weekends only.
 */
export interface YearCalendar {
  readonly year: number;
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
  /**
   * Computed from the law alone, as no State Council notice for the year has been entered:
   * the statutory holidays are right, the bridges and make-up working days not yet known.
   */
  readonly provisional?: boolean;
}

/** The calendar of a year, or undefined when nobody has set one. */
export type CalendarFor = (year: number) => YearCalendar | undefined;

/** Years seeded from the State Council notices (国务院办公厅关于…部分节假日安排的通知). */
export const NATIONAL_YEARS = { first: 2019, last: 2026 } as const;
/** Years a city or tenant may set a calendar for, and that have statutory holidays (STATUTORY_YEARS). */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;
/** The most working days one computation may count (ten years' worth). */
export const MAX_WORKING_DAYS = 3660;

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const WEEKDAY_ZH = '日一二三四五六';

/** Days since 1970-01-01 of a real `YYYY-MM-DD` date; undefined for anything else (02-30 too). */
function dayOf(date: string): number | undefined {
  if (!DATE.test(date)) return undefined;
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  // Date.UTC rolls 02-30 over into March; only a real date reads back unchanged.
  return Number.isFinite(ms) && dateOf(ms / DAY_MS) === date ? ms / DAY_MS : undefined;
}

const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;
const isWeekendDay = (day: number): boolean => {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
};

/** True for a real calendar date written `YYYY-MM-DD`. */
export const isDate = (value: string): boolean => dayOf(value) !== undefined;

/** The date `days` calendar days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  const day = dayOf(date);
  if (day === undefined) throw badDate('date', date);
  return dateOf(day + days);
}

/**
 * The business date of an instant in Asia/Shanghai (UTC+8 all year, no daylight saving),
 * whatever the machine's time zone. A string must carry its offset: a local time without
 * one would be read in the machine's zone.
 */
export function shanghaiDate(instant: string | Date, field = 'at'): string {
  const ms =
    typeof instant === 'string'
      ? INSTANT.test(instant)
        ? Date.parse(instant)
        : Number.NaN
      : instant.getTime();
  if (!Number.isFinite(ms)) {
    throw invalid(
      field,
      '时间应为带时区偏移的 ISO-8601 格式，如 2024-10-08T09:00:00+08:00',
      'an instant is ISO-8601 with an offset, like 2024-10-08T09:00:00+08:00',
    );
  }
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

const badDate = (field: string, value: string) =>
  invalid(field, `“${value}”不是有效的日期（YYYY-MM-DD）`, `'${value}' is not a valid YYYY-MM-DD date`);

const sortedUnique = (dates: Iterable<string>): readonly string[] =>
  Object.freeze([...new Set(dates)].sort());

/**
 * Checks a calendar year as a city or a tenant sends it and returns it sorted, without
 * duplicates. Dates must be real and inside the year, and no date both a holiday and a
 * workday. In a city calendar a workday is a make-up working weekend, so a Monday–Friday
 * there is refused as a mistake (every official 调休上班 day is a Saturday or Sunday), and
 * the holidays must hold every statutory holiday of the year. In a tenant override a
 * Monday–Friday workday is allowed: it cancels the city's holiday on that date, which is
 * the only way for a tenant to work on one; never on a statutory holiday.
 */
export function checkYearCalendar(
  year: number,
  input: { readonly holidays: readonly string[]; readonly workdays: readonly string[] },
  kind: 'city' | 'override' = 'city',
): YearCalendar {
  if (!Number.isInteger(year) || year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) {
    throw invalid(
      'year',
      `年份应在 ${CALENDAR_YEARS.min}–${CALENDAR_YEARS.max} 之间`,
      `the year must be ${CALENDAR_YEARS.min}–${CALENDAR_YEARS.max}`,
    );
  }
  const check = (list: 'holidays' | 'workdays') =>
    input[list].forEach((date, i) => {
      const day = dayOf(date);
      if (day === undefined) throw badDate(`${list}.${i}`, date);
      if (yearOf(day) !== year) {
        throw invalid(`${list}.${i}`, `${date} 不在 ${year} 年内`, `${date} is not in ${year}`);
      }
      if (list === 'workdays' && kind === 'city' && !isWeekendDay(day)) {
        throw invalid(
          `${list}.${i}`,
          `调休上班日应为周六或周日，${date} 是周${WEEKDAY_ZH[weekdayOf(day)]}`,
          `a make-up working day falls on a Saturday or Sunday; ${date} is a weekday`,
        );
      }
    });
  check('holidays');
  check('workdays');
  const holidays = new Set(input.holidays);
  const statutory = statutoryHolidays(year) ?? [];
  input.workdays.forEach((date, i) => {
    const festival = statutory.find((s) => s.date === date);
    if (festival) {
      throw invalid(
        `workdays.${i}`,
        `${date}（${festival.zh}）是法定节假日，不能安排上班`,
        `${date} (${festival.en}) is a statutory holiday and cannot be a working day`,
      );
    }
    if (holidays.has(date)) {
      throw invalid(
        `workdays.${i}`,
        `${date} 不能既是放假日又是上班日`,
        `${date} cannot be both a holiday and a workday`,
      );
    }
  });
  // A notice omitting a statutory holiday is a transcription mistake: refused, naming the days.
  const missing = kind === 'city' ? statutory.filter((s) => !holidays.has(s.date)) : [];
  if (missing.length > 0) {
    throw invalid(
      'holidays',
      `放假日缺少法定节假日：${missing.map((s) => `${s.date}（${s.zh}）`).join('、')}`,
      `the holidays lack statutory holidays: ${missing.map((s) => `${s.date} (${s.en})`).join(', ')}`,
    );
  }
  return Object.freeze({
    year,
    holidays: sortedUnique(input.holidays),
    workdays: sortedUnique(input.workdays),
  });
}

/**
 * A calendar with a tenant's overrides on top: an override holiday cancels a base workday
 * on that date and an override workday cancels a base holiday, so the tenant always wins.
 */
export function mergeCalendars(base: YearCalendar, override: YearCalendar | undefined): YearCalendar {
  if (!override || (override.holidays.length === 0 && override.workdays.length === 0)) return base;
  if (override.year !== base.year) throw new Error(`merging ${override.year} into ${base.year}`);
  const offs = new Set(override.holidays);
  const ons = new Set(override.workdays);
  return withStatutory({
    year: base.year,
    holidays: sortedUnique([...base.holidays.filter((d) => !ons.has(d)), ...override.holidays]),
    workdays: sortedUnique([...base.workdays.filter((d) => !offs.has(d)), ...override.workdays]),
    ...(base.provisional ? { provisional: true } : {}),
  });
}

/**
 * The calendar with every statutory holiday of its year a rest day (R17), whatever it
 * said; the same object when it already holds them. Calendars entered before the rule
 * was checked at entry may lack one: this keeps them from ever counting it as worked.
 */
export function withStatutory(cal: YearCalendar): YearCalendar {
  const statutory = (statutoryHolidays(cal.year) ?? []).map((s) => s.date);
  const holidays = new Set(cal.holidays);
  if (statutory.every((d) => holidays.has(d))) return cal;
  const off = new Set(statutory);
  return Object.freeze({
    ...cal,
    holidays: sortedUnique([...cal.holidays, ...statutory]),
    workdays: Object.freeze(cal.workdays.filter((d) => !off.has(d))),
  });
}

const statutoryCache = new Map<number, YearCalendar>();

/**
 * The provisional calendar of a year no State Council notice was entered for: its
 * statutory holidays, no bridges, no make-up working days; undefined outside 2000–2100.
 */
export function statutoryCalendar(year: number): YearCalendar | undefined {
  let cal = statutoryCache.get(year);
  const days = cal ? undefined : statutoryHolidays(year);
  if (days) {
    cal = Object.freeze({
      year,
      holidays: sortedUnique(days.map((d) => d.date)),
      workdays: [],
      provisional: true,
    });
    statutoryCache.set(year, cal);
  }
  return cal;
}

/** `calendarFor`, telling afterwards whether any year it answered was provisional. */
export function trackProvisional(calendarFor: CalendarFor): {
  readonly calendarFor: CalendarFor;
  readonly provisional: () => boolean;
} {
  let provisional = false;
  return {
    calendarFor: (year) => {
      const cal = calendarFor(year);
      if (cal?.provisional) provisional = true;
      return cal;
    },
    provisional: () => provisional,
  };
}

/**
 * The national schedules, 2019–2026: per year the rest days off the plain weekend and the
 * make-up working days, as `MMDD` or `MMDD-MMDD` spans (both ends included). This is the
 * data of the `chinese-days` package (a dev dependency) in the shape of the State Council
 * notices, so a reviewer can read it against them and the Lambda bundle carries ~1 KB
 * instead of the package's 17 KB of JSON; `test/unit/calendar.test.ts` checks it day for
 * day against both the package and the notices. A date sits under the year it falls in:
 * the 2023 New Year holiday began on 2022-12-31. To add a year, append its notice here.
 */
const NATIONAL: Readonly<Record<number, readonly [holidays: string, workdays: string]>> = {
  2019: ['0101 0204-0210 0405-0407 0501-0504 0607-0609 0913-0915 1001-1007', '0202-0203 0428 0505 0929 1012'],
  2020: ['0101 0124-0202 0404-0406 0501-0505 0625-0627 1001-1008', '0119 0426 0509 0628 0927 1010'],
  2021: [
    '0101-0103 0211-0217 0403-0405 0501-0505 0612-0614 0919-0921 1001-1007',
    '0207 0220 0425 0508 0918 0926 1009',
  ],
  2022: [
    '0101-0103 0131-0206 0403-0405 0430-0504 0603-0605 0910-0912 1001-1007 1231',
    '0129-0130 0402 0424 0507 1008-1009',
  ],
  2023: ['0101-0102 0121-0127 0405 0429-0503 0622-0624 0929-1006', '0128-0129 0423 0506 0625 1007-1008'],
  2024: [
    '0101 0210-0217 0404-0406 0501-0505 0610 0915-0917 1001-1007',
    '0204 0218 0407 0428 0511 0914 0929 1012',
  ],
  2025: ['0101 0128-0204 0404-0406 0501-0505 0531-0602 1001-1008', '0126 0208 0427 0928 1011'],
  2026: [
    '0101-0103 0215-0223 0404-0406 0501-0505 0619-0621 0925-0927 1001-1007',
    '0104 0214 0228 0509 0920 1010',
  ],
};

/** Expands `MMDD` and `MMDD-MMDD` spans of one year into dates. */
function expandSpans(year: number, spans: string): string[] {
  const dateIn = (mmdd: string) => `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}`;
  return spans
    .split(' ')
    .filter(Boolean)
    .flatMap((span) => {
      const [a = '', b = a] = span.split('-');
      const first = dayOf(dateIn(a));
      const last = dayOf(dateIn(b));
      if (first === undefined || last === undefined || last < first)
        throw new Error(`bad span ${year} ${span}`);
      return Array.from({ length: last - first + 1 }, (_, i) => dateOf(first + i));
    });
}

const nationalCache = new Map<number, YearCalendar>();

/**
 * The national schedule for a year (国务院办公厅关于…部分节假日安排的通知), or undefined
 * outside 2019–2026.
 */
export function nationalCalendar(year: number): YearCalendar | undefined {
  const spans = NATIONAL[year];
  if (!spans) return undefined;
  let cal = nationalCache.get(year);
  if (!cal) {
    cal = checkYearCalendar(year, {
      holidays: expandSpans(year, spans[0]),
      workdays: expandSpans(year, spans[1]),
    });
    nationalCache.set(year, cal);
  }
  return cal;
}

interface Index {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}
const indexes = new WeakMap<YearCalendar, Index>();

function indexOf(cal: YearCalendar): Index {
  let index = indexes.get(cal);
  if (!index) {
    index = { holidays: new Set(cal.holidays), workdays: new Set(cal.workdays) };
    indexes.set(cal, index);
  }
  return index;
}

function worksOn(day: number, cal: YearCalendar): boolean {
  const date = dateOf(day);
  const index = indexOf(cal);
  if (index.holidays.has(date)) return false;
  if (index.workdays.has(date)) return true;
  return !isWeekendDay(day);
}

/** Whether `date` is a working day on `cal`, the calendar of the year `date` falls in. */
export function isWorkingDay(date: string, cal: YearCalendar): boolean {
  const day = dayOf(date);
  if (day === undefined) throw badDate('date', date);
  if (yearOf(day) !== cal.year) throw new Error(`${date} looked up in the calendar of ${cal.year}`);
  return worksOn(day, cal);
}

/** The calendar of each year a walk reaches, failing with `field` for a year that has none. */
function calendars(calendarFor: CalendarFor, fieldFor: (year: number) => string) {
  const seen = new Map<number, YearCalendar>();
  return (year: number): YearCalendar => {
    let cal = seen.get(year);
    if (!cal) {
      cal = calendarFor(year);
      if (!cal) {
        throw new DomainError(
          'validation',
          `${year} 年没有工作日历，无法计算工作日（可计算 ${CALENDAR_YEARS.min}–${CALENDAR_YEARS.max} 年）`,
          `there is no working-day calendar for ${year} (years ${CALENDAR_YEARS.min}–${CALENDAR_YEARS.max} have one)`,
          fieldFor(year),
        );
      }
      seen.set(year, cal);
    }
    return cal;
  };
}

/** Longest walk over the calendar, so a calendar without working days cannot loop for ever. */
const MAX_SPAN_DAYS = 40_000;

/**
 * The n-th working day after `from`: the start day is not counted, so one working day
 * after a Friday is the next Monday (when it is a working day). Zero working days after
 * `from` is `from` itself, whatever day it is. Walks into the following years as far as
 * it must; a year without a calendar is an error naming `from` (its own year) or `days`
 * (a later year the count reached), never a silent weekends-only count.
 */
export function addWorkingDays(from: string, n: number, calendarFor: CalendarFor): string {
  const start = dayOf(from);
  if (start === undefined) throw badDate('from', from);
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw invalid(
      'days',
      `工作日数应为 0–${MAX_WORKING_DAYS} 的整数`,
      `the number of working days is an integer 0–${MAX_WORKING_DAYS}`,
    );
  }
  const startYear = yearOf(start);
  const calendarOf = calendars(calendarFor, (year) => (year === startYear ? 'from' : 'days'));
  let day = start;
  for (let left = n; left > 0; ) {
    day += 1;
    if (day - start > MAX_SPAN_DAYS)
      throw invalid('days', '日历中工作日过少', 'the calendars have too few working days');
    if (worksOn(day, calendarOf(yearOf(day)))) left -= 1;
  }
  return dateOf(day);
}

/**
 * The number of working days in (from, to]: the start day is not counted and the end day
 * is. Negative, counting (to, from], when `to` is before `from`; so for any n,
 * `workingDaysBetween(from, addWorkingDays(from, n)) === n`. A year without a calendar is
 * an error naming `from` or `to`, whichever lies in it (`to` when neither does).
 */
export function workingDaysBetween(from: string, to: string, calendarFor: CalendarFor): number {
  const a = dayOf(from);
  if (a === undefined) throw badDate('from', from);
  const b = dayOf(to);
  if (b === undefined) throw badDate('to', to);
  if (Math.abs(b - a) > MAX_SPAN_DAYS) throw invalid('to', '日期跨度过大', 'the dates are too far apart');
  const calendarOf = calendars(calendarFor, (year) => (year === yearOf(a) ? 'from' : 'to'));
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  let count = 0;
  for (let day = lo + 1; day <= hi; day += 1) if (worksOn(day, calendarOf(yearOf(day)))) count += 1;
  return a <= b ? count : 0 - count; // never -0
}
