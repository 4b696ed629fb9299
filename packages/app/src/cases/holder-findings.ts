import { createHmac } from 'node:crypto';
import type { CaseEvent, CaseState } from '@onewindow/domain';
import {
  type HolderFinding,
  holderFindingsOf,
  holderFindingWrites,
  normaliseTerm,
  type Store,
  type Write,
} from '@onewindow/store';

/**
 * The key the holder index is HMAC'd under, from a secret: the files function's holder-index
 * secret (it records findings and serves the look-up, and may not read the result-signing seed),
 * or, where one process does everything (the local stack, the tests), the applicant look-up key.
 */
export const holderKeyFrom = (secret: Uint8Array | string): Uint8Array =>
  createHmac('sha256', secret).update('onewindow holder findings v1').digest();

/**
 * 审管联动's findings at the next intake (issue 15): each supervision finding recorded on a case is
 * kept under the holder's identity number or USCC, keyed by an HMAC of it (tenant included, as the
 * applicant look-ups in CaseService are), never the number; the window reads them back by the
 * number the clerk typed when the same holder applies again.
 */
export class HolderFindings {
  constructor(
    private readonly store: Store,
    private readonly key: Uint8Array,
  ) {}

  /** The number's keyed hash in `tenant`: spaces dropped, an `x` upper-cased, as intake stores it. */
  macOf(tenant: string, idNumber: string): string {
    return createHmac('sha256', this.key)
      .update(`${tenant}|holder|${normaliseTerm('id', idNumber)}`)
      .digest('base64url')
      .slice(0, 32);
  }

  /** The index items of a command's findings, for the case command's own transaction. */
  writes(state: CaseState, events: readonly CaseEvent[]): Write[] {
    if (!events.some((e) => e.type === 'finding-recorded')) return [];
    return holderFindingWrites(state, events, this.macOf(state.tenant, state.applicant.idNumber));
  }

  /** One page of the findings recorded on `tenant`'s earlier cases of this holder, newest first. */
  list(
    tenant: string,
    holder: string,
    page: { limit?: number; cursor?: string } = {},
  ): Promise<{ items: HolderFinding[]; cursor?: string }> {
    return holderFindingsOf(this.store, tenant, this.macOf(tenant, holder), page);
  }
}
