import { CASE_STATUSES, MATTER_TYPES, MODES, STEP_KINDS, TENANT_KINDS } from '@onewindow/domain';
import * as z from 'zod/mini';
import { AccessEntry, ratingLevel } from './cases';
import { Fee, Material } from './catalogue';
import { LicenceStatusView } from './licences';
import { bilingual, bodyRef, date, days, idName, instant, listOf, named } from './registry';

export const PublicCityList = named('PublicCityList', '城市列表 The cities', listOf(idName));

export const PublicTenantList = named(
  'PublicTenantList',
  '服务中心列表 The tenants of a city, where the public picks a service guide',
  z.strictObject({
    city: idName,
    items: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        kind: z.enum(TENANT_KINDS),
        parent: z.optional(z.string()),
      }),
    ),
  }),
);
export type PublicTenantList = z.infer<typeof PublicTenantList>;

const implementingBody = z.strictObject({ ref: bodyRef, name: z.string() });
const guideRowShape = {
  code: z.string(),
  name: z.string(),
  /** The matter type in Chinese (行政许可 …). */
  typeName: z.string(),
  implementingBody,
  /** Where to apply: the window the tenant set, else the implementing body. */
  window: z.string(),
  promisedDays: days,
  onTheSpot: z.boolean(),
};

export const GuideRow = named(
  'GuideRow',
  '办事指南条目 A matter in a tenant’s service guide',
  z.strictObject(guideRowShape),
);
export type GuideRow = z.infer<typeof GuideRow>;

export const Guide = named(
  'Guide',
  '办事指南（第三十条公示内容）Every matter the tenant handles now',
  z.strictObject({ tenant: idName, at: instant, matters: z.array(GuideRow) }),
);
export type Guide = z.infer<typeof Guide>;

export const GuideMatter = named(
  'GuideMatter',
  '单个事项办事指南 What art. 30 requires a hall to display for one matter',
  z.strictObject({
    tenant: idName,
    ...guideRowShape,
    type: z.enum(MATTER_TYPES),
    mode: z.enum(MODES),
    legalBasis: z.string(),
    items: z.array(z.strictObject({ code: z.string(), name: z.string() })),
    materials: z.array(Material),
    fees: z.array(Fee),
    statutoryDays: days,
    /** The steps in order, Chinese. */
    procedure: z.array(z.string()),
    supervisingBody: bodyRef,
    supervisingBodyName: z.optional(z.string()),
  }),
);
export type GuideMatter = z.infer<typeof GuideMatter>;

export const Progress = named(
  'CaseProgress',
  '办件进度（无身份证件号码、无工作人员姓名）A case as the public sees it by number and query code',
  z.strictObject({
    caseNo: z.string(),
    matterName: z.string(),
    status: z.enum(CASE_STATUSES),
    statusName: bilingual,
    receivedAt: instant,
    acceptedAt: z.optional(instant),
    dueDate: z.optional(date),
    notices: z.array(
      z.strictObject({
        kind: z.enum(['one-time-notice', 'clock-excluded', 'clock-resumed', 'extension']),
        at: instant,
        zh: z.string(),
        en: z.string(),
      }),
    ),
    steps: z.array(
      z.strictObject({ kind: z.enum(STEP_KINDS), startedAt: instant, finishedAt: z.optional(instant) }),
    ),
    outcome: z.optional(z.enum(['approve', 'deny'])),
    decidedAt: z.optional(instant),
    issuedAt: z.optional(instant),
    /** Path of the result's public verification, once issued. */
    verify: z.optional(z.string()),
    closing: z.optional(z.strictObject({ reason: z.string(), competentAuthority: z.optional(z.string()) })),
    rating: z.optional(z.strictObject({ level: ratingLevel, at: instant })),
    canRate: z.boolean(),
    /** Each material and whether it is provided, until the decision: what the applicant can still upload online (issue 16). */
    materials: z.optional(
      z.array(z.strictObject({ code: z.string(), name: z.string(), provided: z.boolean() })),
    ),
    /** Who saw the applicant's data (body, role, purpose, when); the progress read carries it, a rating's answer not. */
    accessLog: z.optional(z.array(AccessEntry)),
  }),
);
export type Progress = z.infer<typeof Progress>;

export const Verification = named(
  'ResultVerification',
  '办理结果验证：签名与印章是否成立；附核验码时（disclosure=full）另含结果内容 Whether a result’s signature and seal hold; with its verification code (disclosure full), what it says too',
  z.strictObject({
    caseNo: z.string(),
    /** summary: no code was given, only whether a genuine result exists; full: the code matched. */
    disclosure: z.enum(['summary', 'full']),
    valid: z.boolean(),
    /**
     * SM2-with-SM3 with the seal's own key (Ed25519 for results issued before electronic seals).
     * With the code: the signer id, public key (hex 04‖x‖y), value (hex DER) and signedData (base64
     * of exactly the signed bytes), so any SM2 library can check it.
     */
    signature: z.strictObject({
      algorithm: z.enum(['SM2-with-SM3', 'Ed25519']),
      status: z.enum(['valid', 'invalid', 'unknown-key']),
      signerId: z.optional(z.string()),
      publicKey: z.optional(z.string().check(z.regex(/^04[0-9a-f]{128}$/))),
      value: z.optional(z.string().check(z.regex(/^[0-9a-f]+$/))),
      signedData: z.optional(z.string()),
    }),
    seal: z.optional(
      z.strictObject({
        id: z.string(),
        body: bodyRef,
        name: z.optional(z.string()),
        validAtIssue: z.boolean(),
        voidedAt: z.optional(instant),
        imprint: z.string(),
        /** The seal's X.509 certificate (SM2, base64 DER); null until the city's seal CA has issued it. */
        certificate: z.optional(z.nullable(z.string())),
        /** valid; revoked (the seal is void, its certificate on the revocation list); pending (no certificate yet). */
        status: z.optional(z.enum(['valid', 'revoked', 'pending'])),
        revokedAt: z.optional(instant),
      }),
    ),
    matterName: z.optional(z.string()),
    outcome: z.optional(z.enum(['approve', 'deny'])),
    approvingBody: z.optional(bodyRef),
    approvingBodyName: z.optional(z.string()),
    decidedAt: z.optional(instant),
    issuedAt: z.optional(instant),
    keyId: z.optional(z.string()),
    /** The e-licence the result became (licence-type matters): its status always, its id and reason with the code. */
    licence: z.optional(LicenceStatusView),
  }),
);
export type Verification = z.infer<typeof Verification>;

export const PublicKeys = named(
  'PublicKeys',
  '结果签名公钥（Ed25519，SPKI base64url）The keys results are signed with',
  z.strictObject({
    keys: z.array(z.strictObject({ keyId: z.string(), alg: z.literal('Ed25519'), spki: z.string() })),
  }),
);
export type PublicKeys = z.infer<typeof PublicKeys>;
