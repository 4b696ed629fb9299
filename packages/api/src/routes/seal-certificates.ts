import * as z from 'zod/mini';
import { cityAdmins } from '../access-groups';
import { defineRoute, type RouteSpec } from '../route';

/** A certificate from a licensed CA, DER in base64, with its chain (nearest issuer first). */
export const ImportCertificateInput = z.strictObject({
  certificate: z.string().check(z.minLength(100), z.maxLength(16_384)),
  chain: z.optional(z.array(z.string().check(z.minLength(100), z.maxLength(16_384))).check(z.maxLength(5))),
});

/**
 * Electronic seal certificates (GB/T 38540 with SM2): published, imported and revoked. The
 * files Lambda serves them: building and reading X.509 takes the ASN.1 and curve libraries,
 * which the api and cases bundles have no room for.
 */
export const sealCertificateRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'put',
    path: '/v1/tenants/:tenant/seals/:id/certificate',
    tag: 'seals',
    summary: '导入电子认证服务机构签发的印章证书（须为该印章的 SM2 密钥）',
    summaryEn:
      "Import a licensed CA's certificate (and chain) for an electronic seal's key, instead of the city seal CA's; " +
      "refused unless it certifies exactly this seal's SM2 key and each chain certificate signed the one before",
    access: { scope: 'tenant', roles: cityAdmins },
    body: ImportCertificateInput,
    success: 200,
    handler: async ({ services, params, body, now }) => ({
      status: 200,
      body: await services.esign.importCertificate(params.tenant, params.id, body, now),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/:tenant/seals/revoked',
    tag: 'public',
    summary: '印章证书吊销列表（JSON）',
    summaryEn: 'The revocation list of seal certificates (JSON): every voided seal’s certificate',
    access: 'public',
    success: 200,
    handler: async ({ services, params, now }) => ({
      status: 200,
      body: await services.esign.revocations(params.tenant, now),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/:tenant/seals/:id/certificate',
    tag: 'public',
    summary: '电子印章证书及证书链（公布）',
    summaryEn: 'An electronic seal’s published certificate, its chain and whether it is revoked',
    access: 'public',
    success: 200,
    handler: async ({ services, params, now }) => ({
      status: 200,
      body: await services.esign.certificate(params.tenant, params.id, now),
    }),
  }),
];
