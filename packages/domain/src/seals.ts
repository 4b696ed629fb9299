import { DomainError, invalid } from './errors';

export interface Seal {
  readonly tenant: string;
  readonly id: string;
  /** Body reference of the body the seal belongs to. */
  readonly body: string;
  readonly name: string;
  readonly electronic: boolean;
  readonly validFrom: string;
  readonly voidedAt?: string;
  /** The seal that takes over this one's results once it is void (R3). */
  readonly successor?: string;
}

export const sealUsableAt = (seal: Seal, at: string): boolean =>
  seal.validFrom <= at && (seal.voidedAt === undefined || at < seal.voidedAt);

/**
 * R3: the seal to apply at `at` for a result bound to `sealId`: the seal itself while
 * usable, else its successor (and theirs, in turn). A voided seal is never answered,
 * and a result without a usable seal is refused rather than issued unsealed.
 */
export function resolveSeal(seals: ReadonlyMap<string, Seal>, sealId: string, at: string): Seal {
  const seen = new Set<string>();
  let current = seals.get(sealId);
  while (current && !sealUsableAt(current, at)) {
    seen.add(current.id);
    const next = current.voidedAt !== undefined && current.voidedAt <= at ? current.successor : undefined;
    current = next && !seen.has(next) ? seals.get(next) : undefined;
  }
  if (!current) {
    throw new DomainError(
      'invalid-state',
      `印章“${sealId}”在 ${at} 无有效印章可用，不能出具结果`,
      `seal '${sealId}' has no usable seal at ${at}; no result can be issued`,
      'seal',
    );
  }
  return current;
}

/**
 * Voiding never reaches into the past (results already sealed stay valid), and a
 * successor must itself be usable then, which also keeps successor chains acyclic.
 */
export function voidSeal(seal: Seal, at: string, now: string, successor: Seal | undefined): Seal {
  if (seal.voidedAt !== undefined) {
    throw new DomainError('invalid-state', '该印章已作废', `seal '${seal.id}' is already void`);
  }
  if (at < now) throw invalid('at', '作废时间不能早于当前时间', 'a seal cannot be voided in the past');
  if (successor) {
    if (successor.id === seal.id)
      throw invalid('successor', '继任印章不能是其本身', 'a seal cannot succeed itself');
    if (!sealUsableAt(successor, at)) {
      throw invalid(
        'successor',
        `继任印章“${successor.id}”在作废时不可用`,
        `successor '${successor.id}' is not usable at ${at}`,
      );
    }
  }
  return { ...seal, voidedAt: at, ...(successor ? { successor: successor.id } : {}) };
}

/**
 * Where a seal is kept: the tenant of the body it belongs to. A period or rollout names it
 * by its bare id (in the tenant the context gives) or as `<tenant>/<id>`, so a district
 * department stationed at a sub-district centre names its own seal in the district (R14).
 */
export interface SealRef {
  readonly tenant: string;
  readonly id: string;
}

export function sealRefOf(value: string, tenant: string): SealRef {
  const cut = value.lastIndexOf('/');
  return cut < 0 ? { tenant, id: value } : { tenant: value.slice(0, cut), id: value.slice(cut + 1) };
}

/** The tenant a bound seal id is kept in when it names none: its body's (`<tenant>/<code>`). */
export const bodyTenantOf = (body: string): string => body.slice(0, body.indexOf('/'));

/**
 * R14: only the deciding (implementing) body's own seal seals its results, in every mode: a
 * stationed department keeps its own 审批专用章, never the hall's. Undefined when `seal` is `body`'s.
 */
export function sealOwnerRefusal(seal: Seal, body: string, field = 'seal'): DomainError | undefined {
  if (seal.body === body) return undefined;
  return invalid(
    field,
    `印章“${seal.name}”（${seal.tenant}/${seal.id}）属于“${seal.body}”，而实施主体是“${body}”：结果只能加盖实施主体自己的印章（R14）`,
    `seal '${seal.tenant}/${seal.id}' belongs to '${seal.body}', not to the implementing body '${body}': a result is sealed only by the deciding body's own seal (R14)`,
  );
}
