import { randomUUID } from 'node:crypto';
import {
  type AuthorityPeriod,
  checkWindowGrant,
  cityOfTenant,
  DomainError,
  invalid,
  parseBodyRef,
  toInstant,
  type WindowGrant,
  type WindowGrantStatus,
  windowGrantStatus,
} from '@onewindow/domain';
import {
  AuthorityRepository,
  CaseRepository,
  CatalogueRepository,
  type Store,
  TenancyRepository,
  windowGrantRevokeWrite,
  windowGrantWrites,
} from '@onewindow/store';
import type { Invocation, Respond } from './context';

/** What a head (or a tenant administrator for the head) writes on the 授权书. */
export interface WindowGrantInput {
  readonly tenant: string;
  readonly staff: string;
  /** The authorising department; default the granting head's own body. */
  readonly body?: string;
  readonly matters: readonly string[];
  readonly from: string;
  readonly until: string;
  readonly docNo: string;
  /** The head who grants it; required when an administrator records it on the head's behalf. */
  readonly grantedBy?: string;
}

/** A grant as listed and printed: its standing at the instant asked, with the names beside the ids. */
export type WindowGrantView = WindowGrant & {
  readonly status: WindowGrantStatus;
  readonly names: {
    readonly staff: string;
    readonly grantedBy: string;
    readonly body: string;
    readonly matters: Readonly<Record<string, string>>;
  };
};

const ADMINS = ['platform-admin', 'city-admin', 'tenant-admin'] as const;
const forbid = (zh: string, en: string) => new DomainError('forbidden', zh, en);

function instantOf(value: string, field: string): string {
  try {
    return toInstant(value);
  } catch {
    throw invalid(field, '不是有效的时间', `${field} is not an instant`);
  }
}

/**
 * R16 (seed 004): chief representatives' written authorisations (首席代表授权书). The head of a
 * department grants and revokes them; a tenant administrator may record one only naming the
 * head as grantor. The case decider reads them through CaseService.actorOf.
 */
export class WindowGrantService {
  constructor(private readonly store: Store) {}

  async grant(invocation: Invocation, input: WindowGrantInput, respond: Respond<WindowGrant>) {
    const { principal, now } = invocation;
    const admin = principal.roles.some((r) => (ADMINS as readonly string[]).includes(r));
    const grantedBy = input.grantedBy ?? principal.sub;
    // Only the head grants for themself; an administrator records for the head they name.
    if (grantedBy !== principal.sub && !admin)
      throw forbid('只能以本人名义签发授权书', 'a head grants in their own name only');
    const docNo = input.docNo.trim();
    if (!docNo) throw invalid('docNo', '请填写授权书文号', 'the document number is required');
    const tenancy = new TenancyRepository(this.store);
    const matters = [...new Set(input.matters)];
    const [grantor, officer, periods] = await Promise.all([
      tenancy.staffMember(input.tenant, grantedBy),
      tenancy.staffMember(input.tenant, input.staff),
      new AuthorityRepository(this.store).ofMatters(input.tenant, matters),
    ]);
    // An administrator records the letter of the head it names; the head is the grantor.
    if (admin && !grantor?.head)
      throw invalid(
        'grantedBy',
        '代为登记时须写明签发授权书的部门负责人',
        'name the head of the department who grants it',
      );
    // The department is the head's own body unless named (and then it must be that body).
    const body = input.body ?? grantor?.body ?? '';
    parseBodyRef(body);
    const grant = {
      id: `wa-${randomUUID().slice(0, 8)}`,
      tenant: input.tenant,
      docNo,
      staff: input.staff,
      body,
      matters,
      from: instantOf(input.from, 'from'),
      until: instantOf(input.until, 'until'),
      grantedBy,
    };
    checkWindowGrant(grant, grantor, officer, (m) => periods.filter((p) => p.matter === m), now);
    const stored: WindowGrant = { ...grant, recordedBy: principal.sub, at: now };
    return invocation.commit({
      action: 'window-grant.granted',
      target: `${input.tenant}/${stored.id}`,
      writes: windowGrantWrites(stored),
      response: respond(stored),
    });
  }

  /** The head who granted it (or another head of the department, or an administrator) revokes it, with a reason. */
  async revoke(
    invocation: Invocation,
    input: { tenant: string; id: string; reason: string },
    respond: Respond<WindowGrant>,
  ) {
    const { principal, now } = invocation;
    const grant = await this.get(input.tenant, input.id);
    if (!principal.roles.some((r) => (ADMINS as readonly string[]).includes(r))) {
      const me = await new TenancyRepository(this.store).staffMember(input.tenant, principal.sub);
      if (!me?.head || me.body !== grant.body)
        throw forbid('授权书只能由该部门负责人撤销', 'only the head of the department can revoke it');
    }
    if (grant.revoked)
      throw new DomainError('invalid-state', '授权书已撤销', 'the authorisation is already revoked');
    if (!input.reason.trim()) throw invalid('reason', '请说明撤销理由', 'give the reason');
    const revoked: WindowGrant = {
      ...grant,
      revoked: { at: now, by: principal.sub, reason: input.reason.trim() },
    };
    return invocation.commit({
      action: 'window-grant.revoked',
      target: `${input.tenant}/${grant.id}`,
      writes: [windowGrantRevokeWrite(revoked)],
      response: respond(revoked),
    });
  }

  async get(tenant: string, id: string): Promise<WindowGrant> {
    const found = (await new CaseRepository(this.store).windowGrants(tenant)).find((g) => g.id === id);
    if (!found) throw new DomainError('not-found', `授权书“${id}”不存在`, `no authorisation '${id}'`);
    return found;
  }

  /**
   * Every authorisation of the tenant with its standing at `at` (the 窗口工作人员办理事项授权表):
   * in force, not yet, expired, revoked, or lapsed because the timeline moved its matters away.
   */
  async list(tenant: string, at: string, id?: string): Promise<WindowGrantView[]> {
    const grants = (await new CaseRepository(this.store).windowGrants(tenant)).filter(
      (g) => !id || g.id === id,
    );
    if (id && grants.length === 0)
      throw new DomainError('not-found', `授权书“${id}”不存在`, `no authorisation '${id}'`);
    const tenancy = new TenancyRepository(this.store);
    const [periods, staff, bodies, matters] = await Promise.all([
      new AuthorityRepository(this.store).ofMatters(
        tenant,
        grants.flatMap((g) => g.matters),
      ),
      tenancy.staff(tenant),
      tenancy.bodies(tenant),
      new CatalogueRepository(this.store).matters(cityOfTenant(tenant)),
    ]);
    const periodsOf = (m: string): AuthorityPeriod[] => periods.filter((p) => p.matter === m);
    const staffName = (s: string) => staff.find((x) => x.id === s)?.name ?? s;
    return grants
      .map((g) => ({
        ...g,
        status: windowGrantStatus(g, periodsOf, at),
        names: {
          staff: staffName(g.staff),
          grantedBy: staffName(g.grantedBy),
          body: bodies.find((b) => b.code === parseBodyRef(g.body).code)?.name ?? g.body,
          matters: Object.fromEntries(
            g.matters.map((m) => [m, matters.find((d) => d.code === m)?.name ?? m]),
          ),
        },
      }))
      .sort((a, b) => a.names.body.localeCompare(b.names.body, 'zh') || a.from.localeCompare(b.from));
  }

  /** The tenant's name, for the heading of the printed documents. */
  async tenantName(tenant: string): Promise<string> {
    return (await new TenancyRepository(this.store).tenant(tenant))?.name ?? tenant;
  }
}
