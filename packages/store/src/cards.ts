import { tenantPk } from './keys';

/** E-supervision cards (R19): one item per case, trigger (and its step or event) and colour, in the case's tenant. */
export const CARD_PREFIX = 'CARD#';
/** The clock's job for the day after a push's receipt limit (R20): an unsigned push raises a card. */
export const RECEIPT_DUE = 'receipt-due';
/**
 * The clock's job to raise a case's cards at once (R19): written in the transaction of an event
 * that may raise an event card (`mayRaiseAtOnce`: a refusal without reasons, a notice beyond the
 * one-time notice, a fee not the catalogue's), due at that instant, since the case's own visit may
 * be days away or, on a closed case, never come.
 */
export const CASE_CARDS = 'case-cards';
export const cardKey = (tenant: string, cardId: string) => ({
  pk: tenantPk(tenant),
  sk: `${CARD_PREFIX}${cardId}`,
});
