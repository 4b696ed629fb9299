import { DomainError, type Principal, parseBodyRef, parseCaseNo } from '@onewindow/domain';
import {
  CaseRepository,
  caseKeys,
  entityOf,
  receiptWrites,
  type Store,
  TenancyRepository,
} from '@onewindow/store';
import type { Answer, Invocation } from './context';

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
