import { invalid } from '../errors';
import { type Draft, forbid, refuse, requireApproverOf, requireStatus } from './guards';
import { type Actor, type ApprovalLevel, type CaseState, IN_BACK_OFFICE } from './types';

/**
 * Approval levels (R16): 承办 → 审核 → 审批/签发, or one level. Each level is signed by a
 * person of the bound body with an opinion; the last level signs through `decide`, and
 * any level may send the case back one level with its reasons.
 */
export const LEVEL_KINDS = ['undertake', 'review', 'sign'] as const;

export const LEVEL_NAMES: Readonly<Record<ApprovalLevel['kind'], { zh: string; en: string }>> = {
  undertake: { zh: '承办', en: 'Undertaking' },
  review: { zh: '审核', en: 'Review' },
  sign: { zh: '审批（签发）', en: 'Approval (sign-off)' },
};

/** A matter that declares no levels is decided in one. */
export const ONE_LEVEL: readonly ApprovalLevel[] = [{ kind: 'sign' }];
export const MAX_LEVELS = 5;

/** 1–5 levels, the last and only the last a 签发; an on-the-spot matter has one level. */
export function checkLevels(levels: readonly ApprovalLevel[], onTheSpot: boolean, field = 'approvalLevels') {
  if (levels.length < 1 || levels.length > MAX_LEVELS)
    throw invalid(field, `审批层级应为 1–${MAX_LEVELS} 级`, `1–${MAX_LEVELS} approval levels`);
  const signs = levels.filter((l) => l.kind === 'sign').length;
  if (levels.at(-1)?.kind !== 'sign' || signs !== 1)
    throw invalid(
      field,
      '最后一级应为审批（签发），且只有最后一级是签发',
      'the last level, and only the last, is the sign-off',
    );
  if (onTheSpot && levels.length > 1)
    throw invalid(field, '即办件当场办结，只有一级审批', 'an on-the-spot matter has one level');
}

export const levelsOf = (state: CaseState): readonly ApprovalLevel[] => state.levels ?? ONE_LEVEL;
/** The level waiting for its signature: the number of levels signed so far. */
export const currentLevel = (state: CaseState): number => state.opinions?.length ?? 0;

/**
 * Whether `actor` may sign level `index`: an approver of the bound body, its head when the
 * level asks for it, and nobody signs two levels of one case (the point of having levels).
 */
export function requireLevelSigner(state: CaseState, actor: Actor, index: number): void {
  requireApproverOf(state, actor);
  const level = levelsOf(state)[index];
  if (level?.head && !actor.head)
    throw forbid(
      `${LEVEL_NAMES[level.kind].zh}须由本机构负责人签署`,
      `the ${level.kind} level is signed by the head of the body`,
    );
  const other = state.opinions?.find((o) => o.by === actor.sub && o.level !== index);
  if (other)
    throw forbid(
      `您已签署${LEVEL_NAMES[other.kind].zh}意见，同一人不能签署两级`,
      `you signed the ${other.kind} level; nobody signs two levels of a case`,
    );
}

/** The precondition of `opinion`: a level below the sign-off to pass, or one above the first to send back. */
export function opinionGuard(state: CaseState, actor: Actor): void {
  requireStatus(state, IN_BACK_OFFICE, '签署审批意见', 'given a level opinion');
  if (levelsOf(state).length < 2)
    throw refuse('该事项只有一级审批，请直接作出决定', 'the matter has one level: decide it');
  requireLevelSigner(state, actor, currentLevel(state));
}

/** The signature of the current level: `pass` hands the case up, `return` sends it back one level. */
export function levelOpinion(
  state: CaseState,
  command: { readonly opinion: string; readonly outcome: 'pass' | 'return' },
): Draft[] {
  const opinion = command.opinion.trim();
  if (!opinion) throw invalid('opinion', '请填写意见', 'the opinion is empty');
  const levels = levelsOf(state);
  const index = currentLevel(state);
  const kind = levels[index]?.kind ?? 'sign';
  if (command.outcome === 'pass') {
    if (index >= levels.length - 1)
      throw refuse('已到审批（签发）一级，请作出决定', 'this is the sign-off level: decide the case instead');
    return [{ type: 'level-passed', level: index, kind, opinion }];
  }
  if (index === 0) throw refuse('承办是第一级，无法退回', 'the first level has no level to send back to');
  return [{ type: 'level-returned', level: index, kind, to: index - 1, opinion }];
}
