import {
  type Blocker as DomainBlocker,
  MODES,
  ROLLOUT_ACTIONS,
  ROLLOUT_STATUSES,
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

const refName = z.strictObject({ ref: bodyRef, name: z.string() });

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
    seal: z.strictObject({ id: z.string(), name: z.string() }),
    transition: z.optional(transition),
    matters: z.array(
      z.strictObject({ code: z.string(), name: z.string(), type: z.optional(z.string()), from: bodyRef }),
    ),
    /** The agreed rules in order, Chinese first. */
    clauses: z.array(bilingual),
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
