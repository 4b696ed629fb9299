import {
  type AuthorityPeriod,
  type AuthorityView,
  authorityAt,
  checkLocalSettings,
  cityOfTenant,
  DomainError,
  jointHandlingOf,
  type LocalMatterSettings,
  toInstant,
  viewAt,
} from '@onewindow/domain';
import {
  AuthorityRepository,
  CatalogueRepository,
  catalogueWrites,
  type Store,
  type StoredMatter,
} from '@onewindow/store';
import { CodeBook, type CodeLineageRow, codeLineage } from './code-lineage';
import type { Invocation, Respond } from './context';

/** A matter as one tenant handles it: the city's definition with the tenant's own settings over it. */
export function localMatter(
  def: StoredMatter | undefined,
  code: string,
  settings: LocalMatterSettings | undefined,
) {
  const joint = def ? jointHandlingOf(def, settings ?? {}) : undefined;
  const levels = settings?.approvalLevels ?? def?.approvalLevels;
  return {
    code,
    name: def?.name ?? code,
    type: def?.type,
    statutoryDays: def?.statutoryDays,
    promisedDays: settings?.promisedDays ?? def?.promisedDays,
    onTheSpot: def?.onTheSpot,
    fees: settings?.fees ?? def?.fees ?? [],
    ...(settings?.windowLocation ? { windowLocation: settings.windowLocation } : {}),
    ...(joint ? { jointHandling: joint } : {}),
    // The levels a case of the matter goes through here (R16): the tenant's, else the city's default.
    ...(levels ? { approvalLevels: levels } : {}),
    ...(settings?.materialMaxBytes ? { materialMaxBytes: settings.materialMaxBytes } : {}),
    ...(settings?.paperOriginals === false ? { paperOriginals: false as const } : {}),
  };
}

export type LocalMatter = ReturnType<typeof localMatter>;

/** An authority period with the instant the next one took over, when one did. */
export type AuthorityHistoryEntry = AuthorityPeriod & { readonly to?: string };

/**
 * What a tenant is empowered to handle (赋权事项) and who holds each matter's authority at
 * an instant, over the periods rollouts write; and the tenant's own settings of a matter.
 */
export class AuthorityService {
  private readonly authority: AuthorityRepository;
  private readonly catalogue: CatalogueRepository;

  constructor(private readonly store: Store) {
    this.authority = new AuthorityRepository(store);
    this.catalogue = new CatalogueRepository(store);
  }

  /** The tenant's matter list at `at`: every matter it holds then, as it handles it, by code. */
  async matters(tenant: string, at: string) {
    const instant = toInstant(at);
    const [periods, defs, settings] = await Promise.all([
      this.authority.all(tenant),
      this.catalogue.matters(cityOfTenant(tenant)),
      this.catalogue.settings(tenant),
    ]);
    const byMatter = new Map<string, AuthorityPeriod[]>();
    for (const p of periods) byMatter.set(p.matter, [...(byMatter.get(p.matter) ?? []), p]);
    const definitions = new Map(defs.map((d) => [d.code, d]));
    const codes = new CodeBook(this.store, cityOfTenant(tenant), {
      readable: (t) => t === tenant || tenant.startsWith(`${t}.`),
      matters: defs,
    });
    const items: (LocalMatter & { authority: AuthorityView; implementationCode: string | null })[] = [];
    for (const [code, history] of byMatter) {
      const current = authorityAt(history, instant);
      if (!current) continue;
      items.push({
        ...localMatter(definitions.get(code), code, settings.get(code)),
        authority: viewAt(current, instant),
        implementationCode: (await codes.code(current.body, code)) ?? null,
      });
    }
    items.sort((a, b) => a.code.localeCompare(b.code));
    return { at: instant, items };
  }

  /** Who holds authority for a matter at `at`; 404 when the tenant does not handle it then. */
  async at(tenant: string, matter: string, at: string): Promise<{ at: string } & AuthorityView> {
    const instant = toInstant(at);
    const period = await this.authority.at(tenant, matter, instant);
    if (!period) {
      throw new DomainError(
        'not-found',
        `该时刻本租户未实施事项“${matter}”`,
        `the tenant does not handle matter '${matter}' at ${instant}`,
      );
    }
    return { at: instant, ...viewAt(period, instant) };
  }

  /** The code-lineage ledger of a matter across the city (R15), oldest first. */
  codeLineage(city: string, matter: string): Promise<CodeLineageRow[]> {
    return codeLineage(this.store, city, matter);
  }

  /** Every authority period of a matter in the tenant, oldest first, each with when it ended. */
  async history(tenant: string, matter: string): Promise<AuthorityHistoryEntry[]> {
    const history = await this.authority.history(tenant, matter);
    return history.map((p, i) => ({ ...p, ...(history[i + 1] ? { to: history[i + 1]?.from } : {}) }));
  }

  /** The tenant's own promised days, window location and fees for a matter it holds. */
  async setSettings(
    invocation: Invocation,
    tenant: string,
    code: string,
    settings: LocalMatterSettings,
    respond: Respond<LocalMatter>,
  ) {
    const [def, held] = await Promise.all([
      this.catalogue.matter(cityOfTenant(tenant), code),
      this.authority.history(tenant, code),
    ]);
    if (!def || held.length === 0) {
      throw new DomainError('not-found', `本租户没有事项“${code}”`, `the tenant has no matter '${code}'`);
    }
    checkLocalSettings(def, settings);
    return invocation.commit({
      action: 'matter.settings-changed',
      target: `${tenant}/${code}`,
      writes: catalogueWrites.setSettings(tenant, code, { ...settings, updatedAt: invocation.now }),
      response: respond(localMatter(def, code, settings)),
    });
  }
}
