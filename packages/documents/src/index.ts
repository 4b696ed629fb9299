/**
 * The printed legal documents, one renderer each, for the API's `.html` routes and the console
 * alike: the one-time notice and intake receipts, the sealed result, the handover agreement.
 * Pure: the caller reads what is printed and passes it in.
 */
export { AgreementDocument, type AgreementProps } from './agreement';
export { DecisionDocument, type DecisionProps } from './decision';
export { type DecisionFacts, decisionSentence, decisionTitle } from './decision-text';
export type { Html } from './html';
export type { ImprintSource } from './imprint';
export type { OfficialParts } from './official';
export { printablePage } from './page';
export { QrCode } from './qr';
export {
  progressUrlOf,
  type ReceiptCase,
  ReceiptDocument,
  type ReceiptProps,
  receiptKind,
  receiptTitle,
} from './receipt';
export { intakeWindowName, type ReceiptKind } from './receipt-text';
export { ResultDocument, type ResultProps, resultTitle } from './result';
export { DOCUMENT_CSS } from './style';
export type { Lang } from './text';
export {
  type PrintedWindowGrant,
  WindowGrantLetter,
  WindowGrantRegister,
  windowGrantStanding,
} from './window-grant';
