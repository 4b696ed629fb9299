import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  CALENDAR_YEARS,
  type CalendarFor,
  checkYearCalendar,
  DomainError,
  isWorkingDay,
  mergeCalendars,
  NATIONAL_YEARS,
  nationalCalendar,
  STATUTORY_YEARS,
  statutoryCalendar,
  statutoryHolidays,
  withStatutory,
} from '../../packages/domain/src';

const load = createRequire(import.meta.url);

/** The few parts of lunar-javascript (it ships no types) the cross-check reads. */
interface SolarDay {
  toYmd(): string;
}
interface LunarDay {
  getSolar(): SolarDay;
}
const { Lunar, LunarYear, Solar } = load('lunar-javascript') as {
  Lunar: { fromYmd(year: number, month: number, day: number): LunarDay };
  LunarYear: { fromYear(year: number): { getMonth(month: number): { getDayCount(): number } } };
  Solar: {
    fromYmd(
      year: number,
      month: number,
      day: number,
    ): {
      getLunar(): { getJieQiTable(): Record<string, SolarDay> };
    };
  };
};

/** The statutory days of a year, dates only. */
const datesOf = (year: number) => (statutoryHolidays(year) ?? []).map((d) => d.date);
const byFestival = (year: number, zh: string) =>
  (statutoryHolidays(year) ?? []).filter((d) => d.zh.split('、').includes(zh)).map((d) => d.date);
const span = (from: string, days: number) => Array.from({ length: days }, (_, i) => addDays(from, i));

const problemOf = (fn: () => unknown): DomainError | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return undefined;
};

describe('statutory holidays against an independent lunar calendar (lunar-javascript)', () => {
  const years = Array.from(
    { length: STATUTORY_YEARS.last - STATUTORY_YEARS.first + 1 },
    (_, i) => STATUTORY_YEARS.first + i,
  );

  it('covers exactly the years a calendar may be set for', () => {
    expect(STATUTORY_YEARS).toEqual({ first: CALENDAR_YEARS.min, last: CALENDAR_YEARS.max });
    expect(statutoryHolidays(STATUTORY_YEARS.first - 1)).toBeUndefined();
    expect(statutoryHolidays(STATUTORY_YEARS.last + 1)).toBeUndefined();
    expect(statutoryHolidays(2027.5)).toBeUndefined();
  });

  it.each(years)(
    '%i: 春节, 清明, 端午 and 中秋 fall where the lunar calendar and the solar term put them',
    (year) => {
      const solar = (lunar: LunarDay) => lunar.getSolar().toYmd();
      const newYear = solar(Lunar.fromYmd(year, 1, 1));
      // 除夕: the last day of the twelfth month of the year before, 29th or 30th.
      const eve = addDays(newYear, -1);
      expect(
        Lunar.fromYmd(
          year - 1,
          12,
          LunarYear.fromYear(year - 1)
            .getMonth(12)
            .getDayCount(),
        )
          .getSolar()
          .toYmd(),
      ).toBe(eve);
      const spring = byFestival(year, '春节');
      if (year >= 2025) expect(spring).toEqual(span(eve, 4));
      else if (year >= 2014) expect(spring).toEqual(span(newYear, 3));
      else if (year >= 2008) expect(spring).toEqual(span(eve, 3));
      else expect(spring).toEqual(span(newYear, 3));

      const traditional = year >= 2008;
      const qingming = Solar.fromYmd(year, 6, 1).getLunar().getJieQiTable().清明?.toYmd();
      expect(byFestival(year, '清明节')).toEqual(traditional ? [qingming] : []);
      expect(byFestival(year, '端午节')).toEqual(traditional ? [solar(Lunar.fromYmd(year, 5, 5))] : []);
      expect(byFestival(year, '中秋节')).toEqual(traditional ? [solar(Lunar.fromYmd(year, 8, 15))] : []);

      expect(byFestival(year, '元旦')).toEqual([`${year}-01-01`]);
      const labour = year >= 2025 ? 2 : year >= 2008 ? 1 : 3;
      expect(byFestival(year, '劳动节')).toEqual(span(`${year}-05-01`, labour));
      expect(byFestival(year, '国庆节')).toEqual(span(`${year}-10-01`, 3));
      // 11 days a year under the 2024 revision, 11 or 10 before (fewer only where two festivals share a day).
      const total = year >= 2025 ? 13 : year >= 2008 ? 11 : 10;
      const dates = datesOf(year);
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates).toEqual([...dates].sort());
      expect(dates.length).toBeLessThanOrEqual(total);
    },
  );
});

