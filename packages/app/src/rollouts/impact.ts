import {
  type Body,
  bodyImplementationCode,
  fromBodyOf,
  IMPACT_MONTHS,
  impactMonths,
  type MatterDefinition,
  type Rollout,
  type RolloutImpact,
  replayTenant,
  rolloutImpact,
} from '@onewindow/domain';
import {
  AuthorityRepository,
  CatalogueRepository,
  matterMonths,
  type Store,
  TenancyRepository,
} from '@onewindow/store';
import { bodiesByRef, mapLimit, sealNamed } from './load';

/** 实施编码 of `matter` under `body`, as the matter list and the lineage ledger give it (undefined without codes). */
const codeOf = (body: Body | undefined, def: MatterDefinition | undefined) =>
  bodyImplementationCode(body && { ref: `${body.tenant}/${body.code}`, uscc: body.uscc }, def?.basicCode);

/**
 * The history-based impact preview (issue 12): each target tenant's last `months` months of
 * the moving matters' cases, from the per-matter month counters (never the cases), replayed
 * against the authority map after the move. Per tenant six Queries (bodies, seals, staff,
 * periods, open cases, month counters), ten tenants at a time; per rollout one Query of the
 * catalogue and one GetItem per from-body.
 */
export async function loadImpact(
  store: Store,
  r: Rollout,
  now: string,
  months: number = IMPACT_MONTHS.default,
): Promise<RolloutImpact> {
  const window = impactMonths(now, months);
  const first = window[0] ?? '';
  const last = window[window.length - 1] ?? '';
  const tenancy = new TenancyRepository(store);
  const catalogue = new CatalogueRepository(store);
  const authority = new AuthorityRepository(store);
  const [defs, fromBodies, namedSeal] = await Promise.all([
    catalogue.matters(r.city),
    bodiesByRef(
      store,
      r.matters.map((m) => fromBodyOf(r, m)),
    ),
    sealNamed(store, r.seal),
  ]);
  const definitions = new Map<string, MatterDefinition>(defs.map((d) => [d.code, d]));
  const matters = new Set(r.matters);
  const tenants = await mapLimit(r.tenants, 10, async (tenant) => {
    const [bodies, seals, staff, periods, openCases, history] = await Promise.all([
      tenancy.bodies(tenant),
      catalogue.seals(tenant),
      tenancy.staff(tenant),
      authority.all(tenant),
      catalogue.openCases(tenant),
      matterMonths(store, tenant, first, last),
    ]);
    const own = new Map(bodies.map((b) => [`${b.tenant}/${b.code}`, b]));
    return replayTenant(
      r,
      {
        tenant,
        bodies: new Map(bodies.map((b) => [b.code, b])),
        seals: new Map(seals.map((s) => [s.id, s])),
        staff,
        periods: periods.filter((p) => matters.has(p.matter)),
        openCases,
        history,
      },
      {
        months: window,
        fromBodies,
        codeOf: (ref, matter) => codeOf(own.get(ref) ?? fromBodies.get(ref), definitions.get(matter)),
        ...(namedSeal ? { sealsByRef: new Map([[r.seal, namedSeal]]) } : {}),
      },
    );
  });
  return rolloutImpact(r, tenants, window);
}
