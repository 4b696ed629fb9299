import type { ChecklistItem, DomainError, Training } from '@onewindow/domain';
import { tenantPk } from './keys';
import type { Store, Write } from './store';
import { entityOf } from './tenancy';

/** A staff member's trainings sort under the member: one Query for a member, one for the tenant. */
const trainingKey = (tenant: string, staff: string, id: string) => ({
  pk: tenantPk(tenant),
  sk: `TRAIN#${staff}#${id}`,
});
/** A checklist item of a rollout's agreement, confirmed once, in the receiving tenant. */
const checklistKey = (tenant: string, rollout: string, item: string) => ({
  pk: tenantPk(tenant),
  sk: `HANDOVER#${rollout}#${item}`,
});

export interface ChecklistConfirmation {
  readonly item: ChecklistItem;
  readonly confirmedBy: string;
  readonly confirmedAt: string;
  readonly note?: string;
}

export const readinessWrites = {
  /** A training of a staff member who exists; an id is recorded once. */
  record: (t: Training, failures: { noStaff: DomainError; taken: DomainError }): Write[] => [
    { check: { pk: tenantPk(t.tenant), sk: `STAFF#${t.staff}` }, exists: failures.noStaff },
    { put: { ...trainingKey(t.tenant, t.staff, t.id), entity: 'training', ...t }, ifNew: failures.taken },
  ],
  confirm: (tenant: string, rollout: string, c: ChecklistConfirmation, taken: DomainError): Write[] => [
    { put: { ...checklistKey(tenant, rollout, c.item), entity: 'checklist', ...c }, ifNew: taken },
  ],
};

/** Training records and handover checklists: single-partition Queries of the tenant. */
export class ReadinessRepository {
  constructor(private readonly store: Store) {}

  /** The tenant's trainings, or one member's. */
  async trainings(tenant: string, staff?: string): Promise<Training[]> {
    const items = await this.store.queryPrefix(tenantPk(tenant), staff ? `TRAIN#${staff}#` : 'TRAIN#');
    return items.map((i) => entityOf<Training>(i));
  }

  async checklist(tenant: string, rollout: string): Promise<ChecklistConfirmation[]> {
    const items = await this.store.queryPrefix(tenantPk(tenant), `HANDOVER#${rollout}#`);
    return items.map((i) => entityOf<ChecklistConfirmation>(i));
  }
}
