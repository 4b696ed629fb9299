export { accessLogOf, accessRecordWrite } from './access-log';
export { caseKeys, openPk, queuePk } from './keys';
export { kindOfTerm, type LookupKind, lookupWrites, normaliseTerm } from './lookup';
export { matterMonths, sumMatterMonths } from './matter-months';
export type { CaseRow, CaseSummaryState, CaseWithEvents, StoredCase } from './projection';
export { cachedTimeline, rowBodies, TIMELINE_CACHE_BYTES } from './projection';
export { CaseRepository } from './repository';
export { type WindowAuthorisation, windowAuthorisationWrite } from './window';
export { caseWrites } from './writes';
