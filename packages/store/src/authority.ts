import { BatchWriteItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AuthorityPeriod } from '@onewindow/domain';
import { toInstant } from '@onewindow/domain';
import { keys, tenantPk } from './keys';
import type { Store } from './store';
import { entityOf } from './tenancy';

export const periodItem = (p: AuthorityPeriod) => ({
  ...keys.period(p.tenant, p.matter, p.from),
  entity: 'period',
  ...p,
});

/** Up to this many matters, their periods are read a Query each rather than in the tenant's whole history. */
const NARROW_READS = 12;

export class AuthorityRepository {
  constructor(private readonly store: Store) {}

  /**
   * The period in force for one matter at `at`: ONE Query, newest first, the first
   * period that started at or before the instant (`~` sorts after every digit of the
   * instant, so a period starting exactly at `at` is included).
   */
  async at(tenant: string, matter: string, at: string): Promise<AuthorityPeriod | undefined> {
    const page = await this.store.query({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: marshall({
        ':pk': tenantPk(tenant),
        ':lo': `AUTH#${matter}#`,
        ':hi': `AUTH#${matter}#${toInstant(at)}~`,
      }),
      ScanIndexForward: false,
      Limit: 1,
    });
    const item = page.items[0];
    return item && entityOf<AuthorityPeriod>(item);
  }

  /** Every period of one matter in a tenant, oldest first. */
  async history(tenant: string, matter: string): Promise<AuthorityPeriod[]> {
    return (await this.store.queryPrefix(tenantPk(tenant), `AUTH#${matter}#`)).map((i) =>
      entityOf<AuthorityPeriod>(i),
    );
  }

  /**
   * The periods of `matters` in a tenant, oldest first per matter: a Query per matter when they
   * are few, else the tenant's whole history filtered. A tenant that received a city's 300
   * matters over the years has a history of hundreds of periods; a plan of three matters
   * should not read all of them, and a plan of forty should not send forty queries.
   */
  async ofMatters(tenant: string, matters: readonly string[]): Promise<AuthorityPeriod[]> {
    const wanted = [...new Set(matters)];
    if (wanted.length <= NARROW_READS) {
      return (await Promise.all(wanted.map((m) => this.history(tenant, m)))).flat();
    }
    const set = new Set(wanted);
    return (await this.all(tenant)).filter((p) => set.has(p.matter));
  }

  /** Every period of every matter in a tenant (one paged Query), oldest first per matter. */
  async all(tenant: string): Promise<AuthorityPeriod[]> {
    return (await this.store.queryPrefix(tenantPk(tenant), 'AUTH#')).map((i) => entityOf<AuthorityPeriod>(i));
  }
}

/**
 * Writes periods with BatchWriteItem, 25 a request and `concurrency` requests in
 * flight, retrying what DynamoDB leaves unprocessed. A period's key is its matter and
 * start, so writing one again replaces it with itself: a rerun never doubles it.
 */
export async function writePeriods(
  store: Store,
  periods: readonly AuthorityPeriod[],
  concurrency = 4,
): Promise<void> {
  const requests: WriteRequest[] = periods.map((p) => ({
    PutRequest: { Item: marshall(periodItem(p), { removeUndefinedValues: true }) },
  }));
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let batch = batches[next++] ?? [];
      for (let attempt = 0; batch.length > 0; attempt++) {
        if (attempt > 8) throw new Error(`DynamoDB left ${batch.length} writes unprocessed`);
        if (attempt > 0) await new Promise((r) => setTimeout(r, 2 ** attempt * 10));
        const out = await store.client.send(
          new BatchWriteItemCommand({ RequestItems: { [store.tableName]: batch } }),
        );
        batch = out.UnprocessedItems?.[store.tableName] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
}
