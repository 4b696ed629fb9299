export { ApplicantService, type Revealed } from './applicant';
export { AuthorityBinding } from './binding';
export { CaseReference } from './reference';
export { type CaseIntake, type CaseOutcome, type CaseRun, CaseService } from './service';
