import { tenantPk } from './keys';

/** E-supervision cards (R19): one item per case, limit and colour, in the case's tenant. */
export const CARD_PREFIX = 'CARD#';
export const cardKey = (tenant: string, cardId: string) => ({
  pk: tenantPk(tenant),
  sk: `${CARD_PREFIX}${cardId}`,
});
