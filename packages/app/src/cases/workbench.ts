import { shanghaiDate } from '@onewindow/domain';
import { CaseRepository, readWork, type Store, tenantPk } from '@onewindow/store';
import { AbsenceService } from '../absences';

/**
 * The workbench (工作台) counts, from the counter shards (never a scan): open cases per
 * status, each body's cases waiting on its approvers by colour, today's intake, the board's
 * colours and the open rectifications. Served by the files Lambda: the cases bundle is full.
 */
export class WorkbenchService {
  private readonly repo: CaseRepository;

  constructor(private readonly store: Store) {
    this.repo = new CaseRepository(store);
  }

  async work(tenant: string, now: string) {
    const [work, board, rectifications, absences] = await Promise.all([
      readWork(this.store, tenant, shanghaiDate(now)),
      this.repo.board(tenant),
      this.store.queryPrefix<{ closedAt?: string; appeal?: { outcome?: string } }>(tenantPk(tenant), 'RECT#'),
      new AbsenceService(this.store).inForce(tenant, now),
    ]);
    return {
      ...work,
      colours: board.counts,
      // Open: not answered, and not ended by an upheld appeal.
      rectificationsOpen: rectifications.filter((r) => !r.closedAt && r.appeal?.outcome !== 'upheld').length,
      // AB角: who is absent now and who covers, so no case is left waiting on an absent person.
      absent: absences.current,
    };
  }
}
