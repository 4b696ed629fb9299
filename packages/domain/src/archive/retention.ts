import type { MatterType } from '../catalogue';
import { invalid } from '../errors';

/**
 * How long a closed case's archive package is kept (保管期限), in years, by the matter's type.
 *
 * The seeds name archive custody (001 §四(一)4, R5) but no period. The table follows the periods
 * the national rules for government files use (国家档案局《机关文件材料归档范围和文书档案保管期限规定》:
 * 永久, 定期30年, 定期10年): a decision that creates or settles a lasting right or status (a licence,
 * a confirmation, a ruling) 30 years; everything else 10. "Permanent" has no date and Object
 * Lock needs one, so a matter the city keeps for ever sets `archiveYears` to the ceiling (100).
 * A city overrides the table per matter with the catalogue's `archiveYears`.
 */
export const ARCHIVE_YEARS_BY_TYPE: Readonly<Record<MatterType, number>> = {
  licence: 30,
  confirmation: 30,
  ruling: 30,
  payment: 10,
  levy: 10,
  reward: 10,
  'review-forward': 10,
  filing: 10,
  'public-service': 10,
  other: 10,
};

/** A matter whose type is unknown (a case received before the type was kept, and no catalogue entry). */
export const DEFAULT_ARCHIVE_YEARS = 10;
/** The bounds of `archiveYears`: at least a year, at most a century (standing in for 永久). */
export const MIN_ARCHIVE_YEARS = 1;
export const MAX_ARCHIVE_YEARS = 100;

/** Checks a matter's own `archiveYears`: a whole number of years within the bounds. */
export function checkArchiveYears(years: number, field = 'archiveYears'): void {
  if (!Number.isInteger(years) || years < MIN_ARCHIVE_YEARS || years > MAX_ARCHIVE_YEARS) {
    throw invalid(
      field,
      `档案保管期限应为${MIN_ARCHIVE_YEARS}至${MAX_ARCHIVE_YEARS}年的整数`,
      `the archive retention is a whole number of years from ${MIN_ARCHIVE_YEARS} to ${MAX_ARCHIVE_YEARS}`,
    );
  }
}

/** The years a case of this matter is kept: the matter's own setting, else its type's, else the default. */
export function archiveYearsOf(matter: {
  readonly type?: MatterType | undefined;
  readonly archiveYears?: number | undefined;
}): number {
  if (matter.archiveYears !== undefined) return matter.archiveYears;
  return matter.type ? ARCHIVE_YEARS_BY_TYPE[matter.type] : DEFAULT_ARCHIVE_YEARS;
}

/**
 * The instant retention ends: `years` calendar years after the case closed, to the millisecond,
 * so a retried packaging computes the same date. 29 February of a leap year rolls to 1 March of a
 * common one: a day later, never earlier than the period.
 */
export function retainUntilOf(closedAt: string, years: number): string {
  const d = new Date(closedAt);
  if (Number.isNaN(d.getTime())) throw new Error(`not an instant: ${closedAt}`);
  return new Date(
    Date.UTC(
      d.getUTCFullYear() + years,
      d.getUTCMonth(),
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  ).toISOString();
}

/** Whether a package is still retained at `now` (deletion refused until then). */
export const isRetained = (retainUntil: string, now: string): boolean =>
  Date.parse(now) < Date.parse(retainUntil);
