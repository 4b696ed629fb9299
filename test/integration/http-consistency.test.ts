import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevClaims } from '../../packages/local/src/issuer';
import { PLATFORM, type TestApp, testApp } from '../support/app';
import { seedCases } from '../support/cases';

/**
 * Issue 11, finding 7: a 413 says `Connection: close` when it closes the connection; a list of
 * a tenant that does not exist answers 404 as the tenant does, for every caller who could reach it.
 */
let t: TestApp;
let server: ReturnType<typeof serve>;
let port: number;

beforeAll(async () => {
  t = await testApp();
  await seedCases(t);
  server = await new Promise((ok) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('a 413 over HTTP', () => {
  it('says Connection: close and closes, with problem+json', async () => {
    const body = Buffer.alloc(2 * 1024 * 1024, 'a');
    const token = await t.token(PLATFORM);
    const answer = await new Promise<{
      status: number;
      headers: Record<string, unknown>;
      text: string;
      closed: boolean;
    }>((ok, fail) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/cities',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': body.length,
            connection: 'keep-alive',
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () => {
            const socket = res.socket;
            const done = (closed: boolean) =>
              ok({ status: res.statusCode ?? 0, headers: res.headers, text, closed });
            if (!socket || socket.destroyed) return done(true);
            const timer = setTimeout(() => done(false), 2000);
            socket.once('close', () => {
              clearTimeout(timer);
              done(true);
            });
          });
        },
      );
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : fail(e)));
      req.write(body);
      req.end();
    });
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.text).type).toBe('/problems/payload-too-large');
    expect(answer.headers.connection).toBe('close');
    expect(answer.closed).toBe(true);
  });
});

describe('lists of a tenant that does not exist', () => {
  const CITY_ADMIN: DevClaims = { sub: 'city-admin', roles: ['city-admin'], city: 'nanjing' };
  const GHOST = 'nanjing.nowhere';

  it.each([
    ['the platform', PLATFORM],
    ['the city admin', CITY_ADMIN],
  ])('answer 404 problem+json to %s, as the tenant itself does', async (_who, as) => {
    expect((await t.call(as, 'GET', `/v1/tenants/${GHOST}`)).status).toBe(404);
    for (const list of ['cases', 'bodies', 'staff', 'seals', 'matters', 'rectifications', 'handovers']) {
      const res = await t.call(as, 'GET', `/v1/tenants/${GHOST}/${list}`);
      expect([403, 404], `${list}: ${res.status}`).toContain(res.status);
      if (res.status === 404) {
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.body.type).toBe('/problems/not-found');
      }
    }
    expect((await t.call(as, 'GET', `/v1/tenants/${GHOST}/bodies`)).status).toBe(404);
  });

  it('the lists of a tenant that exists still answer', async () => {
    const res = await t.call(CITY_ADMIN, 'GET', '/v1/tenants/nanjing.jiangning.dongshan/bodies');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
  });
});
