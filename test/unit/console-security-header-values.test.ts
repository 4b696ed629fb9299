import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../packages/console/src/security-headers';

/** The settings the console gave `hono/secure-headers` before it wrote the headers out itself. */
const honoHeaders = (formOrigins: string[]) =>
  secureHeaders({
    strictTransportSecurity: 'max-age=63072000; includeSubDomains',
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'", ...formOrigins],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });

async function headersOf(middleware: ReturnType<typeof honoHeaders>): Promise<[string, string][]> {
  const app = new Hono();
  app.use('*', middleware);
  app.get('/x', (c) => c.text('ok', 200, { 'X-Powered-By': 'something', 'X-Frame-Options': 'SAMEORIGIN' }));
  const res = await app.request('/x');
  return [...res.headers.entries()].sort(([a], [b]) => a.localeCompare(b));
}

describe("the console's security headers", () => {
  it.each([
    ['demo sign-in', []],
    ['the hosted UI', ['https://onewindow-auth.auth.cn-north-1.amazoncognito.com']],
  ])('are the headers hono/secure-headers set, with %s', async (_, origins) => {
    const ours = await headersOf(securityHeaders(origins) as ReturnType<typeof honoHeaders>);
    expect(ours).toEqual(await headersOf(honoHeaders(origins)));
    // Overwritten and removed as hono did.
    expect(ours).toContainEqual(['x-frame-options', 'DENY']);
    expect(ours.map(([k]) => k)).not.toContain('x-powered-by');
    expect(ours.find(([k]) => k === 'content-security-policy')?.[1]).toBe(
      `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'${origins.map((o) => ` ${o}`).join('')}; frame-ancestors 'none'; base-uri 'none'`,
    );
  });
});
