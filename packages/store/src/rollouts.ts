import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Rollout } from '@onewindow/domain';
import { cityPk, keys } from './keys';
import type { Store } from './store';
import { entityOf } from './tenancy';

/** The apply position is kept on the rollout item, so a worker that dies resumes from it. */
export type StoredRollout = Rollout & { readonly cursor?: number };

export const rolloutItem = (r: StoredRollout) => ({ ...keys.rollout(r.city, r.id), entity: 'rollout', ...r });

export class RolloutRepository {
  constructor(private readonly store: Store) {}

  async get(city: string, id: string): Promise<StoredRollout | undefined> {
    const item = await this.store.get(keys.rollout(city, id));
    return item && entityOf<StoredRollout>(item);
  }

  async list(city: string): Promise<StoredRollout[]> {
    return (await this.store.queryPrefix(cityPk(city), 'ROLLOUT#')).map((i) => entityOf<StoredRollout>(i));
  }

  /** Records apply progress; conditional on the status, so a cancelled rollout is not revived. */
  async progress(
    city: string,
    id: string,
    done: number,
    status: 'applying' | 'applied',
    at: string,
  ): Promise<void> {
    await this.store.client.send(
      new UpdateItemCommand({
        TableName: this.store.tableName,
        Key: marshall(keys.rollout(city, id)),
        UpdateExpression:
          status === 'applied'
            ? 'SET progress.done = :done, #c = :done, #s = :s, appliedAt = :at'
            : 'SET progress.done = :done, #c = :done, #s = :s',
        ConditionExpression: '#s IN (:scheduled, :applying)',
        ExpressionAttributeNames: { '#c': 'cursor', '#s': 'status' },
        ExpressionAttributeValues: marshall({
          ':done': done,
          ':s': status,
          ':scheduled': 'scheduled',
          ':applying': 'applying',
          ...(status === 'applied' ? { ':at': at } : {}),
        }),
      }),
    );
  }
}
