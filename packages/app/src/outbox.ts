import { cityOfTenant, DomainError } from '@onewindow/domain';
import {
  businessMeasures,
  handledCases,
  type Issuance,
  issuances,
  type Measure,
  type OutboundEvent,
  outboundEvents,
  pushWrites,
  type Store,
  type StreamRecordLike,
  scheduleJobs,
  TenancyRepository,
} from '@onewindow/store';
import { Commands } from './commands';
import { LicenceService } from './licences';
import type { OfdResults } from './ofd';

export type { Measure, OutboundEvent, StreamRecordLike };

const DAY_MS = 24 * 3600_000;

/** Who pushes results to supervising bodies in the audit trail. */
const PUSH_ACTOR = 'system:supervision-push';

/**
 * What leaves the system from the table's stream (DESIGN.md decision 7): issued results
 * pushed to the supervising bodies' inboxes (R10), the events published to the bus, and
 * the business figures. The stream Lambda calls it; it reads no HTTP and decides nothing.
 */
export class Outbox {
  private readonly licences: LicenceService;
  private readonly commands: Commands;

  constructor(
    private readonly store: Store,
    /** Seals each issued result's OFD right after issuance, when the worker has a seal signer. */
    private readonly ofd?: OfdResults,
  ) {
    this.commands = new Commands(store);
    this.licences = new LicenceService(store, this.commands);
  }

  /** The OFD of every result issued in these records, sealed once; failures are left to the first download. */
  sealOfdResults(records: readonly StreamRecordLike[], now: string): Promise<Error[]> {
    return this.ofd ? this.ofd.sealIssued(issuances(records), now) : Promise.resolve([]);
  }

  /** The e-licence library files every approval of a licence-type matter issued in these records; a replay files nothing twice. */
  fileLicences(records: readonly StreamRecordLike[], now: string): Promise<void> {
    return this.licences.fileIssued(issuances(records), now);
  }

  /**
   * R10: every result issued in these records, into its supervising body's inbox, counted as
   * waiting to be signed for (签收), each push its own transaction with an audit record in the
   * receiving tenant. A replayed record finds its item there and writes nothing.
   */
  pushIssuedResults(records: readonly StreamRecordLike[], now = new Date().toISOString()): Promise<void> {
    return this.pushIssued(issuances(records), now);
  }

  /** The pushes of these issuances (`pushIssuedResults`), each once. */
  async pushIssued(issued: readonly Issuance[], now: string): Promise<void> {
    const alreadyPushed = new DomainError('conflict', '已推送', 'already pushed');
    for (const i of issued) {
      const tenant = i.supervisingBody.split('/')[0] ?? '';
      try {
        await this.commands.system(PUSH_ACTOR, tenant, now).commit({
          action: 'supervision.pushed',
          target: `${i.supervisingBody}/${i.caseNo}`,
          writes: pushWrites(i, alreadyPushed),
          response: { status: 201, body: {} },
        });
      } catch (error) {
        if (error !== alreadyPushed) throw error;
      }
    }
  }

  /**
   * R18: when a case is first handled (decided, rejected at intake, withdrawn, terminated), the
   * clock's job to give it the city's default rating once the city's days have passed, unless its
   * applicant rates it first. The job's key is fixed by the case and the event, so a replayed
   * record writes the same job again.
   */
  async scheduleDefaultRatings(records: readonly StreamRecordLike[]): Promise<void> {
    const handled = handledCases(records);
    if (handled.length === 0) return;
    const tenancy = new TenancyRepository(this.store);
    const settings = new Map<string, Promise<number>>();
    const daysIn = (city: string) => {
      let days = settings.get(city);
      if (!days) {
        days = tenancy.evaluation(city).then((e) => e.defaultRatingDays);
        settings.set(city, days);
      }
      return days;
    };
    const jobs = await Promise.all(
      handled.map(async (h) => ({
        id: `${h.tenant}:${h.caseNo}`,
        kind: 'default-rating',
        dueAt: new Date(Date.parse(h.at) + (await daysIn(cityOfTenant(h.tenant))) * DAY_MS).toISOString(),
        payload: { tenant: h.tenant, caseNo: h.caseNo },
      })),
    );
    await scheduleJobs(this.store, jobs);
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
