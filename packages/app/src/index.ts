export type { CaseRow, StoredCase } from '@onewindow/store';
// The request scope the api opens after authorise; the store's guard checks every request against it.
export { type IsolationRefusal, type IsolationScope, runIsolated } from '@onewindow/store';
export { type AbsenceInput, AbsenceService, type AbsenceView } from './absences';
export * from './archive';
export * from './authority';
export * from './calendar';
export * from './cases';
export * from './catalogue';
export { Clock, type ClockLog, type JobRunner, platformJobs } from './clock';
export { Commands, type IdempotencyKey, IdempotentReplay } from './commands';
export * from './context';
export * from './empowerment';
export * from './esign';
export {
  AssessmentService,
  type CityAssessment,
  type NamedRow,
  type TenantAssessment,
} from './evaluation/assessment';
export { type Card, CardService } from './evaluation/cards';
export { PROVINCIAL_FIELDS, type ProvincialRating, RatingExport } from './evaluation/export';
export { RectificationService } from './evaluation/rectifications';
export * from './licences';
export * from './materials';
export { OFD_ACTOR, OfdResults, type SesSigner } from './ofd';
export { type Measure, type OutboundEvent, Outbox, type StreamRecordLike } from './outbox';
export * from './public';
export { ReadinessService, type TrainingInput } from './readiness';
export * from './rollouts';
export * from './seals';
export {
  type AppServices,
  type CaseServices,
  type CoreServices,
  caseServices,
  coreServices,
  createServices,
  type FileServices,
  fileServices,
  onlyServices,
  type ServicesOptions,
  sealPki,
} from './services';
export { createSigner, type ResultSigner } from './signing';
export { SupervisionService } from './supervision';
export * from './tenancy';
export { ttlCache } from './ttl-cache';
export { type WindowGrantInput, WindowGrantService, type WindowGrantView } from './window-grants';
export { WindowOfficeService } from './window-office';
