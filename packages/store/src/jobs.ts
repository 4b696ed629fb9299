import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { batchWrite } from './batch';
import { type Key, keys } from './keys';
import type { Store } from './store';

/** Work the clock worker runs once its instant has come (a rollout taking effect, a deadline). */
export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly dueAt: string;
  readonly payload: Record<string, unknown>;
}

/**
 * Jobs are spread over this many lanes by a hash of their id. Changing it moves every job's
 * key: the clock would then have to read the old lanes too until they are empty.
 */
export const JOB_SHARDS = 16;
/** The lane the clock reads first: a rollout due at midnight must not wait behind that midnight's case ticks. */
export const FIRST_LANE = 'R';
const FIRST_KINDS: ReadonlySet<string> = new Set(['rollout-apply']);

/** Every lane, the first lane first. */
export const jobLanes: readonly string[] = [
  FIRST_LANE,
  ...Array.from({ length: JOB_SHARDS }, (_v, i) => String(i)),
];

/** FNV-1a: stable across processes and releases, unlike anything seeded. */
function shardOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % JOB_SHARDS;
}

const lanePk = (lane: string) => keys.job(lane, '', '').pk;

const laneOf = (job: Pick<Job, 'id' | 'kind'>) =>
  FIRST_KINDS.has(job.kind) ? FIRST_LANE : String(shardOf(job.id));

/** Where a job is kept; a command that schedules or drops a job in its transaction writes this key. */
export const jobKey = (job: Pick<Job, 'dueAt' | 'id' | 'kind'>): Key =>
  keys.job(laneOf(job), job.dueAt, job.id);

/** The key of a job known by its kind and sort key only (a case keeps its tick job's sort key). */
export function jobKeyOf(kind: string, sk: string): Key {
  const at = sk.indexOf('#');
  return jobKey({ kind, dueAt: sk.slice(0, at), id: sk.slice(at + 1) });
}

export const jobItem = (job: Job) => ({ ...jobKey(job), entity: 'job', job });

export async function scheduleJob(store: Store, job: Job): Promise<void> {
  await store.client.send(new PutItemCommand({ TableName: store.tableName, Item: marshall(jobItem(job)) }));
}

/** Many jobs at once, 25 to a request (fixtures, benchmarks). */
export async function scheduleJobs(store: Store, jobs: readonly Job[]): Promise<void> {
  await batchWrite(
    store,
    jobs.map((job) => ({ PutRequest: { Item: marshall(jobItem(job)) } })),
  );
}

/** One page of a lane's jobs due at or before `now`, oldest first; `cursor` continues the lane. */
export async function dueJobsPage(
  store: Store,
  lane: string,
  now: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<{ jobs: Job[]; cursor?: string }> {
  const page = await store.query<{ job: Job }>({
    KeyConditionExpression: 'pk = :pk AND sk <= :now',
    // '~' sorts after every id character, so jobs due exactly at `now` are included.
    ExpressionAttributeValues: marshall({ ':pk': lanePk(lane), ':now': `${now}#~` }),
    Limit: options.limit ?? 100,
    ...(options.cursor ? { cursor: options.cursor } : {}),
  });
  return { jobs: page.items.map((i) => i.job), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** Every job due at or before `now`, lane by lane, the first lane first. */
export async function dueJobs(store: Store, now: string): Promise<Job[]> {
  const all: Job[] = [];
  for (const lane of jobLanes) {
    let cursor: string | undefined;
    do {
      const page = await dueJobsPage(store, lane, now, cursor ? { cursor } : {});
      all.push(...page.jobs);
      cursor = page.cursor;
    } while (cursor);
  }
  return all;
}

export async function finishJob(store: Store, job: Job): Promise<void> {
  await finishJobs(store, [job]);
}

/** Deletes finished jobs, 25 to a request. */
export async function finishJobs(store: Store, jobs: readonly Job[]): Promise<void> {
  await batchWrite(
    store,
    jobs.map((job) => ({ DeleteRequest: { Key: marshall(jobKey(job)) } })),
  );
}
