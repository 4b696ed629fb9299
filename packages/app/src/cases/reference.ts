import {
  type CalendarFor,
  cityOfTenant,
  DomainError,
  jointHandlingOf,
  type MatterForIntake,
} from '@onewindow/domain';
import { CalendarRepository, CatalogueRepository, type Store } from '@onewindow/store';
import { ttlCache } from '../ttl-cache';

const DEFAULT_WARN_DAYS = 2;
/** How stale a calendar or matter definition may be in one instance (README: case handling). */
const REFERENCE_TTL_MS = 60_000;
const calendars = ttlCache<CalendarFor>(REFERENCE_TTL_MS);
const matters = ttlCache<MatterForIntake>(REFERENCE_TTL_MS);

/**
 * Reference data every case command reads: the tenant's calendar and the matter as the
 * tenant handles it. Cached per instance, keyed by table so tests on fresh tables never share.
 */
export class CaseReference {
  constructor(private readonly store: Store) {}

  calendar(tenant: string): Promise<CalendarFor> {
    return calendars(`${this.store.tableName}|${tenant}`, () =>
      new CalendarRepository(this.store).effectiveFor(tenant),
    );
  }

  /** The matter as this tenant handles it: the city's definition with the tenant's own settings. */
  matter(tenant: string, code: string): Promise<MatterForIntake> {
    return matters(`${this.store.tableName}|${tenant}|${code}`, () => this.loadMatter(tenant, code));
  }

  private async loadMatter(tenant: string, code: string): Promise<MatterForIntake> {
    const catalogue = new CatalogueRepository(this.store);
    const [matter, settings] = await Promise.all([
      catalogue.matter(cityOfTenant(tenant), code),
      catalogue.settings(tenant),
    ]);
    if (!matter) {
      throw new DomainError(
        'validation',
        `指导目录中没有事项“${code}”`,
        `the catalogue has no matter '${code}'`,
        'matter',
      );
    }
    const local = settings.get(code) ?? {};
    const levels = local.approvalLevels ?? matter.approvalLevels;
    return {
      code,
      name: matter.name,
      type: matter.type,
      items: matter.items,
      materials: matter.materials,
      fees: local.fees ?? matter.fees,
      limits: {
        promisedDays: local.promisedDays ?? matter.promisedDays,
        statutoryDays: matter.statutoryDays,
        onTheSpot: matter.onTheSpot,
        warnDays: local.warnDays ?? DEFAULT_WARN_DAYS,
        deficiencyLapse: local.deficiencyLapse ?? 'terminate',
        ...(jointHandlingOf(matter, local) ? { jointHandling: jointHandlingOf(matter, local) } : {}),
      },
      // The tenant's own levels, else the city's default (R16); the decider keeps more than one.
      ...(levels ? { levels } : {}),
      ...(local.paperOriginals === false ? { paperOriginals: false } : {}),
    };
  }
}
