import {
  type AssessmentFigures,
  type AssessmentRow,
  assessmentScore,
  DomainError,
  sumAssessment,
} from '@onewindow/domain';
import {
  ASSESSMENT,
  CatalogueRepository,
  type Item,
  type Store,
  TenancyRepository,
  tenantPk,
} from '@onewindow/store';
import { mapLimit } from '../rollouts/load';

/** A row with the name people know it by: a body's, a staff member's, a matter's. */
export type NamedRow = AssessmentRow & { readonly name: string };

export interface TenantAssessment {
  readonly tenant: string;
  readonly tenantName: string;
  readonly month: string;
  readonly totals: NamedRow;
  readonly bodies: readonly NamedRow[];
  readonly windows: readonly NamedRow[];
  readonly staff: readonly NamedRow[];
  readonly matters: readonly NamedRow[];
}

export interface CityAssessment {
  readonly city: string;
  readonly month: string;
  /** The tenants best first by `score` (README, Monthly assessment); a tenant with no rate last. */
  readonly ranking: readonly (NamedRow & { readonly rank: number; readonly score: number | null })[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The monthly assessment (月度考核, issue 15) from the counters every case command and every
 * card keeps in its own transaction: a tenant's month is one Query of its counter shards plus
 * the names (bodies, staff, the city's matter names projected), whatever the number of cases;
 * a city's ranking is one Query of tenants and one per tenant.
 */
export class AssessmentService {
  constructor(private readonly store: Store) {}

  /** The month's counter shards of one tenant (a fixed number of items, 1 request under 1 MB). */
  private async figures(tenant: string, month: string): Promise<AssessmentFigures> {
    const items = await this.store.queryPrefix<Item>(tenantPk(tenant), `${ASSESSMENT}${month}#`);
    return sumAssessment(month, items);
  }

  async tenant(tenant: string, month: string): Promise<TenantAssessment> {
    checkMonth(month);
    const tenancy = new TenancyRepository(this.store);
    const found = await tenancy.tenant(tenant);
    if (!found) throw new DomainError('not-found', '租户不存在', `no tenant '${tenant}'`);
    const [figures, bodies, staff, matters] = await Promise.all([
      this.figures(tenant, month),
      tenancy.bodies(tenant),
      tenancy.staff(tenant),
      new CatalogueRepository(this.store).matterNames(found.city),
    ]);
    const bodyNames = new Map(bodies.map((b) => [`${tenant}/${b.code}`, b.name]));
    const staffNames = new Map(staff.map((s) => [s.id, s.name]));
    const named = (names: ReadonlyMap<string, string>) => (row: AssessmentRow) => ({
      ...row,
      name: names.get(row.id) ?? row.id,
    });
    return {
      tenant,
      tenantName: found.name,
      month,
      totals: { ...figures.tenant, id: tenant, name: found.name },
      bodies: figures.bodies.map(named(bodyNames)),
      windows: figures.windows.map(named(new Map())),
      staff: figures.staff.map(named(staffNames)),
      matters: figures.matters.map(named(matters)),
    };
  }

  async city(city: string, month: string): Promise<CityAssessment> {
    checkMonth(month);
    const tenants = await new TenancyRepository(this.store).tenants(city);
    const rows = await mapLimit(tenants, 10, async (t) => {
      const { tenant } = await this.figures(t.id, month);
      const row = { ...tenant, id: t.id, name: t.name };
      return { ...row, score: assessmentScore(row) };
    });
    const ranked = rows.sort(
      (a, b) => (b.score ?? -1) - (a.score ?? -1) || b.received - a.received || a.id.localeCompare(b.id),
    );
    return { city, month, ranking: ranked.map((r, i) => ({ ...r, rank: i + 1 })) };
  }
}

function checkMonth(month: string): void {
  if (!MONTH.test(month))
    throw new DomainError('validation', '月份格式应为 YYYY-MM', 'month is YYYY-MM', 'month');
}
