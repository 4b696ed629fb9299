import { type AuthorityPeriod, authorityAt } from '../authority';
import { shanghaiDate } from '../calendar';
import { invalid } from '../errors';
import { type Seal, sealOwnerRefusal, sealRefOf, sealUsableAt } from '../seals';
import type { Body, Staff } from '../tenancy';
import { implementingRef, periodOf } from './apply';
import { fromBodyOf, type Rollout } from './plan';

/** How many past months an impact preview replays by default, and at most. */
export const IMPACT_MONTHS = { default: 12, max: 36 } as const;

/** One matter's counts in one month of one tenant, summed over the counter shards. */
export interface MatterMonthCount {
  readonly month: string;
  readonly matter: string;
  readonly received: number;
  readonly accepted: number;
  readonly issued: number;
  /** Applications received per window clerk (staff id). */
  readonly clerks: Readonly<Record<string, number>>;
}

/** What the impact preview knows about one target tenant; loaded by the adapter, replayed here. */
export interface ImpactSnapshot {
  readonly tenant: string;
  readonly bodies: ReadonlyMap<string, Body>;
  readonly seals: ReadonlyMap<string, Seal>;
  readonly staff: readonly Staff[];
  /** Every period of the rollout's matters in this tenant. */
  readonly periods: readonly AuthorityPeriod[];
  /** Open cases per matter now: they stay with the body that accepted them (R2). */
  readonly openCases: Readonly<Record<string, number>>;
  /** The tenant's month counters in the replayed months (any matter; others are ignored). */
  readonly history: readonly MatterMonthCount[];
}

export interface ImpactContext {
  /** The replayed months, oldest first (`impactMonths`). */
  readonly months: readonly string[];
  /** Every body a from-reference names, by reference. */
  readonly fromBodies: ReadonlyMap<string, Body>;
  /** The implementation code (实施编码) of a matter carried out by a body, when both have their national codes. */
  readonly codeOf: (bodyRef: string, matter: string) => string | undefined;
  /** A seal the rollout names as `<tenant>/<id>` in another tenant (R14), as the preview has it. */
  readonly sealsByRef?: ReadonlyMap<string, Seal>;
}

export interface MonthCount {
  readonly month: string;
  readonly received: number;
  readonly accepted: number;
}

export interface MatterImpact {
  readonly matter: string;
  /** Who holds the matter just before the move, and who after it. */
  readonly before?: string;
  readonly after: string;
  /** Average applications a month over the replayed months. */
  readonly expectedMonthly: number;
  readonly pendingStaying: number;
  readonly oldCode?: string;
  readonly newCode?: string;
  readonly supervisingBefore?: string;
  readonly supervisingAfter: string;
}

export interface TenantImpact {
  readonly tenant: string;
  /** Who decides the moving matters' new cases after the move (the department itself when stationed). */
  readonly implementingBodies: readonly string[];
  readonly monthly: readonly MonthCount[];
  readonly expectedMonthly: { readonly received: number; readonly accepted: number };
  /** Applications a month per window clerk, busiest first (R7: the windows stay the same). */
  readonly clerks: readonly {
    readonly clerk: string;
    readonly name?: string;
    /** Applications the clerk took in the replayed months. */
    readonly total: number;
    readonly expectedMonthly: number;
  }[];
  readonly pendingCasesStaying: number;
  readonly matters: readonly MatterImpact[];
  readonly codeChanges: readonly {
    readonly matter: string;
    readonly oldCode?: string;
    readonly newCode?: string;
  }[];
  readonly supervisionChanges: readonly {
    readonly matter: string;
    readonly from?: string;
    readonly to: string;
    /** Results a month that will be pushed to the new supervising body (issued cases). */
    readonly expectedMonthlyPushes: number;
  }[];
  readonly seal: { readonly id: string; readonly status: 'ready' | 'missing' | 'not-valid' | 'wrong-body' };
  readonly staff: {
    readonly approvers: number;
    readonly windowClerks: number;
    /** People to add before the instant: an approver in each implementing body without one, a window clerk if none. */
    readonly approversNeeded: number;
    readonly windowClerksNeeded: number;
    /** Expected applications a month per approver and per window clerk once it takes effect. */
    readonly casesPerApprover: number;
    readonly casesPerClerk: number;
  };
}

