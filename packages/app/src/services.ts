import type { Store } from '@onewindow/store';
import { AuthorityService } from './authority';
import { CalendarService } from './calendar';
import { CaseService } from './cases';
import { CatalogueService } from './catalogue';
import { Clock, platformJobs } from './clock';
import { Commands } from './commands';
import { GuideService, PublicCaseService } from './public';
import { RolloutService } from './rollouts';
import { SealService } from './seals';
import type { ResultSigner } from './signing';
import { SupervisionService } from './supervision';
import { TenancyService } from './tenancy';
import { WindowOfficeService } from './window-office';

export interface ServicesOptions {
  readonly store: Store;
  /** Signs issued results; the cases Lambda and the local stack have one. */
  readonly signer?: ResultSigner;
}

/** Every application service over one table: what handlers, workers and the local stack call. */
export function createServices(options: ServicesOptions) {
  const { store, signer } = options;
  const commands = new Commands(store);
  const cases = new CaseService(store, signer);
  const rollouts = new RolloutService(store);
  const jobs = platformJobs({
    cases,
    rollouts,
    system: (actor, tenant, now) => commands.system(actor, tenant, now),
  });
  return {
    signer,
    commands,
    cases,
    rollouts,
    clock: new Clock(store, jobs),
    guides: new GuideService(store),
    publicCases: new PublicCaseService(store, cases, commands, signer),
    supervision: new SupervisionService(store),
    windowOffice: new WindowOfficeService(store),
    tenancy: new TenancyService(store),
    catalogue: new CatalogueService(store),
    seals: new SealService(store),
    calendar: new CalendarService(store),
    authority: new AuthorityService(store),
  };
}

export type AppServices = ReturnType<typeof createServices>;
