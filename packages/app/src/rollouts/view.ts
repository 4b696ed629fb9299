import { allowedRolloutActions, type Rollout, type RolloutAction } from '@onewindow/domain';
import type { StoredRollout } from '@onewindow/store';

/** A rollout as callers see it: its state and what they may ask of it now. */
export type RolloutView = Rollout & { readonly allowedActions: readonly RolloutAction[] };

/** The apply cursor is the store's resume position (equal to `progress.done`), not part of the view. */
export function rolloutView(r: StoredRollout, now: string): RolloutView {
  const { cursor: _cursor, ...rollout } = r;
  return { ...rollout, allowedActions: allowedRolloutActions(r, now) };
}

/** A scheduled (or later) rollout as its target tenant sees it: the handover it signs. */
export interface Handover {
  readonly rollout: string;
  readonly name: string;
  readonly status: Rollout['status'];
  readonly effectiveAt: string;
  readonly matters: number;
}
