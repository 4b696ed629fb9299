import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestApp, testApp } from '../support/app';

const TENANT = 'nanjing.jiangning.dongshan';
const CLERK = { sub: 'clerk-1', roles: ['window-clerk'], tenant: TENANT };

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ logger: new Logger({ serviceName: 'onewindow-api', logLevel: 'INFO' }) });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The JSON lines the app writes while `call` runs. */
async function logsOf(call: () => Response | Promise<Response>) {
  const written: string[] = [];
  // Powertools writes warnings to stderr and the rest to stdout.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  }
  const res = await call();
  vi.restoreAllMocks();
  const lines = written
    .join('')
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { res, lines, events: lines.filter((l) => l.securityEvent !== undefined), raw: written.join('') };
}

const bodies = `/v1/tenants/${TENANT}/bodies`;

describe('security events', () => {
  it('logs a request without a token as auth-failed, with the route and the ip', async () => {
    // The gateway's source address counts, never a header the client writes.
    const { res, events } = await logsOf(() =>
      t.app.request(
        bodies,
        { headers: { 'x-forwarded-for': '198.51.100.1' } },
        { event: { requestContext: { http: { sourceIp: '203.0.113.7' } } } },
      ),
    );
    expect(res.status).toBe(401);
    expect(events).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'security event',
        securityEvent: 'auth-failed',
        reason: 'no bearer token',
        method: 'GET',
        route: '/v1/tenants/:tenant/bodies',
        path: bodies,
        ip: '203.0.113.7',
      }),
    ]);
  });

  it('logs a forged or tampered token as auth-failed without writing the token anywhere', async () => {
    const token = await t.token(CLERK);
    const [h, p, s] = token.split('.');
    const tampered = `${h}.${p}.${s?.slice(0, -4)}AAAA`;
    for (const bad of [tampered, 'not-a-jwt', `${h}.${p}.`]) {
      const { res, events, raw } = await logsOf(() =>
        t.app.request(bodies, { headers: { authorization: `Bearer ${bad}` } }),
      );
      expect(res.status).toBe(401);
      expect(events).toEqual([
        expect.objectContaining({ securityEvent: 'auth-failed', reason: 'invalid token' }),
      ]);
      expect(raw).not.toContain(bad);
      expect(raw).not.toContain(p);
    }
  });

  it('logs an expired token as auth-failed', async () => {
    const token = await t.token({ ...CLERK, sub: 'clerk-expiring' });
    // Only the clock moves: the dev issuer's tokens live 12 hours.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 13 * 3600_000);
    try {
      const { res, events } = await logsOf(() =>
        t.app.request(bodies, { headers: { authorization: `Bearer ${token}` } }),
      );
      expect(res.status).toBe(401);
      expect(events).toEqual([
        expect.objectContaining({ securityEvent: 'auth-failed', reason: 'invalid token' }),
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('logs a role refusal (403) as forbidden with the caller, and no event for an allowed call', async () => {
    const token = await t.token(CLERK);
    const refused = await logsOf(() =>
      t.app.request(bodies, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'x', name: 'x', kind: 'department' }),
      }),
    );
    expect(refused.res.status).toBe(403);
    expect(refused.events).toEqual([
      expect.objectContaining({
        securityEvent: 'forbidden',
        sub: 'clerk-1',
        tenant: TENANT,
        method: 'POST',
        route: '/v1/tenants/:tenant/bodies',
      }),
    ]);
    expect(refused.raw).not.toContain(token);

    const allowed = await logsOf(() =>
      t.app.request(bodies, { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(allowed.res.status).toBe(200);
    expect(allowed.events).toEqual([]);
  });

  it('answers with nosniff and no-store, so no cache keeps a personal-data answer', async () => {
    const token = await t.token(CLERK);
    const ok = await t.app.request(bodies, { headers: { authorization: `Bearer ${token}` } });
    const refused = await t.app.request(bodies);
    for (const res of [ok, refused]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});
