import { type AuthorityPeriod, authorityAt } from '../authority';
import { type ReadinessGap, readinessGaps, type Training } from '../readiness';
import { type Seal, sealOwnerRefusal, sealRefOf, sealUsableAt } from '../seals';
import type { Body, Staff } from '../tenancy';
import { implementingRef } from './apply';
import { fromBodyOf, type Rollout, type RolloutInput } from './plan';

/** What preview knows about one target tenant; loaded by the adapter, judged here. */
export interface TenantSnapshot {
  readonly tenant: string;
  readonly exists: boolean;
  readonly bodies: ReadonlyMap<string, Body>;
  readonly seals: ReadonlyMap<string, Seal>;
  readonly staff: readonly Staff[];
  /** The tenant's training records (R11, people): a matter needs a trained approver and window clerk. */
  readonly trainings: readonly Training[];
  /** Every period of the rollout's matters in this tenant. */
  readonly periods: readonly AuthorityPeriod[];
  readonly openCases: Readonly<Record<string, number>>;
}

export interface Blocker {
  readonly code:
    | 'tenant-missing'
    | 'receiving-body-missing'
    | 'from-body-missing'
    | 'seal-missing'
    | 'seal-not-valid'
    | 'seal-wrong-body'
    | 'no-approver'
    | 'no-window-clerk'
    | 'untrained-approver'
    | 'untrained-window-clerk'
    | 'matter-not-in-catalogue'
    | 'held-by-another-body'
    | 'later-period-exists'
    | 'overlapping-rollout'
    | 'effective-instant-passed';
  readonly message: string;
  readonly messageEn: string;
  readonly matter?: string;
  /** Every matter the blocker is about, when it names several (the untrained roles). */
  readonly matters?: readonly string[];
  /** The rollout's field to fix, when one is (`seal`). */
  readonly field?: string;
}

export interface PreviewContext {
  readonly now: string;
  readonly catalogue: ReadonlySet<string>;
  /** Every body a from-reference names, by reference (they may sit in a parent tenant). */
  readonly fromBodies: ReadonlyMap<string, Body>;
  /** Other scheduled rollouts of the city. */
  readonly scheduled: readonly Rollout[];
  /** A seal the rollout names in another tenant (`<tenant>/<id>`, R14), by that reference. */
  readonly sealsByRef?: ReadonlyMap<string, Seal>;
}

export interface TenantPreview {
  readonly tenant: string;
  readonly blockers: readonly Blocker[];
  readonly changes: number;
  readonly pendingCasesStaying: number;
}

const b = (
  code: Blocker['code'],
  message: string,
  messageEn: string,
  matter?: string,
  field?: string,
): Blocker => ({
  code,
  message,
  messageEn,
  ...(matter ? { matter } : {}),
  ...(field ? { field } : {}),
});

/**
 * R11: every gap that would leave a tenant unable to handle the matters from the
 * effective instant, each named so a city administrator can fix it.
 */
