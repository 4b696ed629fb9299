import { DomainError, type Principal, parseBodyRef } from '@onewindow/domain';
import { CaseRepository, type Store } from '@onewindow/store';

/** Open cases the board shows itself, red first; a colour's list has the rest. */
export const BOARD_FIRST_CASES = 20;

/** R10 and e-supervision: what supervising bodies and inspectors read. */
export class SupervisionService {
  private readonly repo: CaseRepository;

  constructor(store: Store) {
    this.repo = new CaseRepository(store);
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

  rectifications(tenant: string) {
    return this.repo.rectifications(tenant);
  }
}
