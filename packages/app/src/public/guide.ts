import {
  type AuthorityPeriod,
  authorityAt,
  cityOfTenant,
  DomainError,
  type LocalMatterSettings,
  MATTER_TYPE_NAMES,
  SPECIAL_STEP_NAMES,
} from '@onewindow/domain';
import {
  AuthorityRepository,
  CatalogueRepository,
  type Store,
  type StoredMatter,
  TenancyRepository,
} from '@onewindow/store';

/** What art. 30 requires a hall to display for a matter, as this tenant handles it under `period`. */
function guideEntry(
  m: StoredMatter,
  period: AuthorityPeriod,
  local: LocalMatterSettings,
  names: ReadonlyMap<string, string>,
) {
  return {
    code: m.code,
    name: m.name,
    type: m.type,
    typeName: MATTER_TYPE_NAMES[m.type],
    implementingBody: { ref: period.body, name: names.get(period.body) ?? period.body },
    mode: period.mode,
    window: local.windowLocation ?? names.get(period.windowBody ?? period.body) ?? '综合受理窗口',
    legalBasis: m.legalBasis,
    items: m.items,
    materials: m.materials.map((x) => ({ code: x.code, name: x.name, core: x.core })),
    fees: local.fees ?? m.fees,
    statutoryDays: m.statutoryDays,
    promisedDays: local.promisedDays ?? m.promisedDays,
    onTheSpot: m.onTheSpot,
    procedure: [
      '综合窗口收件（材料不全的一次性告知）',
      '受理',
      '后台审查',
      ...(m.specialSteps ?? []).map((s) => `${SPECIAL_STEP_NAMES[s.kind]}（不计入办理时限）`),
      '作出决定',
      '统一窗口出件',
    ],
    supervisingBody: period.supervisingBody,
    ...(names.get(period.supervisingBody) ? { supervisingBodyName: names.get(period.supervisingBody) } : {}),
  };
}

/** Service guides (办事指南): what each tenant holds now, as the public reads it. */
export class GuideService {
  constructor(private readonly store: Store) {}

  /** The tenant (404 when unknown), its bodies' names and its matter settings: what every guide page needs. */
  private async context(tenant: string) {
    const tenancy = new TenancyRepository(this.store);
    const [found, bodies, settings] = await Promise.all([
      tenancy.tenant(tenant),
      tenancy.bodies(tenant),
      new CatalogueRepository(this.store).settings(tenant),
    ]);
    if (!found) throw new DomainError('not-found', '资源不存在', 'No such resource');
    const names = new Map(bodies.map((b) => [`${b.tenant}/${b.code}`, b.name]));
    return { tenant: { id: found.id, name: found.name }, names, settings };
  }

  /** The whole guide: every matter the tenant holds at `now`. */
  async guide(tenant: string, now: string) {
    const [ctx, periods, matters] = await Promise.all([
      this.context(tenant),
      new AuthorityRepository(this.store).all(tenant),
      new CatalogueRepository(this.store).matters(cityOfTenant(tenant)),
    ]);
    const byMatter = new Map<string, AuthorityPeriod[]>();
    for (const p of periods) byMatter.set(p.matter, [...(byMatter.get(p.matter) ?? []), p]);
    const entries = [];
    for (const m of matters) {
      const period = authorityAt(byMatter.get(m.code) ?? [], now);
      if (period) entries.push(guideEntry(m, period, ctx.settings.get(m.code) ?? {}, ctx.names));
    }
    return { tenant: ctx.tenant, at: now, matters: entries };
  }

  /** One matter's guide: its own period and definition, not the whole guide. */
  async matter(tenant: string, code: string, now: string) {
    const [ctx, period, m] = await Promise.all([
      this.context(tenant),
      new AuthorityRepository(this.store).at(tenant, code, now),
      new CatalogueRepository(this.store).matter(cityOfTenant(tenant), code),
    ]);
    if (!period || !m) throw new DomainError('not-found', '资源不存在', `no matter '${code}' here now`);
    // The supervising body is most often the district's department, a body of another tenant.
    const names = new Map(ctx.names);
    const sup = period.supervisingBody;
    const bar = sup.indexOf('/');
    if (!names.has(sup) && bar > 0) {
      const body = await new TenancyRepository(this.store).body(sup.slice(0, bar), sup.slice(bar + 1));
      if (body) names.set(sup, body.name);
    }
    return { tenant: ctx.tenant, ...guideEntry(m, period, ctx.settings.get(code) ?? {}, names) };
  }

  /** The cities, where the public starts looking for a service centre. */
  async cities() {
    return (await new TenancyRepository(this.store).cities()).map((c) => ({ id: c.id, name: c.name }));
  }

  /** A city's service centres (404 for an unknown city). */
  async centres(cityId: string) {
    const tenancy = new TenancyRepository(this.store);
    const city = await tenancy.city(cityId);
    if (!city) throw new DomainError('not-found', '资源不存在', 'No such resource');
    const tenants = await tenancy.tenants(city.id);
    return {
      city: { id: city.id, name: city.name },
      items: tenants.map((t) => ({
        id: t.id,
        name: t.name,
        kind: t.kind,
        ...(t.parent ? { parent: t.parent } : {}),
      })),
    };
  }
}
