/**
 * The statutory holidays (法定节假日) of 全国年节及纪念日放假办法, which fixes them for every
 * year in advance; the State Council's annual notice only adds the bridging rest days and
 * the make-up working days (调休) around them (DOMAIN.md R17). Each year is computed under
 * the revision in force then:
 *
 * | years      | revision | 春节                | 劳动节    | 清明, 端午, 中秋 |
 * | 2000–2007  | 1999     | 初一–初三 (3 days)  | 5/1–5/3   | none             |
 * | 2008–2013  | 2007     | 除夕–初二 (3 days)  | 5/1       | 1 day each       |
 * | 2014–2024  | 2013     | 初一–初三 (3 days)  | 5/1       | 1 day each       |
 * | 2025–      | 2024     | 除夕–初三 (4 days)  | 5/1–5/2   | 1 day each       |
 *
 * and in every year 元旦 1/1 and 国庆 10/1–10/3. 除夕 is the last day of the twelfth lunar
 * month (the 29th in a short month), 端午 the fifth of the fifth month, 中秋 the fifteenth of
 * the eighth, 清明 the day of the solar term (the sun at 15°, Beijing time).
 */

/** The years computed here: the years a calendar may be set for (CALENDAR_YEARS). */
export const STATUTORY_YEARS = { first: 2000, last: 2100 } as const;

/** A statutory holiday and the festival it belongs to. */
export interface StatutoryDay {
  readonly date: string;
  readonly zh: string;
  readonly en: string;
}

/**
 * The lunar years 2000–2100, five hex digits each (the classic 20-bit layout): bits 15..4
 * say whether months 1..12 have 30 days (else 29), bits 3..0 name the leap month (0: none)
 * and bit 16 whether it has 30 days. Generated from `lunar-javascript` (寿星 astronomical
 * algorithm), which `test/unit/statutory.test.ts` checks every year against; ~0.5 KB, where
 * a lunar library would not fit the cases Lambda's bundle budget.
 */
const LUNAR =
  '0c9600d9540d4a00da5007552056a00abb7025d0092d00cab50a9500b4a00baa40ad50055d904ba00a5b015176052b00a9300795406aa00ad5005b5204b600a6e60a4e00d2600ea650d53005aa0076a3096d004afb04ad00a4d01d0b60d2500d5200dd450b5a0056d0055b2049b00a5770a4b00aa501b25506d200ada014b6309370049f804970064b0168a60ea5006b201a6c40aae0092e00d2e30c9600d5570d4a00da5005d55056a00a6d0055d4052d00a9b80a9500b4a00b6a60ad50055a00aba40a5b0052b00b273069300733706aa00ad5014b5504b600a570054e40d1600e9680d5200daa016aa6056d004ae00a9d40a2d00d1500f2520d520';
/** 正月初一 of 2000: 2000-02-05, as days since 1970-01-01. */
const FIRST_NEW_YEAR = 10_992;
const DAY_MS = 86_400_000;

const lunarYear = (year: number): number =>
  Number.parseInt(
    LUNAR.slice((year - STATUTORY_YEARS.first) * 5, (year - STATUTORY_YEARS.first) * 5 + 5),
    16,
  );
const monthDays = (bits: number, month: number): number => ((bits >> (16 - month)) & 1 ? 30 : 29);
const leapDays = (bits: number): number => (bits & 0xf ? (bits & 0x10000 ? 30 : 29) : 0);
const yearDays = (bits: number): number => {
  let days = leapDays(bits);
  for (let m = 1; m <= 12; m++) days += monthDays(bits, m);
  return days;
};

/** Days since 1970-01-01 of 正月初一 of `year`. */
function newYearDay(year: number): number {
  let day = FIRST_NEW_YEAR;
  for (let y = STATUTORY_YEARS.first; y < year; y++) day += yearDays(lunarYear(y));
  return day;
}