export function previewTenant(r: RolloutInput, snap: TenantSnapshot, ctx: PreviewContext): TenantPreview {
  const blockers: Blocker[] = [];
  const t = snap.tenant;
  if (!snap.exists) {
    return {
      tenant: t,
      blockers: [b('tenant-missing', `租户“${t}”不存在`, `tenant '${t}' does not exist`)],
      changes: 0,
      pendingCasesStaying: 0,
    };
  }
  if (r.effectiveAt <= ctx.now) {
    blockers.push(
      b(
        'effective-instant-passed',
        '生效时间已过，划转只能向后生效',
        'the effective instant has passed; moves are forward-dated',
      ),
    );
  }
  const receiver = snap.bodies.get(r.to);
  if (!receiver)
    blockers.push(b('receiving-body-missing', `缺少承接机构“${r.to}”`, `no receiving body '${r.to}'`));

  // A bare id is the target tenant's; `<tenant>/<id>` names a seal where its body sits (R14).
  const sealRef = sealRefOf(r.seal, t);
  const seal =
    sealRef.tenant === t
      ? snap.seals.get(sealRef.id)
      : ctx.sealsByRef?.get(`${sealRef.tenant}/${sealRef.id}`);
  const sealUsable = seal !== undefined && sealUsableAt(seal, r.effectiveAt);
  if (!seal) {
    blockers.push(
      b(
        'seal-missing',
        `租户“${sealRef.tenant}”没有印章“${sealRef.id}”`,
        `no seal '${sealRef.id}' in tenant '${sealRef.tenant}'`,
        undefined,
        'seal',
      ),
    );
  } else if (!sealUsable) {
    blockers.push(
      b(
        'seal-not-valid',
        `印章“${seal.name}”在生效时不可用`,
        `seal '${r.seal}' is not valid at the effective instant`,
        undefined,
        'seal',
      ),
    );
  }
  // R14, every mode: the seal is the implementing body's own (the receiver's on a transfer,
  // each stationed department's when stationed), one blocker per body it is not.
  const wrongOwner = new Set<string>();

  const approverBodies = new Set(snap.staff.filter((s) => s.roles.includes('approver')).map((s) => s.body));
  if (!snap.staff.some((s) => s.roles.includes('window-clerk'))) {
    blockers.push(b('no-window-clerk', '没有窗口受理人员', 'no window clerk to take applications'));
  }

  const claimed = new Map<string, string>();
  for (const other of ctx.scheduled) {
    if (other.id === r.id || !other.tenants.includes(t)) continue;
    for (const m of other.matters) claimed.set(m, other.id);
  }

  let changes = 0;
  let pendingCasesStaying = 0;
  const missingApprover = new Set<string>();
  for (const m of r.matters) {
    if (!ctx.catalogue.has(m)) {
      blockers.push(
        b('matter-not-in-catalogue', `事项“${m}”不在指导目录中`, `matter '${m}' is not in the catalogue`, m),
      );
      continue;
    }
    const fromRef = fromBodyOf(r, m);
    if (!ctx.fromBodies.has(fromRef)) {
      blockers.push(
        b('from-body-missing', `原实施机构“${fromRef}”不存在`, `from-body '${fromRef}' does not exist`, m),
      );
    }
    const periods = snap.periods.filter((p) => p.matter === m);
    if (periods.some((p) => p.from >= r.effectiveAt)) {
      blockers.push(
        b(
          'later-period-exists',
          `事项“${m}”在生效时间之后已有安排`,
          `matter '${m}' already has a period from the effective instant on`,
          m,
        ),
      );
    }
    const current = authorityAt(periods, r.effectiveAt);
    if (current && current.body !== fromRef) {
      blockers.push(
        b(
          'held-by-another-body',
          `事项“${m}”届时由“${current.body}”实施，而非“${fromRef}”`,
          `matter '${m}' will be held by '${current.body}', not '${fromRef}'`,
          m,
        ),
      );
    }
    const other = claimed.get(m);
    if (other) {
      blockers.push(
        b(
          'overlapping-rollout',
          `事项“${m}”已在批次“${other}”中安排`,
          `matter '${m}' is already in scheduled rollout '${other}'`,
          m,
        ),
      );
    }
    const implementing = implementingRef(r, t, m);
    const notOwner =
      seal && sealUsable && !wrongOwner.has(implementing) && sealOwnerRefusal(seal, implementing);
    if (notOwner) {
      wrongOwner.add(implementing);
      blockers.push(
        b(
          'seal-wrong-body',
          `印章“${seal.name}”属于“${seal.body}”，不属于实施主体“${implementing}”（R14）`,
          `seal '${r.seal}' belongs to '${seal.body}', not to the implementing body '${implementing}' (R14)`,
          r.mode === 'stationed' ? m : undefined,
          'seal',
        ),
      );
    }
    if (implementing.startsWith(`${t}/`) && !approverBodies.has(implementing))
      missingApprover.add(implementing);
    if (!current || current.body !== implementing) changes++;
    pendingCasesStaying += snap.openCases[m] ?? 0;
  }
  for (const ref of missingApprover) {
    blockers.push(b('no-approver', `“${ref}”没有审批人员`, `no approver in '${ref}' to decide the matters`));
  }
  const known = r.matters.filter((m) => ctx.catalogue.has(m));
  for (const g of rolloutReadiness({ ...r, matters: known }, t, snap.staff, snap.trainings)) {
    const list = g.matters.map((m) => `“${m}”`).join('、');
    blockers.push({
      ...(g.role === 'approver'
        ? b(
            'untrained-approver',
            `“${g.body}”没有经过培训的审批人员办理事项${list}`,
            `no approver in '${g.body}' trained for ${g.matters.join(', ')} by the effective date`,
          )
        : b(
            'untrained-window-clerk',
            `没有经过培训的窗口受理人员办理事项${list}`,
            `no window clerk trained for ${g.matters.join(', ')} by the effective date`,
          )),
      matters: g.matters,
    });
  }
  return { tenant: t, blockers, changes, pendingCasesStaying };
}

/** The moving matters `tenant` has no trained approver (in the implementing body) or window clerk for. */
export const rolloutReadiness = (
  r: RolloutInput,
  tenant: string,
  staff: readonly Staff[],
  trainings: readonly Training[],
): ReadinessGap[] =>
  readinessGaps(
    staff,
    trainings,
    r.matters.map((m) => {
      const body = implementingRef(r, tenant, m);
      return { matter: m, ...(body.startsWith(`${tenant}/`) ? { body } : {}) };
    }),
    r.effectiveAt,
  );

/** R11 for the whole rollout: ready when no target tenant has a blocker. */
export interface RolloutPreview {
  readonly ready: boolean;
  readonly tenants: readonly TenantPreview[];
}

export const previewOf = (tenants: readonly TenantPreview[]): RolloutPreview => ({
  ready: tenants.every((t) => t.blockers.length === 0),
  tenants,
});
