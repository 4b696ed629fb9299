import { tenantPk } from '../keys';
import type { Item, Store } from '../store';
import { sumPushes, sumWork } from './counters';

/**
 * The workbench's counts (counters.ts sumWork): four single-partition Queries of counter
 * shards, the work's, the board's, the month's and the unsigned pushes', whatever the number of cases. A function of its own,
 * not a repository method, so only the bundle that serves the workbench carries it.
 */
export async function readWork(
  store: Store,
  tenant: string,
  date: string,
): Promise<
  ReturnType<typeof sumWork> & { pushesToSign: number; pushesToSignByBody: Record<string, number> }
> {
  const [work, board, month, pushes] = await Promise.all([
    store.queryPrefix<Item>(tenantPk(tenant), 'WORK#'),
    // Board shards written before the work shards existed carry workbench counts too.
    store.queryPrefix<Item>(tenantPk(tenant), 'BOARD#'),
    store.queryPrefix<Item>(tenantPk(tenant), `STATS#${date.slice(0, 7)}#`),
    store.queryPrefix<Item>(tenantPk(tenant), 'PUSHES#'),
  ]);
  const toSign = sumPushes(pushes);
  return {
    ...sumWork([...work, ...board], month, date),
    pushesToSign: toSign.unsigned,
    pushesToSignByBody: toSign.byBody,
  };
}
