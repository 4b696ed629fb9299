import type { RolloutCommand, RolloutDecideContext } from './commands';
import { decideRollout } from './decide';
import type { RolloutEvent } from './events';
import type { Rollout } from './plan';

/** Folds one event into the rollout. Never throws for an event `decideRollout` produced. */
export function evolveRollout(state: Rollout | undefined, event: RolloutEvent): Rollout {
  if (event.type === 'created') {
    const { input } = event;
    return {
      ...input,
      city: event.city,
      status: 'draft',
      createdAt: event.at,
      createdBy: event.actor,
      progress: { done: 0, total: input.tenants.length * input.matters.length },
    };
  }
  if (!state) throw new Error(`event '${event.type}' before the rollout was created`);
  switch (event.type) {
    case 'scheduled':
      return { ...state, status: 'scheduled', scheduledAt: event.at };
    case 'cancelled':
      return { ...state, status: 'cancelled', cancelledAt: event.at };
    case 'applying-started':
      return { ...state, status: 'applying' };
    case 'progress-recorded':
      return { ...state, progress: { ...state.progress, done: event.done } };
    case 'completed':
      return { ...state, status: 'applied', appliedAt: event.at };
  }
}

/** The state after `events`, starting from `state`. */
export const foldRollout = (
  state: Rollout | undefined,
  events: readonly RolloutEvent[],
): Rollout | undefined => events.reduce<Rollout | undefined>((s, e) => evolveRollout(s, e), state);

/** Decides and folds in one step: the events a command causes and the rollout after them. */
export function runRollout(
  state: Rollout | undefined,
  command: RolloutCommand,
  ctx: RolloutDecideContext,
): { readonly events: RolloutEvent[]; readonly state: Rollout } {
  const events = decideRollout(state, command, ctx);
  const after = foldRollout(state, events);
  if (!after) throw new Error('a rollout command left no rollout');
  return { events, state: after };
}
