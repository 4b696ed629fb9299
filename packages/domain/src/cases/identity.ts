import { invalid } from '../errors';

/**
 * Applicant identity numbers. A person's resident identity number (居民身份证号码,
 * GB 11643-1999) ends in an ISO 7064 MOD 11-2 check character; an organisation's
 * unified social credit code (统一社会信用代码, GB 32100-2015) ends in a MOD 31 check
 * character over its own 31-letter alphabet. Both are personal or business data: views
 * show them masked (`maskIdNumber`, privacy.ts).
 */
export const APPLICANT_KINDS = ['person', 'org'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_CHECK = '10X98765432';

/** The check character GB 11643 gives the first 17 digits. */
export function residentIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (RESIDENT_WEIGHTS[i] ?? 0);
  return RESIDENT_CHECK[sum % 11] ?? '';
}

function realDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function isResidentId(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  if (!realDate(value.slice(6, 14))) return false;
  return residentIdCheck(value.slice(0, 17)) === value[17];
}

// GB 32100: digits and upper-case letters without I, O, Z, S, V.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character GB 32100 gives the first 17 characters. */
export function creditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i] ?? '') * (CREDIT_WEIGHTS[i] ?? 0);
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31] ?? '';
}

export function isCreditCode(value: string): boolean {
  // Registration authority (1-9, A-G, N for agriculture's village collectives, Y), organisation
  // category, then 16 alphabet characters.
  if (!/^[1-9A-GNY][1-9]/.test(value) || value.length !== 18) return false;
  for (const ch of value) if (!CREDIT_ALPHABET.includes(ch)) return false;
  return creditCodeCheck(value.slice(0, 17)) === value[17];
}

/** A mainland mobile number, or a landline with its area code and an optional extension. */
const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/;

/** Normalises (drops spaces) and checks a contact phone number; the error names `field`. */
export function checkPhone(raw: string, field: string): string {
  const value = raw.replace(/\s+/g, '');
  if (!PHONE.test(value)) {
    throw invalid(
      field,
      '联系电话无效（应为11位手机号码，或带区号的固定电话）',
      'not a valid phone number (an 11-digit mobile number, or a landline with its area code)',
    );
  }
  return value;
}

/**
 * Normalises (trims, upper-cases a trailing x) and checks an applicant's number; the
 * error names `field` and says which standard it fails.
 */
export function checkIdNumber(kind: ApplicantKind, raw: string, field: string): string {
  const value = raw.trim().toUpperCase();
  if (kind === 'person' && !isResidentId(value)) {
    throw invalid(
      field,
      '居民身份证号码无效（应为18位，出生日期真实，校验码符合 GB 11643）',
      'not a valid resident identity number (18 characters, a real birth date, GB 11643 check digit)',
    );
  }
  if (kind === 'org' && !isCreditCode(value)) {
    throw invalid(
      field,
      '统一社会信用代码无效（应为18位，校验码符合 GB 32100）',
      'not a valid unified social credit code (18 characters, GB 32100 check character)',
    );
  }
  return value;
}
