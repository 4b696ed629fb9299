import { refusalOf } from './guards';
import { type GuardContext, guardOf } from './preconditions';
import type { CaseState } from './types';

/**
 * The commands staff send to one case, by the API's name for each (the path segment of
 * `POST /v1/tenants/{tenant}/cases/{caseNo}/{action}`, the supervision finding and the
 * rectification close). Intake makes a case, rating is the applicant's, the tick the clock's.
 */
export const CASE_ACTIONS = [
  'supplement',
  'notify-correction',
  'accept',
  'reject',
  'withdraw',
  'start-step',
  'finish-step',
  'countersign',
  'countersign-override',
  'request-guidance',
  'give-guidance',
  'extend',
  'opinion',
  'decide',
  'pay',
  'issue',
  'record-finding',
  'close-rectification',
  'record-callback',
  'appeal-rating',
  'decide-appeal',
] as const;
export type CaseActionName = (typeof CASE_ACTIONS)[number];

/**
 * What `ctx.actor` may do to the case now: each action whose precondition (the guard `decide`
 * runs first) passes. One left out is refused with 403 or 409 whatever its input; one listed
 * can still be refused for its input (a denial without reasons, 11 extension days).
 */
export function allowedCaseActions(state: CaseState, ctx: GuardContext): CaseActionName[] {
  return CASE_ACTIONS.filter((action) => !refusalOf(() => guardOf(action)(state, ctx)));
}
