import {
  businessMeasures,
  issuances,
  type Measure,
  type OutboundEvent,
  outboundEvents,
  pushToInboxes,
  type Store,
  type StreamRecordLike,
} from '@onewindow/store';
import { Commands } from './commands';
import { LicenceService } from './licences';
import type { OfdResults } from './ofd';

export type { Measure, OutboundEvent, StreamRecordLike };

/**
 * What leaves the system from the table's stream (DESIGN.md decision 7): issued results
 * pushed to the supervising bodies' inboxes (R10), the events published to the bus, and
 * the business figures. The stream Lambda calls it; it reads no HTTP and decides nothing.
 */
export class Outbox {
  private readonly licences: LicenceService;

  constructor(
    private readonly store: Store,
    /** Seals each issued result's OFD right after issuance, when the worker has a seal signer. */
    private readonly ofd?: OfdResults,
  ) {
    this.licences = new LicenceService(store, new Commands(store));
  }

  /** The OFD of every result issued in these records, sealed once; failures are left to the first download. */
  sealOfdResults(records: readonly StreamRecordLike[], now: string): Promise<Error[]> {
    return this.ofd ? this.ofd.sealIssued(issuances(records), now) : Promise.resolve([]);
  }

  /** The e-licence library files every approval of a licence-type matter issued in these records; a replay files nothing twice. */
  fileLicences(records: readonly StreamRecordLike[], now: string): Promise<void> {
    return this.licences.fileIssued(issuances(records), now);
  }

  /** R10: every result issued in these records, into its supervising body's inbox; a replay rewrites the same items. */
  pushIssuedResults(records: readonly StreamRecordLike[]): Promise<void> {
    return pushToInboxes(this.store, issuances(records));
  }

  /** The events to publish: one per committed change (its audit record), and the e-licence library's (`e-licence.issued`, `.revoked`, …). */
  static events(records: readonly StreamRecordLike[]): OutboundEvent[] {
    return outboundEvents(records);
  }

  /** The business figures these records changed: cases received, accepted, issued, overdue; rollout periods applied. */
  static measures(records: readonly StreamRecordLike[]): Measure[] {
    return businessMeasures(records);
  }
}
