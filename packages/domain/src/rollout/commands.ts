import type { RolloutInput } from './plan';
import type { RolloutPreview } from './preview';

/** What a city administrator or the clock asks of a rollout. */
export type RolloutCommand =
  | { readonly type: 'create'; readonly city: string; readonly input: RolloutInput }
  /** `preview` is R11 judged on data loaded just before; scheduling waits for it to be ready. */
  | { readonly type: 'schedule'; readonly preview: RolloutPreview }
  | { readonly type: 'cancel' }
  /** The clock, at or after the effective instant; again after a worker died midway. */
  | { readonly type: 'start-applying' }
  /** `done` targets written, in apply order (`targetAt`); the position a new worker resumes from. */
  | { readonly type: 'record-progress'; readonly done: number }
  | { readonly type: 'complete' };

export type RolloutCommandType = RolloutCommand['type'];

export interface RolloutDecideContext {
  /** The instant of the command. */
  readonly now: string;
  /** Who asks: a staff id, or the clock. */
  readonly actor: string;
}
