import { createHash } from 'node:crypto';
import type { ApplicantKind, CaseResult } from './cases';
import type { MatterType } from './catalogue';
import { DomainError } from './errors';
import { maskIdNumber } from './privacy';

/**
 * E-licences (电子证照, GB/T 36901–36906): every approval of a licence-type matter is issued into
 * the e-licence library (电子证照库, seed 001) under an identifier in GB/T 36904's layout.
 * README "E-licence library" says which parts of the identifier are the standard's and which
 * are inferred.
 */

export const LICENCE_STATUSES = ['valid', 'changed', 'revoked', 'cancelled'] as const;
/** 有效, 已变更, 已撤销, 已注销. */
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export const LICENCE_STATUS_NAMES: Readonly<Record<LicenceStatus, string>> = {
  valid: '有效',
  changed: '已变更',
  revoked: '已撤销',
  cancelled: '已注销',
};

/** The matter types whose approval is a licence (行政许可) and so goes to the library. */
export const LICENCE_MATTER_TYPES: readonly MatterType[] = ['licence'];

/** 持证主体: the applicant, by identity number (公民身份号码, code 111) or USCC (统一社会信用代码, code 001). */
export interface LicenceHolder {
  readonly kind: ApplicantKind;
  readonly name: string;
  readonly idNumber: string;
}

export interface ELicence {
  /** 电子证照标识 (GB/T 36904). */
  readonly id: string;
  readonly tenant: string;
  readonly caseNo: string;
  readonly matter: string;
  /** 证照名称: the matter's name. */
  readonly name: string;
  readonly holder: LicenceHolder;
  /** 颁发机构: the approving body (body ref). */
  readonly issuer: string;
  readonly issuedAt: string;
  /** 有效期: from the issue date; no end is 长期 (the catalogue names no term for a licence). */
  readonly validity: { readonly from: string; readonly until?: string };
  readonly status: LicenceStatus;
  /** The last change of status: why, when, by whom. */
  readonly statusChange?: {
    readonly reason: string;
    readonly at: string;
    readonly by: string;
    /** For `changed`: the licence that replaced it. */
    readonly replacedBy?: string;
  };
}

/** The object-identifier arc every e-licence identifier starts with. */
export const LICENCE_OID_ARC = '1.2.156.3005.2';

const ALNUM36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO 7064 (GB/T 17710) hybrid MOD 37,36 check character over 0-9 and A-Z. */
export function mod3736Check(data: string): string {
  const m = 36;
  let p = m;
  for (const ch of data.toUpperCase()) {
    const v = ALNUM36.indexOf(ch);
    if (v < 0) throw new Error(`not alphanumeric: ${ch}`);
    let s = (p + v) % m;
    if (s === 0) s = m;
    p = (s * 2) % (m + 1);
  }
  return ALNUM36.charAt((m + 1 - p) % m);
}

