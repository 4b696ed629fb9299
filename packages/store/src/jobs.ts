import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { keys } from './keys';
import type { Store } from './store';

/** Work the clock worker runs once its instant has come (a rollout taking effect, a deadline). */
export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly dueAt: string;
  readonly payload: Record<string, unknown>;
}

export async function scheduleJob(store: Store, job: Job): Promise<void> {
  await store.client.send(
    new PutItemCommand({
      TableName: store.tableName,
      Item: marshall(jobItem(job)),
    }),
  );
}

/** Jobs due at or before `now`, oldest first. One Query on the job partition. */
export async function dueJobs(store: Store, now: string, limit = 25): Promise<Job[]> {
  const page = await store.query<{ job: Job }>({
    KeyConditionExpression: 'pk = :pk AND sk <= :now',
    // '~' sorts after every id character, so jobs due exactly at `now` are included.
    ExpressionAttributeValues: marshall({ ':pk': 'JOB#', ':now': `${now}#~` }),
    Limit: limit,
  });
  return page.items.map((i) => i.job);
}

export async function finishJob(store: Store, job: Job): Promise<void> {
  await store.client.send(new DeleteItemCommand({ TableName: store.tableName, Key: marshall(jobKey(job)) }));
}

/** Where a job is kept; a command that schedules or drops a job in its transaction writes this key. */
export const jobKey = (job: Pick<Job, 'dueAt' | 'id'>) => keys.job(job.dueAt, job.id);

export const jobItem = (job: Job) => ({ ...jobKey(job), entity: 'job', job });
