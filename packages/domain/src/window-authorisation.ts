import { type AuthorityPeriod, authorityAt } from './authority';
import { DomainError, invalid } from './errors';
import type { Staff } from './tenancy';

/**
 * R16 (seed 004): a chief representative (首席代表) acts by the written authorisation (授权书)
 * of the head of a department: named matters of that department, for a stated validity. The
 * authorisation is never edited when a rollout moves a matter away; it lapses for that matter
 * the instant the authority timeline stops giving it to the department.
 */
export interface WindowGrant {
  readonly id: string;
  readonly tenant: string;
  /** The document number (文号) of the written authorisation. */
  readonly docNo: string;
  /** The window officer (a window clerk of the tenant). */
  readonly staff: string;
  /** The authorising department, a body reference `<tenant>/<code>`. */
  readonly body: string;
  readonly matters: readonly string[];
  /** Validity, instants: from `from` (inclusive) until `until` (exclusive). */
  readonly from: string;
  readonly until: string;
  /** The head of the department who grants it (the grantor). */
  readonly grantedBy: string;
  /** Who recorded it: the head, or a tenant administrator on the head's behalf. */
  readonly recordedBy: string;
  readonly at: string;
  readonly revoked?: { readonly at: string; readonly by: string; readonly reason: string };
}

/** What the decider is told of an officer's authorisation for one matter at the instant of acting. */
export interface WindowAuthority {
  readonly matter: string;
  readonly body: string;
  readonly id: string;
  readonly docNo: string;
}

/** Where a grant stands at an instant; `lapsed` names each matter that left the department and who holds it now. */
export type WindowGrantStatus =
  | { readonly state: 'active'; readonly lapsed: readonly { matter: string; holder?: string }[] }
  | { readonly state: 'pending' | 'expired' | 'revoked' }
  | { readonly state: 'lapsed'; readonly lapsed: readonly { matter: string; holder?: string }[] };

/**
 * Checks a grant before it is recorded: the grantor is the head of the department, the officer a
 * window clerk of the tenant, the validity a real interval, and every matter held by the department
 * at `at` (`periodsOf` gives the matter's authority periods in the tenant).
 */
export function checkWindowGrant(
  grant: Omit<WindowGrant, 'recordedBy' | 'at' | 'revoked'>,
  grantor: Staff | undefined,
  officer: Staff | undefined,
  periodsOf: (matter: string) => readonly AuthorityPeriod[],
  at: string,
): void {
  if (!grantor?.head || grantor.body !== grant.body || grantor.tenant !== grant.tenant) {
    throw new DomainError(
      'forbidden',
      '授权书须由该部门负责人签发',
      'only the head of the department can grant its authorisation',
    );
  }
  if (!officer || officer.tenant !== grant.tenant || !officer.roles.includes('window-clerk'))
    throw invalid(
      'staff',
      '只能授权本中心的窗口工作人员',
      'only a window clerk of the tenant can be authorised',
    );
  if (grant.until <= grant.from) throw invalid('until', '授权期限应晚于起始时间', 'until must be after from');
  if (grant.matters.length === 0) throw invalid('matters', '请至少选择一个事项', 'name at least one matter');
  for (const matter of grant.matters) {
    const holder = authorityAt(periodsOf(matter), at)?.body;
    if (holder !== grant.body) {
      throw invalid(
        'matters',
        `事项“${matter}”此时不由该部门实施${holder ? `（实施主体：${holder}）` : ''}，不能授权`,
        `matter '${matter}' is not held by ${grant.body} now${holder ? ` (held by ${holder})` : ''}`,
      );
    }
  }
}

/** A grant's standing at `at`, the authority timeline deciding each matter. */
export function windowGrantStatus(
  grant: WindowGrant,
  periodsOf: (matter: string) => readonly AuthorityPeriod[],
  at: string,
): WindowGrantStatus {
  if (grant.revoked && grant.revoked.at <= at) return { state: 'revoked' };
  if (at < grant.from) return { state: 'pending' };
  if (at >= grant.until) return { state: 'expired' };
  const lapsed = grant.matters.flatMap((matter) => {
    const holder = authorityAt(periodsOf(matter), at)?.body;
    return holder === grant.body ? [] : [{ matter, ...(holder ? { holder } : {}) }];
  });
  return { state: lapsed.length === grant.matters.length ? 'lapsed' : 'active', lapsed };
}

/** What an officer may decide at `at` under their grants: each matter still held by the authorising department. */
export function windowAuthorities(
  grants: readonly WindowGrant[],
  periodsOf: (matter: string) => readonly AuthorityPeriod[],
  at: string,
): WindowAuthority[] {
  return grants.flatMap((g) =>
    !g.revoked && g.from <= at && at < g.until
      ? g.matters
          .filter((m) => authorityAt(periodsOf(m), at)?.body === g.body)
          .map((matter) => ({ matter, body: g.body, id: g.id, docNo: g.docNo }))
      : [],
  );
}
