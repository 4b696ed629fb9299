import {
  type AuthorityPeriod,
  authorityAt,
  checkLocalSettings,
  cityOfTenant,
  DomainError,
  type LocalMatterSettings,
  toInstant,
  viewAt,
} from '@onewindow/domain';
import { AuthorityRepository, CatalogueRepository, type StoredMatter, settingsItem } from '@onewindow/store';
import { tenantAdmins, tenantStaff } from '../access-groups';
import { Problem } from '../problem';
import { defineRoute } from '../route';
import { AtQuery, LocalSettingsInput } from '../schemas';

/** A matter as one tenant handles it: the city's definition with the tenant's own settings over it. */
function localMatter(def: StoredMatter | undefined, code: string, settings: LocalMatterSettings | undefined) {
  return {
    code,
    name: def?.name ?? code,
    type: def?.type,
    statutoryDays: def?.statutoryDays,
    promisedDays: settings?.promisedDays ?? def?.promisedDays,
    onTheSpot: def?.onTheSpot,
    fees: settings?.fees ?? def?.fees ?? [],
    ...(settings?.windowLocation ? { windowLocation: settings.windowLocation } : {}),
  };
}

export const matterRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/matters',
    tag: 'authority',
    summary: '赋权事项清单（指定时刻）',
    summaryEn: "The tenant's empowered matter list at an instant",
    access: { scope: 'tenant', roles: tenantStaff },
    query: AtQuery,
    success: 200,
    handler: async ({ deps, params, query, now }) => {
      const tenant = params.tenant ?? '';
      const at = query.at ? toInstant(query.at) : now;
      const catalogue = new CatalogueRepository(deps.store);
      const [periods, defs, settings] = await Promise.all([
        new AuthorityRepository(deps.store).all(tenant),
        catalogue.matters(cityOfTenant(tenant)),
        catalogue.settings(tenant),
      ]);
      const byMatter = new Map<string, AuthorityPeriod[]>();
      for (const p of periods) byMatter.set(p.matter, [...(byMatter.get(p.matter) ?? []), p]);
      const definitions = new Map(defs.map((d) => [d.code, d]));
      const items = [];
      for (const [code, history] of byMatter) {
        const current = authorityAt(history, at);
        if (!current) continue;
        items.push({
          ...localMatter(definitions.get(code), code, settings.get(code)),
          authority: viewAt(current, at),
        });
      }
      items.sort((a, b) => a.code.localeCompare(b.code));
      return { status: 200, body: { at, items } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/matters/:code/authority',
    tag: 'authority',
    summary: '事项实施主体（指定时刻）',
    summaryEn: 'Who holds authority for a matter at an instant',
    access: { scope: 'tenant', roles: tenantStaff },
    query: AtQuery,
    success: 200,
    handler: async ({ deps, params, query, now }) => {
      const at = query.at ? toInstant(query.at) : now;
      const period = await new AuthorityRepository(deps.store).at(params.tenant ?? '', params.code ?? '', at);
      if (!period) {
        throw new Problem('not-found', {
          detail: `该时刻本租户未实施事项“${params.code}”`,
          detailEn: `the tenant does not handle matter '${params.code}' at ${at}`,
        });
      }
      return { status: 200, body: { at, ...viewAt(period, at) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/matters/:code/authority/history',
    tag: 'authority',
    summary: '事项实施主体时间线',
    summaryEn: 'Every authority period of a matter in the tenant',
    access: { scope: 'tenant', roles: tenantStaff },
    success: 200,
    handler: async ({ deps, params }) => {
      const history = await new AuthorityRepository(deps.store).history(
        params.tenant ?? '',
        params.code ?? '',
      );
      const items = history.map((p, i) => ({
        ...p,
        ...(history[i + 1] ? { to: history[i + 1]?.from } : {}),
      }));
      return { status: 200, body: { items } };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/v1/tenants/:tenant/matters/:code/settings',
    tag: 'authority',
    summary: '本地事项设置（承诺时限、窗口位置、收费）',
    summaryEn: "The tenant's own promised days, window location and fees for a matter",
    access: { scope: 'tenant', roles: tenantAdmins },
    body: LocalSettingsInput,
    success: 200,
    handler: async ({ deps, params, body, commit, now }) => {
      const tenant = params.tenant ?? '';
      const code = params.code ?? '';
      const def = await new CatalogueRepository(deps.store).matter(cityOfTenant(tenant), code);
      const held = await new AuthorityRepository(deps.store).history(tenant, code);
      if (!def || held.length === 0) {
        throw new DomainError('not-found', `本租户没有事项“${code}”`, `the tenant has no matter '${code}'`);
      }
      checkLocalSettings(def, body);
      return commit({
        action: 'matter.settings-changed',
        target: `${tenant}/${code}`,
        writes: [{ put: settingsItem(tenant, code, { ...body, updatedAt: now }) }],
        response: { status: 200, body: localMatter(def, code, body) },
      });
    },
  }),
];
