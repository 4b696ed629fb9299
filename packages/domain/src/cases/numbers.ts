import { createHash } from 'node:crypto';
import { invalid } from '../errors';

/**
 * Case numbers are `<tenant id>-<yyyymmdd>-<seq>`: readable at the window, sortable by
 * day, and they name their tenant, so the public pages can find a case from its number
 * alone. The sequence restarts each Shanghai day and is claimed with an atomic add, so
 * concurrent intakes never share one; a failed intake leaves a gap (no rule asks for none).
 */
export function formatCaseNo(tenant: string, date: string, seq: number): string {
  return `${tenant}-${date.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}

const CASE_NO = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)-(\d{8})-(\d{4,})$/;

export function parseCaseNo(caseNo: string, field = 'caseNo'): { tenant: string; date: string; seq: number } {
  const m = CASE_NO.exec(caseNo);
  if (!m?.[1] || !m[2] || !m[3]) {
    throw invalid(field, '办件编号格式不正确', 'not a case number (<tenant>-<yyyymmdd>-<seq>)');
  }
  const d = m[2];
  return { tenant: m[1], date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, seq: Number(m[3]) };
}

/** Query codes avoid letters a person misreads on paper (0/O, 1/I/L). */
const QUERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** An 8-character query code from random bytes (the adapter supplies them). */
export function queryCodeFrom(random: Uint8Array): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += QUERY_ALPHABET[(random[i] ?? 0) % QUERY_ALPHABET.length];
  return code;
}

/** Only the hash is stored: a leaked table does not open the public progress pages. */
export const queryCodeHash = (caseNo: string, code: string): string =>
  createHash('sha256').update(`${caseNo}\n${code.trim().toUpperCase()}`).digest('base64url');

/**
 * A result's verification code, printed on it beside the QR code (which carries it too): 8
 * characters from a hash of its signature, which only the platform's private key makes. A
 * holder of the document has it; a guesser of case numbers does not, so only the former sees
 * what the result says (README: Public routes: rate limits and verification).
 */
export const verificationCodeOf = (signature: string): string =>
  queryCodeFrom(createHash('sha256').update(`verify\n${signature}`).digest());

/** Whether `given` is the verification code of `signature`, as a person types it (any case, spaces, a dash). */
export const isVerificationCode = (signature: string, given: string): boolean =>
  given.replace(/[\s-]/g, '').toUpperCase() === verificationCodeOf(signature);
