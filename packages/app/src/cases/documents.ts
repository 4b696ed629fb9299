import {
  type CaseState,
  cityOfTenant,
  type DocumentKind,
  documentIssuedBy,
  type MatterType,
  parseBodyRef,
  responsibilityOf,
} from '@onewindow/domain';
import { CaseRepository, CatalogueRepository, type Store, TenancyRepository } from '@onewindow/store';

/** What an official document prints beside the case: read for the printable pages only (the files Lambda). */
export interface DocumentFacts {
  readonly tenantName: string;
  readonly hall: { readonly address?: string; readonly phone?: string };
  readonly matterType?: MatterType;
  readonly legalBasis?: string;
  /** The name of the staff member whose act issued the document. */
  readonly handler?: string;
  /** R4: the body a reconsideration names as respondent, by name. */
  readonly respondent: string;
  /** The body that handles or decided the case, by name; the tenant's when none is known yet. */
  readonly bodyName: string;
  /** The names of the approval levels' signers by id (R16), when the decision had levels. */
  readonly signers?: Readonly<Record<string, string>>;
}

/**
 * The facts of the tenant, matter, staff and bodies an official document prints (文书): the
 * hall's address and phone, the matter's kind of power and legal basis, the handling person's
 * name and the reconsideration respondent's. Kept apart from CaseService so the cases bundle,
 * which prints nothing, does not carry it.
 */
export class CaseDocuments {
  private readonly tenancy: TenancyRepository;
  private readonly catalogue: CatalogueRepository;
  private readonly cases: CaseRepository;

  constructor(store: Store) {
    this.tenancy = new TenancyRepository(store);
    this.catalogue = new CatalogueRepository(store);
    this.cases = new CaseRepository(store);
  }

  async facts(state: CaseState, kind: DocumentKind): Promise<DocumentFacts> {
    const r = responsibilityOf(state);
    const bodyRef = r.approvingBody ?? undefined;
    const [tenant, matter, events, body] = await Promise.all([
      this.tenancy.tenant(state.tenant),
      this.catalogue.matter(cityOfTenant(state.tenant), state.matter),
      this.cases.events(state.tenant, state.caseNo),
      bodyRef ? this.bodyName(bodyRef) : undefined,
    ]);
    const issuing = [...events].reverse().find((e) => documentIssuedBy(e.type) === kind);
    const actor =
      kind === 'decision' ? (state.decision?.by ?? issuing?.actor) : (issuing?.actor ?? state.receivedBy);
    const tenantName = tenant?.name ?? state.tenant;
    const handler = actor ? await this.staffName(state, actor) : undefined;
    const ids = [...new Set((state.decision?.opinions ?? []).map((o) => o.by))];
    const names = await Promise.all(
      ids.map(async (id) => [id, (await this.staffName(state, id)) ?? id] as const),
    );
    return {
      tenantName,
      hall: {
        ...(tenant?.address ? { address: tenant.address } : {}),
        ...(tenant?.phone ? { phone: tenant.phone } : {}),
      },
      ...(matter ? { matterType: matter.type, legalBasis: matter.legalBasis } : {}),
      ...(handler ? { handler } : {}),
      respondent: body ?? tenantName,
      bodyName: body ?? tenantName,
      ...(names.length ? { signers: Object.fromEntries(names) } : {}),
    };
  }

  private async bodyName(ref: string): Promise<string | undefined> {
    const { tenant, code } = parseBodyRef(ref);
    return (await this.tenancy.body(tenant, code))?.name;
  }

  /** A staff member of the case's tenant, or of the tenant of the body bound to it (a district body). */
  private async staffName(state: CaseState, sub: string): Promise<string | undefined> {
    const tenants = [state.tenant, ...(state.binding ? [state.binding.body.split('/')[0] ?? ''] : [])];
    for (const t of new Set(tenants)) {
      const found = t ? await this.tenancy.staffMember(t, sub) : undefined;
      if (found) return found.name;
    }
    return undefined;
  }
}
