import type { RolloutInput } from './plan';

interface Stamp {
  readonly at: string;
  readonly actor: string;
}

/** What happened to a rollout; `evolve` folds them into its state. */
export type RolloutEvent = Stamp &
  (
    | { readonly type: 'created'; readonly city: string; readonly input: RolloutInput }
    | { readonly type: 'scheduled' }
    | { readonly type: 'cancelled' }
    | { readonly type: 'applying-started' }
    | { readonly type: 'progress-recorded'; readonly done: number }
    | { readonly type: 'completed' }
  );

export type RolloutEventType = RolloutEvent['type'];
