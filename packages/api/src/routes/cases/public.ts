import {
  DomainError,
  isSm2Result,
  isVerificationCode,
  resultSignedData,
  type Seal,
  type SealedResult,
  SM2_DEFAULT_ID,
  sealImprintSvg,
} from '@onewindow/domain';
import { ProgressQuery, RatingInput, VerifyQuery } from '../../case-schemas';
import { defineRoute, type RouteSpec } from '../../route';
import { progressView } from './views';

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

export const publicRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/v1/public/cities',
    tag: 'public',
    summary: '城市列表',
    summaryEn: 'The cities, where the public starts looking for a service centre',
    access: 'public',
    success: 200,
    handler: async ({ services }) => ({ status: 200, body: { items: await services.guides.cities() } }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/cities/:city/tenants',
    tag: 'public',
    summary: '服务中心列表（办事指南入口）',
    summaryEn: 'The service centres of a city, where the public picks a service guide',
    access: 'public',
    success: 200,
    handler: async ({ services, params }) => ({
      status: 200,
      body: await services.guides.centres(params.city),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/:tenant/guide',
    tag: 'public',
    summary: '办事指南（第三十条公示内容）',
    summaryEn: 'Service guide of a tenant: what art. 30 requires a hall to display',
    access: 'public',
    success: 200,
    handler: async ({ services, params, now }) => {
      const g = await services.guides.guide(params.tenant, now);
      return {
        status: 200,
        body: {
          ...g,
          matters: g.matters.map((m) => ({
            code: m.code,
            name: m.name,
            typeName: m.typeName,
            implementingBody: m.implementingBody,
            window: m.window,
            promisedDays: m.promisedDays,
            onTheSpot: m.onTheSpot,
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/:tenant/guide/:code',
    tag: 'public',
    summary: '单个事项办事指南',
    summaryEn: 'Service guide of one matter',
    access: 'public',
    success: 200,
    handler: async ({ services, params, now }) => ({
      status: 200,
      body: await services.guides.matter(params.tenant, params.code, now),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/cases/:caseNo',
    tag: 'public',
    summary: '办件进度查询（办件编号＋查询码）',
    summaryEn: 'Case progress by case number and query code',
    access: 'public',
    query: ProgressQuery,
    success: 200,
    handler: async ({ services, params, query }) => {
      const stored = await services.publicCases.withCode(params.caseNo, query.code ?? '');
      const accessLog = await services.publicCases.accessLog(stored);
      return { status: 200, body: progressView(stored, accessLog) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/public/cases/:caseNo/rating',
    tag: 'public',
    summary: '好差评（1–5级；1、2级生成整改任务）',
    summaryEn: 'Rate the service 1–5 after issuance; 1 or 2 opens a rectification due in 5 working days',
    access: 'public',
    body: RatingInput,
    success: 200,
    handler: ({ services, params, body, now }) =>
      services.publicCases.rate(
        {
          caseNo: params.caseNo,
          code: body.code,
          level: body.level,
          now,
          ...(body.comment ? { comment: body.comment } : {}),
        },
        ({ stored }) => ({ status: 200, body: progressView(stored) }),
      ),
  }),
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
      } = await services.publicCases.verify(caseNo);
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
  defineRoute({
    method: 'get',
    path: '/v1/public/results/:caseNo/seal.svg',
    tag: 'public',
    summary: '结果所盖印章印模',
    summaryEn: 'The imprint of the seal on a result',
    access: 'public',
    success: 200,
    produces: 'image/svg+xml',
    handler: async ({ c, services, params }) => {
      const seal = await services.publicCases.resultSeal(params.caseNo);
      const svg = sealImprintSvg({ ...seal, voided: false });
      return c.body(svg, 200, {
        'content-type': 'image/svg+xml; charset=utf-8',
        'cache-control': 'public, max-age=300',
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/keys',
    tag: 'public',
    summary: '结果签名公钥',
    summaryEn: 'The public keys results are signed with (Ed25519, SPKI base64url)',
    access: 'public',
    success: 200,
    handler: async ({ services }) => ({ status: 200, body: { keys: services.publicCases.keys() } }),
  }),
];
