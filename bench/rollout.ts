import { randomUUID } from 'node:crypto';
import { BatchWriteItemCommand, PutItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { RolloutService } from '../packages/app/src/rollouts';
import { periodOf, type Rollout, targetAt, toInstant } from '../packages/domain/src';
import { startDynamo } from '../packages/local/src/dynamo';
import { ensureTable } from '../packages/local/src/table';
import {
  AuthorityRepository,
  createDynamoClient,
  periodItem,
  rolloutItem,
  Store,
} from '../packages/store/src';

const MATTERS = 249;
const TENANTS = 100;
const CONCURRENCY = 4;

export interface RolloutFigures {
  readonly periods: number;
  readonly applyMs: number[];
  readonly bareMs: number[];
  readonly requestsPerLookup: number;
}

function rollout(id: string): Rollout {
  return {
    id,
    name: 'bench',
    city: 'bench',
    matters: Array.from({ length: MATTERS }, (_v, i) => `matter-${i}`),
    tenants: Array.from({ length: TENANTS }, (_v, i) => `bench.t${i}`),
    mode: 'transfer',
    effectiveAt: toInstant('2030-01-01T00:00:00Z'),
    from: 'bench.district/dept',
    to: 'centre',
    seal: 'seal',
    status: 'scheduled',
    createdAt: new Date().toISOString(),
    createdBy: 'bench',
    progress: { done: 0, total: MATTERS * TENANTS },
  };
}

/** The same period items as write requests, built before the bare loop's clock starts. */
function periodRequests(r: Rollout): WriteRequest[] {
  const requests: WriteRequest[] = [];
  for (let i = 0; i < r.tenants.length * r.matters.length; i++) {
    const { tenant, matter } = targetAt(r, i);
    requests.push({ PutRequest: { Item: marshall(periodItem(periodOf(r, tenant, matter, new Map()))) } });
  }
  return requests;
}

/** The floor: the prepared items written by a plain BatchWriteItem loop at the same concurrency. */
async function bareLoop(store: Store, requests: readonly WriteRequest[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const start = next;
      next += 25;
      let batch = requests.slice(start, start + 25);
      while (batch.length > 0) {
        const out = await store.client.send(
          new BatchWriteItemCommand({ RequestItems: { [store.tableName]: batch } }),
        );
        batch = out.UnprocessedItems?.[store.tableName] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Runs `fn` against a fresh table in a fresh DynamoDB Local, so every measurement starts equal. */
export async function onFreshDynamo<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const dynamo = await startDynamo();
  try {
    const client = createDynamoClient({ endpoint: dynamo.endpoint });
    const table = `bench-${randomUUID()}`;
    await ensureTable(client, table);
    return await fn(new Store(client, table));
  } finally {
    await dynamo.stop();
  }
}

/**
 * Rollout apply beside the bare loop, alternated over `rounds`. DynamoDB Local slows
 * down as it accumulates writes (measured here: the second of two 24,900-item runs in
 * one process took 8× the first, whichever ran second), so each side of each round
 * gets its own fresh emulator process; starting it is not timed.
 */
export async function measureRollout(rounds = 3): Promise<RolloutFigures> {
  const applyMs: number[] = [];
  const bareMs: number[] = [];
  let requestsPerLookup = Number.NaN;
  for (let round = 0; round < rounds; round++) {
    const r = rollout(`r${round}`);
    bareMs.push(
      await onFreshDynamo(async (store) => {
        const requests = periodRequests(r);
        const t0 = performance.now();
        await bareLoop(store, requests);
        return performance.now() - t0;
      }),
    );
    applyMs.push(
      await onFreshDynamo(async (store) => {
        await store.client.send(
          new PutItemCommand({ TableName: store.tableName, Item: marshall(rolloutItem(r)) }),
        );
        const t0 = performance.now();
        const result = await new RolloutService(store).apply('bench', r.id, {
          now: toInstant('2030-01-01T00:00:01Z'),
          concurrency: CONCURRENCY,
          budgetMs: 600_000,
        });
        const elapsed = performance.now() - t0;
        if (!result.done) throw new Error('apply did not finish');
        if (round === 0) requestsPerLookup = await countLookupRequests(store);
        return elapsed;
      }),
    );
  }
  return { periods: MATTERS * TENANTS, applyMs, bareMs, requestsPerLookup };
}

/** DynamoDB requests per authority lookup, counted at the SDK over 200 lookups. */
async function countLookupRequests(store: Store): Promise<number> {
  let requests = 0;
  store.client.middlewareStack.add(
    ((next: (a: unknown) => Promise<unknown>) => async (args: unknown) => {
      requests++;
      return next(args);
    }) as never,
    { step: 'initialize', name: 'count' },
  );
  const repo = new AuthorityRepository(store);
  const lookups = 200;
  for (let i = 0; i < lookups; i++) {
    const found = await repo.at(
      `bench.t${i % TENANTS}`,
      `matter-${(i * 7) % MATTERS}`,
      '2030-06-01T00:00:00Z',
    );
    if (!found) throw new Error('lookup found nothing');
  }
  store.client.middlewareStack.remove('count');
  return requests / lookups;
}
