import {
  CHECKLIST_ITEMS,
  type Blocker as DomainBlocker,
  MODES,
  ROLLOUT_ACTIONS,
  ROLLOUT_STATUSES,
  TRAINING_KINDS,
  TRANSITION_POLICIES,
} from '@onewindow/domain';
import * as z from 'zod/mini';
import { bilingual, bodyRef, count, instant, listOf, named } from './registry';

/** What a city administrator may ask of a rollout, by the name of its route; the domain's guards decide which now. */
export { ROLLOUT_ACTIONS };
export type RolloutAction = (typeof ROLLOUT_ACTIONS)[number];

const transition = z.strictObject({ policy: z.enum(TRANSITION_POLICIES), until: instant });

export const Rollout = named(
  'Rollout',
  '划转批次 A rollout: which matters move in which tenants, when, and how far it has applied',
  z.strictObject({
    id: z.string(),
    name: z.string(),
    city: z.string(),
    matters: z.array(z.string()),
    tenants: z.array(z.string()),
    mode: z.enum(MODES),
    effectiveAt: instant,
    /** One body for every matter, or an open map from matter code to its body. */
    from: z.union([bodyRef, z.record(z.string(), bodyRef)]),
    to: z.string(),
    seal: z.string(),
    transition: z.optional(transition),
    status: z.enum(ROLLOUT_STATUSES),
    createdAt: instant,
    createdBy: z.string(),
    progress: z.strictObject({ done: count, total: count }),
    scheduledAt: z.optional(instant),
    appliedAt: z.optional(instant),
    cancelledAt: z.optional(instant),
    /** What the caller may ask of the rollout now; the console offers exactly these. */
    allowedActions: z.array(z.enum(ROLLOUT_ACTIONS)),
  }),
);
export type Rollout = z.infer<typeof Rollout>;

export const RolloutList = named('RolloutList', '批次列表 Rollouts of a city', listOf(Rollout));

const BLOCKER_CODES = [
  'tenant-missing',
  'receiving-body-missing',
  'from-body-missing',
  'seal-missing',
  'seal-not-valid',
  'seal-wrong-body',
  'no-approver',
  'no-window-clerk',
  'untrained-approver',
  'untrained-window-clerk',
  'matter-not-in-catalogue',
  'held-by-another-body',
  'later-period-exists',
  'overlapping-rollout',
  'effective-instant-passed',
] as const satisfies readonly DomainBlocker['code'][];

export const Blocker = named(
  'Blocker',
  '阻断项 What keeps a tenant from taking the matters at the effective instant (R11)',
  z.strictObject({
    code: z.enum(BLOCKER_CODES),
    message: z.string(),
    messageEn: z.string(),
    matter: z.optional(z.string()),
    /** Every matter it names (`untrained-approver`, `untrained-window-clerk`: the matters lacking trained staff). */
    matters: z.optional(z.array(z.string())),
    /** The rollout's field to fix (its `seal`), when the blocker is one. */
    field: z.optional(z.string()),
  }),
);
export type Blocker = z.infer<typeof Blocker>;

export const TenantPreview = named(
  'TenantPreview',
  '租户预检 One tenant’s blockers, authority changes and pending cases that stay where they are (R2)',
  z.strictObject({
    tenant: z.string(),
    blockers: z.array(Blocker),
    changes: count,
    pendingCasesStaying: count,
  }),
);
export type TenantPreview = z.infer<typeof TenantPreview>;

export const RolloutPreview = named(
  'RolloutPreview',
  '批次预检 Whether the rollout can be scheduled, tenant by tenant',
  z.strictObject({ ready: z.boolean(), tenants: z.array(TenantPreview) }),
);
export type RolloutPreview = z.infer<typeof RolloutPreview>;

/** A month as `YYYY-MM` (Asia/Shanghai). */
const month = z.string().check(z.regex(/^\d{4}-\d{2}$/));
/** An average a month, one decimal. */
const perMonth = z.number().check(z.minimum(0));
const monthCount = z.strictObject({ month, received: count, accepted: count });

export const TenantImpact = named(
  'TenantImpact',
  '租户影响 One target tenant’s replayed months: expected cases, clerks, pending cases that stay, code and supervision changes, seal and staff',
  z.strictObject({
    tenant: z.string(),
    implementingBodies: z.array(bodyRef),
    monthly: z.array(monthCount),
    expectedMonthly: z.strictObject({ received: perMonth, accepted: perMonth }),
    clerks: z.array(
      z.strictObject({
        clerk: z.string(),
        name: z.optional(z.string()),
        total: count,
        expectedMonthly: perMonth,
      }),
    ),
    pendingCasesStaying: count,
    matters: z.array(
      z.strictObject({
        matter: z.string(),
        before: z.optional(bodyRef),
        after: bodyRef,
        expectedMonthly: perMonth,
        pendingStaying: count,
        oldCode: z.optional(z.string()),
        newCode: z.optional(z.string()),
        supervisingBefore: z.optional(bodyRef),
        supervisingAfter: bodyRef,
      }),
    ),
    codeChanges: z.array(
      z.strictObject({
        matter: z.string(),
        oldCode: z.optional(z.string()),
        newCode: z.optional(z.string()),
      }),
    ),
    supervisionChanges: z.array(
      z.strictObject({
        matter: z.string(),
        from: z.optional(bodyRef),
        to: bodyRef,
        expectedMonthlyPushes: perMonth,
      }),
    ),
    seal: z.strictObject({ id: z.string(), status: z.enum(['ready', 'missing', 'not-valid', 'wrong-body']) }),
    staff: z.strictObject({
      approvers: count,
      windowClerks: count,
      approversNeeded: count,
      windowClerksNeeded: count,
      casesPerApprover: perMonth,
      casesPerClerk: perMonth,
    }),
  }),
);
export type TenantImpact = z.infer<typeof TenantImpact>;

