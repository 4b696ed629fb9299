import { marshall } from '@aws-sdk/util-dynamodb';
import type { CaseEvent, CaseState, Finding } from '@onewindow/domain';
import { tenantPk } from '../keys';
import type { Store, Write } from '../store';

/**
 * 审管联动's findings at the next intake: a supervision finding recorded on a case is also kept
 * under its applicant (the holder's identity number or USCC), so the window sees it when the same
 * holder applies again. The partition is the tenant and a keyed hash of the number (`mac`, made by
 * the caller under a secret key, like the applicant look-ups in lookup.ts), never the number.
 */
export const holderFindingsPk = (tenant: string, mac: string) => `${tenantPk(tenant)}#HFIND#${mac}`;

/** A finding as the window sees it at the holder's next intake: no identity number in it. */
export interface HolderFinding {
  readonly caseNo: string;
  readonly matter: string;
  readonly matterName: string;
  readonly at: string;
  readonly severity: Finding['severity'];
  readonly text: string;
  /** The supervising body that recorded it. */
  readonly body: string;
}

/**
 * The holder index items of this command's findings, for the case command's own transaction
 * (CaseService.apply, beside caseWrites): one per `finding-recorded` event, newest last by
 * instant in the partition.
 */
export function holderFindingWrites(state: CaseState, events: readonly CaseEvent[], mac: string): Write[] {
  return events.flatMap((e, i) => {
    if (e.type !== 'finding-recorded') return [];
    const f = e.finding;
    const finding: HolderFinding = {
      caseNo: state.caseNo,
      matter: state.matter,
      matterName: state.matterName,
      at: f.at,
      severity: f.severity,
      text: f.text,
      body: f.body,
    };
    return [
      {
        put: {
          pk: holderFindingsPk(state.tenant, mac),
          sk: `${f.at}#${state.caseNo}#${i}`,
          entity: 'holder-finding',
          ...finding,
        },
      },
    ];
  });
}

/** One page of a holder's findings, newest first. */
export async function holderFindingsOf(
  store: Store,
  tenant: string,
  mac: string,
  page: { limit?: number; cursor?: string } = {},
): Promise<{ items: HolderFinding[]; cursor?: string }> {
  const out = await store.query<HolderFinding & { pk: string; sk: string; entity: string }>({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: marshall({ ':pk': holderFindingsPk(tenant, mac) }),
    ScanIndexForward: false,
    Limit: page.limit ?? 20,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return {
    items: out.items.map(({ caseNo, matter, matterName, at, severity, text, body }) => ({
      caseNo,
      matter,
      matterName,
      at,
      severity,
      text,
      body,
    })),
    ...(out.cursor ? { cursor: out.cursor } : {}),
  };
}
