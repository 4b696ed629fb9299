import { shanghaiDate } from './calendar';
import { invalid } from './errors';
import type { Staff } from './tenancy';

/** 跟班学习 / 业务培训 / 试运行 (seed 001 §五, seed 004): how a staff member learnt a matter. */
export const TRAINING_KINDS = ['shadowing', 'training', 'trial-run'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_NAMES: Readonly<Record<TrainingKind, string>> = {
  shadowing: '跟班学习',
  training: '业务培训',
  'trial-run': '试运行',
};

/** One completed training of a staff member on some matters, recorded by the tenant's administrator. */
export interface Training {
  readonly tenant: string;
  readonly staff: string;
  readonly id: string;
  readonly matters: readonly string[];
  readonly kind: TrainingKind;
  /** The Beijing date it was completed (`YYYY-MM-DD`), never after the day it is recorded. */
  readonly completedAt: string;
  /** Who organised it (the original department, the centre …). */
  readonly by?: string;
  readonly note?: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

/** A record is of training done, not planned: its date is not after the day it is recorded. */
export function checkTraining(t: Training): void {
  if (t.completedAt > shanghaiDate(t.recordedAt))
    throw invalid('completedAt', '完成日期不能晚于今天', 'completedAt cannot be after today');
}

/**
 * R11, people: trained for `matter` by `effectiveAt` = a record naming the matter completed on or
 * before the effective instant's Beijing date. Records are checked as they stand when the preview runs.
 */
export function trainedFor(
  trainings: readonly Training[],
  staff: string,
  matter: string,
  effectiveAt: string,
): boolean {
  const day = shanghaiDate(effectiveAt);
  return trainings.some((t) => t.staff === staff && t.completedAt <= day && t.matters.includes(matter));
}

/** A role a receiving tenant lacks trained people in, for the matters named. */
export interface ReadinessGap {
  readonly role: 'approver' | 'window-clerk';
  /** The body the approvers must sit in (`tenant/code`); absent for window clerks (any of the tenant's). */
  readonly body?: string;
  readonly matters: readonly string[];
}

/**
 * Which moving matters have no trained approver in the implementing body or no trained window clerk
 * in the tenant. A role with nobody at all is left to the `no-approver`/`no-window-clerk` blockers.
 */
export function readinessGaps(
  staff: readonly Staff[],
  trainings: readonly Training[],
  matters: readonly { matter: string; body?: string }[],
  effectiveAt: string,
): ReadinessGap[] {
  const has = (role: string, body?: string) =>
    staff.filter((s) => s.roles.includes(role as Staff['roles'][number]) && (!body || s.body === body));
  const gaps = new Map<string, { role: ReadinessGap['role']; body?: string; matters: string[] }>();
  const gap = (role: ReadinessGap['role'], matter: string, body?: string) => {
    const key = `${role} ${body ?? ''}`;
    const g = gaps.get(key) ?? { role, ...(body ? { body } : {}), matters: [] };
    g.matters.push(matter);
    gaps.set(key, g);
  };
  const clerks = has('window-clerk');
  for (const { matter, body } of matters) {
    const approvers = body ? has('approver', body) : [];
    if (approvers.length && !approvers.some((s) => trainedFor(trainings, s.id, matter, effectiveAt)))
      gap('approver', matter, body);
    if (clerks.length && !clerks.some((s) => trainedFor(trainings, s.id, matter, effectiveAt)))
      gap('window-clerk', matter);
  }
  return [...gaps.values()];
}

/** The handover checklist (001 §五): what the receiving side confirms before it takes the matters. */
export const CHECKLIST_ITEMS = ['rules', 'certificates', 'accounts', 'training'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];
export const CHECKLIST_NAMES: Readonly<Record<ChecklistItem, { zh: string; en: string }>> = {
  rules: { zh: '操作规程', en: 'Operating rules' },
  certificates: { zh: '空白证书/证照储备', en: 'Blank certificate stock' },
  accounts: { zh: '平台账号与权限（权限下沉）', en: 'Platform accounts and authorisations' },
  training: { zh: '人员培训', en: 'Staff training' },
};

/** One item of an agreement's checklist, with who confirmed it and when. */
export interface ChecklistEntry {
  readonly item: ChecklistItem;
  readonly name: string;
  readonly nameEn: string;
  readonly confirmedBy?: string;
  readonly confirmedAt?: string;
  readonly note?: string;
  /** For `training`: what the training records show (trained staff per matter and role). */
  readonly derived?: { readonly ready: boolean; readonly gaps: readonly ReadinessGap[] };
}

/** The four items in order, each with its confirmation when there is one; training with what the records show. */
export function agreementChecklist(
  confirmed: readonly { item: ChecklistItem; confirmedBy: string; confirmedAt: string; note?: string }[],
  gaps: readonly ReadinessGap[],
): ChecklistEntry[] {
  return CHECKLIST_ITEMS.map((item) => {
    const c = confirmed.find((x) => x.item === item);
    return {
      item,
      name: CHECKLIST_NAMES[item].zh,
      nameEn: CHECKLIST_NAMES[item].en,
      ...(c ? { confirmedBy: c.confirmedBy, confirmedAt: c.confirmedAt } : {}),
      ...(c?.note ? { note: c.note } : {}),
      ...(item === 'training' ? { derived: { ready: gaps.length === 0, gaps } } : {}),
    };
  });
}
