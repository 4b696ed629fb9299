import type { CaseState } from '@onewindow/domain';
import { notificationsOf, type StaffNotification, type Store, TenancyRepository } from '@onewindow/store';

/** What a staff member has been told (督办/催办 on a card of theirs), newest first: their own only. */
export class NotificationService {
  constructor(private readonly store: Store) {}

  mine(tenant: string, staff: string): Promise<StaffNotification[]> {
    return notificationsOf(this.store, tenant, staff);
  }
}

/**
 * Who a card is about, when the case names a person: the clerk who took the case answers for
 * acceptance and issuance at the window; the liaison the supervising body named signs for pushes
 * (R20). A card on the back office names no person: its body's approvers answer for it.
 */
export function responsibleAtRaise(
  trigger: string,
  state: CaseState,
  liaison: string | undefined,
): string[] | undefined {
  if (trigger === 'acceptance' || trigger === 'issuance') return [state.receivedBy];
  if (trigger === 'receipt' && liaison) return [liaison];
  return undefined;
}

/** The people a 督办 on `card` reaches: those it names, else the staff of its body who act for it. */
export async function recipientsOf(
  store: Store,
  card: { tenant: string; body?: string; trigger: string; responsible?: readonly string[] },
): Promise<string[]> {
  if (card.responsible && card.responsible.length > 0) return [...card.responsible];
  if (!card.body) return [];
  // Pushes are signed by the body's supervisors; everything else is decided by its approvers.
  const role = card.trigger === 'receipt' ? 'supervisor' : 'approver';
  const staff = await new TenancyRepository(store).staff(card.tenant);
  return staff.filter((s) => s.body === card.body && s.roles.includes(role)).map((s) => s.id);
}
