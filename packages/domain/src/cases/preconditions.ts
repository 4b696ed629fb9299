import { acceptance, keptCommitment } from './acceptance';
import type { CaseCommandType } from './commands';
import {
  type DecideContext,
  forbid,
  refusalOf,
  refuse,
  requireApproverOf,
  requireBodyOf,
  requireRole,
  requireStatus,
} from './guards';
import { countersignGuard, overrideGuard, stillToSign } from './joint';
import { currentLevel, LEVEL_NAMES, levelsOf, opinionGuard, requireLevelSigner } from './levels';
import { NOTICE_SIGNERS } from './limits';
import { appealGuard, callbackGuard, closeGuard, decideAppealGuard, escalateGuard } from './rectification';
import {
  type Actor,
  type CaseState,
  type Guidance,
  IN_BACK_OFFICE,
  isClosed,
  RATABLE_STATUSES,
  type Step,
} from './types';

/**
 * What a command needs of the case and the actor before its input is looked at: status,
 * role, body, the once-only rules. `decide` runs it first and `allowedCaseActions` asks it,
 * so the actions offered to a person are exactly those the decider would not refuse.
 * Bounds of the input (reasons to deny, 1–10 extension days) are not here: `decide` checks
 * them after the precondition.
 */
export type Guard = (state: CaseState, ctx: GuardContext) => void;

/** The guards look at the actor and the instant; none needs the calendar. */
export type GuardContext = Pick<DecideContext, 'actor' | 'now' | 'today'>;

export type GuardedCommandType = Exclude<CaseCommandType, 'intake'>;

/** Supervision, rating and rectification come after the case is closed; nothing else does. */
export function requireOpen(state: CaseState): void {
  if (isClosed(state.status))
    throw refuse(`办件已办结（${state.status}），不能再办理`, `the case is closed ('${state.status}')`);
}

/** A case the tenant did not hold at intake can only be rejected. */
function requireCompetent(state: CaseState): void {
  if (!state.competent)
    throw refuse(
      '收件时本租户未承接该事项，只能作出不予受理决定并告知有权机关',
      'the tenant did not hold the matter when the case was received; reject it and name the competent authority',
    );
}

const clerkOnly =
  (zh: string, en: string): Guard =>
  (state, { actor }) => {
    requireOpen(state);
    requireRole(actor, ['window-clerk'], zh, en);
  };

/** Whether `actor` may finish `step`: a guidance review is the origin body's to pass (R6). */
export function requireStepFinisher(state: CaseState, step: Step, { actor }: GuardContext): void {
  if (step.finishedAt) throw refuse('该环节已结束', `step '${step.id}' is already finished`);
  if (step.kind === 'joint-review')
    throw refuse(
      '会签环节在各部门会签后自动结束，或由牵头部门决定不再等待',
      'a joint review finishes with the last countersignature or the lead body’s override',
    );
  if (step.kind === 'guidance-review') requireBodyOf(actor, step.bodies);
  else requireApproverOf(state, actor, step.bodies);
}

/** The request for guidance still waiting for the department's opinion, if any (R6). */
export const openGuidanceRequest = (state: CaseState): Guidance | undefined =>
  state.guidance?.find((g) => g.requestedAt !== undefined && g.opinion === undefined);

/** R6 `guided`: guidance is asked and given while the case is in the back office of a guided binding. */
function requireGuided(state: CaseState): string {
  requireOpen(state);
  requireStatus(state, IN_BACK_OFFICE, '征求或提出指导意见', 'given guidance');
  const guidedBy = state.binding?.guidedBy;
  if (!guidedBy) {
    throw refuse(
      '该办件不是在指导过渡期内受理的，没有原部门指导',
      'the case was not accepted during a guided transition; no department guides it',
    );
  }
  return guidedBy;
}

