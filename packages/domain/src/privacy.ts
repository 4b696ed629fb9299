import type { Role } from './roles';

/**
 * Least personal data (个人信息最小化, PIPL art. 6, 51; GB/T 35273-2020 de-identification,
 * which names no positions: these are the usual ones). Every list, queue, case view and
 * timeline shows identity and phone numbers masked; the full value comes only from the
 * reveal route, which records who saw it and why.
 */

/**
 * An identity number keeps its first 4 and last 4 characters (`3201**********1234`): the
 * province and city, and the end a clerk matches against the card in hand. The county
 * (characters 5–6) and the birth date (7–14), which with a name identify a person, are hidden.
 * The same rule serves a unified social credit code, whose registration-authority prefix and
 * check end are as little identifying.
 */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/**
 * A phone number keeps its first 3 and last 4 characters (`138****5678`, the usual display of
 * a mainland mobile number); a shorter number keeps its last 4 only; 4 or fewer are hidden.
 */
export function maskPhone(value: string): string {
  if (value.length <= 4) return '*'.repeat(value.length);
  const head = value.length >= 11 ? 3 : 0;
  return `${value.slice(0, head)}${'*'.repeat(value.length - head - 4)}${value.slice(-4)}`;
}

/** A person or organisation's contact data as a view may show it: numbers masked, nothing else changed. */
export function maskContact<T extends { readonly idNumber: string; readonly phone?: string }>(contact: T): T {
  return {
    ...contact,
    idNumber: maskIdNumber(contact.idNumber),
    ...(contact.phone !== undefined ? { phone: maskPhone(contact.phone) } : {}),
  };
}

/** The roles that handle a case and so may reveal its applicant: the window, the deciding and the supervising body. */
export const REVEAL_ROLES = ['window-clerk', 'approver', 'supervisor'] as const satisfies readonly Role[];

/**
 * One reveal (or download) of a case's personal data. Kept with the case; the applicant sees
 * `at`, `body`, `role` and `purpose`, never `sub`, the staff member's id.
 */
export interface AccessRecord {
  readonly at: string;
  readonly tenant: string;
  readonly caseNo: string;
  readonly sub: string;
  /** The staff member's body, or their tenant when their role names none (a window clerk). */
  readonly body: string;
  readonly role: Role;
  readonly purpose: string;
  /** What was disclosed: `applicant` (identity and contact data) or a `material` file (issue 16). */
  readonly what: 'applicant' | 'material';
}

/** The access record of `principal` revealing a case's applicant; its role is the first handling role it holds. */
export function accessRecordOf(
  principal: {
    readonly sub: string;
    readonly roles: readonly Role[];
    readonly tenant?: string;
    readonly body?: string;
  },
  target: { readonly tenant: string; readonly caseNo: string },
  purpose: string,
  at: string,
): AccessRecord {
  const role = REVEAL_ROLES.find((r) => principal.roles.includes(r)) ?? principal.roles[0] ?? 'window-clerk';
  return {
    at,
    tenant: target.tenant,
    caseNo: target.caseNo,
    sub: principal.sub,
    body: principal.body ?? principal.tenant ?? target.tenant,
    role,
    purpose,
    what: 'applicant',
  };
}

/** What the applicant sees of an access: which body, in which role, why and when; not who. */
export const publicAccessOf = (r: AccessRecord) => ({
  at: r.at,
  body: r.body,
  role: r.role,
  purpose: r.purpose,
});
