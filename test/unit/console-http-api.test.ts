import type { Context } from 'aws-lambda';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { type HttpApiEvent, httpApiHandler } from '../../functions/console/http-api';

const event = (over: Partial<HttpApiEvent> & { method?: string } = {}): HttpApiEvent => ({
  rawPath: '/console/x',
  rawQueryString: 'lang=en&a=1',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://c.example' },
  cookies: ['ow_session=abc', 'ow_lang=en'],
  requestContext: {
    domainName: 'c.example',
    http: { method: over.method ?? 'GET', sourceIp: '203.0.113.9' },
  },
  ...over,
});

describe('the console Lambda’s HTTP API adapter (payload 2.0)', () => {
  const app = new Hono<{ Bindings: { event: HttpApiEvent } }>();
  app.all('/console/x', async (c) => {
    c.header('set-cookie', 'a=1; Path=/', { append: true });
    c.header('set-cookie', 'b=2; Path=/', { append: true });
    return c.json({
      url: c.req.url,
      method: c.req.method,
      cookie: c.req.header('cookie'),
      body: c.req.method === 'GET' ? null : await c.req.text(),
      ip: c.env.event.requestContext.http.sourceIp,
    });
  });
  app.get('/console/png', (c) =>
    c.body(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 200, { 'content-type': 'image/png' }),
  );
  const handler = httpApiHandler(app);
  const ctx = {} as Context;

  it('rebuilds the request (URL, query, cookies, source address) and answers every Set-Cookie', async () => {
    const r = await handler(event(), ctx);
    expect(r.statusCode).toBe(200);
    expect(r.isBase64Encoded).toBe(false);
    expect(r.cookies).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(JSON.parse(r.body)).toEqual({
      url: 'https://c.example/console/x?lang=en&a=1',
      method: 'GET',
      cookie: 'ow_session=abc; ow_lang=en',
      body: null,
      ip: '203.0.113.9',
    });
  });

  it('passes a form body, base64 or not', async () => {
    const plain = JSON.parse((await handler(event({ method: 'POST', body: 'a=1&b=%E4%B8%AD' }), ctx)).body);
    expect(plain.body).toBe('a=1&b=%E4%B8%AD');
    const b64 = await handler(
      event({ method: 'POST', body: Buffer.from('x=中').toString('base64'), isBase64Encoded: true }),
      ctx,
    );
    expect(JSON.parse(b64.body).body).toBe('x=中');
  });

  it('answers binary media base64-encoded', async () => {
    const r = await handler(event({ rawPath: '/console/png', rawQueryString: '' }), ctx);
    expect(r.isBase64Encoded).toBe(true);
    expect(Buffer.from(r.body, 'base64')).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });
});