export interface RolloutImpact {
  readonly rollout: string;
  readonly months: readonly string[];
  readonly monthly: readonly MonthCount[];
  readonly expectedMonthly: number;
  /** Applications a month each from-body stops deciding (it keeps its pending cases). */
  readonly origins: readonly { readonly body: string; readonly expectedMonthly: number }[];
  readonly tenants: readonly TenantImpact[];
}

const sum = <T>(rows: readonly T[], of: (row: T) => number) => rows.reduce((s, r) => s + of(r), 0);

/** One decimal: an average of whole cases reads as cases a month. */
const avg = (total: number, months: number) => (months === 0 ? 0 : Math.round((total / months) * 10) / 10);

/**
 * The `count` whole months before the month of `now` (Asia/Shanghai), oldest first: the
 * current month is left out, as it is not over.
 */
export function impactMonths(now: string, count: number = IMPACT_MONTHS.default): string[] {
  if (!Number.isInteger(count) || count < 1 || count > IMPACT_MONTHS.max) {
    throw invalid(
      'months',
      `回放月数应为1至${IMPACT_MONTHS.max}的整数`,
      `months is a whole number from 1 to ${IMPACT_MONTHS.max}`,
    );
  }
  const [y, m] = shanghaiDate(now).split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count; i >= 1; i--) {
    const index = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/** The period in force just before the rollout's instant, whichever rollout (or none) opened it. */
const holderBefore = (periods: readonly AuthorityPeriod[], r: Rollout) =>
  authorityAt(
    periods.filter((p) => p.from < r.effectiveAt),
    r.effectiveAt,
  );

/**
 * Replays one target tenant's last months of cases of the moving matters against the
 * authority map after the move: the same applications, at the same windows (R7), decided by
 * the new holder; the cases open now stay with the body that accepted them (R2).
 */
export function replayTenant(r: Rollout, snap: ImpactSnapshot, ctx: ImpactContext): TenantImpact {
  const n = ctx.months.length;
  const inWindow = new Set(ctx.months);
  const moving = new Set(r.matters);
  const rows = snap.history.filter((h) => moving.has(h.matter) && inWindow.has(h.month));
  const bodyKinds = new Map<string, Pick<Body, 'kind'>>([
    ...ctx.fromBodies,
    ...[...snap.bodies.values()].map((b) => [`${b.tenant}/${b.code}`, b] as const),
  ]);

  const monthly = ctx.months.map((month) => {
    const of = rows.filter((h) => h.month === month);
    return {
      month,
      received: sum(of, (h) => h.received),
      accepted: sum(of, (h) => h.accepted),
    };
  });
  const clerkTotals = new Map<string, number>();
  for (const h of rows)
    for (const [clerk, count] of Object.entries(h.clerks))
      clerkTotals.set(clerk, (clerkTotals.get(clerk) ?? 0) + count);
  const names = new Map(snap.staff.map((s) => [s.id, s.name]));

  const matters = r.matters.map((matter): MatterImpact => {
    const of = rows.filter((h) => h.matter === matter);
    const periods = snap.periods.filter((p) => p.matter === matter);
    const before = holderBefore(periods, r);
    const after = periodOf(r, snap.tenant, matter, bodyKinds);
    const oldCode = before ? ctx.codeOf(before.body, matter) : undefined;
    const newCode = ctx.codeOf(after.body, matter);
    return {
      matter,
      ...(before ? { before: before.body } : {}),
      after: after.body,
      expectedMonthly: avg(
        sum(of, (h) => h.received),
        n,
      ),
      pendingStaying: snap.openCases[matter] ?? 0,
      ...(oldCode ? { oldCode } : {}),
      ...(newCode ? { newCode } : {}),
      ...(before ? { supervisingBefore: before.supervisingBody } : {}),
      supervisingAfter: after.supervisingBody,
    };
  });

  const implementingBodies = [...new Set(r.matters.map((m) => implementingRef(r, snap.tenant, m)))];
  const approvers = snap.staff.filter(
    (s) => s.roles.includes('approver') && s.body !== undefined && implementingBodies.includes(s.body),
  ).length;
  // Bodies of another tenant (a stationed department in the district) staff their own approvers.
  const ownBodies = implementingBodies.filter((b) => b.startsWith(`${snap.tenant}/`));
  const approversNeeded = ownBodies.filter(
    (b) => !snap.staff.some((s) => s.roles.includes('approver') && s.body === b),
  ).length;
  const windowClerks = snap.staff.filter((s) => s.roles.includes('window-clerk')).length;
  const received = sum(monthly, (m) => m.received);
  const expectedReceived = avg(received, n);

  // As the preview judges it (R14): a bare id is the tenant's, `<tenant>/<id>` a seal where its
  // body sits, and it must be every implementing body's own, in every mode.
  const sealRef = sealRefOf(r.seal, snap.tenant);
  const seal = sealRef.tenant === snap.tenant ? snap.seals.get(sealRef.id) : ctx.sealsByRef?.get(r.seal);
  const sealStatus = !seal
    ? 'missing'
    : !sealUsableAt(seal, r.effectiveAt)
      ? 'not-valid'
      : implementingBodies.some((b) => sealOwnerRefusal(seal, b))
        ? 'wrong-body'
        : 'ready';

  const issuedOf = (matter: string) =>
    sum(
      rows.filter((h) => h.matter === matter),
      (h) => h.issued,
    );
  return {
    tenant: snap.tenant,
    implementingBodies,
    monthly,
    expectedMonthly: {
      received: expectedReceived,
      accepted: avg(
        sum(monthly, (m) => m.accepted),
        n,
      ),
    },
    clerks: [...clerkTotals.entries()]
      .map(([clerk, total]) => ({
        clerk,
        ...(names.has(clerk) ? { name: names.get(clerk) } : {}),
        total,
        expectedMonthly: avg(total, n),
      }))
      .sort((a, b) => b.expectedMonthly - a.expectedMonthly || a.clerk.localeCompare(b.clerk)),
    pendingCasesStaying: sum(matters, (m) => m.pendingStaying),
    matters,
    codeChanges: matters
      .filter((m) => m.oldCode !== m.newCode)
      .map((m) => ({
        matter: m.matter,
        ...(m.oldCode ? { oldCode: m.oldCode } : {}),
        ...(m.newCode ? { newCode: m.newCode } : {}),
      })),
    supervisionChanges: matters
      .filter((m) => m.supervisingBefore !== m.supervisingAfter)
      .map((m) => ({
        matter: m.matter,
        ...(m.supervisingBefore ? { from: m.supervisingBefore } : {}),
        to: m.supervisingAfter,
        expectedMonthlyPushes: avg(issuedOf(m.matter), n),
      })),
    seal: { id: r.seal, status: sealStatus },
    staff: {
      approvers,
      windowClerks,
      approversNeeded,
      windowClerksNeeded: windowClerks === 0 ? 1 : 0,
      casesPerApprover: avg(received, n * Math.max(approvers, 1)),
      casesPerClerk: avg(received, n * Math.max(windowClerks, 1)),
    },
  };
}

/** The whole rollout: every target tenant's replay, the months summed, and what each from-body stops deciding. */
export function rolloutImpact(
  r: Rollout,
  tenants: readonly TenantImpact[],
  months: readonly string[],
): RolloutImpact {
  const monthly = months.map((month) => ({
    month,
    received: sum(tenants, (t) => t.monthly.find((m) => m.month === month)?.received ?? 0),
    accepted: sum(tenants, (t) => t.monthly.find((m) => m.month === month)?.accepted ?? 0),
  }));
  const origins = new Map<string, number>();
  for (const t of tenants)
    for (const m of t.matters)
      if (m.before !== m.after) {
        const from = m.before ?? fromBodyOf(r, m.matter);
        origins.set(from, (origins.get(from) ?? 0) + m.expectedMonthly);
      }
  return {
    rollout: r.id,
    months,
    monthly,
    expectedMonthly: avg(
      sum(monthly, (m) => m.received),
      months.length,
    ),
    origins: [...origins.entries()]
      .map(([body, total]) => ({ body, expectedMonthly: Math.round(total * 10) / 10 }))
      .sort((a, b) => b.expectedMonthly - a.expectedMonthly || a.body.localeCompare(b.body)),
    tenants,
  };
}
