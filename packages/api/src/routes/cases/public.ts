import { defineRoute, type RouteSpec } from '../../route';

/** The keys results are signed with: the cases Lambda's, the only one holding the signing secret. */
export const publicKeysRoute: RouteSpec = defineRoute({
  method: 'get',
  path: '/v1/public/keys',
  tag: 'public',
  summary: '结果签名公钥',
  summaryEn: 'The public keys results are signed with (Ed25519, SPKI base64url)',
  access: 'public',
  success: 200,
  handler: async ({ services }) => ({ status: 200, body: { keys: services.resultKeys.keys() } }),
});
