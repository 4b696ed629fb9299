export { caseKeys, openPk, queuePk } from './keys';
export type { CaseRow, CaseSummaryState, CaseWithEvents, StoredCase } from './projection';
export { cachedTimeline, TIMELINE_CACHE_BYTES } from './projection';
export { CaseRepository } from './repository';
export { type WindowAuthorisation, windowAuthorisationWrite } from './window';
export { caseWrites } from './writes';
