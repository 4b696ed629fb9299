export { accessLogOf, accessRecordItem, accessRecordWrite } from './access-log';
export { assessmentWrites, shardOf, WORK_SHARDS } from './counters';
export { dayAfter, RECTIFICATION_DUE, ratingKey, rectificationEntry } from './evaluation';
export {
  type HolderFinding,
  holderFindingsOf,
  holderFindingsPk,
  holderFindingWrites,
} from './holder-findings';
export { ASSESSMENT, caseKeys, openPk, queuePk } from './keys';
export { kindOfTerm, type LookupKind, lookupWrites, normaliseTerm } from './lookup';
export { matterMonths, sumMatterMonths } from './matter-months';
export type { CaseRow, CaseSummaryState, CaseWithEvents, StoredCase } from './projection';
export { cachedTimeline, rowBodies, TIMELINE_CACHE_BYTES } from './projection';
export { CaseRepository } from './repository';
export { windowGrantRevokeWrite, windowGrantWrites } from './window';
export { readWork } from './work';
export { caseWrites } from './writes';
