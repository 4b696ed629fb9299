import { DomainError } from '../errors';
import type { Rollout } from './plan';
import type { RolloutPreview } from './preview';

/** What a caller may ask of a rollout next; the console shows exactly these. */
export const ROLLOUT_ACTIONS = ['preview', 'schedule', 'cancel'] as const;
export type RolloutAction = (typeof ROLLOUT_ACTIONS)[number];

export const rolloutExists = (id: string) =>
  new DomainError('conflict', `批次“${id}”已存在`, `rollout '${id}' exists`, 'id');

/** Moves are forward-dated: a rollout is created for an instant still to come. */
export function pastInstantRefusal(r: Pick<Rollout, 'effectiveAt'>, now: string): DomainError | undefined {
  if (r.effectiveAt > now) return undefined;
  return new DomainError(
    'validation',
    '生效时间应晚于当前时间：划转只能向后生效',
    'moves are forward-dated: effectiveAt must be in the future',
    'effectiveAt',
  );
}

/** Only a draft is scheduled (its preview is the check before that). */
export function scheduleRefusal(r: Pick<Rollout, 'status'>): DomainError | undefined {
  if (r.status === 'draft') return undefined;
  return new DomainError(
    'invalid-state',
    `批次状态为“${r.status}”，只能排期草稿`,
    `only a draft can be scheduled; this one is ${r.status}`,
  );
}

/** R11: every tenant with a blocker is named in the answer, so the administrator can fix each. */
export function blockedRefusal(preview: RolloutPreview): DomainError | undefined {
  if (preview.ready) return undefined;
  const tenants = preview.tenants.filter((t) => t.blockers.length > 0);
  // A blocker that is the rollout's own field to fix (its seal) is named as that field too.
  const errors = new Map<string, { path: string; zh: string; en: string }>();
  for (const t of tenants) {
    for (const x of t.blockers) {
      if (x.field && !errors.has(`${x.field} ${x.messageEn}`))
        errors.set(`${x.field} ${x.messageEn}`, { path: x.field, zh: x.message, en: x.messageEn });
    }
  }
  return new DomainError(
    'rollout-blocked',
    `${tenants.length} 个租户存在阻断项`,
    `${tenants.length} tenant(s) have blockers`,
    { extensions: { tenants }, ...(errors.size > 0 ? { errors: [...errors.values()] } : {}) },
  );
}

/** A draft or a scheduled rollout may be cancelled until its instant; after it, the move stands. */
export function cancelRefusal(
  r: Pick<Rollout, 'status' | 'effectiveAt'>,
  now: string,
): DomainError | undefined {
  if ((r.status === 'draft' || r.status === 'scheduled') && r.effectiveAt > now) return undefined;
  return new DomainError(
    'invalid-state',
    '批次已生效或已撤销，不能撤销',
    'the rollout has taken effect or is already cancelled',
  );
}

/**
 * Where the clock stands with a rollout: nothing to do (a draft, cancelled or applied),
 * not due before its instant, due from it on (again after a worker died midway).
 */
export type ApplyStage = 'nothing-to-do' | 'not-due' | 'due';

export function applyStage(r: Pick<Rollout, 'status' | 'effectiveAt'>, now: string): ApplyStage {
  if (r.status !== 'scheduled' && r.status !== 'applying') return 'nothing-to-do';
  return r.effectiveAt > now ? 'not-due' : 'due';
}

/**
 * The actions the guards above allow now. A preview is the check before scheduling, so it is
 * offered exactly when scheduling is; whether the preview is ready is known only once it ran.
 */
export function allowedRolloutActions(
  r: Pick<Rollout, 'status' | 'effectiveAt'>,
  now: string,
): RolloutAction[] {
  const allowed: RolloutAction[] = [];
  if (!scheduleRefusal(r)) allowed.push('preview', 'schedule');
  if (!cancelRefusal(r, now)) allowed.push('cancel');
  return allowed;
}

/** A handover agreement stands once the rollout is scheduled; a draft or a cancelled one has none. */
export const handoverStands = (r: Pick<Rollout, 'status'>): boolean =>
  r.status !== 'draft' && r.status !== 'cancelled';
