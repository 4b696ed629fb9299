export { GuideService } from './guide';
export { PublicCaseService } from './results';
