import {
  type Body,
  fromBodyOf,
  IMPACT_MONTHS,
  impactMonths,
  implementationCode,
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
import { bodiesByRef, mapLimit } from './load';

/** A national code the record carries (body USCC, matter basic code), if it has one. */
const codeField = (record: object | undefined, ...names: string[]): string | undefined => {
  for (const name of names) {
    const value = (record as Record<string, unknown> | undefined)?.[name];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
};

/** 实施编码 of `matter` under `body`, or undefined while either lacks its national code. */
function codeOf(body: Body | undefined, def: MatterDefinition | undefined): string | undefined {
  const uscc = codeField(body, 'uscc', 'creditCode');
  const basicCode = codeField(def, 'basicCode');
  if (!uscc || !basicCode) return undefined;
  try {
    return implementationCode({ implementingBodyUscc: uscc, basicCode });
  } catch {
    // A code stored before validation existed: the preview shows none rather than fail.
    return undefined;
  }
}

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
  const [defs, fromBodies] = await Promise.all([
    catalogue.matters(r.city),
    bodiesByRef(
      store,
      r.matters.map((m) => fromBodyOf(r, m)),
    ),
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
      },
    );
  });
  return rolloutImpact(r, tenants, window);
}
