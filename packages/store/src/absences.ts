import { marshall } from '@aws-sdk/util-dynamodb';
import type { Absence, DomainError } from '@onewindow/domain';
import { tenantPk } from './keys';
import type { Item, Store, Write } from './store';
import { entityOf } from './tenancy';

/**
 * An absence sorts by the instant it is due to end, then its id: the absences not yet over at
 * an instant (current and coming) are one key range from that instant on, so the case commands'
 * look-up of a B's cover reads only those, never the tenant's history.
 */
export const absenceKey = (tenant: string, to: string, id: string) => ({
  pk: tenantPk(tenant),
  sk: `ABSENCE#${to}#${id}`,
});

export const absenceWrites = {
  /** A new absence; its id is fresh, so the key is always new. */
  record: (a: Absence): Write[] => [
    { put: { ...absenceKey(a.tenant, a.to, a.id), entity: 'absence', ...a } },
  ],
  /** Ended early: written only while the absence has not been ended already. */
  end: (a: Absence & { readonly endedAt: string }, ended: DomainError): Write[] => [
    {
      put: { ...absenceKey(a.tenant, a.to, a.id), entity: 'absence', ...a },
      ifStill: { attribute: 'endedAt', equals: undefined, failure: ended },
    },
  ],
};

/**
 * The tenant's absences whose `to` is after `at` (in force then, or coming, or ended early),
 * in the order they are due to end; with `to` below `at` every one of them is read.
 */
export async function absencesAfter(store: Store, tenant: string, at: string): Promise<Absence[]> {
  const items: Absence[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<Item>({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: marshall({
        ':pk': tenantPk(tenant),
        ':lo': `ABSENCE#${at}`,
        ':hi': 'ABSENCE#~',
      }),
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items.map((i) => entityOf<Absence>(i)));
    cursor = page.cursor;
  } while (cursor);
  return items;
}
