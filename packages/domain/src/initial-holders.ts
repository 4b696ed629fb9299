import { type AuthorityPeriod, MODES, type Mode, toInstant } from './authority';
import { DomainError, invalid } from './errors';
import { parseBodyRef } from './ids';

/**
 * R13: who held a matter in a tenant before any rollout. A tenant's initial holders are
 * authority periods like any other, from the tenant's start (`since`), so "who was
 * responsible at t" has an answer for every instant since the tenant began; a later
 * rollout opens a period at its own effective instant, which ends the initial one.
 */
export interface InitialHolder {
  readonly matter: string;
  /** The implementing body (实施主体) before any rollout: `<tenant>/<code>`, the tenant's own or an enclosing tenant's. */
  readonly body: string;
  /** `transfer` when the body decides at its own windows; `stationed` when its window sits in the hall (R12). */
  readonly mode?: Mode;
  /** The body's approval seal (审批专用章), in the body's tenant. */
  readonly seal: string;
  /** Default: the implementing body itself (before a reform, who approves also supervises). */
  readonly supervisingBody?: string;
  /** The hall's body that keeps the window (`stationed` only). */
  readonly windowBody?: string;
}

/** A body may hold a tenant's matter when it sits in the tenant or a tenant above it (a district's department for its sub-district). */
const reaches = (tenant: string, bodyTenant: string) =>
  tenant === bodyTenant || tenant.startsWith(`${bodyTenant}.`);

function sameHolding(a: AuthorityPeriod, b: AuthorityPeriod): boolean {
  const key = (p: AuthorityPeriod) =>
    JSON.stringify([
      p.from,
      p.body,
      p.mode,
      p.seal,
      p.supervisingBody,
      p.windowBody ?? null,
      p.rollout ?? null,
    ]);
  return key(a) === key(b);
}

/**
 * The periods that record `holders` in `tenant` from `since`, leaving out those already
 * recorded as they are. Refused whole: a holder that names a body outside the tenant's reach,
 * a matter named twice, or a matter that already has a different holder at or before `since`
 * (the past is not rewritten; a later period, a rollout's, stays and ends the initial one).
 */
export function initialPeriods(
  tenant: string,
  since: string,
  holders: readonly InitialHolder[],
  existing: readonly AuthorityPeriod[],
): AuthorityPeriod[] {
  const from = toInstant(since);
  const seen = new Set<string>();
  const out: AuthorityPeriod[] = [];
  for (const [i, h] of holders.entries()) {
    const field = `items.${i}`;
    if (seen.has(h.matter)) {
      throw invalid(`${field}.matter`, `事项“${h.matter}”重复`, `matter '${h.matter}' is named twice`);
    }
    seen.add(h.matter);
    const body = parseBodyRef(h.body, `${field}.body`);
    if (!reaches(tenant, body.tenant)) {
      throw invalid(
        `${field}.body`,
        `实施机构“${h.body}”不属于本租户或其上级`,
        `body '${h.body}' is neither of this tenant nor of a tenant above it`,
      );
    }
    const mode = h.mode ?? 'transfer';
    if (!MODES.includes(mode))
      throw invalid(`${field}.mode`, '实施方式不正确', `mode must be ${MODES.join(' or ')}`);
    if (mode === 'stationed' && !h.windowBody) {
      throw invalid(
        `${field}.windowBody`,
        '进驻方式须指定大厅窗口所属机构',
        'a stationed holder names the hall body that keeps its window',
      );
    }
    if (h.supervisingBody) parseBodyRef(h.supervisingBody, `${field}.supervisingBody`);
    if (h.windowBody) parseBodyRef(h.windowBody, `${field}.windowBody`);
    const period: AuthorityPeriod = {
      tenant,
      matter: h.matter,
      from,
      body: h.body,
      mode,
      seal: h.seal,
      supervisingBody: h.supervisingBody ?? h.body,
      ...(mode === 'stationed' && h.windowBody ? { windowBody: h.windowBody } : {}),
    };
    const before = existing.filter((p) => p.matter === h.matter && p.from <= from);
    if (before.some((p) => sameHolding(p, period))) continue;
    if (before.length > 0) {
      throw new DomainError(
        'conflict',
        `事项“${h.matter}”在租户起始时已有实施主体记录，不改写过去`,
        `matter '${h.matter}' already has a holder at the tenant's start; the past is not rewritten`,
        `${field}.matter`,
      );
    }
    out.push(period);
  }
  return out;
}
