import {
  type AuthorityPeriod,
  authorityAt,
  cityOfTenant,
  DomainError,
  fromBodyOf,
  type InitialHolder,
  implementingRef,
  initialPeriods,
  parentPathOf,
  toInstant,
} from '@onewindow/domain';
import {
  AuthorityRepository,
  CatalogueRepository,
  RolloutRepository,
  type Store,
  TenancyRepository,
  writePeriods,
} from '@onewindow/store';
import type { Invocation, Respond } from './context';
import { refuseForeignSeals } from './period-seals';

/** What recording initial holders did. */
export interface InitialHoldersRecorded {
  readonly tenant: string;
  readonly since: string;
  readonly recorded: number;
  readonly unchanged: number;
}

const missing = (en: string) => new DomainError('not-found', '资源不存在', en);

/** The tenant and the tenants above it, nearest first: where the bodies naming its holders sit. */
function tenantAndAbove(tenant: string): string[] {
  const out = [tenant];
  for (let t = parentPathOf(tenant); t; t = parentPathOf(t)) out.push(t);
  return out;
}

/**
 * R13 and the published list (seeds 000 and 003: 动态调整并对外公布, 向社会公布): a tenant's
 * holders before any rollout, the empowered matters it holds at any instant, and each
 * rollout's change list as the public reads them. The files Lambda serves this.
 */
export class EmpowermentService {
  constructor(private readonly store: Store) {}

  /**
   * Checks initial holders whole and says which periods recording them would write, without
   * writing. `alsoKnown` names matters an import is about to add to the catalogue.
   */
  async planInitialHolders(
    tenantId: string,
    input: { readonly since?: string; readonly items: readonly InitialHolder[] },
    alsoKnown: readonly string[] = [],
  ): Promise<{ readonly periods: AuthorityPeriod[]; readonly outcome: InitialHoldersRecorded }> {
    const [tenant, matters, existing] = await Promise.all([
      new TenancyRepository(this.store).tenant(tenantId),
      new CatalogueRepository(this.store).matters(cityOfTenant(tenantId)),
      new AuthorityRepository(this.store).all(tenantId),
    ]);
    if (!tenant) throw missing(`no tenant '${tenantId}'`);
    const since = tenant.since ?? input.since;
    if (!since) {
      throw new DomainError(
        'validation',
        '租户未登记起始时间，请提供 since',
        'the tenant has no start instant on record; give since',
        'since',
      );
    }
    if (tenant.since && input.since && toInstant(input.since) !== tenant.since) {
      throw new DomainError(
        'validation',
        `租户起始时间为 ${tenant.since}，初始实施主体自该时刻起`,
        `the tenant began at ${tenant.since}; initial holders hold from then`,
        'since',
      );
    }
    const known = new Set([...matters.map((m) => m.code), ...alsoKnown]);
    for (const [i, h] of input.items.entries()) {
      if (!known.has(h.matter)) {
        throw new DomainError(
          'validation',
          `事项“${h.matter}”不在指导目录中`,
          `matter '${h.matter}' is not in the catalogue`,
          `items.${i}.matter`,
        );
      }
    }
    const periods = initialPeriods(tenantId, since, input.items, existing);
    await refuseForeignSeals(
      this.store,
      periods,
      (p) => `items.${input.items.findIndex((h) => h.matter === p.matter)}.seal`,
    );
    return {
      periods,
      outcome: {
        tenant: tenantId,
        since: toInstant(since),
        recorded: periods.length,
        unchanged: input.items.length - periods.length,
      },
    };
  }

  /** Writes what `planInitialHolders` planned, with one audit record; rewriting a period is a no-op. */
  async writeInitialHolders(
    invocation: Invocation,
    planned: { readonly periods: readonly AuthorityPeriod[]; readonly outcome: InitialHoldersRecorded },
    respond: Respond<InitialHoldersRecorded>,
  ) {
    await writePeriods(this.store, planned.periods);
    return invocation.commit({
      action: 'authority.initial-holders-recorded',
      target: planned.outcome.tenant,
      writes: [],
      response: respond(planned.outcome),
    });
  }

