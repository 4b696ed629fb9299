import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  type CalendarFor,
  checkYearCalendar,
  DomainError,
  isWorkingDay,
  mergeCalendars,
  NATIONAL_YEARS,
  nationalCalendar,
  shanghaiDate,
  statutoryHolidays,
  workingDaysBetween,
  type YearCalendar,
} from '../../packages/domain/src';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.field;
    throw error;
  }
  return undefined;
};

/** Every date from `from` to `to`, both included. */
function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * The schedules as the State Council published them (国务院办公厅关于<year>年部分节假日
 * 安排的通知), written out here from the notices, independently of the library: each
 * holiday span "放假" inclusive, and the "上班" days. Dates are filed under the year they
 * fall in, as the calendar keeps them.
 */
const NOTICES: Record<number, { holidays: string[][]; workdays: string[] }> = {
  // 2019 notice (2018-12), with the May Day change of 国务院办公厅关于调整2019年劳动节假期安排的通知
  // (2019-03: 5/1–5/4 off, 4/28 and 5/5 worked). 2019's New Year span began on 2018-12-30.
  2019: {
    holidays: [
      ['2019-01-01', '2019-01-01'],
      ['2019-02-04', '2019-02-10'],
      ['2019-04-05', '2019-04-07'],
      ['2019-05-01', '2019-05-04'],
      ['2019-06-07', '2019-06-09'],
      ['2019-09-13', '2019-09-15'],
      ['2019-10-01', '2019-10-07'],
    ],
    workdays: ['2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12'],
  },
  // 2020 notice (2019-11) with 国办发明电〔2020〕1号 (COVID-19): the Spring Festival holiday
  // extended to 2020-02-02, so Saturday 02-01 is no longer a make-up working day.
  2020: {
    holidays: [
      ['2020-01-01', '2020-01-01'],
      ['2020-01-24', '2020-02-02'],
      ['2020-04-04', '2020-04-06'],
      ['2020-05-01', '2020-05-05'],
      ['2020-06-25', '2020-06-27'],
      ['2020-10-01', '2020-10-08'],
    ],
    workdays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  },
  2021: {
    holidays: [
      ['2021-01-01', '2021-01-03'],
      ['2021-02-11', '2021-02-17'],
      ['2021-04-03', '2021-04-05'],
      ['2021-05-01', '2021-05-05'],
      ['2021-06-12', '2021-06-14'],
      ['2021-09-19', '2021-09-21'],
      ['2021-10-01', '2021-10-07'],
    ],
    workdays: [
      '2021-02-07',
      '2021-02-20',
      '2021-04-25',
      '2021-05-08',
      '2021-09-18',
      '2021-09-26',
      '2021-10-09',
    ],
  },
  // 2022-12-31 opens the 2023 New Year holiday (2023 notice: 12/31–1/2).
  2022: {
    holidays: [
      ['2022-01-01', '2022-01-03'],
      ['2022-01-31', '2022-02-06'],
      ['2022-04-03', '2022-04-05'],
      ['2022-04-30', '2022-05-04'],
      ['2022-06-03', '2022-06-05'],
      ['2022-09-10', '2022-09-12'],
      ['2022-10-01', '2022-10-07'],
      ['2022-12-31', '2022-12-31'],
    ],
    workdays: [
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-04-24',
      '2022-05-07',
      '2022-10-08',
      '2022-10-09',
    ],
  },
  2023: {
    holidays: [
      ['2023-01-01', '2023-01-02'],
      ['2023-01-21', '2023-01-27'],
      ['2023-04-05', '2023-04-05'],
      ['2023-04-29', '2023-05-03'],
      ['2023-06-22', '2023-06-24'],
      ['2023-09-29', '2023-10-06'],
    ],
    workdays: [
      '2023-01-28',
      '2023-01-29',
      '2023-04-23',
      '2023-05-06',
      '2023-06-25',
      '2023-10-07',
      '2023-10-08',
    ],
  },
  // Spring Festival 02-10..02-17 with Sundays 02-04 and 02-18 worked.
  2024: {
    holidays: [
      ['2024-01-01', '2024-01-01'],
      ['2024-02-10', '2024-02-17'],
      ['2024-04-04', '2024-04-06'],
      ['2024-05-01', '2024-05-05'],
      ['2024-06-10', '2024-06-10'],
      ['2024-09-15', '2024-09-17'],
      ['2024-10-01', '2024-10-07'],
    ],
    workdays: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  // 国办发明电〔2024〕12号, the first under the revised 全国年节及纪念日放假办法 (2 more days).
  2025: {
    holidays: [
      ['2025-01-01', '2025-01-01'],
      ['2025-01-28', '2025-02-04'],
      ['2025-04-04', '2025-04-06'],
      ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'],
      ['2025-10-01', '2025-10-08'],
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  // The 2026 notice of 2025-11-04 (Xinhua's full text): 元旦 1/1–1/3, 1/4 (Sun) worked;
  // 春节 2/15–2/23, 2/14 and 2/28 (Sat) worked; 清明 4/4–4/6; 劳动节 5/1–5/5, 5/9 worked;
  // 端午 6/19–6/21; 中秋 9/25–9/27; 国庆 10/1–10/7, 9/20 (Sun) and 10/10 (Sat) worked.
  2026: {
    holidays: [
      ['2026-01-01', '2026-01-03'],
      ['2026-02-15', '2026-02-23'],
      ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'],
      ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

const national: CalendarFor = nationalCalendar;
const statutoryOf = (year: number) => (statutoryHolidays(year) ?? []).map((d) => d.date);

describe('the national calendar against the State Council notices', () => {
  it.each(Object.entries(NOTICES))('%s matches the notice day for day', (year, notice) => {
    const cal = nationalCalendar(Number(year));
    expect(cal).toBeDefined();
    expect(cal?.holidays).toEqual(notice.holidays.flatMap(([a, b]) => span(a ?? '', b ?? '')).sort());
    expect(cal?.workdays).toEqual([...notice.workdays].sort());
  });

  it('holds the data of the chinese-days package, day for day', () => {
    const load = createRequire(import.meta.url);
    const byYear = new Map<number, { holidays: string[]; workdays: string[] }>();
    for (let y = NATIONAL_YEARS.first; y <= NATIONAL_YEARS.last; y++) {
      const data = load(`chinese-days/dist/years/${y}.json`) as Record<'holidays' | 'workdays', object>;
      for (const list of ['holidays', 'workdays'] as const) {
        for (const date of Object.keys(data[list])) {
          const entry = byYear.get(Number(date.slice(0, 4))) ?? { holidays: [], workdays: [] };
          entry[list].push(date);
          byYear.set(Number(date.slice(0, 4)), entry);
        }
      }
    }
    expect([...byYear.keys()].sort()).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const [year, lists] of byYear) {
      expect(nationalCalendar(year), String(year)).toEqual({
        year,
        holidays: lists.holidays.sort(),
        workdays: lists.workdays.sort(),
      });
    }
  });

  it('covers 2019–2026 and nothing else', () => {
    expect(nationalCalendar(NATIONAL_YEARS.first - 1)).toBeUndefined();
    expect(nationalCalendar(NATIONAL_YEARS.last + 1)).toBeUndefined();
    for (let y = NATIONAL_YEARS.first; y <= NATIONAL_YEARS.last; y++) {
      const cal = nationalCalendar(y);
      // Each year is a valid city calendar: make-up working days all on weekends.
      expect(cal && checkYearCalendar(y, cal, 'city')).toEqual(cal);
    }
  });

  it('knows the 2020 Spring Festival extension (国办发明电〔2020〕1号)', () => {
    const cal = nationalCalendar(2020) as YearCalendar;
    expect(isWorkingDay('2020-01-31', cal)).toBe(false);
    expect(isWorkingDay('2020-02-01', cal)).toBe(false); // was a make-up Saturday before the extension
    expect(isWorkingDay('2020-02-02', cal)).toBe(false);
    expect(isWorkingDay('2020-02-03', cal)).toBe(true);
    expect(addWorkingDays('2020-01-23', 1, national)).toBe('2020-02-03');
  });

  it('knows the make-up working Sundays of 2024 and 2025', () => {
    const y2024 = nationalCalendar(2024) as YearCalendar;
    const y2025 = nationalCalendar(2025) as YearCalendar;
    for (const d of ['2024-02-04', '2024-02-18']) expect(isWorkingDay(d, y2024)).toBe(true);
    for (const d of ['2025-01-26', '2025-02-08', '2025-09-28', '2025-10-11'])
      expect(isWorkingDay(d, y2025)).toBe(true);
    for (const d of span('2025-10-01', '2025-10-08')) expect(isWorkingDay(d, y2025)).toBe(false);
    // Spring Festival 2024 ends on Saturday 02-17; Sunday 02-18 is worked.
    expect(addWorkingDays('2024-02-09', 1, national)).toBe('2024-02-18');
  });
});

describe('addWorkingDays', () => {
  it('counts from the day after the start, across National Day 2024', () => {
    // From Friday 2024-09-27 (not counted): Sat 09-28 rest; Sun 09-29 make-up working day (1);
    // Mon 09-30 (2); 10-01..10-07 National Day; Tue 10-08 (3), Wed 10-09 (4), Thu 10-10 (5).
    // So the answer is 2024-10-10, not 10-11: the make-up Sunday 09-29 counts.
    expect(addWorkingDays('2024-09-27', 5, national)).toBe('2024-10-10');
    expect(workingDaysBetween('2024-09-27', '2024-10-11', national)).toBe(6);
  });

  it('crosses a year boundary onto the make-up Sunday of 2026-01-04', () => {
    expect(addWorkingDays('2025-12-31', 1, national)).toBe('2026-01-04');
    expect(addWorkingDays('2025-12-30', 2, national)).toBe('2026-01-04');
  });

  it('returns the start date for zero days, even on a holiday', () => {
    expect(addWorkingDays('2024-10-01', 0, national)).toBe('2024-10-01');
  });

  it('names the field that led into a year without a calendar', () => {
    // 2026-12-31 is a Thursday (1); the second working day needs 2027, which has no calendar.
    expect(fieldOf(() => addWorkingDays('2026-12-30', 2, national))).toBe('days');
    expect(fieldOf(() => addWorkingDays('2026-12-30', 1, national))).toBeUndefined();
    expect(fieldOf(() => addWorkingDays('2027-03-01', 1, national))).toBe('from');
    expect(fieldOf(() => addWorkingDays('2018-12-28', 1, national))).toBe('from');
  });

  it('refuses a bad start date or count', () => {
    expect(fieldOf(() => addWorkingDays('2024-02-30', 1, national))).toBe('from');
    expect(fieldOf(() => addWorkingDays('2024-2-3', 1, national))).toBe('from');
    expect(fieldOf(() => addWorkingDays('2024-02-01', -1, national))).toBe('days');
    expect(fieldOf(() => addWorkingDays('2024-02-01', 1.5, national))).toBe('days');
  });
});

describe('checkYearCalendar', () => {
  it('sorts and de-duplicates', () => {
    const statutory = statutoryOf(2030);
    expect(
      checkYearCalendar(2030, {
        holidays: ['2030-10-04', ...statutory, '2030-10-04'].reverse(),
        workdays: [],
      }),
    ).toEqual({ year: 2030, holidays: [...statutory, '2030-10-04'].sort(), workdays: [] });
  });

  it('names the failing entry', () => {
    const ok = { holidays: [], workdays: [] };
    expect(fieldOf(() => checkYearCalendar(1999, ok))).toBe('year');
    expect(fieldOf(() => checkYearCalendar(2030, { ...ok, holidays: ['2030-01-01', '2030-02-30'] }))).toBe(
      'holidays.1',
    );
    expect(fieldOf(() => checkYearCalendar(2030, { ...ok, holidays: ['2031-01-01'] }))).toBe('holidays.0');
    // 2030-10-08 is a Tuesday: never a make-up working day in a city calendar.
    expect(fieldOf(() => checkYearCalendar(2030, { ...ok, workdays: ['2030-10-08'] }))).toBe('workdays.0');
    expect(
      fieldOf(() => checkYearCalendar(2030, { holidays: ['2030-10-05'], workdays: ['2030-10-05'] })),
    ).toBe('workdays.0');
  });

  it('lets a tenant override work on a weekday holiday', () => {
    const override = checkYearCalendar(2024, { holidays: [], workdays: ['2024-10-08'] }, 'override');
    expect(override.workdays).toEqual(['2024-10-08']);
  });
});

describe('shanghaiDate', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('reads the date in UTC+8 whatever the machine zone', () => {
    for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
      process.env.TZ = zone;
      expect(shanghaiDate('2024-09-30T15:59:59.999Z')).toBe('2024-09-30');
      expect(shanghaiDate('2024-09-30T16:00:00Z')).toBe('2024-10-01');
      expect(shanghaiDate('2024-10-01T00:00+08:00')).toBe('2024-10-01');
      expect(shanghaiDate('2024-09-30T12:30:00-04:00')).toBe('2024-10-01');
      expect(shanghaiDate(new Date(Date.UTC(2025, 11, 31, 16)))).toBe('2026-01-01');
    }
  });

  it('refuses an instant without an offset', () => {
    expect(fieldOf(() => shanghaiDate('2024-10-01T09:00:00'))).toBe('at');
    expect(fieldOf(() => shanghaiDate('2024-10-01'))).toBe('at');
    expect(fieldOf(() => shanghaiDate('yesterday', 'receivedAt'))).toBe('receivedAt');
  });

  it('agrees with the +08:00 wall clock for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const wall = new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
        expect(shanghaiDate(new Date(ms))).toBe(wall.slice(0, 10));
        expect(shanghaiDate(wall)).toBe(wall.slice(0, 10));
      }),
    );
  });
});