export const RolloutImpact = named(
  'RolloutImpact',
  '批次影响预估 The last months of the moving matters’ cases replayed against the authority map after the move (from month counters)',
  z.strictObject({
    rollout: z.string(),
    months: z.array(month),
    monthly: z.array(monthCount),
    expectedMonthly: perMonth,
    origins: z.array(z.strictObject({ body: bodyRef, expectedMonthly: perMonth })),
    tenants: z.array(TenantImpact),
  }),
);
export type RolloutImpact = z.infer<typeof RolloutImpact>;

const refName = z.strictObject({ ref: bodyRef, name: z.string() });

const ReadinessGap = z.strictObject({
  role: z.enum(['approver', 'window-clerk']),
  body: z.optional(bodyRef),
  matters: z.array(z.string()),
});

export const ChecklistConfirmation = named(
  'ChecklistConfirmation',
  '交接清单确认 One checklist item of a handover agreement, confirmed by the receiving tenant or the city',
  z.strictObject({
    item: z.enum(CHECKLIST_ITEMS),
    confirmedBy: z.string(),
    confirmedAt: instant,
    note: z.optional(z.string()),
  }),
);

export const ChecklistEntry = named(
  'ChecklistEntry',
  '交接清单项 操作规程 / 空白证书储备 / 平台账号与权限 / 人员培训, with its confirmation; training also with what the records show',
  z.strictObject({
    item: z.enum(CHECKLIST_ITEMS),
    name: z.string(),
    nameEn: z.string(),
    confirmedBy: z.optional(z.string()),
    confirmedAt: z.optional(instant),
    note: z.optional(z.string()),
    derived: z.optional(z.strictObject({ ready: z.boolean(), gaps: z.array(ReadinessGap) })),
  }),
);

export const Training = named(
  'Training',
  '培训记录 A completed 跟班学习 (shadowing), 业务培训 (training) or 试运行 (trial run) of a staff member on some matters',
  z.strictObject({
    tenant: z.string(),
    staff: z.string(),
    id: z.string(),
    matters: z.array(z.string()),
    kind: z.enum(TRAINING_KINDS),
    /** Beijing date, not after the day it was recorded. */
    completedAt: z.string(),
    by: z.optional(z.string()),
    note: z.optional(z.string()),
    recordedAt: instant,
    recordedBy: z.string(),
  }),
);

export type Training = z.infer<typeof Training>;

export const TrainingList = named('TrainingList', '培训记录列表 Training records', listOf(Training));

export const Agreement = named(
  'HandoverAgreement',
  '交接协议书 The handover agreement of a rollout for one tenant; derived from the rollout, never stored',
  z.strictObject({
    number: z.string(),
    title: z.string(),
    rollout: z.string(),
    city: z.string(),
    tenant: z.string(),
    tenantName: z.string(),
    mode: z.enum(MODES),
    effectiveAt: instant,
    status: z.enum(ROLLOUT_STATUSES),
    from: z.array(refName),
    to: refName,
    seal: z.strictObject({ id: z.string(), name: z.string(), tenant: z.optional(z.string()) }),
    transition: z.optional(transition),
    matters: z.array(
      z.strictObject({ code: z.string(), name: z.string(), type: z.optional(z.string()), from: bodyRef }),
    ),
    /** The agreed rules in order, Chinese first. */
    clauses: z.array(bilingual),
    /** 实施编码对照 (R15): the ledger's rows once applied (`recorded`), the expected ones before. */
    codeLineage: z.optional(
      z.array(
        z.strictObject({
          matter: z.string(),
          oldCode: z.nullable(z.string()),
          newCode: z.string(),
          recorded: z.boolean(),
        }),
      ),
    ),
    /** 交接清单: operating rules, blank certificate stock, platform accounts, training; who confirmed each and when. */
    checklist: z.optional(z.array(ChecklistEntry)),
  }),
);
export type Agreement = z.infer<typeof Agreement>;

export const Handover = named(
  'Handover',
  '本租户的交接 A scheduled or applied rollout that moves matters in this tenant',
  z.strictObject({
    rollout: z.string(),
    name: z.string(),
    status: z.enum(ROLLOUT_STATUSES),
    effectiveAt: instant,
    /** How many matters move. */
    matters: count,
    /** Path of its agreement. */
    agreement: z.string(),
  }),
);
export type Handover = z.infer<typeof Handover>;

export const HandoverList = named('HandoverList', '交接协议书列表 The tenant’s handovers', listOf(Handover));
