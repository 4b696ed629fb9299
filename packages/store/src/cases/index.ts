export { caseKeys, openPk, queuePk } from './keys';
export type { StoredCase } from './projection';
export { CaseRepository } from './repository';
export { type WindowAuthorisation, windowAuthorisationWrite } from './window';
export { caseWrites } from './writes';
