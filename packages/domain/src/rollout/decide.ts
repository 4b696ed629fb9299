import { DomainError } from '../errors';
import type { RolloutCommand, RolloutDecideContext } from './commands';
import type { RolloutEvent } from './events';
import {
  applyStage,
  blockedRefusal,
  cancelRefusal,
  pastInstantRefusal,
  rolloutExists,
  scheduleRefusal,
} from './guards';
import { normaliseRollout, type Rollout } from './plan';

type Draft = RolloutEvent extends infer E
  ? E extends RolloutEvent
    ? Omit<E, 'at' | 'actor'>
    : never
  : never;

const refuse = (zh: string, en: string) => new DomainError('invalid-state', zh, en);

function requireApplying(state: Rollout, zh: string, en: string): void {
  if (state.status !== 'applying')
    throw refuse(`批次状态为“${state.status}”，${zh}`, `the rollout is ${state.status}; ${en}`);
}

function decideEvents(state: Rollout | undefined, command: RolloutCommand, now: string): Draft[] {
  if (command.type === 'create') {
    if (state) throw rolloutExists(command.input.id);
    const input = normaliseRollout(command.input, command.city);
    const past = pastInstantRefusal(input, now);
    if (past) throw past;
    return [{ type: 'created', city: command.city, input }];
  }
  if (!state) throw new DomainError('not-found', '批次不存在', 'no such rollout');
  switch (command.type) {
    case 'schedule': {
      const refusal = scheduleRefusal(state) ?? blockedRefusal(command.preview);
      if (refusal) throw refusal;
      return [{ type: 'scheduled' }];
    }
    case 'cancel': {
      const refusal = cancelRefusal(state, now);
      if (refusal) throw refusal;
      return [{ type: 'cancelled' }];
    }
    case 'start-applying': {
      const stage = applyStage(state, now);
      if (stage === 'nothing-to-do')
        throw refuse(
          `批次状态为“${state.status}”，无需实施`,
          `the rollout is ${state.status}; there is nothing to apply`,
        );
      if (stage === 'not-due')
        throw refuse('批次尚未到生效时间', `the rollout takes effect at ${state.effectiveAt}, not before`);
      // A worker that died midway left the rollout applying: the next one carries on.
      return state.status === 'scheduled' ? [{ type: 'applying-started' }] : [];
    }
    case 'record-progress': {
      requireApplying(state, '不能记录实施进度', 'no progress can be recorded');
      const { done, total } = { done: command.done, total: state.progress.total };
      if (!Number.isInteger(done) || done <= state.progress.done || done > total) {
        throw refuse(
          `实施进度只能向前：已完成 ${state.progress.done}/${total}，不能记为 ${done}`,
          `progress goes forward only: ${state.progress.done} of ${total} done, not ${done}`,
        );
      }
      return [{ type: 'progress-recorded', done }];
    }
    case 'complete':
      requireApplying(state, '不能完成实施', 'it cannot be completed');
      if (state.progress.done !== state.progress.total) {
        throw refuse(
          `尚有未实施的目标：已完成 ${state.progress.done}/${state.progress.total}`,
          `targets are left: ${state.progress.done} of ${state.progress.total} done`,
        );
      }
      return [{ type: 'completed' }];
  }
}

/**
 * The rules of a rollout's life: draft → scheduled → applying → applied, or cancelled
 * before its instant. Answers the events a command causes, or throws the `DomainError`
 * that refuses it; reads nothing but its arguments.
 */
export function decideRollout(
  state: Rollout | undefined,
  command: RolloutCommand,
  ctx: RolloutDecideContext,
): RolloutEvent[] {
  return decideEvents(state, command, ctx.now).map(
    (e) => ({ ...e, at: ctx.now, actor: ctx.actor }) as RolloutEvent,
  );
}