/** Days since 1970-01-01 of the `day`-th of the (non-leap) lunar `month` of `year`. */
function lunarDay(year: number, month: number, day: number): number {
  const bits = lunarYear(year);
  let offset = day - 1;
  for (let m = 1; m < month; m++) offset += monthDays(bits, m);
  // A leap month follows the month it repeats: it comes before `month` only when smaller.
  const leap = bits & 0xf;
  if (leap && leap < month) offset += leapDays(bits);
  return newYearDay(year) + offset;
}

/**
 * 清明: ⌊Y·0.2422 + 4.81⌋ − L (Y the year's last two digits, 100 for 2100), the solar-term
 * formula for the 21st century, where L counts the leap days since 2000 (2100 is no leap
 * year). Checked against the astronomical term in the tests for every year.
 */
function qingming(year: number): number {
  const y = year - 2000;
  const leapDaysSince2000 = Math.floor(y / 4) - (year >= 2100 ? 1 : 0);
  return Date.UTC(year, 3, Math.floor(y * 0.2422 + 4.81) - leapDaysSince2000) / DAY_MS;
}

/** The revisions of the rule by the year they apply from (each came into force on 1 January, or in 1999). */
const RULES = [
  { from: 2025, eve: true, spring: 4, labour: 2, traditional: true },
  { from: 2014, eve: false, spring: 3, labour: 1, traditional: true },
  { from: 2008, eve: true, spring: 3, labour: 1, traditional: true },
  { from: 2000, eve: false, spring: 3, labour: 3, traditional: false },
] as const;

const FESTIVALS = {
  newYear: ['元旦', "New Year's Day"],
  spring: ['春节', 'Spring Festival'],
  qingming: ['清明节', 'Qingming Festival'],
  labour: ['劳动节', 'Labour Day'],
  dragonBoat: ['端午节', 'Dragon Boat Festival'],
  midAutumn: ['中秋节', 'Mid-Autumn Festival'],
  national: ['国庆节', 'National Day'],
} as const;

const cache = new Map<number, readonly StatutoryDay[]>();

/**
 * The statutory holidays of a year, by date (a day two festivals share, like 2020-10-01,
 * 国庆 and 中秋, is listed once under both names), or undefined outside 2000–2100.
 */
export function statutoryHolidays(year: number): readonly StatutoryDay[] | undefined {
  const rule = RULES.find((r) => r.from <= year);
  if (!Number.isInteger(year) || !rule || year > STATUTORY_YEARS.last) return undefined;
  const known = cache.get(year);
  if (known) return known;
  const byDay = new Map<number, [zh: string, en: string]>();
  const add = (start: number, count: number, [zh, en]: readonly [string, string]) => {
    for (let day = start; day < start + count; day++) {
      const other = byDay.get(day);
      byDay.set(day, other ? [`${other[0]}、${zh}`, `${other[1]} and ${en}`] : [zh, en]);
    }
  };
  const date = (month: number, day: number) => Date.UTC(year, month - 1, day) / DAY_MS;
  add(date(1, 1), 1, FESTIVALS.newYear);
  add(newYearDay(year) - (rule.eve ? 1 : 0), rule.spring, FESTIVALS.spring);
  add(date(5, 1), rule.labour, FESTIVALS.labour);
  if (rule.traditional) {
    add(qingming(year), 1, FESTIVALS.qingming);
    add(lunarDay(year, 5, 5), 1, FESTIVALS.dragonBoat);
    add(lunarDay(year, 8, 15), 1, FESTIVALS.midAutumn);
  }
  add(date(10, 1), 3, FESTIVALS.national);
  const days = Object.freeze(
    [...byDay]
      .sort(([a], [b]) => a - b)
      .map(([day, [zh, en]]) =>
        Object.freeze({ date: new Date(day * DAY_MS).toISOString().slice(0, 10), zh, en }),
      ),
  );
  cache.set(year, days);
  return days;
}
