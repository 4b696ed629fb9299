import type { CalendarFor } from '../calendar';
import { DomainError } from '../errors';
import type { Role } from '../roles';
import type { CaseEvent } from './events';
import type { Actor, CaseState, CaseStatus, Notice } from './types';

export interface DecideContext {
  /** The instant of the command. */
  readonly now: string;
  /** `now` as a Shanghai business date. */
  readonly today: string;
  readonly actor: Actor;
  readonly calendarFor: CalendarFor;
}

/** Events without the common fields: `decide` stamps `at` and `actor` on each. */
export type Draft = CaseEvent extends infer E
  ? E extends CaseEvent
    ? Omit<E, 'at' | 'actor'>
    : never
  : never;

export const refuse = (zh: string, en: string) => new DomainError('invalid-state', zh, en);
export const forbid = (zh: string, en: string) => new DomainError('forbidden', zh, en);

/** The refusal `check` throws, or undefined when it passes; any other error goes on. */
export function refusalOf(check: () => void): DomainError | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

export function requireRole(actor: Actor, roles: readonly Role[], zh: string, en: string): void {
  if (!actor.roles.some((r) => roles.includes(r))) throw forbid(zh, en);
}

/** `action` is the Chinese verb and `done` its English past participle: "it cannot be <done>". */
export function requireStatus(
  state: CaseState,
  allowed: readonly CaseStatus[],
  action: string,
  done: string,
): void {
  if (!allowed.includes(state.status)) {
    throw refuse(
      `办件当前状态为“${state.status}”，不能${action}`,
      `the case is '${state.status}'; it cannot be ${done}`,
    );
  }
}

/** An approver of the case's body, or of one of `also` (parallel steps, guidance). */
export function requireApproverOf(state: CaseState, actor: Actor, also: readonly string[] = []): void {
  requireRole(actor, ['approver'], '仅审批人员可以办理', 'only an approver can do this');
  const bodies = [state.body, ...also].filter(Boolean);
  if (!actor.body || !bodies.includes(actor.body)) {
    throw forbid(
      `该办件由“${state.body ?? '—'}”办理，您所在机构无权办理`,
      `the case is handled by '${state.body ?? '—'}'; your body cannot act on it`,
    );
  }
}

export function requireBodyOf(actor: Actor, bodies: readonly string[]): void {
  requireRole(actor, ['approver'], '仅审批人员可以办理', 'only an approver can do this');
  if (!actor.body || !bodies.includes(actor.body)) {
    throw forbid(`该环节由“${bodies.join('、')}”办理`, `the step is for '${bodies.join(', ')}'`);
  }
}

export const notice = (
  kind: Notice['kind'],
  at: string,
  zh: string,
  en: string,
  extra: Partial<Notice> = {},
): Notice => ({
  kind,
  at,
  zh,
  en,
  ...extra,
});
