export { GuideService } from './guide';
export { PUBLIC_LIMITS, type PublicLimitPolicy, PublicLimits } from './limits';
export { PublicCaseService } from './results';
export { ResultVerification } from './verification';
