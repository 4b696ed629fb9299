import type { CaseEventType } from './events';

/**
 * The official documents (文书) a case gives the applicant, each under a document number
 * (文号) of its tenant and kind: 一次性告知书, 受理通知书, 不予受理决定书, the decision and
 * the result. The number is claimed when the event that issues the document is written and
 * kept on that event, so a re-print shows the same number and a retried command that was
 * already written claims none.
 */
export const DOCUMENT_KINDS = ['notice', 'acceptance', 'rejection', 'decision', 'result'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const ISSUED_BY: Partial<Record<CaseEventType, DocumentKind>> = {
  'correction-notified': 'notice',
  accepted: 'acceptance',
  rejected: 'rejection',
  decided: 'decision',
  issued: 'result',
};

/** The document an event issues, if any. */
export const documentIssuedBy = (type: CaseEventType): DocumentKind | undefined => ISSUED_BY[type];

/** The word before the year in a number: which register of the tenant it comes from. */
export const DOCUMENT_REGISTERS: Readonly<Record<DocumentKind, string>> = {
  notice: '补正告知',
  acceptance: '受理',
  rejection: '不予受理',
  decision: '决定',
  result: '出件',
};

/** `受理〔2026〕第12号`: the register, the year in 〔〕 and the number within the year. */
export const formatDocumentNo = (kind: DocumentKind, year: string, n: number): string =>
  `${DOCUMENT_REGISTERS[kind]}〔${year}〕第${n}号`;
