/**
 * The printed legal documents, one renderer each, for the API's `.html` routes and the console
 * alike: the one-time notice and intake receipts, the sealed result, the handover agreement.
 * Pure: the caller reads what is printed and passes it in.
 */
export { AgreementDocument, type AgreementProps } from './agreement';
export type { Html } from './html';
export type { ImprintSource } from './imprint';
export { printablePage } from './page';
export { QrCode } from './qr';
export { type ReceiptCase, ReceiptDocument, type ReceiptProps, receiptKind, receiptTitle } from './receipt';
export { intakeWindowName, type ReceiptKind } from './receipt-text';
export { ResultDocument, type ResultProps, resultTitle } from './result';
export { DOCUMENT_CSS } from './style';
export type { Lang } from './text';