describe('statutory holidays against the State Council notices', () => {
  it('names the days of 2025, 2026 and 2027 as the 2024 revision gives them', () => {
    expect(statutoryHolidays(2025)).toEqual([
      { date: '2025-01-01', zh: '元旦', en: "New Year's Day" },
      ...span('2025-01-28', 4).map((date) => ({ date, zh: '春节', en: 'Spring Festival' })),
      { date: '2025-04-04', zh: '清明节', en: 'Qingming Festival' },
      ...span('2025-05-01', 2).map((date) => ({ date, zh: '劳动节', en: 'Labour Day' })),
      { date: '2025-05-31', zh: '端午节', en: 'Dragon Boat Festival' },
      ...span('2025-10-01', 3).map((date) => ({ date, zh: '国庆节', en: 'National Day' })),
      { date: '2025-10-06', zh: '中秋节', en: 'Mid-Autumn Festival' },
    ]);
    // 2026 notice: 春节 2/15–2/23 around 除夕 2/16–初三 2/19; 清明 4/5; 端午 6/19; 中秋 9/25.
    expect(datesOf(2026)).toEqual([
      '2026-01-01',
      ...span('2026-02-16', 4),
      '2026-04-05',
      '2026-05-01',
      '2026-05-02',
      '2026-06-19',
      '2026-09-25',
      ...span('2026-10-01', 3),
    ]);
    // 2027, before its notice: 除夕 2/5, 清明 4/5, 端午 6/9, 中秋 9/15.
    expect(datesOf(2027)).toEqual([
      '2027-01-01',
      ...span('2027-02-05', 4),
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      ...span('2027-10-01', 3),
    ]);
  });

  it('lists a day two festivals share once, under both names (2020-10-01: 中秋 and 国庆)', () => {
    expect(statutoryHolidays(2020)?.find((d) => d.date === '2020-10-01')).toEqual({
      date: '2020-10-01',
      zh: '中秋节、国庆节',
      en: 'Mid-Autumn Festival and National Day',
    });
  });

  it('finds every statutory day of 2019–2026 a holiday in the notices the product carries', () => {
    for (let year = NATIONAL_YEARS.first; year <= NATIONAL_YEARS.last; year++) {
      const holidays = nationalCalendar(year)?.holidays ?? [];
      for (const date of datesOf(year)) expect(holidays, date).toContain(date);
    }
  });

  it('finds every statutory day of 2004–2026 a rest day in the chinese-days data, of its festival', () => {
    for (let year = 2004; year <= 2026; year++) {
      const data = load(`chinese-days/dist/years/${year}.json`) as Record<
        'holidays' | 'workdays',
        Record<string, string>
      >;
      for (const day of statutoryHolidays(year) ?? []) {
        const entry = data.holidays[day.date];
        const weekend = [0, 6].includes(new Date(`${day.date}T00:00:00Z`).getUTCDay());
        // The data leaves out some weekend days of a holiday (2012-06-23, 端午): those must not be worked.
        if (!entry) {
          expect(weekend && !data.workdays[day.date], `${day.date} ${day.zh}`).toBe(true);
          continue;
        }
        // An entry reads "English,中文,days"; 清明 is "清明" there, 端午 "端午".
        const zh = entry.split(',')[1] ?? '';
        const names = day.zh.split('、').map((name) => name.replace(/节$/, ''));
        expect(
          names.some((name) => zh.includes(name)),
          `${day.date} ${zh}`,
        ).toBe(true);
      }
    }
  });
});

describe('the provisional calendar of a year without a notice', () => {
  it('rests on New Year 2027, a Friday, and counts on to Monday 01-04', () => {
    const until2026: CalendarFor = (year) => nationalCalendar(year) ?? statutoryCalendar(year);
    const y2027 = statutoryCalendar(2027);
    expect(y2027).toMatchObject({ year: 2027, workdays: [], provisional: true });
    expect(isWorkingDay('2027-01-01', y2027 ?? { year: 2027, holidays: [], workdays: [] })).toBe(false);
    // Thu 2026-12-31 (1), Fri 2027-01-01 元旦, Mon 01-04 (2).
    expect(addWorkingDays('2026-12-30', 2, until2026)).toBe('2027-01-04');
    // Spring Festival 2027: Thu 02-04 (1), 除夕 Fri 02-05 to 初三 Mon 02-08, Tue 02-09 (2).
    expect(addWorkingDays('2027-02-03', 2, until2026)).toBe('2027-02-09');
  });
});

describe('a calendar entered without a statutory holiday', () => {
  const y2027 = datesOf(2027);

  it('is refused for a city, naming every missing day', () => {
    const problem = problemOf(() =>
      checkYearCalendar(2027, {
        holidays: y2027.filter((d) => d !== '2027-02-05' && d !== '2027-06-09'),
        workdays: [],
      }),
    );
    expect(problem?.field).toBe('holidays');
    expect(problem?.zh).toContain('2027-02-05（春节）');
    expect(problem?.zh).toContain('2027-06-09（端午节）');
    expect(problem?.en).toContain('2027-02-05 (Spring Festival)');
  });

  it('is accepted with them, bridges and make-up weekends added', () => {
    const cal = checkYearCalendar(2027, { holidays: [...y2027, '2027-02-04'], workdays: ['2027-02-20'] });
    expect(cal.holidays).toHaveLength(y2027.length + 1);
    expect(cal.provisional).toBeUndefined();
  });

  it('refuses a tenant override that works on a statutory holiday, naming the entry', () => {
    const problem = problemOf(() =>
      checkYearCalendar(2027, { holidays: [], workdays: ['2027-01-04', '2027-10-01'] }, 'override'),
    );
    expect(problem?.field).toBe('workdays.1');
    expect(problem?.zh).toContain('国庆节');
    // A bridge day is the tenant's to work on.
    expect(checkYearCalendar(2024, { holidays: [], workdays: ['2024-10-07'] }, 'override').workdays).toEqual([
      '2024-10-07',
    ]);
  });

  it('never counts one as worked, even if stored before the rule was checked', () => {
    const stored = { year: 2027, holidays: [], workdays: ['2027-05-01'] };
    const safe = withStatutory(stored);
    expect(safe.holidays).toEqual(y2027);
    expect(safe.workdays).toEqual([]);
    expect(isWorkingDay('2027-01-01', safe)).toBe(false);
    expect(withStatutory(safe)).toBe(safe);
    // An override merged over a provisional year keeps it provisional and the statutory days off.
    const base = statutoryCalendar(2027);
    if (!base) throw new Error('2027 has statutory holidays');
    const merged = mergeCalendars(base, { year: 2027, holidays: ['2027-02-04'], workdays: ['2027-02-08'] });
    expect(merged.provisional).toBe(true);
    expect(isWorkingDay('2027-02-08', merged)).toBe(false);
    expect(isWorkingDay('2027-02-04', merged)).toBe(false);
  });
});