// ---- properties, over the national calendars and over arbitrary ones ----

const DAY_MS = 86_400_000;
const dateArb = (fromYear: number, toYear: number) =>
  fc
    .integer({ min: Date.UTC(fromYear, 0, 1) / DAY_MS, max: Date.UTC(toYear, 11, 31) / DAY_MS })
    .map((d) => new Date(d * DAY_MS).toISOString().slice(0, 10));

/** A calendar for each year 2019–2031 with random holidays and random make-up weekends. */
const calendarsArb: fc.Arbitrary<CalendarFor> = fc
  .array(
    fc.record({
      holidays: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 40 }),
      workdays: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 12 }),
    }),
    { minLength: 13, maxLength: 13 },
  )
  .map((years) => {
    const cals = new Map<number, YearCalendar>();
    years.forEach((spec, i) => {
      const year = 2019 + i;
      const date = (n: number) => new Date(Date.UTC(year, 0, 1 + n)).toISOString().slice(0, 10);
      // A city calendar holds the statutory holidays (R17) besides the random ones.
      const holidays = [...spec.holidays.map(date), ...statutoryOf(year)];
      const weekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
      const workdays = spec.workdays.map(date).filter((d) => weekend(d) && !holidays.includes(d));
      cals.set(year, checkYearCalendar(year, { holidays, workdays }));
    });
    return (year: number) => cals.get(year);
  });

