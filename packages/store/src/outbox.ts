import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** A change leaving the system: what the stream worker publishes (DESIGN.md decision 7). */
export interface OutboundEvent {
  /** The stream record it came from, so a failed publish can be retried record by record. */
  readonly recordId: string;
  readonly detailType: string;
  readonly detail: Record<string, unknown>;
}

export interface StreamRecordLike {
  readonly eventID?: string;
  readonly eventName?: string;
  readonly dynamodb?: { readonly NewImage?: Record<string, unknown>; readonly SequenceNumber?: string };
}

/**
 * Every audit record that appears on the stream becomes an event: the audit trail is
 * written in the same transaction as the change, so publishing it never reports a
 * change that did not happen, and never misses one that did.
 */
export function outboundEvents(records: readonly StreamRecordLike[]): OutboundEvent[] {
  const events: OutboundEvent[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item.entity !== 'audit') continue;
    const scope = String(item.pk);
    events.push({
      recordId: record.dynamodb?.SequenceNumber ?? record.eventID ?? '',
      detailType: String(item.action),
      detail: {
        actor: item.actor,
        target: item.target,
        at: item.at,
        ...(scope.startsWith('T#') ? { tenant: scope.slice(2) } : {}),
        ...(scope.startsWith('C#') ? { city: scope.slice(2) } : {}),
      },
    });
  }
  return events;
}
