import {
  type AppealGround,
  type AppealOutcome,
  type CallbackChannel,
  type CallbackView,
  type CityLedgerFilter,
  cityOfTenant,
  DomainError,
  guardOf,
  type Rectification,
  type RectificationCommand,
  rectificationStatus,
  shanghaiDate,
} from '@onewindow/domain';
import {
  entityOf,
  type Item,
  rectificationEntry,
  type Store,
  TenancyRepository,
  tenantPk,
} from '@onewindow/store';
import type { CaseService } from '../cases';
import type { Answer, Invocation } from '../context';
import { mapLimit } from '../rollouts/load';

export type LedgerEntry = Record<string, unknown> & Rectification & { status: string };

/**
 * R18 after a 差评: the tenant's rectification ledger and each step of it (the answer, the
 * call-back, the appeal), the city's own list of escalations and appeals and its decisions, and
 * the clock's escalation. Every step is a command of the case, so it lands in its hash chain.
 */
export class RectificationService {
  constructor(
    private readonly store: Store,
    private readonly cases: CaseService,
  ) {}

  /** The tenant's ledger, newest first, each entry with where it stands today. */
  async ledger(tenant: string, now: string): Promise<LedgerEntry[]> {
    const items = await this.store.queryPrefix<Item>(tenantPk(tenant), 'RECT#');
    return sortAndStatus(items, now);
  }

  /**
   * The city's part: its tenants' escalated and appealed rectifications, from each tenant's
   * ledger (one Query a tenant, ten at a time; a tenant's commands write only its own partition).
   */
  async cityLedger(city: string, filter: CityLedgerFilter, now: string): Promise<LedgerEntry[]> {
    const tenants = await new TenancyRepository(this.store).tenants(city);
    const ledgers = await mapLimit(tenants, 10, (t) => this.store.queryPrefix<Item>(tenantPk(t.id), 'RECT#'));
    const entries = sortAndStatus(ledgers.flat(), now);
    return entries.filter((e) => {
      if (filter === 'all') return e.escalatedAt !== undefined || e.appeal !== undefined;
      if (filter === 'escalated') return e.escalatedAt !== undefined;
      if (filter === 'appealed') return e.appeal !== undefined;
      return e.appeal !== undefined && e.appeal.outcome === undefined;
    });
  }

  close(invocation: Invocation, tenant: string, caseNo: string, response: string): Promise<Answer> {
    return this.step(invocation, tenant, caseNo, { type: 'close-rectification', response });
  }

  /** 回访: a dissatisfied rater opens the next round, within the city's limit. */
  async callback(
    invocation: Invocation,
    tenant: string,
    caseNo: string,
    input: { view: CallbackView; channel?: CallbackChannel; note?: string },
  ): Promise<Answer> {
    const { rectificationDays } = await new TenancyRepository(this.store).evaluation(cityOfTenant(tenant));
    return this.step(invocation, tenant, caseNo, { type: 'record-callback', ...input, rectificationDays });
  }

  appeal(
    invocation: Invocation,
    tenant: string,
    caseNo: string,
    input: { ground: AppealGround; statement: string },
  ): Promise<Answer> {
    return this.step(invocation, tenant, caseNo, { type: 'appeal-rating', ...input });
  }

  decideAppeal(
    invocation: Invocation,
    tenant: string,
    caseNo: string,
    input: { outcome: AppealOutcome; reason: string },
  ): Promise<Answer> {
    return this.step(invocation, tenant, caseNo, { type: 'decide-appeal', ...input });
  }

  /**
   * The clock's job for a round's last working day: escalates the round if it is still
   * unanswered. A round answered, appealed away or escalated meanwhile is left as it is, so
   * a job that runs twice, or one whose round a call-back replaced, escalates nothing.
   */
  async escalate(invocation: Invocation, tenant: string, caseNo: string): Promise<boolean> {
    const stored = await this.cases.find(tenant, caseNo);
    if (!stored?.state.rectification) return false;
    const today = shanghaiDate(invocation.now);
    const actor = { sub: invocation.principal.sub, roles: [] };
    try {
      guardOf('escalate-rectification')(stored.state, { actor, now: invocation.now, today });
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
    await this.cases.run(invocation, {
      loaded: stored,
      actor,
      tenant,
      caseNo,
      command: () => ({ type: 'escalate-rectification' }),
      respond: () => ({ status: 200, body: {} }),
    });
    return true;
  }

  private async step(
    invocation: Invocation,
    tenant: string,
    caseNo: string,
    command: RectificationCommand,
  ): Promise<Answer> {
    return this.cases.run(invocation, {
      tenant,
      caseNo,
      command: () => command,
      // The answer is the ledger entry the same transaction writes.
      respond: ({ stored: { state } }) => ({
        status: 200,
        body: withStatus(rectificationEntry(state) ?? { caseNo: state.caseNo }, invocation.now),
      }),
    });
  }
}

function withStatus(item: Record<string, unknown>, now: string): LedgerEntry {
  const entry = entityOf(item) as LedgerEntry;
  return { ...entry, status: rectificationStatus(entry, shanghaiDate(now)) };
}

function sortAndStatus(items: readonly Item[], now: string): LedgerEntry[] {
  return items
    .map((i) => withStatus(i, now))
    .sort((a, b) => String(b.openedAt).localeCompare(String(a.openedAt)));
}
