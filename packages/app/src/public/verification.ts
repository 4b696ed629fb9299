import {
  type CaseResult,
  canonicalJson,
  DomainError,
  isSm2Result,
  licenceIdOf,
  parseBodyRef,
  parseCaseNo,
  resultSignedData,
  sealUsableAt,
  toInstant,
} from '@onewindow/domain';
import {
  CatalogueRepository,
  LicenceRepository,
  SealKeyRepository,
  type Store,
  TenancyRepository,
} from '@onewindow/store';
import type { CaseService } from '../cases';
import { nativeSm2Verify } from '../esign/native-sm2';
import type { ResultSigner } from '../signing';

const noResult = () => new DomainError('not-found', '没有该编号的办理结果', 'no result with this number');

/**
 * The public verification of a result: its signature (SM2 by the seal's key; Ed25519 for results
 * issued before electronic seals, where this process has that key) and its seal. Its own service
 * because the files Lambda serves it: the cases bundle keeps only what issuance needs.
 */
export class ResultVerification {
  constructor(
    private readonly store: Store,
    private readonly cases: CaseService,
    private readonly signer?: ResultSigner,
  ) {}

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
}
