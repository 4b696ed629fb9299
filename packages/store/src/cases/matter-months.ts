import { marshall } from '@aws-sdk/util-dynamodb';
import type { MatterMonthCount } from '@onewindow/domain';
import { tenantPk } from '../keys';
import type { Item, Store } from '../store';
import { CLERK_PREFIX } from './counters';
import { MATTER_MONTH } from './keys';

/**
 * A tenant's per-matter month counters from `from` to `to` (`YYYY-MM`, both included): one
 * Query over a key range (month first in the key), more pages only past 1 MB.
 */
export async function matterMonths(
  store: Store,
  tenant: string,
  from: string,
  to: string,
): Promise<MatterMonthCount[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<Item>({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
      ExpressionAttributeValues: marshall({
        ':pk': tenantPk(tenant),
        ':a': `${MATTER_MONTH}${from}#`,
        // '~' sorts after every character a matter code or shard uses.
        ':b': `${MATTER_MONTH}${to}#~`,
      }),
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return sumMatterMonths(items);
}

/** The counter shards added up per month and matter. */
export function sumMatterMonths(items: readonly Record<string, unknown>[]): MatterMonthCount[] {
  const rows = new Map<
    string,
    {
      month: string;
      matter: string;
      received: number;
      accepted: number;
      issued: number;
      clerks: Record<string, number>;
    }
  >();
  for (const item of items) {
    const [month = '', matter = ''] = String(item.sk).slice(MATTER_MONTH.length).split('#');
    const key = `${month}#${matter}`;
    const row = rows.get(key) ?? { month, matter, received: 0, accepted: 0, issued: 0, clerks: {} };
    row.received += Number(item.received ?? 0);
    row.accepted += Number(item.accepted ?? 0);
    row.issued += Number(item.issued ?? 0);
    for (const [name, value] of Object.entries(item))
      if (name.startsWith(CLERK_PREFIX) && typeof value === 'number') {
        const clerk = name.slice(CLERK_PREFIX.length);
        row.clerks[clerk] = (row.clerks[clerk] ?? 0) + value;
      }
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => a.month.localeCompare(b.month) || a.matter.localeCompare(b.matter),
  );
}