/** True when `data` followed by its check character satisfies MOD 37,36. */
export function mod3736Valid(withCheck: string): boolean {
  return withCheck.length > 1 && mod3736Check(withCheck.slice(0, -1)) === withCheck.slice(-1).toUpperCase();
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

function digestChars(input: string, alphabet: string, length: number): string {
  const bytes = createHash('sha256').update(input, 'utf8').digest();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet.charAt((bytes[i] ?? 0) % alphabet.length);
  return out;
}

/**
 * 颁发机构代码: the issuing body's 18-character USCC, from the result when the registry held one
 * at issuance (`licenceIssuerOf`). For a body registered without one, a stand-in of the USCC's
 * shape is derived from the body ref: registration
 * authority 1 (机构编制) and category 1 (机关), division `000000` (no real division has it, so
 * the stand-in can never be taken for a real code), a hash-derived organisation code with its
 * GB 11714 check, and the GB 32100 check character.
 */
export function issuerCodeOf(body: string): string {
  const org8 = digestChars(`issuer|${body}`, '0123456789ABCDEFGHJKLMNPQRTUWXY', 8);
  let sum = 0;
  for (const [i, w] of ORG_WEIGHTS.entries()) {
    const ch = org8.charCodeAt(i);
    sum += (ch <= 57 ? ch - 48 : ch - 55) * w;
  }
  const c = 11 - (sum % 11);
  const org = `${org8}${c === 10 ? 'X' : c === 11 ? '0' : String(c)}`;
  const first17 = `11000000${org}`;
  let total = 0;
  let weight = 1;
  for (let i = 0; i < 17; i++) {
    total += USCC_CHARS.indexOf(first17.charAt(i)) * weight;
    weight = (weight * 3) % 31;
  }
  return `${first17}${USCC_CHARS.charAt((31 - (total % 31)) % 31)}`;
}

/**
 * 证照类型代码 (GB/T 36902): the defining department's USCC and a three-digit type number. The
 * city's catalogue is the definition here: the issuing body's code stands for the department,
 * and the number is derived from the matter code (000-999).
 */
export function licenceTypeCodeOf(issuer: string, matter: string): string {
  const n = createHash('sha256').update(`type|${matter}`, 'utf8').digest().readUInt16BE(0) % 1000;
  return `${issuer}${String(n).padStart(3, '0')}`;
}

/** The issuer code of a result's licence: the approving body's USCC, else the stand-in. */
export const licenceIssuerOf = (result: Pick<CaseResult, 'approvingBody' | 'approvingBodyUscc'>): string =>
  result.approvingBodyUscc ?? issuerCodeOf(result.approvingBody);

/**
 * The identifier of the e-licence a result becomes: `1.2.156.3005.2.<type code 21>.<issuer
 * code 18>.<serial 14>.<version 3>.<check>`. The serial is the issue date (yyyymmdd) and six
 * characters derived from the case number, so the same result always names the same licence
 * (a replayed stream record writes nothing new) and two cases never share one. The check is
 * MOD 37,36 over the parts without their dots.
 */
export function licenceIdOf(
  result: Pick<CaseResult, 'caseNo' | 'matter' | 'approvingBody' | 'approvingBodyUscc' | 'issuedAt'>,
) {
  const issuer = licenceIssuerOf(result);
  const type = licenceTypeCodeOf(issuer, result.matter);
  const date = shanghaiDay(result.issuedAt).replaceAll('-', '');
  const serial = `${date}${digestChars(`serial|${result.caseNo}`, ALNUM36, 6)}`;
  const version = '001';
  const check = mod3736Check(`${type}${issuer}${serial}${version}`);
  return `${LICENCE_OID_ARC}.${type}.${issuer}.${serial}.${version}.${check}`;
}

const LICENCE_ID =
  /^1\.2\.156\.3005\.2\.([0-9A-Z]{21})\.([0-9A-Z]{18})\.([0-9A-Z]{14})\.(\d{3})\.([0-9A-Z])$/;

/** Whether a string is an identifier of this layout with a right check character. */
export function isLicenceId(value: string): boolean {
  const m = LICENCE_ID.exec(value);
  if (!m) return false;
  return mod3736Valid(`${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}`);
}

function shanghaiDay(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The e-licence an issued approval becomes. */
export function licenceOf(result: CaseResult, holder: LicenceHolder): ELicence {
  return {
    id: licenceIdOf(result),
    tenant: result.tenant,
    caseNo: result.caseNo,
    matter: result.matter,
    name: result.item ? `${result.matterName}（${result.item}）` : result.matterName,
    holder: { kind: holder.kind, name: holder.name, idNumber: holder.idNumber },
    issuer: result.approvingBody,
    issuedAt: result.issuedAt,
    validity: { from: shanghaiDay(result.issuedAt) },
    status: 'valid',
  };
}

export const LICENCE_COMMANDS = ['revoke', 'cancel'] as const;
export type LicenceCommand = (typeof LICENCE_COMMANDS)[number];

/** 撤销 (the grant was unlawful, Licensing Law art. 69) or 注销 (art. 70: expired, holder gone, withdrawn…). */
const TARGET: Readonly<Record<LicenceCommand, LicenceStatus>> = { revoke: 'revoked', cancel: 'cancelled' };

/** What `command` may do to a licence now: only a valid licence is revoked or cancelled. */
export function allowedLicenceActions(licence: ELicence): LicenceCommand[] {
  return licence.status === 'valid' ? [...LICENCE_COMMANDS] : [];
}

/** The licence after a revocation or cancellation; refused unless it is valid and a reason is given. */
export function changeLicenceStatus(
  licence: ELicence,
  command: LicenceCommand,
  input: { reason: string; at: string; by: string },
): ELicence {
  const reason = input.reason.trim();
  if (reason === '') {
    throw new DomainError('validation', '请填写理由', 'a reason is required', 'reason');
  }
  if (licence.status !== 'valid') {
    throw new DomainError(
      'invalid-state',
      `电子证照${LICENCE_STATUS_NAMES[licence.status]}，不能再${command === 'revoke' ? '撤销' : '注销'}`,
      `the e-licence is ${licence.status}; it cannot be ${TARGET[command]} again`,
    );
  }
  return { ...licence, status: TARGET[command], statusChange: { reason, at: input.at, by: input.by } };
}

/** A licence as a list shows it: the holder's number masked (privacy.ts). */
export function maskedLicence(licence: ELicence): ELicence {
  return { ...licence, holder: { ...licence.holder, idNumber: maskIdNumber(licence.holder.idNumber) } };
}

/** The key a holder's licences are found by: a hash, so no identity number is ever an index key. */
export function holderKeyOf(idNumber: string): string {
  return createHash('sha256').update(`holder|${idNumber.trim().toUpperCase()}`, 'utf8').digest('base64url');
}
