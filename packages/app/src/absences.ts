import { randomBytes } from 'node:crypto';
import {
  type Absence,
  absenceEnd,
  absentAt,
  checkAbsence,
  DomainError,
  type Principal,
  type Staff,
  toInstant,
} from '@onewindow/domain';
import { absencesAfter, absenceWrites, keys, type Store, TenancyRepository } from '@onewindow/store';
import type { Invocation, Respond } from './context';

export interface AbsenceInput {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

/** An absence as lists show it: with the names of A and of B, who covers. */
export type AbsenceView = Absence & {
  readonly staffName: string;
  readonly backupName: string;
  /** A's body, when A has one: the queue of that body shows the absence. */
  readonly staffBody?: string;
};

const viewOf = (a: Absence, staff: ReadonlyMap<string, Staff>): AbsenceView => {
  const body = staff.get(a.staff)?.body;
  return {
    ...a,
    staffName: staff.get(a.staff)?.name ?? a.staff,
    backupName: staff.get(a.backup)?.name ?? a.backup,
    ...(body ? { staffBody: body } : {}),
  };
};

const notFound = () => new DomainError('not-found', '缺勤记录不存在', 'no such absence');

/**
 * Absences of A/B posts (AB角): recorded by A or a tenant administrator, refused for a post
 * with no B and when they overlap another of the same person, ended early or by themselves.
 */
export class AbsenceService {
  private readonly tenancy: TenancyRepository;

  constructor(private readonly store: Store) {
    this.tenancy = new TenancyRepository(store);
  }

  /** A marks their own absence; anyone else must be an administrator of the tenant. */
  private mayManage(principal: Principal, staffId: string, admin: boolean): void {
    if (admin || principal.sub === staffId) return;
    throw new DomainError(
      'forbidden',
      '只有本人或本级管理员可以登记、结束缺勤',
      'only the staff member or a tenant administrator may record or end their absence',
    );
  }

  private async staffOr404(tenant: string, id: string): Promise<Staff> {
    const staff = await this.tenancy.staffMember(tenant, id);
    if (!staff) throw new DomainError('not-found', `工作人员“${id}”不存在`, `staff '${id}' does not exist`);
    return staff;
  }

  async record(
    invocation: Invocation,
    tenant: string,
    staffId: string,
    input: AbsenceInput,
    admin: boolean,
    respond: Respond<Absence>,
  ) {
    this.mayManage(invocation.principal, staffId, admin);
    const from = toInstant(input.from);
    const to = toInstant(input.to);
    const [staff, backup, others] = await Promise.all([
      this.staffOr404(tenant, staffId),
      this.store.get<{ backup: string }>(keys.backup(tenant, staffId)),
      this.ofStaff(tenant, staffId, from),
    ]);
    const reason = input.reason.trim();
    checkAbsence({ from, to, reason }, staff, backup?.backup, others, invocation.now);
    const absence: Absence = {
      tenant,
      id: randomBytes(6).toString('hex'),
      staff: staffId,
      backup: backup?.backup ?? '',
      from,
      to,
      reason,
      by: invocation.principal.sub,
      at: invocation.now,
    };
    return invocation.commit({
      action: 'absence.recorded',
      target: `${tenant}/${staffId}`,
      writes: absenceWrites.record(absence),
      response: respond(absence),
    });
  }

  /** Ends an absence now (提前结束); one that has not begun is called off the same way. */
  async end(
    invocation: Invocation,
    tenant: string,
    staffId: string,
    absenceId: string,
    admin: boolean,
    respond: Respond<Absence>,
  ) {
    this.mayManage(invocation.principal, staffId, admin);
    const { now } = invocation;
    // Every absence of the person, so one already over answers 409, not 404.
    const found = (await this.ofStaff(tenant, staffId)).find((a) => a.id === absenceId);
    if (!found) throw notFound();
    if (absenceEnd(found) <= now) {
      throw new DomainError('invalid-state', '该缺勤已结束', 'the absence is already over');
    }
    const ended = { ...found, endedAt: now, endedBy: invocation.principal.sub };
    return invocation.commit({
      action: 'absence.ended',
      target: `${tenant}/${staffId}`,
      writes: absenceWrites.end(
        ended,
        new DomainError('invalid-state', '该缺勤已结束', 'the absence is already over'),
      ),
      response: respond(ended),
    });
  }

  /** A staff member's absences due to end after `after` (all of them without it), by their `to`. */
  async ofStaff(tenant: string, staffId: string, after = ''): Promise<Absence[]> {
    return (await absencesAfter(this.store, tenant, after)).filter((a) => a.staff === staffId);
  }

  /** A staff member's absences, newest first, with names; 404 for an unknown staff member. */
  async list(tenant: string, staffId: string): Promise<AbsenceView[]> {
    // Read for its 404: an unknown staff member has no list, not an empty one.
    const [, absences] = await Promise.all([this.staffOr404(tenant, staffId), this.ofStaff(tenant, staffId)]);
    const names = await this.names(tenant, absences);
    return absences.sort((a, b) => b.from.localeCompare(a.from)).map((a) => viewOf(a, names));
  }

  /**
   * Who is absent at `at` and who covers (`current`), and the absences still to come
   * (`coming`), each with the names of A and B: the queue, the workbench and the staff page.
   */
  async inForce(tenant: string, at: string): Promise<{ current: AbsenceView[]; coming: AbsenceView[] }> {
    const t = toInstant(at);
    const open = (await absencesAfter(this.store, tenant, t)).filter((a) => absenceEnd(a) > t);
    const names = await this.names(tenant, open);
    const view = (a: Absence) => viewOf(a, names);
    const byFrom = (a: Absence, b: Absence) => a.from.localeCompare(b.from);
    return {
      current: open
        .filter((a) => absentAt(a, t))
        .sort(byFrom)
        .map(view),
      coming: open
        .filter((a) => a.from > t)
        .sort(byFrom)
        .map(view),
    };
  }

  private async names(tenant: string, absences: readonly Absence[]): Promise<Map<string, Staff>> {
    if (absences.length === 0) return new Map();
    return new Map((await this.tenancy.staff(tenant)).map((s) => [s.id, s]));
  }
}
