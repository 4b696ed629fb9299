import {
  type ChecklistItem,
  checkTraining,
  cityOfTenant,
  DomainError,
  handoverStands,
  type Principal,
  type Training,
  type TrainingKind,
} from '@onewindow/domain';
import { ReadinessRepository, RolloutRepository, readinessWrites, type Store } from '@onewindow/store';
import type { Invocation, Respond } from './context';

export interface TrainingInput {
  readonly id?: string;
  readonly matters: readonly string[];
  readonly kind: TrainingKind;
  readonly completedAt: string;
  readonly by?: string;
  readonly note?: string;
}

const ADMINS = ['platform-admin', 'city-admin', 'tenant-admin'];
const conflict = (zh: string, en: string, field?: string) => new DomainError('conflict', zh, en, field);

/**
 * Readiness of people before a rollout (seed 001 §五, seed 004): training records per staff
 * member and matter, which the rollout preview reads (R11), and the handover checklist the
 * receiving tenant confirms item by item.
 */
export class ReadinessService {
  private readonly repo: ReadinessRepository;

  constructor(private readonly store: Store) {
    this.repo = new ReadinessRepository(store);
  }

  /** Records a completed training of `staff` (the tenant's administrator); a given id is recorded once. */
  record(
    invocation: Invocation,
    tenant: string,
    staff: string,
    input: TrainingInput,
    respond: Respond<Training>,
  ) {
    const now = invocation.now;
    const training: Training = {
      tenant,
      staff,
      id: input.id ?? `${now.replace(/\D/g, '').slice(0, 14)}-${crypto.randomUUID().slice(0, 8)}`,
      matters: [...new Set(input.matters)],
      kind: input.kind,
      completedAt: input.completedAt,
      ...(input.by ? { by: input.by } : {}),
      ...(input.note ? { note: input.note } : {}),
      recordedAt: now,
      recordedBy: invocation.principal.sub,
    };
    checkTraining(training);
    return invocation.commit({
      action: 'training.recorded',
      target: `${tenant}/${staff}/${training.id}`,
      writes: readinessWrites.record(training, {
        noStaff: new DomainError('not-found', `工作人员“${staff}”不存在`, `no staff '${staff}'`),
        taken: conflict(`培训记录“${training.id}”已存在`, `training '${training.id}' exists`, 'id'),
      }),
      response: respond(training),
    });
  }

  /** One member's trainings: the administrators', or the member's own. */
  async ofStaff(principal: Principal, tenant: string, staff: string): Promise<Training[]> {
    if (principal.sub !== staff && !principal.roles.some((r) => ADMINS.includes(r)))
      throw new DomainError('forbidden', '只能查看本人的培训记录', 'staff read their own trainings only');
    return this.repo.trainings(tenant, staff);
  }

  /** The tenant's trainings, those naming `matter` when given. */
  async ofTenant(tenant: string, matter?: string): Promise<Training[]> {
    const all = await this.repo.trainings(tenant);
    return matter ? all.filter((t) => t.matters.includes(matter)) : all;
  }

  /**
   * Confirms one item of the tenant's agreement for a rollout that stands (scheduled or later),
   * once: who confirmed and when stay on the agreement.
   */
  async confirm(
    invocation: Invocation,
    tenant: string,
    rollout: string,
    item: ChecklistItem,
    note: string | undefined,
    respond: Respond<{ item: ChecklistItem; confirmedBy: string; confirmedAt: string; note?: string }>,
  ) {
    const r = await new RolloutRepository(this.store).get(cityOfTenant(tenant), rollout);
    if (!r?.tenants.includes(tenant) || !handoverStands(r))
      throw new DomainError('not-found', '交接协议书不存在', 'no such handover agreement');
    const c = {
      item,
      confirmedBy: invocation.principal.sub,
      confirmedAt: invocation.now,
      ...(note ? { note } : {}),
    };
    return invocation.commit({
      action: 'handover.item-confirmed',
      target: `${tenant}/${rollout}/${item}`,
      writes: readinessWrites.confirm(
        tenant,
        rollout,
        c,
        conflict('该项已确认', 'this item is already confirmed', 'item'),
      ),
      response: respond(c),
    });
  }
}
