import type { LocalMatterSettings, MatterDefinition, Seal } from '@onewindow/domain';
import { cityPk, keys, tenantPk } from './keys';
import type { Store } from './store';
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

export class CatalogueRepository {
  constructor(private readonly store: Store) {}

  async matter(city: string, code: string): Promise<StoredMatter | undefined> {
    const item = await this.store.get(keys.matter(city, code));
    return item && entityOf<StoredMatter>(item);
  }

  async matters(city: string): Promise<StoredMatter[]> {
    return (await this.store.queryPrefix(cityPk(city), 'MATTER#')).map((i) => entityOf<StoredMatter>(i));
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

  /** Open cases per matter, as case handling counts them. */
  async openCases(tenant: string): Promise<Record<string, number>> {
    const items = await this.store.queryPrefix(tenantPk(tenant), 'OPENCASES#');
    return Object.fromEntries(
      items.map((i) => [String(i.sk).slice('OPENCASES#'.length), Number(i.count ?? 0)]),
    );
  }
}
