import {
  allowedLicenceActions,
  changeLicenceStatus,
  cityOfTenant,
  DomainError,
  type ELicence,
  LICENCE_MATTER_TYPES,
  type LicenceCommand,
  licenceIdOf,
  licenceOf,
  maskedLicence,
  type Principal,
  reachesTenant,
} from '@onewindow/domain';
import {
  CaseRepository,
  CatalogueRepository,
  type Issuance,
  LicenceRepository,
  licenceWrites,
  type Store,
  type Write,
} from '@onewindow/store';
import type { Commands } from './commands';
import type { Invocation, Respond } from './context';

/** The actor the library's own writes are audited under. */
export const LIBRARY_ACTOR = 'system:e-licence-library';

/** A handling item that renews or changes a licence replaces the holder's valid one of the matter (变更, 延续, 换发). */
const REPLACING_ITEM = /变更|延续|换发/;

const notFound = () => new DomainError('not-found', '没有该电子证照', 'no such e-licence');

/** A licence as staff see it: the holder's number masked, and what they may do to it. */
export interface LicenceView extends ELicence {
  readonly allowedActions: readonly LicenceCommand[];
}

/**
 * The e-licence library (电子证照库, seed 001). The stream worker files every issued approval of
 * a licence-type matter (`fileIssued`); staff find a holder's licences at intake (免提交) and
 * revoke or cancel one with a reason; the public verification reads its status.
 */
export class LicenceService {
  private readonly repo: LicenceRepository;

  constructor(
    private readonly store: Store,
    private readonly commands: Commands,
  ) {
    this.repo = new LicenceRepository(store);
  }

  /** Staff of the tenant (and the city above it) reach its library; others get 404. */
  private reach(principal: Principal, tenant: string): void {
    if (!reachesTenant(principal, tenant)) throw notFound();
  }

  /** 撤销 and 注销 are the issuing authority's decisions: an approver of the issuing body. */
  private mayChange(principal: Principal, licence: ELicence): boolean {
    return (
      principal.roles.includes('approver') &&
      (principal.body === undefined || principal.body === licence.issuer)
    );
  }

  private view(principal: Principal, licence: ELicence): LicenceView {
    const actions = this.mayChange(principal, licence) ? allowedLicenceActions(licence) : [];
    return { ...maskedLicence(licence), allowedActions: actions };
  }

  /** A holder's licences (by identity number or USCC), newest first, numbers masked. */
  async byHolder(
    principal: Principal,
    tenant: string,
    holder: string,
    page: { limit?: number; cursor?: string },
  ) {
    this.reach(principal, tenant);
    const found = await this.repo.byHolder(tenant, holder.trim().toUpperCase(), page);
    return {
      items: found.items.map((l) => this.view(principal, l)),
      ...(found.cursor ? { cursor: found.cursor } : {}),
    };
  }

  async get(principal: Principal, tenant: string, id: string): Promise<LicenceView> {
    this.reach(principal, tenant);
    const licence = await this.repo.get(tenant, id);
    if (!licence) throw notFound();
    return this.view(principal, licence);
  }

  /** 撤销 or 注销 with a reason, in one transaction with its audit record, over the status it read. */
  async change(
    invocation: Invocation,
    input: { tenant: string; id: string; command: LicenceCommand; reason: string },
    respond: Respond<LicenceView>,
  ) {
    const { principal, now } = invocation;
    this.reach(principal, input.tenant);
    const before = await this.repo.get(input.tenant, input.id);
    if (!before) throw notFound();
    if (!this.mayChange(principal, before)) {
      throw new DomainError(
        'forbidden',
        '只有颁证机构的审批人员可以撤销或注销电子证照',
        'only an approver of the issuing body may revoke or cancel an e-licence',
      );
    }
    const after = changeLicenceStatus(before, input.command, {
      reason: input.reason,
      at: now,
      by: principal.sub,
    });
    return invocation.commit({
      action: `licence.${input.command}`,
      target: `${input.tenant}/${input.id}`,
      writes: [licenceWrites.update(before, after)],
      response: respond(this.view(principal, after)),
    });
  }

  /** The licence an issued result became, if any: what the public verification shows. */
  ofResult(result: Parameters<typeof licenceIdOf>[0] & { tenant: string }): Promise<ELicence | undefined> {
    return this.repo.get(result.tenant, licenceIdOf(result));
  }

  /**
   * Files the approvals of licence-type matters among `issued` (the stream worker). The
   * identifier is derived from the result, and the licence is written only if new: a replayed
   * stream record finds it and writes nothing. A renewal or change (its handling item) marks the
   * holder's valid licences of the matter `changed` in the same transaction.
   */
  async fileIssued(issued: readonly Issuance[], now: string): Promise<void> {
    for (const i of issued) {
      if (i.result.outcome !== 'approve') continue;
      await this.fileOne(i, now);
    }
  }

  private async fileOne(i: Issuance, now: string): Promise<void> {
    const r = i.result;
    const [matter, stored] = await Promise.all([
      new CatalogueRepository(this.store).matter(cityOfTenant(i.tenant), r.matter),
      new CaseRepository(this.store).get(i.tenant, i.caseNo),
    ]);
    if (!matter || !LICENCE_MATTER_TYPES.includes(matter.type) || !stored) return;
    const licence = licenceOf(r, stored.state.applicant);
    if (await this.repo.get(i.tenant, licence.id)) return;
    const writes: Write[] = [licenceWrites.create(licence)];
    const itemName =
      matter.items.find((it) => it.code === r.item || it.name === r.item)?.name ?? r.item ?? '';
    if (REPLACING_ITEM.test(itemName)) {
      const { items } = await this.repo.byHolder(i.tenant, licence.holder.idNumber, { limit: 100 });
      for (const old of items) {
        if (old.matter !== r.matter || old.status !== 'valid' || old.id === licence.id) continue;
        const full = (await this.repo.get(i.tenant, old.id)) ?? old;
        writes.push(
          licenceWrites.update(full, {
            ...full,
            status: 'changed',
            statusChange: { reason: itemName, at: r.issuedAt, by: LIBRARY_ACTOR, replacedBy: licence.id },
          }),
        );
      }
    }
    try {
      await this.commands.system(LIBRARY_ACTOR, i.tenant, now).commit({
        action: 'licence.file',
        target: `${i.tenant}/${licence.id}`,
        writes,
        response: { status: 201, body: {} },
      });
    } catch (error) {
      // Another delivery of the same record filed it first: that is the answer.
      if (
        error instanceof DomainError &&
        error.type === 'conflict' &&
        (await this.repo.get(i.tenant, licence.id))
      )
        return;
      throw error;
    }
  }
}
