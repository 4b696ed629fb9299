import { DomainError, type Principal, parseBodyRef, parseCaseNo } from '@onewindow/domain';
import {
  CaseRepository,
  caseKeys,
  entityOf,
  type Liaison,
  liaisonsOf,
  liaisonWrite,
  receiptWrites,
  type Store,
  TenancyRepository,
} from '@onewindow/store';
import type { Answer, Invocation, Respond } from './context';

/** Who names any body's liaisons: the tenant's administrators and those above them. */
const ADMIN_ROLES: readonly string[] = ['platform-admin', 'city-admin', 'tenant-admin'];
const isAdmin = (p: Principal) => p.roles.some((r) => ADMIN_ROLES.includes(r));

/** The body ref's tenant, or undefined for a ref that does not parse. */
function tenantOfRef(ref: string): string | undefined {
  try {
    return parseBodyRef(ref).tenant;
  } catch {
    return undefined;
  }
}

/** Open cases the board shows itself, red first; a colour's list has the rest. */
export const BOARD_FIRST_CASES = 20;

/** R10 and e-supervision: what supervising bodies and inspectors read. */
export class SupervisionService {
  private readonly repo: CaseRepository;

  constructor(private readonly store: Store) {
    this.repo = new CaseRepository(store);
  }

  /**
   * 签收: the supervising body acknowledges a result pushed to it (R10, 审管联动), once; the
   * receipt names who signed and when, and the push leaves the tenant's 待签收推送 count. Signing
   * again answers the receipt already given. Only a supervisor of the body the case was pushed to
   * signs for it; any other case, or one not pushed yet, is not in that inbox (404).
   */
  async signFor(invocation: Invocation, tenant: string, caseNo: string): Promise<Answer> {
    const { principal } = invocation;
    const missing = new DomainError('not-found', '收件箱中没有该办件', 'no such case in this inbox');
    let caseTenant: string;
    try {
      caseTenant = parseCaseNo(caseNo).tenant;
    } catch {
      throw missing;
    }
    const stored = await this.repo.get(caseTenant, caseNo);
    const body = stored?.state.binding?.supervisingBody;
    // Pushed at the decision (R20): the inbox item is keyed by it.
    const decidedAt = stored?.state.decision?.at;
    if (!body || !decidedAt || body !== principal.body || parseBodyRef(body).tenant !== tenant) throw missing;
    const key = caseKeys.inbox(tenant, body, decidedAt, caseNo);
    const [item, signer] = await Promise.all([
      this.store.get(key),
      new TenancyRepository(this.store).staffMember(tenant, principal.sub),
    ]);
    if (!item) throw missing;
    if (item.signedAt) return { status: 200, body: entityOf(item) };
    // The receipt names the person as the staff register had them when they signed.
    const byName = signer?.name ? { signedByName: signer.name } : {};
    const signed = { ...item, signedAt: invocation.now, signedBy: principal.sub, ...byName };
    const alreadySigned = new DomainError('conflict', '已签收', 'already signed for');
    try {
      return await invocation.commit({
        action: 'supervision.signed',
        target: `${body}/${caseNo}`,
        writes: receiptWrites(
          { ...item, ...key, caseNo, ...byName },
          body,
          { at: invocation.now, by: principal.sub },
          alreadySigned,
        ),
        response: { status: 200, body: entityOf(signed) },
      });
    } catch (error) {
      // Signed meanwhile by a colleague of the same body: their receipt is the answer.
      if (error !== alreadySigned) throw error;
      const now = await this.store.get(key);
      return { status: 200, body: now ? entityOf(now) : entityOf(signed) };
    }
  }

  /**
   * One page of a supervising body's inbox. A supervisor reads their own body's; inspectors
   * and administrators any body's of the tenant; a body of another tenant does not exist here.
   */
  async inbox(principal: Principal, tenant: string, body: string | undefined, cursor?: string) {
    const named = body ?? principal.body;
    if (!named) throw new DomainError('validation', '请指定监管机构', 'name the supervising body', 'body');
    if (principal.roles.every((r) => r === 'supervisor') && named !== principal.body) {
      throw new DomainError(
        'forbidden',
        '只能查看本机构的收件箱',
        "a supervisor reads only their own body's inbox",
      );
    }
    if (parseBodyRef(named).tenant !== tenant)
      throw new DomainError('not-found', '机构不存在', 'no such body');
    const page = await this.repo.inbox(tenant, named, cursor);
    return { body: named, ...page };
  }