  /**
   * Records who held each matter when the tenant began, as periods from its start (`since`).
   * Checked whole before anything is written; a holder already recorded as it is counts as
   * unchanged, so a retry writes the same periods again and never doubles them.
   */
  async recordInitialHolders(
    invocation: Invocation,
    tenantId: string,
    input: { readonly since?: string; readonly items: readonly InitialHolder[] },
    respond: Respond<InitialHoldersRecorded>,
  ) {
    return this.writeInitialHolders(invocation, await this.planInitialHolders(tenantId, input), respond);
  }

  /** The body names of the tenant and the tenants above it, by reference. */
  private async bodyNames(tenant: string): Promise<Map<string, string>> {
    const tenancy = new TenancyRepository(this.store);
    const lists = await Promise.all(tenantAndAbove(tenant).map((t) => tenancy.bodies(t)));
    return new Map(lists.flat().map((b) => [`${b.tenant}/${b.code}`, b.name]));
  }

  private async requireTenant(tenant: string) {
    const found = await new TenancyRepository(this.store).tenant(tenant);
    if (!found) throw missing(`no tenant '${tenant}'`);
    return found;
  }

  /**
   * The empowered list (赋权事项清单) at `at`: every matter whose authority in the tenant then
   * came from a rollout, with its implementing body, mode and since when.
   */
  async empoweredMatters(tenantId: string, at: string) {
    const instant = toInstant(at);
    const tenant = await this.requireTenant(tenantId);
    const [periods, matters, names] = await Promise.all([
      new AuthorityRepository(this.store).all(tenantId),
      new CatalogueRepository(this.store).matters(cityOfTenant(tenantId)),
      this.bodyNames(tenantId),
    ]);
    const byMatter = new Map<string, AuthorityPeriod[]>();
    for (const p of periods) byMatter.set(p.matter, [...(byMatter.get(p.matter) ?? []), p]);
    const items = [];
    for (const m of matters) {
      const p = authorityAt(byMatter.get(m.code) ?? [], instant);
      if (!p?.rollout) continue;
      items.push({
        code: m.code,
        name: m.name,
        type: m.type,
        implementingBody: p.body,
        implementingBodyName: names.get(p.body) ?? p.body,
        mode: p.mode,
        from: p.from,
        rollout: p.rollout,
      });
    }
    return { tenant: { id: tenant.id, name: tenant.name }, at: instant, items };
  }

  /**
   * Each rollout's published change list for the tenant: scheduled ones ahead of their day
   * (published before they take effect) and applied ones; drafts and cancelled ones are not public.
   */
  async changes(tenantId: string) {
    const tenant = await this.requireTenant(tenantId);
    const [rollouts, matters, names] = await Promise.all([
      new RolloutRepository(this.store).list(cityOfTenant(tenantId)),
      new CatalogueRepository(this.store).matters(cityOfTenant(tenantId)),
      this.bodyNames(tenantId),
    ]);
    const matterNames = new Map(matters.map((m) => [m.code, m.name]));
    const name = (ref: string) => names.get(ref) ?? ref;
    const items = rollouts
      .filter((r) => r.tenants.includes(tenantId) && ['scheduled', 'applying', 'applied'].includes(r.status))
      .sort((a, b) => a.effectiveAt.localeCompare(b.effectiveAt) || a.id.localeCompare(b.id))
      .map((r) => ({
        rollout: r.id,
        name: r.name,
        effectiveAt: r.effectiveAt,
        status: r.status,
        mode: r.mode,
        matters: r.matters.map((code) => {
          const from = fromBodyOf(r, code);
          const to = implementingRef(r, tenantId, code);
          return {
            code,
            name: matterNames.get(code) ?? code,
            fromBody: from,
            fromBodyName: name(from),
            toBody: to,
            toBodyName: name(to),
          };
        }),
      }));
    return { tenant: { id: tenant.id, name: tenant.name }, items };
  }
}
