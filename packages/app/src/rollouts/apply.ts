import {
  applyStage,
  fromBodyOf,
  periodOf,
  type Rollout,
  type RolloutCommand,
  runRollout,
  targetAt,
} from '@onewindow/domain';
import { RolloutRepository, type Store, writePeriods } from '@onewindow/store';
import { CodeBook } from '../code-lineage';
import { bodiesByRef } from './load';

export interface ApplyOptions {
  readonly now: string;
  /** Stop after about this long and leave the rest to the next clock tick. */
  readonly budgetMs?: number;
  /** Periods written between two progress records. */
  readonly groupSize?: number;
  readonly concurrency?: number;
}

/** Who applies a rollout: the clock, not a person. */
const CLOCK = 'clock';

/**
 * Applies a scheduled rollout from where it stopped: writes its periods group by group
 * in a fixed order and records the position after each group. A worker killed midway
 * leaves at most one group to write again, and writing a period again is a no-op, so
 * nothing is missed or doubled. `done: false` leaves the job for the next tick.
 */
export async function applyRollout(
  store: Store,
  city: string,
  id: string,
  options: ApplyOptions,
): Promise<{ done: boolean }> {
  const rollouts = new RolloutRepository(store);
  const stored = await rollouts.get(city, id);
  const stage = stored ? applyStage(stored, options.now) : 'nothing-to-do';
  if (!stored || stage === 'nothing-to-do') return { done: true };
  if (stage === 'not-due') return { done: false };

  const ctx = { now: options.now, actor: CLOCK };
  const step = (r: Rollout, command: RolloutCommand) => runRollout(r, command, ctx).state;
  let r = step(stored, { type: 'start-applying' });
  const fromBodies = await bodiesByRef(
    store,
    r.matters.map((m) => fromBodyOf(r, m)),
  );

  // The code-lineage ledger (R15) rides on the periods themselves: one item, so it is written
  // exactly when its period is, and rewriting a period rewrites the same row.
  const codes = new CodeBook(store, city, { about: r.matters });
  const { total } = r.progress;
  const groupSize = options.groupSize ?? 1000;
  const deadline = Date.now() + (options.budgetMs ?? 40_000);
  while (r.progress.done < total) {
    if (Date.now() > deadline) return { done: false };
    const end = Math.min(total, r.progress.done + groupSize);
    const periods = [];
    for (let i = r.progress.done; i < end; i++) {
      const { tenant, matter } = targetAt(r, i);
      periods.push(await codes.withCodeChange(periodOf(r, tenant, matter, fromBodies)));
    }
    await writePeriods(store, periods, options.concurrency ?? 4);
    r = step(r, { type: 'record-progress', done: end });
    if (end === total) r = step(r, { type: 'complete' });
    await rollouts.recordProgress(r);
  }
  // A rollout with no targets has only its end to record.
  if (r.status !== 'applied') await rollouts.recordProgress(step(r, { type: 'complete' }));
  return { done: true };
}
