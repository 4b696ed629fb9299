import {
  DomainError,
  isSm2Result,
  isVerificationCode,
  resultSignedData,
  type Seal,
  type SealedResult,
  SM2_DEFAULT_ID,
} from '@onewindow/domain';
import { VerifyQuery } from '../../case-schemas';
import { defineRoute, type RouteSpec } from '../../route';

/** An SM2-signed result's signature as an outside SM2 library takes it (API.md, round 2). */
const sm2Evidence = (r: SealedResult, publicKey: string) => ({
  signerId: SM2_DEFAULT_ID,
  publicKey,
  value: r.signature,
  signedData: Buffer.from(resultSignedData(r)).toString('base64'),
});

/**
 * The seal's certificate (base64 DER) and its status: `revoked` once the seal is void (its void
 * revokes the certificate), `pending` until the city's seal CA has issued it.
 */
const sealCertificateOf = (key: { certificate?: string }, seal: Seal | undefined, now: string) => {
  const revoked = seal?.voidedAt !== undefined && seal.voidedAt <= now;
  return {
    certificate: key.certificate ?? null,
    status: revoked ? ('revoked' as const) : key.certificate ? ('valid' as const) : ('pending' as const),
    ...(revoked && seal?.voidedAt ? { revokedAt: seal.voidedAt } : {}),
  };
};

/**
 * The public verification of a result. The files Lambda serves it (infra/constructs/api.ts):
 * checking an SM2 signature and reading the seal's certificate do not fit the cases bundle
 * beside issuance.
 */
export const verifyRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/v1/public/results/:caseNo/verify',
    tag: 'public',
    summary: '验证办理结果（签名与印章；附核验码时显示结果内容）',
    summaryEn:
      'Verify a result: whether its signature and seal hold; with the verification code printed on it, what it says too',
    access: 'public',
    query: VerifyQuery,
    success: 200,
    handler: async ({ services, params, query, now }) => {
      const { caseNo } = params;
      const {
        result: r,
        seal,
        signatureValid,
        keyKnown,
        sealValid,
        licence,
        names,
        key,
      } = await services.verification.verify(caseNo);
      // A wrong code is a guess: it answers 404 and counts toward the case's lock (pipeline/rate-limit.ts).
      if (query.code !== undefined && !isVerificationCode(r.signature, query.code)) {
        throw new DomainError(
          'not-found',
          '办件编号或核验码不正确',
          'wrong case number or verification code',
        );
      }
      const check = {
        caseNo,
        valid: signatureValid && sealValid,
        signature: {
          algorithm: isSm2Result(r) ? ('SM2-with-SM3' as const) : ('Ed25519' as const),
          status: signatureValid
            ? ('valid' as const)
            : keyKnown
              ? ('invalid' as const)
              : ('unknown-key' as const),
          // The signature with what it covers, for any SM2 library; the value gives the code away, so only with it.
          ...(key && query.code !== undefined ? sm2Evidence(r, key.publicKey) : {}),
        },
        // The e-licence's status (revoked, cancelled…) shows to anyone; with the code, its identifier and why.
        ...(licence
          ? {
              licence: {
                status: licence.status,
                ...(query.code !== undefined ? { id: licence.id } : {}),
                ...(query.code !== undefined && licence.statusChange
                  ? { reason: licence.statusChange.reason, changedAt: licence.statusChange.at }
                  : {}),
              },
            }
          : {}),
      };
      // Without the code the caller may hold no more than a case number: only whether a genuine result exists.
      if (query.code === undefined) return { status: 200, body: { ...check, disclosure: 'summary' } };
      return {
        status: 200,
        body: {
          ...check,
          disclosure: 'full',
          seal: {
            id: r.seal.id,
            body: r.seal.body,
            name: seal?.name,
            validAtIssue: sealValid,
            ...(seal?.voidedAt ? { voidedAt: seal.voidedAt } : {}),
            imprint: `/v1/public/results/${caseNo}/seal.svg`,
            ...(key ? sealCertificateOf(key, seal, now) : {}),
          },
          matterName: r.matterName,
          outcome: r.outcome,
          approvingBody: r.approvingBody,
          ...(names.approvingBody ? { approvingBodyName: names.approvingBody } : {}),
          decidedAt: r.decidedAt,
          issuedAt: r.issuedAt,
          keyId: r.keyId,
        },
      };
    },
  }),
];