const GUARDS: Record<GuardedCommandType, Guard> = {
  supplement: (state, ctx) => {
    clerkOnly('仅窗口人员可以接收补正材料', 'only a window clerk can take supplements')(state, ctx);
    // A material provided by files stays open to a replacement (a new version); paper is provided once.
    if (state.materials.every((m) => m.provided && m.form !== 'electronic'))
      throw refuse('这些材料均已提交', 'all of these materials were already provided');
  },
  accept: (state, ctx) => {
    clerkOnly('仅窗口人员可以受理', 'only a window clerk can accept')(state, ctx);
    requireStatus(state, ['received'], '受理', 'accepted');
    requireCompetent(state);
    const verdict = acceptance(state, keptCommitment(state, state.materials));
    if (!verdict.ok) {
      throw refuse(
        `材料不齐，不能受理：${verdict.missing.map((m) => m.name).join('、')}`,
        `materials are missing: ${verdict.missing.map((m) => m.code).join(', ')}`,
      );
    }
  },
  reject: (state, ctx) => {
    clerkOnly('仅窗口人员可以作出不予受理决定', 'only a window clerk can reject')(state, ctx);
    requireStatus(state, ['received', 'needs-correction'], '不予受理', 'rejected');
  },
  // R19: a correction notice before acceptance, by a window clerk or a signer (NOTICE_SIGNERS); beyond
  // the one-time notice only a signer, with a sign-off: `decide` checks the input.
  'notify-correction': (state, { actor }) => {
    requireOpen(state);
    requireRole(
      actor,
      ['window-clerk', ...NOTICE_SIGNERS],
      '仅窗口人员或签批人可以发出补正告知',
      'only a window clerk or a signer gives a correction notice',
    );
    requireStatus(state, ['received', 'needs-correction'], '发出补正告知', 'given a correction notice');
    requireCompetent(state);
  },
  withdraw: (state, ctx) => {
    clerkOnly('仅窗口人员可以办理撤回', 'only a window clerk can record a withdrawal')(state, ctx);
    // An application can be withdrawn until the decision on it, not after.
    requireStatus(state, ['received', 'needs-correction', ...IN_BACK_OFFICE], '撤回', 'withdrawn');
  },
  'start-step': (state, { actor }) => {
    requireOpen(state);
    requireStatus(state, IN_BACK_OFFICE, '启动办理环节', 'given a step');
    requireApproverOf(state, actor);
  },
  // R6 corrected: the centre may ask, the department may answer; neither is a condition of `decide`.
  'request-guidance': (state, { actor }) => {
    const guidedBy = requireGuided(state);
    requireApproverOf(state, actor);
    const open = openGuidanceRequest(state);
    if (open) {
      throw refuse(
        `已于 ${open.requestedAt} 征求“${guidedBy}”意见（${open.id}），尚待答复`,
        `guidance was asked of '${guidedBy}' at ${open.requestedAt} (${open.id}) and is still awaited`,
      );
    }
  },
  'give-guidance': (state, { actor }) => {
    requireBodyOf(actor, [requireGuided(state)]);
  },
  /** Some running step this actor may finish; `decide` asks the same of the step it names. */
  'finish-step': (state, ctx) => {
    requireOpen(state);
    const refusals = state.steps
      .filter((s) => !s.finishedAt)
      .map((step) => refusalOf(() => requireStepFinisher(state, step, ctx)));
    if (refusals.length === 0) throw refuse('没有进行中的环节', 'no step is running');
    const [first] = refusals;
    if (first && refusals.every(Boolean)) throw first;
  },
  /** Art. 42: on the bound body's head's approval; a joint matter's (42(2)) on the government head's. */
  extend: (state, { actor }) => {
    // Whoever is not the head is refused first (403), whatever the case's state.
    const gov = state.limits.jointHandling !== undefined;
    if (gov ? !actor.governmentHead : !actor.head || !actor.body || actor.body !== state.body) {
      throw forbid(
        `延期须经${gov ? '本级人民政府' : `“${state.body}”`}负责人批准（第四十二条）`,
        `an extension is approved by the head of ${gov ? 'the government' : `'${state.body}'`} (art. 42)`,
      );
    }
    requireOpen(state);
    requireStatus(state, IN_BACK_OFFICE, '延期', 'extended');
    if (state.extension)
      throw refuse('办理时限只能延长一次（第四十二条）', 'the limit can be extended once only (art. 42)');
  },
  decide: (state, { actor }) => {
    requireOpen(state);
    requireStatus(state, IN_BACK_OFFICE, '作出决定', 'decided');
    // An on-the-spot matter may be decided by a window officer the chief representative authorised.
    const windowOfficer = windowAuthorityOf(state, actor);
    // With levels (R16) the decision is the sign-off's: every level below has signed first.
    if (!windowOfficer) requireLevelSigner(state, actor, levelsOf(state).length - 1);
    const waiting = levelsOf(state)[currentLevel(state)];
    if (!windowOfficer && waiting && waiting.kind !== 'sign')
      throw refuse(
        `尚待${LEVEL_NAMES[waiting.kind].zh}签署意见`,
        `the ${waiting.kind} level has not signed yet`,
      );
    // A guidance review is the department's advice (R6), never a step the decision waits on.
    const open = state.steps.filter((s) => !s.finishedAt && s.kind !== 'guidance-review');
    if (open.length > 0) {
      // A joint review names the bodies still to countersign.
      const what = (sep: string) =>
        open
          .map((s) => (s.kind === 'joint-review' ? `${s.id}（${stillToSign(s).join(sep)}）` : s.id))
          .join(sep);
      throw refuse(`尚有未结束的环节或待会签：${what('、')}`, `steps still running: ${what(', ')}`);
    }
    // R6 `guided`: the department's opinion, asked or not, given or not, never holds the decision.
  },
  countersign: countersignGuard,
  'countersign-override': overrideGuard,
  opinion: (state, { actor }) => {
    requireOpen(state);
    opinionGuard(state, actor);
  },
  pay: (state, ctx) => {
    clerkOnly('仅窗口人员可以收费', 'only a window clerk can take fees')(state, ctx);
    requireStatus(state, ['accepted', 'accepted-with-deficiency', 'approved'], '收费', 'charged');
    if (feesDue(state) === 0) throw refuse('该事项不收费', 'the matter has no fees');
    if (state.payment)
      throw refuse(
        `已缴费，收据号 ${state.payment.receiptNo}`,
        `already paid: receipt ${state.payment.receiptNo}`,
      );
  },
  issue: (state, ctx) => {
    clerkOnly('仅窗口人员可以出件', 'only a window clerk can issue')(state, ctx);
    requireStatus(state, ['approved', 'denied'], '出件', 'issued');
    if (state.status === 'approved' && state.fees.some((f) => f.amount > 0) && !state.payment) {
      throw refuse('尚未缴费，不能出件', 'fees are unpaid; the result cannot be issued');
    }
    // 容缺后补: an approval is handed over once the promised materials are in.
    if (state.status === 'approved' && state.deficiency) {
      throw refuse(
        `容缺材料尚未补齐（${state.deficiency.materials.join('、')}），补齐后方可出件`,
        `the deficient materials (${state.deficiency.materials.join(', ')}) must be supplied before issuance`,
      );
    }
  },
  'record-finding': (state, { actor }) => {
    requireRole(actor, ['supervisor'], '仅监管人员可以登记监管意见', 'only a supervisor can record findings');
    requireStatus(state, ['issued'], '登记监管意见', 'given a finding');
    if (!state.binding || actor.body !== state.binding.supervisingBody) {
      throw forbid('您所在机构不是该办件的监管部门', 'your body does not supervise this case');
    }
  },
  rate: (state) => {
    requireStatus(state, RATABLE_STATUSES, '评价', 'rated');
    if (state.rating) throw refuse('该办件已评价', 'the case has been rated already');
  },
  // Listed one by one, not spread: a spread keeps this table in every bundle that imports the module.
  'close-rectification': closeGuard,
  'record-callback': callbackGuard,
  'escalate-rectification': escalateGuard,
  'appeal-rating': appealGuard,
  'decide-appeal': decideAppealGuard,
  tick: (state) => requireOpen(state),
};

/** The precondition of a command type; throws the decider's `forbidden` or `invalid-state`. */
export const guardOf = (type: GuardedCommandType): Guard => GUARDS[type];

/**
 * R16: the written authorisation a window officer decides this on-the-spot case under: one for its
 * matter from the department the case is bound to (the app lists only those the timeline still gives it).
 */
export const windowAuthorityOf = (state: CaseState, actor: Actor) =>
  state.limits.onTheSpot && actor.roles.includes('window-clerk')
    ? actor.windowMatters?.find((w) => w.matter === state.matter && w.body === state.binding?.body)
    : undefined;

/** The fees of the case to the fen. */
export const feesDue = (state: { readonly fees: readonly { readonly amount: number }[] }): number =>
  Math.round(state.fees.reduce((sum, f) => sum + f.amount, 0) * 100) / 100;
