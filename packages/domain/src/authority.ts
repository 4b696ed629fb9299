import type { CodeChange } from './matter-codes';

/**
 * R1: authority is a timeline. Each period says who holds a matter in a tenant from an
 * instant on; it ends where the next period of the same matter begins, so periods of
 * one matter can never overlap and a move never edits an earlier period.
 */
export const MODES = ['transfer', 'stationed'] as const;
export type Mode = (typeof MODES)[number];

export const TRANSITION_POLICIES = ['origin-leads', 'guided'] as const;
export type TransitionPolicy = (typeof TRANSITION_POLICIES)[number];

export interface Transition {
  readonly policy: TransitionPolicy;
  /** Instant the transition ends; normal rules from then on. */
  readonly until: string;
}

export interface AuthorityPeriod {
  readonly tenant: string;
  readonly matter: string;
  /** Start instant, ISO-8601 UTC (`toInstant`), so periods sort by their key. */
  readonly from: string;
  /** Implementing body (实施主体), a body reference. */
  readonly body: string;
  readonly mode: Mode;
  /** Seal id, in the implementing body's tenant. */
  readonly seal: string;
  readonly supervisingBody: string;
  /** The body the matter came from. */
  readonly originBody?: string;
  /** Where the window for the matter is (the hall's centre in `stationed` mode, R12). */
  readonly windowBody?: string;
  readonly transition?: Transition;
  readonly rollout?: string;
  /** The implementation code this period's move changed (R15): a row of the code-lineage ledger. */
  readonly codeChange?: CodeChange;
}

/** Normalises an ISO-8601 instant with any offset to UTC `...Z`, the form keys sort by. */
export function toInstant(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(value)}`);
  return date.toISOString();
}

/** The period in force at `at`: the latest one that started at or before it. */
export function authorityAt(periods: readonly AuthorityPeriod[], at: string): AuthorityPeriod | undefined {
  const t = toInstant(at);
  let found: AuthorityPeriod | undefined;
  for (const p of periods) {
    if (p.from <= t && (!found || p.from > found.from)) found = p;
  }
  return found;
}

/** Where a period ends: the start of the next period of the same matter, if any. */
export function periodEnd(periods: readonly AuthorityPeriod[], period: AuthorityPeriod): string | undefined {
  let end: string | undefined;
  for (const p of periods) {
    if (p.matter === period.matter && p.from > period.from && (!end || p.from < end)) end = p.from;
  }
  return end;
}

export interface AuthorityView {
  readonly body: string;
  readonly mode: Mode;
  readonly seal: string;
  readonly supervisingBody: string;
  readonly originBody?: string;
  readonly windowBody?: string;
  /** Who takes new cases now: the origin body while an `origin-leads` transition runs (R6). */
  readonly handlingBody: string;
  readonly transition?: Transition & { readonly active: true };
  readonly from: string;
  readonly rollout?: string;
}

/** What API.md's authority endpoint answers for a period at an instant. */
export function viewAt(period: AuthorityPeriod, at: string): AuthorityView {
  const t = toInstant(at);
  const active = period.transition && t < toInstant(period.transition.until) ? period.transition : undefined;
  const handlingBody =
    active?.policy === 'origin-leads' && period.originBody ? period.originBody : period.body;
  return {
    body: period.body,
    mode: period.mode,
    seal: period.seal,
    supervisingBody: period.supervisingBody,
    ...(period.originBody ? { originBody: period.originBody } : {}),
    ...(period.windowBody ? { windowBody: period.windowBody } : {}),
    handlingBody,
    ...(active ? { transition: { ...active, active: true as const } } : {}),
    from: period.from,
    ...(period.rollout ? { rollout: period.rollout } : {}),
  };
}
