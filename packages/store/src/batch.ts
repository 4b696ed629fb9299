import { BatchGetItemCommand, BatchWriteItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Key } from './keys';
import type { Item, Store } from './store';

const backoff = (attempt: number) => new Promise((ok) => setTimeout(ok, Math.min(1000, 25 * 2 ** attempt)));

/** BatchWriteItem in chunks of 25, sending back what DynamoDB left unprocessed until it is all written. */
export async function batchWrite(store: Store, requests: readonly WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let batch: WriteRequest[] = requests.slice(i, i + 25);
    for (let attempt = 0; batch.length > 0; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const out = await store.client.send(
        new BatchWriteItemCommand({ RequestItems: { [store.tableName]: batch } }),
      );
      batch = out.UnprocessedItems?.[store.tableName] ?? [];
    }
  }
}

/** Puts items that stand alone (logs, records no transaction guards), 25 to a request. */
export const putMany = (store: Store, items: readonly (Item & Key)[]): Promise<void> =>
  batchWrite(
    store,
    items.map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } })),
  );

/**
 * The items at `keys`, 100 to a BatchGetItem, unprocessed keys asked again; a missing one is
 * absent from the map, which is keyed by `pk|sk`.
 */
export async function getMany<T = Item>(store: Store, keys: readonly Key[]): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  const unique = [...new Map(keys.map((k) => [`${k.pk}|${k.sk}`, k])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    let batch = unique.slice(i, i + 100).map((k) => marshall(k));
    for (let attempt = 0; batch.length > 0; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const out = await store.client.send(
        new BatchGetItemCommand({ RequestItems: { [store.tableName]: { Keys: batch } } }),
      );
      for (const raw of out.Responses?.[store.tableName] ?? []) {
        const item = unmarshall(raw) as Item & Key;
        found.set(`${item.pk}|${item.sk}`, item as T);
      }
      batch = out.UnprocessedKeys?.[store.tableName]?.Keys ?? [];
    }
  }
  return found;
}
