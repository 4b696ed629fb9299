import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { SealedResult } from '@onewindow/domain';
import { caseKeys } from './cases';
import type { Store } from './store';

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
  readonly dynamodb?: {
    readonly NewImage?: Record<string, unknown>;
    readonly OldImage?: Record<string, unknown>;
    readonly SequenceNumber?: string;
  };
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
    const issued = issuanceOf(item);
    if (issued && issued.result.outcome === 'approve') {
      // The e-licence library takes every approval the moment it is issued (R10).
      events.push({
        recordId: record.dynamodb?.SequenceNumber ?? record.eventID ?? '',
        detailType: 'e-licence.issued',
        detail: { tenant: issued.tenant, caseNo: issued.caseNo, result: issued.result },
      });
    }
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

export interface Issuance {
  readonly tenant: string;
  readonly caseNo: string;
  readonly supervisingBody: string;
  readonly result: SealedResult;
}

function issuanceOf(item: Record<string, unknown>): Issuance | undefined {
  if (item.entity !== 'case-event') return undefined;
  const event = item.event as { type?: string; result?: SealedResult; supervisingBody?: string } | undefined;
  if (event?.type !== 'issued' || !event.result) return undefined;
  return {
    tenant: String(item.tenant),
    caseNo: String(item.caseNo),
    supervisingBody: event.supervisingBody ?? '',
    result: event.result,
  };
}

/** Results issued in this batch of stream records: what the stream worker pushes to supervisors' inboxes. */
export function issuances(records: readonly StreamRecordLike[]): Issuance[] {
  const found: Issuance[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const issued = issuanceOf(unmarshall(image as Record<string, AttributeValue>));
    if (issued) found.push(issued);
  }
  return found;
}

/**
 * The inbox item of a supervising body, in that body's tenant, which may be the district
 * above the sub-district that approved. Its key is fixed by the issuance, so a replayed
 * stream record writes the same item again rather than a second one.
 */
export function inboxItem(i: Issuance) {
  const tenant = i.supervisingBody.split('/')[0] ?? '';
  return {
    ...caseKeys.inbox(tenant, i.supervisingBody, i.result.issuedAt, i.caseNo),
    entity: 'inbox',
    caseNo: i.caseNo,
    caseTenant: i.tenant,
    matter: i.result.matter,
    matterName: i.result.matterName,
    applicantName: i.result.applicantName,
    outcome: i.result.outcome,
    approvingBody: i.result.approvingBody,
    seal: i.result.seal,
    decidedAt: i.result.decidedAt,
    issuedAt: i.result.issuedAt,
  };
}

/** R10: results pushed to their supervising bodies' inboxes; a replayed push rewrites the same items. */
export async function pushToInboxes(store: Store, issued: readonly Issuance[]): Promise<void> {
  await Promise.all(issued.map((i) => store.put(inboxItem(i))));
}
