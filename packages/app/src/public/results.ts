import {
  APPLICANT_ACTOR,
  cityOfTenant,
  DomainError,
  parseBodyRef,
  parseCaseNo,
  queryCodeHash,
  type RatingDetails,
  ratingDetails,
  type Seal,
} from '@onewindow/domain';
import {
  accessLogOf,
  CatalogueRepository,
  type Store,
  type StoredCase,
  TenancyRepository,
} from '@onewindow/store';
import type { CaseOutcome, CaseService } from '../cases';
import type { Commands } from '../commands';
import type { Respond } from '../context';
import type { ResultSigner } from '../signing';

const wrongCode = () =>
  new DomainError('not-found', '办件编号或查询码不正确', 'wrong case number or query code');

/** What the public may do with a case number: progress with its query code, a rating, the seal's imprint (verification: ./verification.ts). */
export class PublicCaseService {
  constructor(
    private readonly store: Store,
    private readonly cases: CaseService,
    private readonly commands: Commands,
    private readonly signer?: ResultSigner,
  ) {}

  /**
   * A case a member of the public may see: the number names the tenant, the query code
   * must match. A wrong code answers exactly like a missing case, so codes cannot be probed.
   */
  async withCode(caseNo: string, code: string): Promise<StoredCase> {
    const { tenant } = parseCaseNo(caseNo);
    const stored = await this.cases.find(tenant, caseNo);
    if (!stored || stored.state.queryCodeHash !== queryCodeHash(caseNo, code)) throw wrongCode();
    return stored;
  }

  /** Who saw the applicant's data, for a case `withCode` opened: the applicant sees each access (PIPL art. 51). */
  accessLog(opened: StoredCase) {
    return accessLogOf(this.store, opened.state.tenant, opened.state.caseNo);
  }

  /** The applicant's rating; a repeat of the same rating answers as the first did (a retry, not a second rating). */
  async rate(
    input: { caseNo: string; code: string; rating: RatingDetails; now: string },
    respond: Respond<CaseOutcome>,
  ) {
    const stored = await this.withCode(input.caseNo, input.code);
    const s = stored.state;
    if (s.rating) {
      const { at: _at, ...given } = s.rating;
      if (JSON.stringify(ratingDetails(given)) === JSON.stringify(ratingDetails(input.rating)))
        return respond({ stored, events: [], allowedActions: [] });
    }
    // The city's rectification limit (R18) rides on the command, as the app resolves a binding.
    const evaluation = await new TenancyRepository(this.store).evaluation(cityOfTenant(s.tenant));
    // The audit record goes to the case's tenant, not to the platform, though no one signed in.
    return this.cases.run(this.commands.system(APPLICANT_ACTOR.sub, s.tenant, input.now), {
      loaded: stored,
      actor: APPLICANT_ACTOR,
      tenant: s.tenant,
      caseNo: input.caseNo,
      command: () => ({
        type: 'rate',
        ...input.rating,
        rectificationDays: evaluation.rectificationDays,
      }),
      respond,
    });
  }

  /** The seal on an issued result, with its body's name, for its imprint. */
  async resultSeal(caseNo: string): Promise<{ id: string; bodyName: string; sealName: string }> {
    const stored = await this.cases.find(parseCaseNo(caseNo).tenant, caseNo);
    const r = stored?.state.result;
    if (!r) throw new DomainError('not-found', '资源不存在', 'No such resource');
    const ref = parseBodyRef(r.seal.body);
    const [seal, body]: [Seal | undefined, { name: string } | undefined] = await Promise.all([
      new CatalogueRepository(this.store).seal(r.seal.tenant, r.seal.id),
      new TenancyRepository(this.store).body(ref.tenant, ref.code),
    ]);
    return { id: r.seal.id, bodyName: body?.name ?? r.seal.body, sealName: seal?.name ?? r.seal.id };
  }

  /** The keys results are signed with. */
  keys() {
    return this.signer ? [{ keyId: this.signer.keyId, alg: 'Ed25519', spki: this.signer.publicKey }] : [];
  }
}
