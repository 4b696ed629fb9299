import { type Mode, type Transition, toInstant } from '../authority';
import { invalid } from '../errors';
import { parseBodyRef } from '../ids';

export interface RolloutInput {
  readonly id: string;
  readonly name: string;
  readonly matters: readonly string[];
  readonly tenants: readonly string[];
  readonly mode: Mode;
  readonly effectiveAt: string;
  /** One body reference for every matter, or one per matter code. */
  readonly from: string | Readonly<Record<string, string>>;
  /** Body code of the receiving body in each target tenant. */
  readonly to: string;
  /** Seal id in each target tenant. */
  readonly seal: string;
  readonly transition?: Transition;
}

export const ROLLOUT_STATUSES = ['draft', 'scheduled', 'applying', 'applied', 'cancelled'] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

export interface Rollout extends RolloutInput {
  readonly city: string;
  readonly status: RolloutStatus;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly progress: { readonly done: number; readonly total: number };
  readonly scheduledAt?: string;
  readonly appliedAt?: string;
  readonly cancelledAt?: string;
}

export const fromBodyOf = (r: Pick<RolloutInput, 'from'>, matter: string): string =>
  typeof r.from === 'string' ? r.from : (r.from[matter] ?? '');

/** Shape rules beyond the schema; instants normalised to UTC. */
export function normaliseRollout(input: RolloutInput, city: string): RolloutInput {
  const dup = (list: readonly string[]) => list.find((v, i) => list.indexOf(v) !== i);
  const dupTenant = dup(input.tenants);
  if (dupTenant) throw invalid('tenants', `租户“${dupTenant}”重复`, `tenant '${dupTenant}' appears twice`);
  const dupMatter = dup(input.matters);
  if (dupMatter) throw invalid('matters', `事项“${dupMatter}”重复`, `matter '${dupMatter}' appears twice`);
  for (const [i, t] of input.tenants.entries()) {
    if (!t.startsWith(`${city}.`)) {
      throw invalid(`tenants.${i}`, `租户“${t}”不属于本市`, `tenant '${t}' is not in city '${city}'`);
    }
  }
  if (typeof input.from === 'string') {
    parseBodyRef(input.from, 'from');
  } else {
    for (const m of input.matters) {
      const ref = input.from[m];
      if (ref === undefined)
        throw invalid(`from.${m}`, `未指定事项“${m}”的原实施机构`, `no from-body for matter '${m}'`);
      parseBodyRef(ref, `from.${m}`);
    }
    const extra = Object.keys(input.from).find((m) => !input.matters.includes(m));
    if (extra)
      throw invalid(
        `from.${extra}`,
        `事项“${extra}”不在本批次中`,
        `matter '${extra}' is not in this rollout`,
      );
  }
  const effectiveAt = toInstant(input.effectiveAt);
  let transition = input.transition;
  if (transition) {
    const until = toInstant(transition.until);
    if (until <= effectiveAt) {
      throw invalid(
        'transition.until',
        '过渡期结束时间应晚于生效时间',
        'the transition must end after the effective instant',
      );
    }
    transition = { ...transition, until };
  }
  return { ...input, effectiveAt, ...(transition ? { transition } : {}) };
}
