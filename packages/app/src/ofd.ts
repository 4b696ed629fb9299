import { OFD_PATHS, ofdResultParts, packOfd, signatureXml } from '@onewindow/documents/ofd';
import {
  cityOfTenant,
  DomainError,
  LICENCE_MATTER_TYPES,
  licenceIdOf,
  type SealedResult,
  sm3,
  verificationCodeOf,
} from '@onewindow/domain';
import { CatalogueRepository, caseKeys, type Store, type StoredCase } from '@onewindow/store';
import type { CaseService } from './cases';
import type { Commands } from './commands';

/** Signs with a seal (GB/T 38540 SES_Signature over `data`): the seal PKI's `signSes`. */
export interface SesSigner {
  signSes(input: {
    readonly tenant: string;
    readonly seal: { readonly id: string; readonly body: string; readonly tenant: string };
    readonly data: Uint8Array;
    readonly propertyInfo?: string;
    readonly now?: string;
  }): Promise<Uint8Array>;
}

/** The actor the sealing of an OFD result is audited under. */
export const OFD_ACTOR = 'system:ofd-result';

const ofdKey = (tenant: string, caseNo: string) => ({ pk: caseKeys.case(tenant, caseNo).pk, sk: 'OFD' });

interface StoredOfd {
  readonly ofd: Uint8Array;
  readonly signedAt: string;
}

const noResult = () =>
  new DomainError('not-found', '该办件尚未出件', 'no result has been issued for this case');

/**
 * The result as an OFD package (GB/T 33190) sealed with the result's seal (GB/T 38540). It is
 * sealed once: the first build signs and stores the whole package under a condition, and every
 * later download (staff or public) answers the stored bytes, identical to the first; a build that
 * loses the race answers the winner's. The stream worker builds it right after issuance.
 */
export class OfdResults {
  constructor(
    private readonly store: Store,
    private readonly cases: CaseService,
    private readonly commands: Commands,
    private readonly signer?: SesSigner,
    /** Where the printed verification link points, when the caller has no request to take it from. */
    private readonly publicBaseUrl?: string,
  ) {}

  /** The stored package, or the first one built now. */
  async of(stored: StoredCase, now: string, baseUrl?: string): Promise<Uint8Array> {
    const r = stored.state.result;
    if (!r) throw noResult();
    const found = await this.store.get<StoredOfd>(ofdKey(r.tenant, r.caseNo));
    if (found) return new Uint8Array(found.ofd);
    return this.seal(stored, r, now, baseUrl ?? this.publicBaseUrl);
  }

  /**
   * The stream worker: seals the OFD of each issued result it has not sealed yet. A build that
   * fails (a seal voided since, a vault that does not answer) is left to the first download, so
   * it never holds the stream up; the failures are answered for the log.
   */
  async sealIssued(issued: readonly { tenant: string; caseNo: string }[], now: string): Promise<Error[]> {
    if (!this.signer || !this.publicBaseUrl) return [];
    const failed: Error[] = [];
    for (const i of issued) {
      try {
        const stored = await this.cases.find(i.tenant, i.caseNo);
        if (stored?.state.result) await this.of(stored, now);
      } catch (error) {
        failed.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return failed;
  }

  private async seal(stored: StoredCase, r: SealedResult, now: string, baseUrl: string | undefined) {
    if (!this.signer) throw new Error('this process has no seal signer for OFD results');
    const [names, licenceId] = await Promise.all([
      this.cases.printedNames(stored.state),
      this.licenceIdOf(r),
    ]);
    const verifyUrl = `${baseUrl ?? ''}/v1/public/results/${r.caseNo}/verify?code=${verificationCodeOf(r.signature)}`;
    const { parts, stamp } = ofdResultParts({
      result: r,
      bodyName: names.bodyName ?? r.seal.body,
      sealName: names.sealName ?? r.seal.id,
      verifyUrl,
      ...(licenceId ? { licenceId } : {}),
    });
    const signature = signatureXml({ parts, digest: sm3, time: now, stamp });
    const signedValue = await this.signer.signSes({
      tenant: r.seal.tenant,
      seal: r.seal,
      data: signature,
      propertyInfo: `/${OFD_PATHS.signature}`,
      now,
    });
    parts.set(OFD_PATHS.signature, signature);
    parts.set(OFD_PATHS.signedValue, signedValue);
    const ofd = packOfd(parts, r.issuedAt);
    try {
      await this.commands.system(OFD_ACTOR, r.tenant, now).commit({
        action: 'result.ofd-sealed',
        target: `${r.tenant}/${r.caseNo}`,
        writes: [
          {
            put: {
              ...ofdKey(r.tenant, r.caseNo),
              entity: 'ofd-result',
              caseNo: r.caseNo,
              ofd,
              signedAt: now,
            },
            ifNew: new DomainError('conflict', 'OFD 已生成', 'the OFD result is already sealed'),
          },
        ],
        response: { status: 201, body: {} },
      });
      return ofd;
    } catch (error) {
      if (!(error instanceof DomainError && error.type === 'conflict')) throw error;
      // Another build sealed it first: its bytes are the result's.
      const winner = await this.store.get<StoredOfd>(ofdKey(r.tenant, r.caseNo));
      if (!winner) throw error;
      return new Uint8Array(winner.ofd);
    }
  }

  /** The e-licence identifier an approval of a licence-type matter carries (licences.ts). */
  private async licenceIdOf(r: SealedResult): Promise<string | undefined> {
    if (r.outcome !== 'approve') return undefined;
    const matter = await new CatalogueRepository(this.store).matter(cityOfTenant(r.tenant), r.matter);
    return matter && LICENCE_MATTER_TYPES.includes(matter.type) ? licenceIdOf(r) : undefined;
  }
}
