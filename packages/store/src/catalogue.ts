import type { DomainError, LocalMatterSettings, MatterDefinition, Seal } from '@onewindow/domain';
import { sumOpenCases } from './cases/counters';
import { cityPk, keys, tenantPk } from './keys';
import type { Store, Write } from './store';
import { entityOf } from './tenancy';

export type StoredMatter = MatterDefinition & {
  readonly city: string;
  readonly version: number;
  readonly updatedAt: string;
};

export const matterItem = (m: StoredMatter) => ({ ...keys.matter(m.city, m.code), entity: 'matter', ...m });
export const settingsItem = (
  tenant: string,
  code: string,
  s: LocalMatterSettings & { updatedAt: string },
) => ({
  ...keys.matterSettings(tenant, code),
  entity: 'matter-settings',
  tenant,
  code,
  ...s,
});
export const sealItem = (s: Seal) => ({ ...keys.seal(s.tenant, s.id), entity: 'seal', ...s });

/** The writes of the guidance catalogue and of a tenant's settings over it. */
export const catalogueWrites = {
  /** A new matter; `taken` when another writer created it first. */
  createMatter: (m: StoredMatter, taken: DomainError): Write[] => [{ put: matterItem(m), ifNew: taken }],
  /** The next version of a matter, only while the stored one is still at `version`. */
  replaceMatter: (m: StoredMatter, version: number, changed: DomainError): Write[] => [
    { put: matterItem(m), ifStill: { attribute: 'version', equals: version, failure: changed } },
  ],
  setSettings: (tenant: string, code: string, s: LocalMatterSettings & { updatedAt: string }): Write[] => [
    { put: settingsItem(tenant, code, s) },
  ],
};

/** The writes of a tenant's seals. */
export const sealWrites = {
  /** A new seal; `taken` when the id is in use. */
  register: (seal: Seal, taken: DomainError): Write[] => [{ put: sealItem(seal), ifNew: taken }],
  /**
   * The voided seal, only if no one voided it meanwhile; and, when it names a successor,
   * only while that seal still exists.
   */
  void: (
    voided: Seal,
    failures: { readonly alreadyVoid: DomainError; readonly successorGone: DomainError },
  ): Write[] => [
    {
      put: sealItem(voided),
      ifStill: { attribute: 'voidedAt', equals: undefined, failure: failures.alreadyVoid },
    },
    ...(voided.successor
      ? [{ check: keys.seal(voided.tenant, voided.successor), exists: failures.successorGone }]
      : []),
  ],
};

export class CatalogueRepository {
  constructor(private readonly store: Store) {}

  async matter(city: string, code: string): Promise<StoredMatter | undefined> {
    const item = await this.store.get(keys.matter(city, code));
    return item && entityOf<StoredMatter>(item);
  }

  async matters(city: string): Promise<StoredMatter[]> {
    return (await this.store.queryPrefix(cityPk(city), 'MATTER#')).map((i) => entityOf<StoredMatter>(i));
  }

  /** Each matter's code and basic code alone: what checking a plan's matters and deriving implementation codes need. */
  async matterCodes(city: string): Promise<Pick<StoredMatter, 'code' | 'basicCode'>[]> {
    return this.store.queryPrefix(cityPk(city), 'MATTER#', ['code', 'basicCode']);
  }

  /** Each matter's name by code, projected: what a report naming matters needs (one request for thousands). */
  async matterNames(city: string): Promise<Map<string, string>> {
    const rows = await this.store.queryPrefix<{ code: string; name: string }>(cityPk(city), 'MATTER#', [
      'code',
      'name',
    ]);
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async settings(tenant: string): Promise<Map<string, LocalMatterSettings>> {
    const items = await this.store.queryPrefix(tenantPk(tenant), 'MSET#');
    return new Map(items.map((i) => [String(i.code), entityOf<LocalMatterSettings>(i)]));
  }

  async seal(tenant: string, id: string): Promise<Seal | undefined> {
    const item = await this.store.get(keys.seal(tenant, id));
    return item && entityOf<Seal>(item);
  }

  async seals(tenant: string): Promise<Seal[]> {
    return (await this.store.queryPrefix(tenantPk(tenant), 'SEAL#')).map((i) => entityOf<Seal>(i));
  }

  /** Open cases per matter, as case handling counts them (the sum of each matter's counter shards). */
  async openCases(tenant: string): Promise<Record<string, number>> {
    return sumOpenCases(await this.store.queryPrefix(tenantPk(tenant), 'OPENCASES#'));
  }
}
