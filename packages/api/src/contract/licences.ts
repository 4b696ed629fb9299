import { APPLICANT_KINDS, LICENCE_COMMANDS, LICENCE_STATUSES } from '@onewindow/domain';
import * as z from 'zod/mini';
import { bodyRef, date, instant, named, pageOf } from './registry';

export const ELicence = named(
  'ELicence',
  '电子证照（电子证照库）：标识（GB/T 36904）、持证主体（证件号码脱敏）、有效期、状态 An e-licence in the library: identifier, holder (number masked), validity, status',
  z.strictObject({
    id: z.string(),
    tenant: z.string(),
    caseNo: z.string(),
    matter: z.string(),
    name: z.string(),
    holder: z.strictObject({ kind: z.enum(APPLICANT_KINDS), name: z.string(), idNumber: z.string() }),
    issuer: bodyRef,
    issuedAt: instant,
    validity: z.strictObject({ from: date, until: z.optional(date) }),
    status: z.enum(LICENCE_STATUSES),
    statusChange: z.optional(
      z.strictObject({
        reason: z.string(),
        at: instant,
        by: z.string(),
        replacedBy: z.optional(z.string()),
      }),
    ),
    allowedActions: z.array(z.enum(LICENCE_COMMANDS)),
  }),
);
export type ELicence = z.infer<typeof ELicence>;

export const ELicencePage = named(
  'ELicencePage',
  '持证主体的电子证照（新者在前）A holder’s e-licences, newest first',
  pageOf(ELicence),
);
export type ELicencePage = z.infer<typeof ELicencePage>;

/** What the public verification says of the licence a result became. */
export const LicenceStatusView = z.strictObject({
  id: z.optional(z.string()),
  status: z.enum(LICENCE_STATUSES),
  reason: z.optional(z.string()),
  changedAt: z.optional(instant),
});
