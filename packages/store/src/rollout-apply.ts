import { type Body, fromBodyOf, parseBodyRef, periodOf, targetAt } from '@onewindow/domain';
import { writePeriods } from './authority';
import { RolloutRepository } from './rollouts';
import type { Store } from './store';
import { TenancyRepository } from './tenancy';

export interface ApplyOptions {
  readonly now: string;
  /** Stop after about this long and leave the rest to the next clock tick. */
  readonly budgetMs?: number;
  /** Periods written between two progress records. */
  readonly groupSize?: number;
  readonly concurrency?: number;
}

/**
 * Applies a scheduled rollout from where it stopped: writes its periods group by
 * group in a fixed order and records the position after each group. A worker killed
 * midway leaves at most one group to write again, and writing a period again is a
 * no-op, so nothing is missed or doubled.
 */
export async function applyRollout(
  store: Store,
  city: string,
  id: string,
  options: ApplyOptions,
): Promise<{ done: boolean }> {
  const rollouts = new RolloutRepository(store);
  const r = await rollouts.get(city, id);
  if (!r || r.status === 'cancelled' || r.status === 'applied' || r.status === 'draft') return { done: true };
  if (r.effectiveAt > options.now) return { done: false };

  const tenancy = new TenancyRepository(store);
  const fromBodies = new Map<string, Body>();
  for (const ref of new Set(r.matters.map((m) => fromBodyOf(r, m)))) {
    const { tenant, code } = parseBodyRef(ref);
    const body = await tenancy.body(tenant, code);
    if (body) fromBodies.set(ref, body);
  }

  const total = r.tenants.length * r.matters.length;
  const groupSize = options.groupSize ?? 1000;
  const deadline = Date.now() + (options.budgetMs ?? 40_000);
  let cursor = r.cursor ?? 0;
  while (cursor < total) {
    if (Date.now() > deadline) return { done: false };
    const end = Math.min(total, cursor + groupSize);
    const periods = [];
    for (let i = cursor; i < end; i++) {
      const { tenant, matter } = targetAt(r, i);
      periods.push(periodOf(r, tenant, matter, fromBodies));
    }
    await writePeriods(store, periods, options.concurrency ?? 4);
    cursor = end;
    await rollouts.progress(city, id, cursor, cursor === total ? 'applied' : 'applying', options.now);
  }
  if (total === 0) await rollouts.progress(city, id, 0, 'applied', options.now);
  return { done: true };
}
