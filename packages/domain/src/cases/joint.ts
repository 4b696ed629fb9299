import type { CalendarFor } from '../calendar';
import { invalid } from '../errors';
import { stepDeadline } from './clock';
import { type Draft, refuse, requireApproverOf, requireBodyOf, requireStatus } from './guards';
import type { GuardContext } from './preconditions';
import { type CaseState, IN_BACK_OFFICE, isClosed, type Step } from './types';

/**
 * Joint review (并联审批/联合踏勘 with 会签): the case's bound body (the lead) starts a
 * `joint-review` step naming the participating bodies; each one's approver countersigns once,
 * agreeing or not, with an opinion. The step finishes itself with the last countersignature
 * (`fail` if any body disagreed), or when the lead records that it decides without the rest
 * (an override with reasons). `decide` waits for it like any running step.
 */
export const stillToSign = (step: Step): string[] =>
  step.bodies.filter((b) => !step.countersigns?.some((c) => c.body === b));

const openReviews = (state: CaseState) =>
  state.steps.filter((s) => s.kind === 'joint-review' && !s.finishedAt);

function requireOpenReview(state: CaseState) {
  if (isClosed(state.status)) throw refuse('办件已办结', 'the case is closed');
  requireStatus(state, IN_BACK_OFFICE, '会签', 'countersigned');
  const open = openReviews(state);
  if (open.length === 0) throw refuse('没有进行中的会签', 'no joint review is running');
  return open;
}

/** A participating body's approver, whose body has not countersigned yet. */
export function countersignGuard(state: CaseState, { actor }: GuardContext): void {
  const open = requireOpenReview(state);
  requireBodyOf(
    actor,
    open.flatMap((s) => s.bodies),
  );
  if (!open.some((s) => stillToSign(s).includes(actor.body ?? '')))
    throw refuse('您所在机构无待会签的环节', 'your body has no countersignature to give');
}

/** The lead body's approver: not a participant's. */
export function overrideGuard(state: CaseState, { actor }: GuardContext): void {
  requireOpenReview(state);
  requireApproverOf(state, actor);
}

function reviewOf(state: CaseState, stepId: string): Step {
  const step = openReviews(state).find((s) => s.id === stepId);
  if (!step) throw invalid('stepId', `没有进行中的会签“${stepId}”`, `no joint review '${stepId}' is running`);
  return step;
}

const finished = (step: Step, agreed: boolean, note: string): Draft => ({
  type: 'step-finished',
  stepId: step.id,
  outcome: agreed ? 'pass' : 'fail',
  note,
});

export function countersign(
  state: CaseState,
  command: { stepId: string; opinion: string; outcome: 'agree' | 'disagree' },
  { actor, today }: GuardContext,
  calendarFor: CalendarFor,
): Draft[] {
  const step = reviewOf(state, command.stepId);
  const body = actor.body ?? '';
  if (!stillToSign(step).includes(body))
    throw refuse(
      `“${body}”不需在该环节会签或已会签`,
      `'${body}' has no countersignature to give on ${step.id}`,
    );
  if (!command.opinion.trim()) throw invalid('opinion', '请填写会签意见', 'the opinion is empty');
  const late = today > stepDeadline(step, calendarFor);
  const events: Draft[] = [
    {
      type: 'countersigned',
      stepId: step.id,
      body,
      opinion: command.opinion.trim(),
      outcome: command.outcome,
      ...(late ? { late } : {}),
    },
  ];
  if (stillToSign(step).length === 1) {
    const agreed = command.outcome === 'agree' && !step.countersigns?.some((c) => c.outcome === 'disagree');
    events.push(finished(step, agreed, agreed ? '各部门会签同意' : '有部门会签不同意'));
  }
  return events;
}

export function overrideCountersign(state: CaseState, command: { stepId: string; reason: string }): Draft[] {
  const step = reviewOf(state, command.stepId);
  if (!command.reason.trim()) throw invalid('reason', '请说明不再等待会签的理由', 'give the reason');
  const pending = stillToSign(step);
  const agreed = !step.countersigns?.some((c) => c.outcome === 'disagree');
  return [
    { type: 'countersign-overridden', stepId: step.id, reason: command.reason.trim(), pending },
    finished(step, agreed, `牵头部门决定不再等待${pending.join('、')}会签：${command.reason.trim()}`),
  ];
}
