import { addWorkingDays, cityOfTenant, DomainError, parseBodyRef, shanghaiDate } from '@onewindow/domain';
import {
  businessMeasures,
  CaseRepository,
  CatalogueRepository,
  caseKeys,
  type DecisionPush,
  dayAfter,
  decisionPushOf,
  decisions,
  handledCases,
  type Issuance,
  issuances,
  jobItem,
  liaisonOf,
  type Measure,
  type OutboundEvent,
  outboundEvents,
  pushWrites,
  RECEIPT_DUE,
  type Store,
  type StreamRecordLike,
  scheduleJobs,
  TenancyRepository,
} from '@onewindow/store';
import { CaseReference } from './cases/reference';
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
   * R10, R20: every decision in these records, into its supervising body's inbox at once (seed
   * 001 §(二): 审批结果第一时间推送), counted as waiting to be signed for (签收), each push its own
   * transaction with an audit record in the receiving tenant, and with the clock's job for the
   * day after the city's receipt limit. A replayed record finds its item there and writes nothing.
   */
  async pushDecisions(records: readonly StreamRecordLike[], now = new Date().toISOString()): Promise<void> {
    const repo = new CaseRepository(this.store);
    for (const d of decisions(records)) {
      const state = (await repo.get(d.tenant, d.caseNo))?.state;
      const push = state && decisionPushOf(state);
      if (push) await this.push(push, now);
    }
  }

  /** The names the supervisor reads the push by, from the deciding tenant, which the supervisor cannot read. */
  private async bodyName(ref: string): Promise<string | undefined> {
    if (!ref.includes('/')) return undefined;
    const { tenant, code } = parseBodyRef(ref);
    return (await new TenancyRepository(this.store).body(tenant, code))?.name;
  }

  /**
   * The liaison (联络人) the supervising body has named for the deciding department now: the push
   * keeps who it was and their name in the staff register, so the inbox and the receipt card name
   * them as they were when the push was made.
   */
  private async liaison(
    tenant: string,
    p: DecisionPush,
  ): Promise<{ liaison?: string; liaisonName?: string }> {
    if (!p.approvingBody) return {};
    const named = await liaisonOf(this.store, tenant, p.supervisingBody, p.approvingBody);
    if (!named) return {};
    const staff = await new TenancyRepository(this.store).staffMember(tenant, named.staff);
    const name = staff?.name ?? named.staffName;
    return { liaison: named.staff, ...(name ? { liaisonName: name } : {}) };
  }

  /** One push, once; its receipt's due job rides in the same transaction. */
  async push(p: DecisionPush, now: string): Promise<void> {
    const alreadyPushed = new DomainError('conflict', '已推送', 'already pushed');
    const tenant = p.supervisingBody.split('/')[0] ?? '';
    const { receiptDays } = await new TenancyRepository(this.store).evaluation(cityOfTenant(tenant));
    const calendarFor = await new CaseReference(this.store).calendar(p.tenant);
    const signBy = addWorkingDays(shanghaiDate(p.decidedAt), receiptDays, calendarFor);
    const approvingBodyName = p.approvingBodyName ?? (await this.bodyName(p.approvingBody));
    const liaison = await this.liaison(tenant, p);
    const named = { ...p, ...(approvingBodyName ? { approvingBodyName } : {}), ...liaison };
    try {
      await this.commands.system(PUSH_ACTOR, tenant, now).commit({
        action: 'supervision.pushed',
        target: `${p.supervisingBody}/${p.caseNo}`,
        writes: [
          ...pushWrites(named, alreadyPushed),
          {
            put: jobItem({
              id: `${tenant}:${p.caseNo}:receipt`,
              kind: RECEIPT_DUE,
              dueAt: dayAfter(signBy),
              payload: {
                tenant,
                body: p.supervisingBody,
                caseTenant: p.tenant,
                caseNo: p.caseNo,
                decidedAt: p.decidedAt,
              },
            }),
          },
        ],
        response: { status: 201, body: {} },
      });
    } catch (error) {
      if (error !== alreadyPushed) throw error;
    }
  }

  /**
   * When the result is issued, the inbox item the decision made gets its issuance and seal, so
   * the supervising body sees the result under seal; a receipt given meanwhile is kept.
   */
  async attachIssued(records: readonly StreamRecordLike[]): Promise<void> {
    for (const i of issuances(records)) await this.attach(i);
  }

  /** One issuance's result onto its inbox item; a push not made (no supervising body) is left alone. */
  async attach(i: Issuance): Promise<void> {
    const tenant = i.supervisingBody.split('/')[0] ?? '';
    const key = caseKeys.inbox(tenant, i.supervisingBody, i.result.decidedAt, i.caseNo);
    const item = await this.store.get(key);
    if (!item || item.issuedAt) return;
    const sealName = (await new CatalogueRepository(this.store).seal(i.result.seal.tenant, i.result.seal.id))
      ?.name;
    // Signed in between: the write fails, the stream retries the batch, and the next read sees the receipt.
    await this.commands.system(PUSH_ACTOR, tenant, i.result.issuedAt).commit({
      action: 'supervision.result-attached',
      target: `${i.supervisingBody}/${i.caseNo}`,
      writes: [
        {
          put: {
            ...item,
            ...key,
            issuedAt: i.result.issuedAt,
            seal: i.result.seal,
            ...(sealName ? { sealName } : {}),
          },
          ifStill: {
            attribute: 'signedAt',
            equals: item.signedAt,
            failure: new DomainError('conflict', '已签收', 'signed for meanwhile'),
          },
        },
      ],
      response: { status: 200, body: {} },
    });
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
