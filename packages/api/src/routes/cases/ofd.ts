import { DomainError, isVerificationCode, parseCaseNo } from '@onewindow/domain';
import { tenantStaff } from '../../access-groups';
import { PublicOfdQuery } from '../../licence-schemas';
import { defineRoute, type RouteSpec } from '../../route';

/** The OFD package's media type (GB/T 33190). */
export const OFD_MEDIA = 'application/ofd';

const ofdResponse = (bytes: Uint8Array, caseNo: string) =>
  new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      'content-type': OFD_MEDIA,
      'content-disposition': `attachment; filename="${caseNo}.ofd"`,
      // Sealed once: the same bytes for ever.
      'cache-control': 'private, max-age=86400, immutable',
    },
  });

const wrongCode = () =>
  new DomainError('not-found', '办件编号或核验码不正确', 'wrong case number or verification code');

/**
 * The result as an OFD package sealed with its seal (GB/T 33190, GB/T 38540): for staff who reach
 * the case, and for the holder of the printed result by its verification code. Served by the
 * files Lambda (the OFD builder, zip and seal signing are not in the cases bundle).
 */
export const ofdRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/v1/tenants/:tenant/cases/:caseNo/result.ofd',
    tag: 'cases',
    summary: '办理结果 OFD 版式文件（GB/T 33190，电子印章签章 GB/T 38540）',
    summaryEn: 'The result as an OFD package (GB/T 33190) under its electronic seal (GB/T 38540)',
    access: { scope: 'tenant', roles: tenantStaff, bodyReach: true },
    success: 200,
    produces: OFD_MEDIA,
    handler: async ({ c, services, params, principal, now }) => {
      const stored = await services.cases.load(principal, params.tenant, params.caseNo);
      const bytes = await services.ofd.of(stored, now, new URL(c.req.url).origin);
      return ofdResponse(bytes, params.caseNo);
    },
  }),
  defineRoute<unknown, '/v1/public/results/:caseNo/result.ofd', { code: string }>({
    method: 'get',
    path: '/v1/public/results/:caseNo/result.ofd',
    tag: 'public',
    summary: '下载办理结果 OFD 版式文件（须核验码）',
    summaryEn: 'Download the result as an OFD package, with the verification code printed on it',
    access: 'public',
    query: PublicOfdQuery,
    success: 200,
    produces: OFD_MEDIA,
    handler: async ({ c, services, params, query, now }) => {
      const { caseNo } = params;
      let tenant: string;
      try {
        tenant = parseCaseNo(caseNo).tenant;
      } catch {
        throw wrongCode();
      }
      const stored = await services.cases.find(tenant, caseNo);
      const r = stored?.state.result;
      // A wrong code answers as a missing result, and counts toward the case's lock (pipeline/rate-limit.ts).
      if (!stored || !r || !isVerificationCode(r.signature, query.code)) throw wrongCode();
      return ofdResponse(await services.ofd.of(stored, now, new URL(c.req.url).origin), caseNo);
    },
  }),
];
