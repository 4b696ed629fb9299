import { tenantPk } from './keys';

/** E-supervision cards (R19): one item per case, limit and colour, in the case's tenant. */
export const CARD_PREFIX = 'CARD#';
/** The clock's job for the day after a push's receipt limit (R20): an unsigned push raises a card. */
export const RECEIPT_DUE = 'receipt-due';
export const cardKey = (tenant: string, cardId: string) => ({
  pk: tenantPk(tenant),
  sk: `${CARD_PREFIX}${cardId}`,
});
