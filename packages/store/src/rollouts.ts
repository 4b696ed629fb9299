import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DomainError, type Rollout, type RolloutStatus, rolloutExists } from '@onewindow/domain';
import { type Job, jobItem, jobKey } from './jobs';
import { cityPk, keys } from './keys';
import type { Store, Write } from './store';
import { entityOf } from './tenancy';

/** The apply position is kept on the rollout item, so a worker that dies resumes from it. */
export type StoredRollout = Rollout & { readonly cursor?: number };

export const rolloutItem = (r: StoredRollout) => ({ ...keys.rollout(r.city, r.id), entity: 'rollout', ...r });

/**
 * One item per city serialises scheduling: two rollouts scheduled at once cannot both pass
 * preview on stale data, since each schedule bumps the version it read.
 */
const schedulingLockKey = (city: string) => ({ pk: cityPk(city), sk: 'ROLLOUT-LOCK' });

/** The clock job that applies a rollout at its instant. */
export const rolloutJob = (r: Pick<Rollout, 'city' | 'id' | 'effectiveAt'>): Job => ({
  id: `rollout-${r.city}-${r.id}`,
  kind: 'rollout-apply',
  dueAt: r.effectiveAt,
  payload: { city: r.city, rollout: r.id },
});

/** What the clock finds in a rollout job's payload. */
export const rolloutOfJob = (job: Job): { readonly city: string; readonly id: string } => ({
  city: String(job.payload.city),
  id: String(job.payload.rollout),
});

const changed = (what: string) =>
  new DomainError('conflict', `${what}已被他人修改，请刷新后重试`, `the ${what} changed meanwhile; retry`);

/** The writes of each rollout command, with the conditions that keep concurrent commands apart. */
export const rolloutWrites = {
  /** A new draft; fails when the id is taken. */
  create: (r: Rollout): Write[] => [{ put: rolloutItem(r), ifNew: rolloutExists(r.id) }],

  /**
   * The scheduled rollout (still a draft when read), the city's scheduling lock moved on
   * from `lockVersion` (undefined: no rollout of the city was scheduled before), and the
   * clock job that applies it at its instant.
   */
  schedule: (r: Rollout, lockVersion: number | undefined): Write[] => [
    { put: rolloutItem(r), ifStill: { attribute: 'status', equals: 'draft', failure: changed('批次') } },
    lockVersion === undefined
      ? { put: { ...schedulingLockKey(r.city), version: 1 }, ifNew: changed('排期') }
      : {
          put: { ...schedulingLockKey(r.city), version: lockVersion + 1 },
          ifStill: { attribute: 'version', equals: lockVersion, failure: changed('排期') },
        },
    { put: jobItem(rolloutJob(r)) },
  ],

  /** The cancelled rollout, still in the status it was read in (`was`), and its clock job gone. */
  cancel: (r: Rollout, was: RolloutStatus): Write[] => [
    { put: rolloutItem(r), ifStill: { attribute: 'status', equals: was, failure: changed('批次') } },
    { delete: jobKey(rolloutJob(r)) },
  ],
};

export class RolloutRepository {
  constructor(private readonly store: Store) {}

  async get(city: string, id: string): Promise<StoredRollout | undefined> {
    const item = await this.store.get(keys.rollout(city, id));
    return item && entityOf<StoredRollout>(item);
  }

  async list(city: string): Promise<StoredRollout[]> {
    return (await this.store.queryPrefix(cityPk(city), 'ROLLOUT#')).map((i) => entityOf<StoredRollout>(i));
  }

  /** The version of the city's scheduling lock, to move on in `rolloutWrites.schedule`. */
  async schedulingLockVersion(city: string): Promise<number | undefined> {
    return (await this.store.get<{ version: number }>(schedulingLockKey(city)))?.version;
  }

  /**
   * Records how far applying got (`progress.done`, kept as the resume cursor too), the
   * status and, once applied, its instant. Conditional on the status, so a rollout
   * cancelled meanwhile is not revived.
   */
  async recordProgress(r: Pick<Rollout, 'city' | 'id' | 'status' | 'progress' | 'appliedAt'>): Promise<void> {
    const applied = r.status === 'applied';
    await this.store.client.send(
      new UpdateItemCommand({
        TableName: this.store.tableName,
        Key: marshall(keys.rollout(r.city, r.id)),
        UpdateExpression: applied
          ? 'SET progress.done = :done, #c = :done, #s = :s, appliedAt = :at'
          : 'SET progress.done = :done, #c = :done, #s = :s',
        ConditionExpression: '#s IN (:scheduled, :applying)',
        ExpressionAttributeNames: { '#c': 'cursor', '#s': 'status' },
        ExpressionAttributeValues: marshall({
          ':done': r.progress.done,
          ':s': r.status,
          ':scheduled': 'scheduled',
          ':applying': 'applying',
          ...(applied ? { ':at': r.appliedAt } : {}),
        }),
      }),
    );
  }
}
