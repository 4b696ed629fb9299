import { cityOfTenant, RATABLE_STATUSES } from '@onewindow/domain';
import { type Store, TenancyRepository } from '@onewindow/store';
import type { CaseService } from '../cases';
import type { Invocation } from '../context';

/**
 * R18: the city's default rating for a handled service its applicant left unrated, given by the
 * clock (`default-rating` jobs, which the stream schedules when a case is handled) and recorded as
 * a default. Only the clock Lambda carries it; the cases Lambda never runs it.
 */
export class DefaultRatings {
  constructor(
    private readonly store: Store,
    private readonly cases: CaseService,
  ) {}

  /** A case rated meanwhile, or not rateable, is left as it is, so a job that runs twice rates once. */
  async give(invocation: Invocation, tenant: string, caseNo: string): Promise<void> {
    const stored = await this.cases.find(tenant, caseNo);
    if (!stored || stored.state.rating || !RATABLE_STATUSES.includes(stored.state.status)) return;
    const settings = await new TenancyRepository(this.store).evaluation(cityOfTenant(tenant));
    await this.cases.run(invocation, {
      loaded: stored,
      actor: { sub: invocation.principal.sub, roles: [] },
      tenant,
      caseNo,
      command: () => ({ type: 'rate', level: settings.defaultRatingLevel, default: true }),
      respond: () => ({ status: 200, body: {} }),
    });
  }
}
