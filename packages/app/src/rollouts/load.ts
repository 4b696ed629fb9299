import {
  agreementChecklist,
  type Body,
  cityOfTenant,
  fromBodyOf,
  type HandoverAgreement,
  handoverAgreement,
  parseBodyRef,
  previewOf,
  previewTenant,
  type Rollout,
  type RolloutPreview,
  rolloutReadiness,
  type Seal,
  sealRefOf,
} from '@onewindow/domain';
import {
  AuthorityRepository,
  CatalogueRepository,
  ReadinessRepository,
  RolloutRepository,
  type Store,
  TenancyRepository,
} from '@onewindow/store';
import { agreementCodes } from '../code-lineage';

/** Runs `fn` over `items` with at most `limit` in flight, answers in order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The bodies `refs` name (`tenant/code`), by reference; a missing one is left out. */
export async function bodiesByRef(store: Store, refs: Iterable<string>): Promise<Map<string, Body>> {
  const tenancy = new TenancyRepository(store);
  const found = new Map<string, Body>();
  await Promise.all(
    [...new Set(refs)].map(async (ref) => {
      const { tenant, code } = parseBodyRef(ref);
      const body = await tenancy.body(tenant, code);
      if (body) found.set(ref, body);
    }),
  );
  return found;
}

/**
 * R11 for every target tenant: loads what each needs (a handful of reads a tenant, ten tenants
 * at a time, the plan's matters' periods only) and judges it.
 */
export async function loadPreview(store: Store, r: Rollout, now: string): Promise<RolloutPreview> {
  const tenancy = new TenancyRepository(store);
  const catalogue = new CatalogueRepository(store);
  const authority = new AuthorityRepository(store);
  const [defs, fromBodies, rollouts, namedSeal] = await Promise.all([
    catalogue.matterCodes(r.city),
    bodiesByRef(
      store,
      r.matters.map((m) => fromBodyOf(r, m)),
    ),
    new RolloutRepository(store).list(r.city),
    sealNamed(store, r.seal),
  ]);
  const ctx = {
    now,
    catalogue: new Set(defs.map((d) => d.code)),
    fromBodies,
    scheduled: rollouts.filter((o) => o.status === 'scheduled' || o.status === 'applying'),
    ...(namedSeal ? { sealsByRef: new Map([[r.seal, namedSeal]]) } : {}),
  };
  const readiness = new ReadinessRepository(store);
  const tenants = await mapLimit(r.tenants, 10, async (tenant) => {
    const [exists, bodies, seals, staff, trainings, periods, openCases] = await Promise.all([
      tenancy.tenant(tenant),
      tenancy.bodies(tenant),
      catalogue.seals(tenant),
      tenancy.staff(tenant),
      readiness.trainings(tenant),
      authority.ofMatters(tenant, r.matters),
      catalogue.openCases(tenant),
    ]);
    return previewTenant(
      r,
      {
        tenant,
        exists: exists !== undefined && cityOfTenant(tenant) === r.city,
        bodies: new Map(bodies.map((b) => [b.code, b])),
        seals: new Map(seals.map((s) => [s.id, s])),
        staff,
        trainings,
        periods,
        openCases,
      },
      ctx,
    );
  });
  return previewOf(tenants);
}

/** The seal a rollout names as `<tenant>/<id>` (one read); a bare id is each target tenant's. */
export async function sealNamed(store: Store, seal: string): Promise<Seal | undefined> {
  if (!seal.includes('/')) return undefined;
  const ref = sealRefOf(seal, '');
  return new CatalogueRepository(store).seal(ref.tenant, ref.id);
}

/** The agreement `tenant` signs for `r`, or undefined when the tenant is not one of its targets. */
export async function loadAgreement(
  store: Store,
  r: Rollout,
  tenant: string,
): Promise<HandoverAgreement | undefined> {
  if (!r.tenants.includes(tenant)) return undefined;
  const tenancy = new TenancyRepository(store);
  const catalogue = new CatalogueRepository(store);
  const toRef = `${tenant}/${r.to}`;
  const readiness = new ReadinessRepository(store);
  const [t, defs, bodies, seal, codeLineage, staff, trainings, confirmed] = await Promise.all([
    tenancy.tenant(tenant),
    catalogue.matters(r.city),
    bodiesByRef(store, [toRef, ...r.matters.map((m) => fromBodyOf(r, m))]),
    (async () => {
      const ref = sealRefOf(r.seal, tenant);
      return catalogue.seal(ref.tenant, ref.id);
    })(),
    agreementCodes(store, r, tenant),
    tenancy.staff(tenant),
    readiness.trainings(tenant),
    readiness.checklist(tenant, r.id),
  ]);
  return handoverAgreement({
    rollout: r,
    tenant,
    tenantName: t?.name ?? tenant,
    bodyName: (ref) => bodies.get(ref)?.name ?? ref,
    matters: new Map(defs.map((d) => [d.code, { name: d.name, type: d.type }])),
    sealName: seal?.name ?? r.seal,
    codeLineage,
    checklist: agreementChecklist(confirmed, rolloutReadiness(r, tenant, staff, trainings)),
  });
}
