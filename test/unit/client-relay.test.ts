import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { consoleApp } from '../../packages/console/src';
import { CLIENT_RELAY_HEADER, relayClient, relayedClient } from '../../packages/domain/src';

/** The console names the visitor of its public pages to the API (domain/client-relay.ts). */
describe('the client relay header', () => {
  const key = randomBytes(32);
  const now = Date.parse('2026-12-02T10:00:00Z');

  it('names the visitor for a minute to whoever holds the key', () => {
    const header = relayClient(key, '203.0.113.9', now);
    expect(relayedClient(key, header, now)).toBe('203.0.113.9');
    expect(relayedClient(key, header, now + 59_000)).toBe('203.0.113.9');
    expect(relayedClient(key, relayClient(key, '2001:db8::1', now), now)).toBe('2001:db8::1');
  });

  it('is ignored when stale, signed with another key, altered or garbled', () => {
    const header = relayClient(key, '203.0.113.9', now);
    expect(relayedClient(key, header, now + 61_000)).toBeUndefined();
    expect(relayedClient(randomBytes(32), header, now)).toBeUndefined();
    expect(relayedClient(key, header.replace('203.0.113.9', '203.0.113.8'), now)).toBeUndefined();
    const [address, expires, mac] = header.split('|');
    expect(relayedClient(key, `${address}|${Number(expires) + 3_600_000}|${mac}`, now)).toBeUndefined();
    for (const junk of ['', '|', '203.0.113.9', '203.0.113.9|x|y', '||||']) {
      expect(relayedClient(key, junk, now)).toBeUndefined();
    }
  });

  it('is sent by the console on its calls to the API, naming the address its own visitor came from', async () => {
    const seen: (string | undefined)[] = [];
    const api = new Hono();
    api.get('/v1/public/cities', (c) => {
      seen.push(c.req.header(CLIENT_RELAY_HEADER));
      return c.json({ items: [] });
    });
    const app = consoleApp({
      api,
      signIn: { kind: 'demo', users: [], token: async () => undefined },
      relayKey: key,
    });
    const visitor = { event: { requestContext: { http: { sourceIp: '198.51.100.23' } } } };
    await app.request('http://console.test/console/public', {}, visitor);
    expect(seen.length).toBeGreaterThan(0);
    const header = seen.at(-1);
    expect(header && relayedClient(key, header, Date.now())).toBe('198.51.100.23');
  });
});
