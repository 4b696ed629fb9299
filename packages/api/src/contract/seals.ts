import * as z from 'zod/mini';
import { bodyRef, instant, listOf, named } from './registry';

export const SealView = named(
  'Seal',
  '印章；status 为当前是否可用（valid 有效、pending 未生效、void 已作废）A seal and whether it is usable now',
  z.strictObject({
    tenant: z.string(),
    id: z.string(),
    body: bodyRef,
    name: z.string(),
    electronic: z.boolean(),
    validFrom: instant,
    voidedAt: z.optional(instant),
    successor: z.optional(z.string()),
    status: z.enum(['valid', 'pending', 'void']),
    /** Path of its imprint as SVG. */
    imprint: z.string(),
  }),
);
export type SealView = z.infer<typeof SealView>;

export const SealList = named('SealList', '印章列表 Seals of a tenant', listOf(SealView));

export const SealCertificate = named(
  'SealCertificate',
  '电子印章证书（SM2，X.509，base64 DER）及其证书链与状态；印章作废即吊销 An electronic seal’s SM2 certificate, its chain and status; voiding the seal revokes it',
  z.strictObject({
    seal: z.string(),
    keyId: z.string(),
    /** 04 ‖ x ‖ y, hex. */
    publicKey: z.string().check(z.regex(/^04[0-9a-f]{128}$/)),
    certificate: z.string(),
    /** The issuers' certificates, nearest first, up to the root. */
    chain: z.array(z.string()),
    /** platform-ca: the city's seal CA run by the platform; imported: a licensed CA's. */
    source: z.enum(['platform-ca', 'imported']),
    serial: z.string(),
    status: z.enum(['good', 'revoked']),
    revokedAt: z.optional(instant),
  }),
);

export const SealRevocations = named(
  'SealRevocations',
  '印章证书吊销列表（JSON）：已作废印章的证书序列号与吊销时刻 The revocation list: certificates of voided seals, revoked from the void',
  z.strictObject({
    tenant: z.string(),
    issuer: z.string(),
    thisUpdate: instant,
    revoked: z.array(
      z.strictObject({
        serial: z.string(),
        seal: z.string(),
        keyId: z.string(),
        revokedAt: instant,
        reason: z.literal('cessationOfOperation'),
      }),
    ),
  }),
);
