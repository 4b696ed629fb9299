import { type ClockColour, DomainError, type Principal, parseBodyRef } from '@onewindow/domain';
import { CaseRepository, type Store, type StoredCase } from '@onewindow/store';

const RANK: Record<ClockColour, number> = { red: 0, yellow: 1, green: 2 };

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

  /** The e-supervision board: open cases by colour, overdue per body, months; open cases red first. */
  async board(tenant: string) {
    const [open, months] = await Promise.all([this.repo.openCases(tenant), this.repo.stats(tenant)]);
    const counts: Record<ClockColour, number> = { green: 0, yellow: 0, red: 0 };
    const perBody = new Map<string, Record<ClockColour, number>>();
    for (const c of open) {
      counts[c.clock] += 1;
      const key = c.state.body ?? '—';
      const row = perBody.get(key) ?? { green: 0, yellow: 0, red: 0 };
      row[c.clock] += 1;
      perBody.set(key, row);
    }
    return {
      counts,
      bodies: [...perBody.entries()]
        .map(([body, c]) => ({ body, ...c, overdue: c.red }))
        .sort((a, b) => b.overdue - a.overdue),
      months,
      open: [...open].sort((a, b) => RANK[a.clock] - RANK[b.clock]) as readonly StoredCase[],
    };
  }

  rectifications(tenant: string) {
    return this.repo.rectifications(tenant);
  }
}
