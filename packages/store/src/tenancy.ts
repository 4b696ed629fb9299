import type { Body, City, DomainError, EvaluationSettings, Staff, Tenant } from '@onewindow/domain';
import { cityOfTenant, DEFAULT_EVALUATION } from '@onewindow/domain';
import { cityPk, keys, platformPk, tenantPk } from './keys';
import type { Item, Store, Write } from './store';

/** Removes the storage attributes so an item reads back as the entity it holds. */
export function entityOf<T>(item: Item): T {
  const { pk: _pk, sk: _sk, entity: _entity, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...rest } = item;
  return rest as T;
}

export const cityItem = (city: City) => ({ ...keys.city(city.id), entity: 'city', ...city });
/** The city's evaluation settings, written only where the city exists. */
export const evaluationWrites = (
  city: string,
  settings: EvaluationSettings,
  missing: DomainError,
): Write[] => [
  { check: keys.city(city), exists: missing },
  { put: { ...keys.evaluation(city), entity: 'evaluation', city, ...settings } },
];
export const tenantItem = (t: Tenant) => ({ ...keys.tenant(t.city, t.id), entity: 'tenant', ...t });
export const bodyItem = (b: Body) => ({ ...keys.body(b.tenant, b.code), entity: 'body', ...b });
export const staffItem = (s: Staff) => ({ ...keys.staff(s.tenant, s.id), entity: 'staff', ...s });
/** The claim a backup (B角) holds on the post it backs up. */
export const backupItem = (s: Staff & { readonly backupFor: string }) => ({
  ...keys.backup(s.tenant, s.backupFor),
  entity: 'backup',
  backup: s.id,
});

/**
 * The writes that create tenancy entities. Each fails with the error the caller names
 * when its key is taken, so a concurrent create cannot overwrite.
 */
export const tenancyWrites = {
  createCity: (city: City, taken: DomainError): Write[] => [{ put: cityItem(city), ifNew: taken }],
  onboardTenant: (tenant: Tenant, taken: DomainError): Write[] => [{ put: tenantItem(tenant), ifNew: taken }],
  createBody: (body: Body, taken: DomainError): Write[] => [{ put: bodyItem(body), ifNew: taken }],
  /** A body's USCC, given once: a code is for life (GB 32100), so a body that has one keeps it. */
  registerUscc: (body: Body & { readonly uscc: string }, taken: DomainError): Write[] => [
    { put: bodyItem(body), ifStill: { attribute: 'uscc', equals: undefined, failure: taken } },
  ],
  /** The staff member and, when it backs up a post, its claim on that post: a post has at most one backup. */
  createStaff: (staff: Staff, failures: { taken: DomainError; postBackedUp: DomainError }): Write[] => [
    { put: staffItem(staff), ifNew: failures.taken },
    ...(staff.backupFor
      ? [{ put: backupItem({ ...staff, backupFor: staff.backupFor }), ifNew: failures.postBackedUp }]
      : []),
  ],
};

/** Reads of the tenancy entities: every one a GetItem or a single-partition Query. */
export class TenancyRepository {
  constructor(private readonly store: Store) {}

  async city(id: string): Promise<City | undefined> {
    const item = await this.store.get(keys.city(id));
    return item && entityOf<City>(item);
  }

  /** What the city set for evaluation (R18); the defaults for what it has not set. */
  async evaluation(city: string): Promise<EvaluationSettings> {
    const item = await this.store.get(keys.evaluation(city));
    return {
      rectificationDays: Number(item?.rectificationDays ?? DEFAULT_EVALUATION.rectificationDays),
      defaultRatingDays: Number(item?.defaultRatingDays ?? DEFAULT_EVALUATION.defaultRatingDays),
      defaultRatingLevel: Number(item?.defaultRatingLevel ?? DEFAULT_EVALUATION.defaultRatingLevel),
      receiptDays: Number(item?.receiptDays ?? DEFAULT_EVALUATION.receiptDays),
    };
  }

  async cities(): Promise<City[]> {
    return (await this.store.queryPrefix(platformPk(), 'CITY#')).map((i) => entityOf<City>(i));
  }

  async tenant(id: string): Promise<Tenant | undefined> {
    const item = await this.store.get(keys.tenant(cityOfTenant(id), id));
    return item && entityOf<Tenant>(item);
  }

  async tenants(city: string): Promise<Tenant[]> {
    return (await this.store.queryPrefix(cityPk(city), 'TENANT#')).map((i) => entityOf<Tenant>(i));
  }

  async body(tenant: string, code: string): Promise<Body | undefined> {
    const item = await this.store.get(keys.body(tenant, code));
    return item && entityOf<Body>(item);
  }

  async bodies(tenant: string): Promise<Body[]> {
    return (await this.store.queryPrefix(tenantPk(tenant), 'BODY#')).map((i) => entityOf<Body>(i));
  }

  async staffMember(tenant: string, id: string): Promise<Staff | undefined> {
    const item = await this.store.get(keys.staff(tenant, id));
    return item && entityOf<Staff>(item);
  }

  async staff(tenant: string): Promise<Staff[]> {
    return (await this.store.queryPrefix(tenantPk(tenant), 'STAFF#')).map((i) => entityOf<Staff>(i));
  }
}
