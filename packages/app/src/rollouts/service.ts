import {
  cityOfTenant,
  DomainError,
  type HandoverAgreement,
  handoverStands,
  type RolloutCommand,
  type RolloutImpact,
  type RolloutInput,
  type RolloutPreview,
  runRollout,
  scheduleRefusal,
} from '@onewindow/domain';
import {
  RolloutRepository,
  rolloutWrites,
  type Store,
  type StoredResponse,
  type StoredRollout,
  TenancyRepository,
  type Write,
} from '@onewindow/store';
import type { Invocation, Respond } from '../context';
import { type ApplyOptions, applyRollout } from './apply';
import { loadImpact } from './impact';
import { loadAgreement, loadPreview } from './load';
import { type Handover, type RolloutView, rolloutView } from './view';

const noRollout = (id: string) => new DomainError('not-found', `批次“${id}”不存在`, `no rollout '${id}'`);

/**
 * Concentration and devolution batches of a city (R11): drafted, previewed, scheduled or
 * cancelled by its administrators, applied by the clock at their instant, and the
 * handover agreement each target tenant signs.
 */
export class RolloutService {
  private readonly rollouts: RolloutRepository;

  constructor(private readonly store: Store) {
    this.rollouts = new RolloutRepository(store);
  }

  /** A new draft; its instant must still be to come. */
  async create(
    invocation: Invocation,
    city: string,
    input: RolloutInput,
    respond: Respond<RolloutView>,
  ): Promise<StoredResponse> {
    if (!(await new TenancyRepository(this.store).city(city)))
      throw new DomainError('not-found', `城市“${city}”不存在`, `no city '${city}'`);
    // No read of the id: the put's condition refuses a taken one in the same transaction.
    return this.run(invocation, undefined, { type: 'create', city, input }, respond, (r) =>
      rolloutWrites.create(r),
    );
  }

  async list(at: Pick<Invocation, 'now'>, city: string): Promise<RolloutView[]> {
    return (await this.rollouts.list(city)).map((r) => rolloutView(r, at.now));
  }

  async get(at: Pick<Invocation, 'now'>, city: string, id: string): Promise<RolloutView> {
    return rolloutView(await this.load(city, id), at.now);
  }

  /** R11 on today's data: each target tenant's blockers, changes and the pending cases that stay. */
  async preview(at: Pick<Invocation, 'now'>, city: string, id: string): Promise<RolloutPreview> {
    return loadPreview(this.store, await this.load(city, id), at.now);
  }

  /**
   * The history-based impact: the last `months` whole months of the moving matters' cases
   * replayed against the authority map after the move (any status: an applied rollout's
   * impact reads as what its map does to recent months).
   */
  async impact(
    at: Pick<Invocation, 'now'>,
    city: string,
    id: string,
    months?: number,
  ): Promise<RolloutImpact> {
    return loadImpact(this.store, await this.load(city, id), at.now, months);
  }

  /** Schedules a draft whose preview is ready, with the clock job that applies it at its instant. */
  async schedule(
    invocation: Invocation,
    city: string,
    id: string,
    respond: Respond<RolloutView>,
  ): Promise<StoredResponse> {
    const r = await this.load(city, id);
    // Refused before the preview is loaded: a rollout past its draft needs none.
    const refusal = scheduleRefusal(r);
    if (refusal) throw refusal;
    // The lock is read before the preview: a rollout scheduled after this read moves the
    // version on, so this command fails rather than commit a preview that missed it.
    const lockVersion = await this.rollouts.schedulingLockVersion(city);
    const preview = await loadPreview(this.store, r, invocation.now);
    return this.run(invocation, r, { type: 'schedule', preview }, respond, (scheduled) =>
      rolloutWrites.schedule(scheduled, lockVersion),
    );
  }

  /** Cancels a draft or a scheduled rollout before its instant, and its clock job. */
  async cancel(
    invocation: Invocation,
    city: string,
    id: string,
    respond: Respond<RolloutView>,
  ): Promise<StoredResponse> {
    const r = await this.load(city, id);
    return this.run(invocation, r, { type: 'cancel' }, respond, (cancelled) =>
      rolloutWrites.cancel(cancelled, r.status),
    );
  }

  /** The agreement one target tenant signs, for the city's administrators (drafts included). */
  async agreement(city: string, id: string, tenant: string): Promise<HandoverAgreement> {
    const agreement = await loadAgreement(this.store, await this.load(city, id), tenant);
    if (!agreement)
      throw new DomainError('not-found', `租户“${tenant}”不在本批次中`, 'the tenant is not in this rollout');
    return agreement;
  }

  /** The rollouts a tenant takes part in once scheduled: the agreements it signs. */
  async handovers(tenant: string): Promise<Handover[]> {
    const rollouts = await this.rollouts.list(cityOfTenant(tenant));
    return rollouts
      .filter((r) => r.tenants.includes(tenant) && handoverStands(r))
      .map((r) => ({
        rollout: r.id,
        name: r.name,
        status: r.status,
        effectiveAt: r.effectiveAt,
        matters: r.matters.length,
      }));
  }

  /** One of the tenant's agreements; a draft or a cancelled rollout has none to show it. */
  async handover(tenant: string, id: string): Promise<HandoverAgreement> {
    const r = await this.load(cityOfTenant(tenant), id);
    const agreement = handoverStands(r) ? await loadAgreement(this.store, r, tenant) : undefined;
    if (!agreement) throw new DomainError('not-found', '交接协议书不存在', 'no such handover agreement');
    return agreement;
  }

  /**
   * The clock's job: applies a due rollout, resuming where a killed worker stopped.
   * `done: false` when its instant has not come or the budget ran out (run again later).
   */
  apply(city: string, id: string, options: ApplyOptions): Promise<{ done: boolean }> {
    return applyRollout(this.store, city, id, options);
  }

  private async load(city: string, id: string): Promise<StoredRollout> {
    const r = await this.rollouts.get(city, id);
    if (!r) throw noRollout(id);
    return r;
  }

  /** Decides `command`, then commits the writes of the rollout after it with the caller's answer: one transaction. */
  private run(
    invocation: Invocation,
    r: StoredRollout | undefined,
    command: RolloutCommand,
    respond: Respond<RolloutView>,
    writes: (after: StoredRollout) => Write[],
  ): Promise<StoredResponse> {
    const ctx = { now: invocation.now, actor: invocation.principal.sub };
    const { events, state } = runRollout(r, command, ctx);
    return invocation.commit({
      action: events.map((e) => `rollout.${e.type}`).join(' '),
      target: `${state.city}/${state.id}`,
      writes: writes(state),
      response: respond(rolloutView(state, invocation.now)),
    });
  }
}
