import { type AuthorityPeriod, bodyTenantOf, sealOwnerRefusal, sealRefOf } from '@onewindow/domain';
import { CatalogueRepository, type Store } from '@onewindow/store';

/**
 * R14 where periods are written outside a rollout (initial holders): a period naming a seal
 * of another body is refused, naming the field (`<prefix>.<i>.seal`). A seal not registered
 * yet is left to issuance, which refuses a result without a usable seal (R3). One Query per
 * tenant the seals are kept in (a sub-district's holders name the district's seals).
 */
export async function refuseForeignSeals(
  store: Store,
  periods: readonly AuthorityPeriod[],
  fieldOf: (period: AuthorityPeriod) => string,
): Promise<void> {
  const refs = periods.map((p) => ({ p, ref: sealRefOf(p.seal, bodyTenantOf(p.body)) }));
  const tenants = [...new Set(refs.map((r) => r.ref.tenant))];
  const catalogue = new CatalogueRepository(store);
  const kept = new Map(
    (await Promise.all(tenants.map((t) => catalogue.seals(t)))).flat().map((s) => [`${s.tenant}/${s.id}`, s]),
  );
  for (const { p, ref } of refs) {
    const seal = kept.get(`${ref.tenant}/${ref.id}`);
    const refusal = seal && sealOwnerRefusal(seal, p.body, fieldOf(p));
    if (refusal) throw refusal;
  }
}
