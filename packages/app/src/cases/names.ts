import type { CaseState, StoredCaseEvent } from '@onewindow/domain';
import { CatalogueRepository, type Store, TenancyRepository } from '@onewindow/store';
import { ttlCache } from '../ttl-cache';

/**
 * The names a person reads beside the ids a case holds: its tenant, the bodies that handle,
 * supervise or inspect it, its seal and the staff on its timeline. Names change rarely, so
 * an instance keeps each for a minute; an id with no record (a deleted body, the clock, the
 * applicant) is left out and shows as itself.
 */
export class CaseNames {
  private readonly cache = ttlCache<string | undefined>(60_000);
  private readonly tenancy: TenancyRepository;
  private readonly catalogue: CatalogueRepository;

  constructor(store: Store) {
    this.tenancy = new TenancyRepository(store);
    this.catalogue = new CatalogueRepository(store);
  }

  private tenant(id: string) {
    return this.cache(`t|${id}`, async () => (await this.tenancy.tenant(id))?.name);
  }

  private body(ref: string) {
    const bar = ref.indexOf('/');
    if (bar < 0) return Promise.resolve(undefined);
    return this.cache(
      `b|${ref}`,
      async () => (await this.tenancy.body(ref.slice(0, bar), ref.slice(bar + 1)))?.name,
    );
  }

  private seal(tenant: string, id: string) {
    return this.cache(`s|${tenant}|${id}`, async () => (await this.catalogue.seal(tenant, id))?.name);
  }

  /** A staff member of the case's tenant or of the tenant above it (district bodies act on sub-district cases). */
  private staff(tenants: readonly string[], sub: string) {
    return this.cache(`u|${tenants.join(',')}|${sub}`, async () => {
      for (const t of tenants) {
        const found = await this.tenancy.staffMember(t, sub);
        if (found) return found.name;
      }
      return undefined;
    });
  }

  /** `{id: name}` for every id of the case that has a name. */
  async of(state: CaseState, events: readonly StoredCaseEvent[]): Promise<Record<string, string>> {
    const bodies = new Set<string>();
    for (const b of [state.body, state.binding?.supervisingBody, state.binding?.originBody])
      if (b) bodies.add(b);
    for (const step of state.steps) for (const b of step.bodies) bodies.add(b);
    for (const f of state.findings) bodies.add(f.body);
    const parent = await this.cache(
      `p|${state.tenant}`,
      async () => (await this.tenancy.tenant(state.tenant))?.parent,
    );
    const tenants = parent ? [state.tenant, parent] : [state.tenant];
    const actors = new Set<string>(events.map((e) => e.actor));
    // The absent A a B acted for (AB角) is named beside the B on the timeline.
    for (const e of events) if (e.onBehalfOf) actors.add(e.onBehalfOf);
    for (const f of state.findings) actors.add(f.by);
    const sealTenant = state.binding?.body.split('/')[0] ?? state.tenant;
    const pairs = await Promise.all([
      this.tenant(state.tenant).then((n) => [state.tenant, n] as const),
      ...[...bodies].map((b) => this.body(b).then((n) => [b, n] as const)),
      ...(state.binding
        ? [this.seal(sealTenant, state.binding.seal).then((n) => [state.binding?.seal ?? '', n] as const)]
        : []),
      ...[...actors].map((a) => this.staff(tenants, a).then((n) => [a, n] as const)),
    ]);
    return Object.fromEntries(pairs.filter((p): p is readonly [string, string] => p[1] !== undefined));
  }
}
