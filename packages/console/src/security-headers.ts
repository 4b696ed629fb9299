import type { MiddlewareHandler } from 'hono';
import type { ConsoleEnv } from './env';

/** Two years, with subdomains: the console is only ever served over https in AWS (browsers ignore it over http). */
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * The response headers every console page carries, written out rather than built by
 * `hono/secure-headers`, whose option parser (about 3 KB) the console bundle has no room for.
 * `test/unit/console-security-header-values.test.ts` holds them equal to what hono's middleware
 * produced from the console's settings, header for header.
 *
 * No inline script or style anywhere: the console's one script and stylesheet are files of
 * its own, so neither `script-src` nor `style-src` needs 'unsafe-inline' (no `style=`, no
 * `on…=` handler, no script URL; test/unit/console-security-headers.test.ts reads every
 * page source for them). Form targets include the hosted UI (`formOrigins`), since signing
 * out redirects there, and the bucket presigned uploads go to (`uploadOrigins`). The referrer goes to our own origin only: console URLs name tenants and cases.
 */
export function securityHeaderList(
  formOrigins: readonly string[],
  uploadOrigins: readonly string[] = [],
): readonly (readonly [string, string])[] {
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...uploadOrigins].join(' '),
    ["form-action 'self'", ...formOrigins, ...uploadOrigins].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return [
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'same-origin'],
    ['Strict-Transport-Security', HSTS],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'DENY'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
    ['Content-Security-Policy', csp],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
  ];
}

/** Sets the headers on the response once the handler has made it, and drops any X-Powered-By. */
export function securityHeaders(
  formOrigins: readonly string[],
  uploadOrigins: readonly string[] = [],
): MiddlewareHandler<ConsoleEnv> {
  const list = securityHeaderList(formOrigins, uploadOrigins);
  return async (c, next) => {
    await next();
    // A presigned upload form posts to the bucket named in this answer (issue 16): its origin, for this answer only.
    const extra = c.get('uploadOrigin');
    const own =
      extra && !uploadOrigins.includes(extra)
        ? securityHeaderList(formOrigins, [...uploadOrigins, extra])
        : list;
    for (const [name, value] of own) c.res.headers.set(name, value);
    c.res.headers.delete('X-Powered-By');
  };
}