/** Either the national calendars (starts in 2019–2025) or arbitrary ones (starts in 2019–2029). */
const worldArb = fc.oneof(
  fc.record({ calendarFor: fc.constant(national), from: dateArb(2019, 2025) }),
  fc.record({ calendarFor: calendarsArb, from: dateArb(2019, 2029) }),
);
const countArb = fc.integer({ min: 0, max: 100 });
const calendarOf = (calendarFor: CalendarFor, date: string) =>
  calendarFor(Number(date.slice(0, 4))) as YearCalendar;

describe('properties', () => {
  it('adding n then m working days is adding n + m', () => {
    fc.assert(
      fc.property(worldArb, countArb, countArb, ({ calendarFor, from }, n, m) => {
        const once = addWorkingDays(from, n + m, calendarFor);
        expect(addWorkingDays(addWorkingDays(from, n, calendarFor), m, calendarFor)).toBe(once);
      }),
    );
  });

  it('lands on a working day strictly after the start', () => {
    fc.assert(
      fc.property(worldArb, fc.integer({ min: 1, max: 200 }), ({ calendarFor, from }, n) => {
        const to = addWorkingDays(from, n, calendarFor);
        expect(to > from).toBe(true);
        expect(isWorkingDay(to, calendarOf(calendarFor, to))).toBe(true);
      }),
    );
  });

  it('counts back what it added: workingDaysBetween(from, addWorkingDays(from, n)) = n', () => {
    fc.assert(
      fc.property(worldArb, countArb, ({ calendarFor, from }, n) => {
        const to = addWorkingDays(from, n, calendarFor);
        expect(workingDaysBetween(from, to, calendarFor)).toBe(n);
        expect(workingDaysBetween(to, from, calendarFor)).toBe(0 - n);
      }),
    );
  });

  it('merging an empty override changes nothing', () => {
    fc.assert(
      fc.property(worldArb, ({ calendarFor, from }) => {
        const cal = calendarOf(calendarFor, from);
        const empty = checkYearCalendar(cal.year, { holidays: [], workdays: [] }, 'override');
        expect(mergeCalendars(cal, empty)).toEqual(cal);
        expect(mergeCalendars(cal, undefined)).toEqual(cal);
      }),
    );
  });

  it('a tenant override turns a holiday into a working day, and a working day into a rest day', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), ({ calendarFor, from }, pick) => {
        const cal = calendarOf(calendarFor, from);
        // Only a bridge or local rest day: a statutory holiday is never worked (below).
        const statutory = new Set(statutoryOf(cal.year));
        const bridges = cal.holidays.filter((d) => !statutory.has(d));
        const holiday = bridges[pick % Math.max(1, bridges.length)];
        if (holiday !== undefined) {
          const on = checkYearCalendar(cal.year, { holidays: [], workdays: [holiday] }, 'override');
          expect(isWorkingDay(holiday, mergeCalendars(cal, on))).toBe(true);
        }
        const off = checkYearCalendar(cal.year, { holidays: [from], workdays: [] }, 'override');
        const merged = mergeCalendars(cal, off);
        expect(isWorkingDay(from, merged)).toBe(false);
        // Nothing else moved.
        for (const d of [addDays(from, -1), addDays(from, 1)].filter((d) => d.startsWith(`${cal.year}-`)))
          expect(isWorkingDay(d, merged)).toBe(isWorkingDay(d, cal));
      }),
    );
  });

  it('no calendar the product builds works on a statutory holiday', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), ({ calendarFor, from }, pick) => {
        const cal = calendarOf(calendarFor, from);
        const statutory = statutoryOf(cal.year);
        for (const d of statutory) expect(isWorkingDay(d, cal), d).toBe(false);
        // Not even when an override (as stored before entries were checked) says so.
        const day = statutory[pick % statutory.length] ?? `${cal.year}-01-01`;
        expect(
          isWorkingDay(day, mergeCalendars(cal, { year: cal.year, holidays: [], workdays: [day] })),
        ).toBe(false);
      }),
    );
  });
});