  /**
   * 联络人 (issue 15): a supervising body names, for a department whose decisions it receives, the
   * staff member who signs for that department's pushes; naming another replaces the first. The
   * tenant's administrators name any body's, a supervisor only their own body's. The liaison is a
   * supervisor of that body in the staff register (the one role that signs for a push); the
   * department is a body of this tenant or of one below it (a sub-district deciding under the
   * district's supervision). Each push records the liaison named when it is made.
   */
  async nameLiaison(
    invocation: Invocation,
    tenant: string,
    input: { supervisingBody: string; department: string; staff: string },
    respond: Respond<Liaison>,
  ) {
    const { principal } = invocation;
    const { supervisingBody, department } = input;
    if (!isAdmin(principal) && principal.body !== supervisingBody) {
      throw new DomainError(
        'forbidden',
        '只能为本机构指定联络人',
        "a supervisor names liaisons for their own body's pushes only",
      );
    }
    const tenancy = new TenancyRepository(this.store);
    const bodyRef = tenantOfRef(supervisingBody) === tenant ? parseBodyRef(supervisingBody) : undefined;
    const [body, staff] = await Promise.all([
      bodyRef ? tenancy.body(tenant, bodyRef.code) : undefined,
      tenancy.staffMember(tenant, input.staff),
    ]);
    if (!body) {
      throw new DomainError(
        'validation',
        '本租户没有该监管机构',
        `no body '${supervisingBody}' in this tenant`,
        'supervisingBody',
      );
    }
    const departmentTenant = tenantOfRef(department);
    if (!departmentTenant || (departmentTenant !== tenant && !departmentTenant.startsWith(`${tenant}.`))) {
      throw new DomainError(
        'validation',
        '部门应为本租户或下级租户的机构',
        'the department is a body of this tenant or of a tenant below it',
        'department',
      );
    }
    if (!staff) {
      throw new DomainError('validation', '工作人员不存在', `no staff member '${input.staff}'`, 'staff');
    }
    if (staff.body !== supervisingBody) {
      throw new DomainError(
        'validation',
        '联络人应为该监管机构的工作人员',
        `'${input.staff}' is not a staff member of ${supervisingBody}`,
        'staff',
      );
    }
    if (!staff.roles.includes('supervisor')) {
      throw new DomainError(
        'validation',
        '联络人应为该机构的监管人员（负责签收推送）',
        'the liaison is a supervisor of the body: the role that signs for pushes',
        'staff',
      );
    }
    const liaison: Liaison = {
      supervisingBody,
      department,
      staff: staff.id,
      staffName: staff.name,
      updatedAt: invocation.now,
      updatedBy: principal.sub,
    };
    return invocation.commit({
      action: 'supervision.liaison-named',
      target: `${supervisingBody}/${department}`,
      writes: [liaisonWrite(tenant, liaison)],
      response: respond(liaison),
    });
  }

  /** The liaisons a supervising body named, by department: a supervisor reads their own body's. */
  async liaisons(principal: Principal, tenant: string, body: string | undefined) {
    const named = body ?? principal.body;
    if (!named) throw new DomainError('validation', '请指定监管机构', 'name the supervising body', 'body');
    if (principal.roles.every((r) => r === 'supervisor') && named !== principal.body) {
      throw new DomainError(
        'forbidden',
        '只能查看本机构的联络人',
        "a supervisor reads only their own body's liaisons",
      );
    }
    if (tenantOfRef(named) !== tenant) throw new DomainError('not-found', '机构不存在', 'no such body');
    return { body: named, items: await liaisonsOf(this.store, tenant, named) };
  }

  /**
   * The e-supervision board: open cases by colour and per body from the counters each case
   * command keeps, months from theirs, and the first open cases red first; the lists by
   * colour or body (`GET …/cases?clock=red`) page the rest. Its cost and size are the same
   * with 100 open cases or 100,000.
   */
  async board(tenant: string) {
    const [board, months, first] = await Promise.all([
      this.repo.board(tenant),
      this.repo.stats(tenant),
      this.repo.firstOpen(tenant, BOARD_FIRST_CASES),
    ]);
    return { ...board, months, open: first };
  }
}
