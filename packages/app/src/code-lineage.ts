import {
  type AgreementCodeRow,
  type AuthorityPeriod,
  type Body,
  bodyImplementationCode,
  type CodeChange,
  codeChangeOf,
  implementingRef,
  type MatterDefinition,
  parseBodyRef,
  type Rollout,
} from '@onewindow/domain';
import { AuthorityRepository, CatalogueRepository, type Store, TenancyRepository } from '@onewindow/store';

const basicCodes = (defs: readonly Pick<MatterDefinition, 'code' | 'basicCode'>[]) =>
  new Map(defs.flatMap((d) => (d.basicCode ? [[d.code, d.basicCode] as const] : [])));

/**
 * What deriving implementation codes needs (R15): the city's basic codes and the bodies'
 * USCCs, each read once (one Query per tenant) however many matters ask.
 */
export class CodeBook {
  private readonly tenancy: TenancyRepository;
  private readonly authority: AuthorityRepository;
  private readonly bodies = new Map<string, Promise<Map<string, Body>>>();
  private readonly periods = new Map<string, Promise<AuthorityPeriod[]>>();
  private readonly matterScope: readonly string[] | undefined;
  private readonly readable: (tenant: string) => boolean;
  private basic: Promise<Map<string, string>> | undefined;

  constructor(
    private readonly store: Store,
    private readonly city: string,
    options: {
      /** Tenants whose bodies may be read; others' codes are unknown (a tenant reads itself and its ancestors). */
      readonly readable?: (tenant: string) => boolean;
      /** The city's catalogue when the caller has read it already. */
      readonly matters?: readonly Pick<MatterDefinition, 'code' | 'basicCode'>[];
      /** The only matters `history` and `changeOf` will be asked about (a rollout's): only their periods are read. */
      readonly about?: readonly string[];
    } = {},
  ) {
    this.tenancy = new TenancyRepository(store);
    this.authority = new AuthorityRepository(store);
    this.readable = options.readable ?? (() => true);
    this.matterScope = options.about;
    if (options.matters) this.basic = Promise.resolve(basicCodes(options.matters));
  }

  basicCode(matter: string): Promise<string | undefined> {
    this.basic ??= new CatalogueRepository(this.store).matterCodes(this.city).then(basicCodes);
    return this.basic.then((m) => m.get(matter));
  }

  async body(ref: string): Promise<Body | undefined> {
    const { tenant, code } = parseBodyRef(ref);
    if (!this.readable(tenant)) return undefined;
    let list = this.bodies.get(tenant);
    if (!list) {
      list = this.tenancy.bodies(tenant).then((bs) => new Map(bs.map((b) => [b.code, b])));
      this.bodies.set(tenant, list);
    }
    return (await list).get(code);
  }

  /** The implementation code of `matter` while `bodyRef` holds it, when both carry their codes. */
  async code(bodyRef: string | undefined, matter: string): Promise<string | undefined> {
    if (bodyRef === undefined) return undefined;
    const [body, basicCode] = await Promise.all([this.body(bodyRef), this.basicCode(matter)]);
    return bodyImplementationCode(body && { ref: bodyRef, uscc: body.uscc }, basicCode);
  }

  /** The tenant's periods: all of them, or those of the matters the book was told it is about. */
  history(tenant: string): Promise<AuthorityPeriod[]> {
    let list = this.periods.get(tenant);
    if (!list) {
      list = this.matterScope
        ? this.authority.ofMatters(tenant, this.matterScope)
        : this.authority.all(tenant);
      this.periods.set(tenant, list);
    }
    return list;
  }

  /**
   * The code change a new period makes: from the code of the period before it (the latest
   * that started earlier) to its own. Derived only from what precedes the period, so writing
   * the period again derives the same row: a retried apply never adds a second one.
   */
  async changeOf(
    p: Pick<AuthorityPeriod, 'tenant' | 'matter' | 'from' | 'body'>,
  ): Promise<CodeChange | undefined> {
    let before: AuthorityPeriod | undefined;
    for (const q of await this.history(p.tenant)) {
      if (q.matter === p.matter && q.from < p.from && (!before || q.from > before.from)) before = q;
    }
    const [oldCode, newCode] = await Promise.all([
      this.code(before?.body, p.matter),
      this.code(p.body, p.matter),
    ]);
    return codeChangeOf(oldCode, newCode);
  }

  /** The period with its ledger row when its move changes the code. */
  async withCodeChange(p: AuthorityPeriod): Promise<AuthorityPeriod> {
    const codeChange = await this.changeOf(p);
    return codeChange ? { ...p, codeChange } : p;
  }
}

/** A row of the code-lineage ledger as the API answers it. */
export interface CodeLineageRow {
  readonly tenant: string;
  readonly matter: string;
  /** When the new code took effect (the move's effective instant). */
  readonly from: string;
  /** When a later move replaced it, if one has. */
  readonly to?: string;
  readonly oldCode: string | null;
  readonly newCode: string;
  readonly rollout: string | null;
  readonly fromBody: string | null;
  readonly toBody: string;
}

/**
 * The code-lineage ledger of one matter across a city (R15): the rows rollouts wrote on the
 * periods they opened, oldest first. One Query for the tenants and one per tenant.
 */
export async function codeLineage(store: Store, city: string, matter: string): Promise<CodeLineageRow[]> {
  const tenants = await new TenancyRepository(store).tenants(city);
  const authority = new AuthorityRepository(store);
  const perTenant = await Promise.all(
    tenants.map(async (t) => {
      const history = await authority.history(t.id, matter);
      const rows: CodeLineageRow[] = [];
      let previousBody: string | undefined;
      for (const p of history) {
        if (p.codeChange) {
          const last = rows.at(-1);
          if (last) rows[rows.length - 1] = { ...last, to: p.from };
          rows.push({
            tenant: p.tenant,
            matter: p.matter,
            from: p.from,
            oldCode: p.codeChange.oldCode ?? null,
            newCode: p.codeChange.newCode,
            rollout: p.rollout ?? null,
            fromBody: previousBody ?? null,
            toBody: p.body,
          });
        }
        previousBody = p.body;
      }
      return rows;
    }),
  );
  return perTenant
    .flat()
    .sort((a, b) => (a.from === b.from ? a.tenant.localeCompare(b.tenant) : a.from < b.from ? -1 : 1));
}

/**
 * The code table of a handover agreement: for each matter of the rollout in the tenant, the
 * ledger's row once the rollout applied it, else the change its period would make then.
 */
export async function agreementCodes(store: Store, r: Rollout, tenant: string): Promise<AgreementCodeRow[]> {
  const codes = new CodeBook(store, r.city, { about: r.matters });
  const periods = await codes.history(tenant);
  // Every read is cached by the book, so the matters share a handful of queries.
  const rows = await Promise.all(
    r.matters.map(async (matter): Promise<AgreementCodeRow | undefined> => {
      const applied = periods.find(
        (p) => p.matter === matter && p.from === r.effectiveAt && p.rollout === r.id,
      );
      const change = applied
        ? applied.codeChange
        : await codes.changeOf({
            tenant,
            matter,
            from: r.effectiveAt,
            body: implementingRef(r, tenant, matter),
          });
      return (
        change && { matter, oldCode: change.oldCode ?? null, newCode: change.newCode, recorded: !!applied }
      );
    }),
  );
  return rows.filter((x) => x !== undefined);
}
