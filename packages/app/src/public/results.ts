import {
  APPLICANT_ACTOR,
  type CaseResult,
  canonicalJson,
  DomainError,
  isSm2Result,
  licenceIdOf,
  parseBodyRef,
  parseCaseNo,
  queryCodeHash,
  resultSignedData,
  type Seal,
  sealUsableAt,
  toInstant,
} from '@onewindow/domain';
import {
  accessLogOf,
  CatalogueRepository,
  LicenceRepository,
  SealKeyRepository,
  type Store,
  type StoredCase,
  TenancyRepository,
} from '@onewindow/store';
import type { CaseOutcome, CaseService } from '../cases';
import type { Commands } from '../commands';
import type { Respond } from '../context';
import { nativeSm2Verify } from '../esign/native-sm2';
import type { ResultSigner } from '../signing';

const wrongCode = () =>
  new DomainError('not-found', '办件编号或查询码不正确', 'wrong case number or query code');
const noResult = () => new DomainError('not-found', '没有该编号的办理结果', 'no result with this number');

/** What the public may do with a case number: progress with its query code, a rating, a result's verification. */
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
    input: { caseNo: string; code: string; level: number; comment?: string; now: string },
    respond: Respond<CaseOutcome>,
  ) {
    const stored = await this.withCode(input.caseNo, input.code);
    const s = stored.state;
    if (s.rating && s.rating.level === input.level && (s.rating.comment ?? '') === (input.comment ?? '')) {
      return respond({ stored, events: [], allowedActions: [] });
    }
    // The audit record goes to the case's tenant, not to the platform, though no one signed in.
    return this.cases.run(this.commands.system(APPLICANT_ACTOR.sub, s.tenant, input.now), {
      loaded: stored,
      actor: APPLICANT_ACTOR,
      tenant: s.tenant,
      caseNo: input.caseNo,
      command: () => ({
        type: 'rate',
        level: input.level,
        ...(input.comment ? { comment: input.comment } : {}),
      }),
      respond,
    });
  }

  /** Whether a result's signature and seal hold; says which part fails, never why in detail. */
  async verify(caseNo: string) {
    const stored = await this.cases.find(parseCaseNo(caseNo).tenant, caseNo);
    const r = stored?.state.result;
    if (!r) throw noResult();
    const { signature, delivery: _d, ...signed } = r;
    const result: CaseResult = signed;
    const approving = parseBodyRef(r.approvingBody);
    const tenancy = new TenancyRepository(this.store);
    const [key, seal, licence, approvingBody] = await Promise.all([
      // SM2 with the seal's key since electronic seals (issue 14); Ed25519 before, checked only for those results.
      isSm2Result(r) ? new SealKeyRepository(this.store).key(r.seal.tenant, r.seal.id) : undefined,
      new CatalogueRepository(this.store).seal(r.seal.tenant, r.seal.id),
      // The e-licence the result became: a revocation or cancellation shows at once.
      r.outcome === 'approve' ? new LicenceRepository(this.store).get(r.tenant, licenceIdOf(r)) : undefined,
      // The name a reader checks the paper against (the seal's name names its body too).
      tenancy.body(approving.tenant, approving.code),
    ]);
    const signer = this.signer;
    const keyKnown = key ? key.keyId === r.keyId : signer?.keyId === r.keyId;
    const signatureValid = key
      ? keyKnown &&
        nativeSm2Verify(Buffer.from(key.publicKey, 'hex'), resultSignedData(r), Buffer.from(signature, 'hex'))
      : keyKnown && signer?.verify(canonicalJson(result), signature) === true;
    const names = { approvingBody: approvingBody?.name };
    const sealValid =
      seal !== undefined && seal.body === r.seal.body && sealUsableAt(seal, toInstant(r.issuedAt));
    return { result: r, seal, signatureValid, keyKnown, sealValid, licence, names, key };
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
