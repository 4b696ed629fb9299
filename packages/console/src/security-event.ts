import type { Context } from 'hono';

/**
 * What the console tells its host of: a sign-in that failed (`auth-failed`) and a form refused by
 * the CSRF checks (`forbidden`). The kinds and field names are the API's, so one CloudWatch metric
 * filter on `$.securityEvent` counts both (infra/constructs/security-monitoring.ts).
 */
export interface ConsoleSecurityEvent {
  readonly securityEvent: 'auth-failed' | 'forbidden';
  readonly reason: string;
  readonly method: string;
  readonly path: string;
  readonly sub?: string;
  readonly tenant?: string;
  readonly ip?: string;
}

/** The visitor's address as the platform saw it: the gateway's `sourceIp` in AWS, the socket's peer locally. */
export function sourceIp(c: Context): string | undefined {
  const env = c.env as
    | {
        event?: { requestContext?: { http?: { sourceIp?: string } } };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress;
}

/** Reports a security event to the host (`options.onSecurityEvent`); never a token or a form's content. */
export function reportSecurityEvent(
  c: Context,
  report: ((event: ConsoleSecurityEvent) => void) | undefined,
  securityEvent: ConsoleSecurityEvent['securityEvent'],
  reason: string,
  who: { readonly sub?: string; readonly tenant?: string } = {},
): void {
  const ip = sourceIp(c);
  report?.({
    securityEvent,
    reason,
    method: c.req.method,
    path: c.req.path,
    ...(who.sub ? { sub: who.sub } : {}),
    ...(who.tenant ? { tenant: who.tenant } : {}),
    ...(ip ? { ip } : {}),
  });
}
