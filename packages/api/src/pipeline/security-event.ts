import type { Context } from 'hono';
import type { AppEnv } from '../env';

/**
 * The kinds of security event, one CloudWatch metric each (infra/constructs/security-monitoring.ts
 * filters on `$.securityEvent`): a refused token, a refused role, a reveal of personal data, and
 * a key the isolation guard refused before it reached DynamoDB.
 */
export const SECURITY_EVENTS = [
  'auth-failed',
  'forbidden',
  'personal-data-reveal',
  'isolation-refused',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENTS)[number];

/**
 * The caller's address as the platform saw it: API Gateway's `sourceIp` in AWS, the socket's
 * peer on the local stack. Never `X-Forwarded-For`, which a client writes as it likes.
 */
export function clientIp(c: Context): string | undefined {
  const env = c.env as
    | {
        // `http` in an HTTP API's event, `identity` in a REST API's (the front the WAF may sit in).
        event?: { requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } } };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  return (
    env?.event?.requestContext?.http?.sourceIp ??
    env?.event?.requestContext?.identity?.sourceIp ??
    env?.incoming?.socket?.remoteAddress
  );
}

/**
 * One structured warning per security event, in the shape every kind shares: who (sub, tenant
 * when known), where (method, route pattern, path) and from where (ip), plus `fields`. Never
 * the token and never personal data: the path holds ids of tenants and cases only.
 */
export function logSecurityEvent(
  c: Context<AppEnv>,
  kind: SecurityEventKind,
  fields: Readonly<Record<string, string | number | undefined>> = {},
): void {
  const principal = c.get('principal');
  const ip = clientIp(c);
  c.get('log')?.warn('security event', {
    securityEvent: kind,
    ...(principal ? { sub: principal.sub } : {}),
    ...(principal?.tenant ? { tenant: principal.tenant } : {}),
    method: c.req.method,
    route: c.req.routePath,
    path: c.req.path,
    ...(ip ? { ip } : {}),
    ...fields,
  });
}
