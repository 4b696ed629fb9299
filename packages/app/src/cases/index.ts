export { ApplicantService, type Revealed } from './applicant';
export { AuthorityBinding } from './binding';
export { coveredPost, effectiveActor } from './cover';
export { CaseDocuments, type DocumentFacts } from './documents';
export { HolderFindings, holderKeyFrom } from './holder-findings';
export { CaseNames } from './names';
export { CaseReference } from './reference';
export { type CaseIntake, type CaseOutcome, type CaseRun, CaseService } from './service';
export { WorkbenchService } from './workbench';
