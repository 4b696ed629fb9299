import { tenantPk } from '../keys';
import type { Item, Store } from '../store';
import { sumWork } from './counters';

/**
 * The workbench's counts (counters.ts sumWork): three single-partition Queries of counter
 * shards, the work's, the board's and the month's, whatever the number of cases. A function of its own,
 * not a repository method, so only the bundle that serves the workbench carries it.
 */
export async function readWork(
  store: Store,
  tenant: string,
  date: string,
): Promise<ReturnType<typeof sumWork>> {
  const [work, board, month] = await Promise.all([
    store.queryPrefix<Item>(tenantPk(tenant), 'WORK#'),
    // Board shards written before the work shards existed carry workbench counts too.
    store.queryPrefix<Item>(tenantPk(tenant), 'BOARD#'),
    store.queryPrefix<Item>(tenantPk(tenant), `STATS#${date.slice(0, 7)}#`),
  ]);
  return sumWork([...work, ...board], month, date);
}
