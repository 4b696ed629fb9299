import { marshall } from '@aws-sdk/util-dynamodb';
import { tenantPk } from './keys';
import type { Store, Write } from './store';

/**
 * A notification to one staff member (督办/催办 today): in their tenant, under their id and the
 * instant, so their own list is one Query newest first.
 */
export const NOTIFICATION_PREFIX = 'NOTE#';

export interface StaffNotification {
  readonly staff: string;
  readonly at: string;
  readonly kind: 'urge';
  /** Who urged, and what they wrote. */
  readonly by: string;
  readonly note: string;
  readonly cardId: string;
  readonly caseNo: string;
  readonly matterName: string;
  readonly colour: string;
  readonly trigger: string;
}

export const notificationKey = (tenant: string, staff: string, at: string, id: string) => ({
  pk: tenantPk(tenant),
  sk: `${NOTIFICATION_PREFIX}${staff}#${at}#${id}`,
});

/** One notification item per recipient, written in the transaction of what caused them. */
export const notificationWrites = (
  tenant: string,
  recipients: readonly string[],
  n: Omit<StaffNotification, 'staff'>,
): Write[] =>
  [...new Set(recipients)].map((staff) => ({
    put: { ...notificationKey(tenant, staff, n.at, n.cardId), entity: 'notification', ...n, staff },
  }));

/** A staff member's newest notifications (one Query). */
export async function notificationsOf(
  store: Store,
  tenant: string,
  staff: string,
  limit = 20,
): Promise<StaffNotification[]> {
  const page = await store.query<StaffNotification & { pk: string; sk: string; entity: string }>({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: marshall({ ':pk': tenantPk(tenant), ':p': `${NOTIFICATION_PREFIX}${staff}#` }),
    ScanIndexForward: false,
    Limit: limit,
  });
  return page.items.map(({ pk: _pk, sk: _sk, entity: _e, ...n }) => n);
}
