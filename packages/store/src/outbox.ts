import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  type CaseState,
  type DomainError,
  type ELicence,
  maskIdNumber,
  type SealedResult,
} from '@onewindow/domain';
import { caseKeys } from './cases';
import { shardOf } from './cases/counters';
import type { Write } from './store';

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
    if ((record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    const licence = licenceEventOf(record, item);
    if (licence) events.push(licence);
    if (record.eventName !== 'INSERT' || item.entity !== 'audit') continue;
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

const LICENCE_EVENTS: Readonly<Record<string, string>> = {
  valid: 'e-licence.issued',
  changed: 'e-licence.changed',
  revoked: 'e-licence.revoked',
  cancelled: 'e-licence.cancelled',
};

/**
 * The library's events come from the licence items themselves: filed (`e-licence.issued`), then
 * each change of status (`e-licence.revoked`, `.cancelled`, `.changed`), each carrying the
 * licence identifier. A rewrite that keeps the status publishes nothing.
 */
function licenceEventOf(record: StreamRecordLike, item: Record<string, unknown>): OutboundEvent | undefined {
  if (item.entity !== 'e-licence') return undefined;
  const licence = item.licence as ELicence;
  if (record.eventName === 'MODIFY') {
    const old = record.dynamodb?.OldImage;
    const before = old ? unmarshall(old as Record<string, AttributeValue>) : undefined;
    if (before?.status === licence.status) return undefined;
  }
  const detailType = LICENCE_EVENTS[licence.status];
  if (!detailType) return undefined;
  return {
    recordId: record.dynamodb?.SequenceNumber ?? record.eventID ?? '',
    detailType,
    detail: {
      tenant: licence.tenant,
      licenceId: licence.id,
      caseNo: licence.caseNo,
      matter: licence.matter,
      name: licence.name,
      // Events leave the system: the holder's number is masked like any list (privacy.ts).
      holder: {
        kind: licence.holder.kind,
        name: licence.holder.name,
        idNumber: maskIdNumber(licence.holder.idNumber),
      },
      issuer: licence.issuer,
      issuedAt: licence.issuedAt,
      validity: licence.validity,
      status: licence.status,
      ...(licence.statusChange ? { statusChange: licence.statusChange } : {}),
    },
  };
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

/** The decisions made in this batch of stream records (R20: each is pushed at once, 第一时间). */
export function decisions(records: readonly StreamRecordLike[]): { tenant: string; caseNo: string }[] {
  const found: { tenant: string; caseNo: string }[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    const event = item.event as { type?: string } | undefined;
    if (item.entity === 'case-event' && event?.type === 'decided')
      found.push({ tenant: String(item.tenant), caseNo: String(item.caseNo) });
  }
  return found;
}

/** What a supervising body is pushed when a case is decided (R10, R20). */
export interface DecisionPush {
  readonly tenant: string;
  readonly caseNo: string;
  readonly supervisingBody: string;
  readonly matter: string;
  readonly matterName: string;
  readonly applicantName: string;
  readonly outcome: string;
  readonly approvingBody: string;
  /** The approving body's name, read where the pusher may read it: the supervisor may not read the deciding tenant. */
  readonly approvingBodyName?: string;
  readonly decidedAt: string;
  /**
   * The liaison (联络人) the supervising body named for the approving department when the push
   * was made, who signs for it, by id and by the staff register's name then; absent when none.
   */
  readonly liaison?: string;
  readonly liaisonName?: string;
}

/** The push a decided case makes to its supervising body; none without a decision or a supervising body. */
export function decisionPushOf(state: CaseState): DecisionPush | undefined {
  const supervisingBody = state.binding?.supervisingBody;
  if (!state.decision || !supervisingBody) return undefined;
  return {
    tenant: state.tenant,
    caseNo: state.caseNo,
    supervisingBody,
    matter: state.matter,
    matterName: state.matterName,
    applicantName: state.applicant.name,
    outcome: state.decision.outcome,
    approvingBody: state.body ?? '',
    decidedAt: state.decision.at,
  };
}

/**
 * The inbox item of a supervising body, in that body's tenant, which may be the district
 * above the sub-district that decided. Its key is fixed by the decision, so a replayed
 * stream record writes the same item again rather than a second one.
 */
export function inboxItem(p: DecisionPush) {
  const tenant = p.supervisingBody.split('/')[0] ?? '';
  return {
    ...caseKeys.inbox(tenant, p.supervisingBody, p.decidedAt, p.caseNo),
    entity: 'inbox',
    caseNo: p.caseNo,
    caseTenant: p.tenant,
    matter: p.matter,
    matterName: p.matterName,
    applicantName: p.applicantName,
    outcome: p.outcome,
    approvingBody: p.approvingBody,
    ...(p.approvingBodyName ? { approvingBodyName: p.approvingBodyName } : {}),
    decidedAt: p.decidedAt,
    ...(p.liaison ? { liaison: p.liaison } : {}),
    ...(p.liaisonName ? { liaisonName: p.liaisonName } : {}),
  };
}

/**
 * The writes of one push: the inbox item, new only, and the receiving tenant's count of
 * pushes waiting to be signed for, on the case's shard. A replayed stream record fails the
 * item's condition, so the count moves once per push.
 */
export function pushWrites(p: DecisionPush, alreadyPushed: DomainError): Write[] {
  const tenant = p.supervisingBody.split('/')[0] ?? '';
  return [
    { put: inboxItem(p), ifNew: alreadyPushed },
    {
      add: caseKeys.pushes(tenant, shardOf(p.caseNo)),
      values: { unsigned: 1, [`u:${p.supervisingBody}`]: 1 },
      entity: 'pushes',
    },
  ];
}

/** The writes of a receipt (签收) of a pushed result: the item marked signed, unless it already is, and the count. */
export function receiptWrites(
  item: { pk: string; sk: string; caseNo: string } & Record<string, unknown>,
  supervisingBody: string,
  receipt: { at: string; by: string },
  alreadySigned: DomainError,
): Write[] {
  const tenant = supervisingBody.split('/')[0] ?? '';
  return [
    {
      put: { ...item, signedAt: receipt.at, signedBy: receipt.by },
      ifStill: { attribute: 'signedAt', equals: undefined, failure: alreadySigned },
    },
    {
      add: caseKeys.pushes(tenant, shardOf(item.caseNo)),
      values: { unsigned: -1, [`u:${supervisingBody}`]: -1 },
      entity: 'pushes',
    },
  ];
}

/** The event types that first make a case handled, so rateable (R18); `issued` always follows a decision. */
const HANDLING_EVENTS = new Set(['decided', 'rejected', 'withdrawn', 'deficiency-lapsed']);

/** Cases handled by these records (R18): each with the instant of the event that handled it. */
export function handledCases(
  records: readonly StreamRecordLike[],
): { tenant: string; caseNo: string; at: string }[] {
  const found: { tenant: string; caseNo: string; at: string }[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item.entity !== 'case-event') continue;
    const event = item.event as { type?: string; at?: string; terminated?: boolean } | undefined;
    if (!event?.type || !HANDLING_EVENTS.has(event.type) || !event.at) continue;
    // A lapsed deficiency handles the case only when it terminated it.
    if (event.type === 'deficiency-lapsed' && !event.terminated) continue;
    found.push({ tenant: String(item.tenant), caseNo: String(item.caseNo), at: event.at });
  }
  return found;
}
