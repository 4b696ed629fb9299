import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleApp } from '../../packages/console/src';
import type { ConsoleOptions } from '../../packages/console/src/options';
import type { ConsoleSecurityEvent } from '../../packages/console/src/security-event';
import { fakeToken, recordingApi } from '../support/console';

const TENANT = 'nanjing.jiangning.dongshan';
const ADMIN = { sub: 'dongshan-admin', name: '周洁', roles: ['tenant-admin'], tenant: TENANT };

function stackOf(extra: Partial<ConsoleOptions> = {}) {
  const { api, asApi } = recordingApi();
  api.get('/v1/tenants/:t/bodies', (c) =>
    c.json({
      items: [{ tenant: TENANT, code: 'centre', name: '东山便民服务中心', kind: 'service-centre', ref: 'x' }],
    }),
  );
  const events: ConsoleSecurityEvent[] = [];
  const app = consoleApp({
    api: asApi(),
    signIn: {
      kind: 'demo',
      users: [ADMIN],
      token: async (sub) => (sub === ADMIN.sub ? fakeToken(ADMIN) : undefined),
    },
    onSecurityEvent: (e) => events.push(e),
    ...extra,
  });
  return { app, events };
}

/** A browser on `origin`: keeps cookies and the raw Set-Cookie lines, posts forms from the origin. */
function browser(app: ReturnType<typeof consoleApp>, origin: string) {
  const jar = new Map<string, string>();
  const setCookies: string[] = [];
  const request = async (p: string, init: RequestInit = {}) => {
    const res = await app.request(`${origin}${p}`, {
      ...init,
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(init.headers as object) },
    });
    for (const line of res.headers.getSetCookie()) {
      setCookies.push(line);
      const [pair = ''] = line.split(';');
      const [k = '', v = ''] = pair.split('=');
      if (/Max-Age=0/i.test(line)) jar.delete(k);
      else jar.set(k, v);
    }
    return res;
  };
  const csrfOf = async (p: string) =>
    /name="_csrf" value="([^"]+)"/.exec(await (await request(p)).text())?.[1] ?? '';
  const post = (p: string, fields: Record<string, string>) =>
    request(p, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams(fields).toString(),
    });
  const signIn = async () =>
    post('/console/sign-in', { _csrf: await csrfOf('/console/sign-in'), sub: ADMIN.sub });
  return { jar, setCookies, request, post, signIn, csrfOf };
}

function expectSecurityHeaders(res: Response, where: string) {
  const csp = res.headers.get('content-security-policy') ?? '';
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
  expect(directives.get('default-src'), where).toBe("'none'");
  expect(directives.get('script-src'), where).toBe("'self'");
  expect(directives.get('style-src'), where).toBe("'self'");
  expect(directives.get('frame-ancestors'), where).toBe("'none'");
  expect(directives.get('base-uri'), where).toBe("'none'");
  expect(csp, where).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  expect(res.headers.get('x-frame-options'), where).toBe('DENY');
  expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), where).toBe('same-origin');
  const hsts = res.headers.get('strict-transport-security') ?? '';
  expect(Number(/max-age=(\d+)/.exec(hsts)?.[1]), where).toBeGreaterThanOrEqual(31_536_000);
  expect(hsts, where).toContain('includeSubDomains');
  expect(res.headers.get('permissions-policy'), where).toContain('camera=()');
}

/** Inline script, inline handlers, javascript: URLs and inline style: what the CSP would block. */
function expectNoInlineCode(html: string, where: string) {
  expect(html, where).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
  expect(html, where).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  expect(html, where).not.toMatch(/javascript:/i);
  expect(html, where).not.toMatch(/<style[\s>]|<[^>]+\sstyle\s*=/i);
}

describe('console security headers', () => {
  it('sends CSP without inline script or style, HSTS, frame-ancestors none, DENY and same-origin referrers on every kind of page', async () => {
    const { app } = stackOf();
    const b = browser(app, 'https://gov.example.cn');
    const anonymous = ['/', '/console/sign-in', '/console/public', '/console/no-such-page'];
    for (const p of anonymous) {
      const res = await b.request(p);
      expectSecurityHeaders(res, p);
      expectNoInlineCode(await res.text(), p);
    }
    await b.signIn();
    for (const p of ['/console', `/console/tenants/${TENANT}/bodies`]) {
      const res = await b.request(p);
      expect(res.status, p).toBe(200);
      expectSecurityHeaders(res, p);
      expect(res.headers.get('cache-control'), p).toBe('no-store');
      expectNoInlineCode(await res.text(), p);
    }
    const refused = await b.post(`/console/tenants/${TENANT}/bodies`, { _csrf: 'wrong', code: 'x' });
    expect(refused.status).toBe(403);
    expectSecurityHeaders(refused, 'csrf refusal');
  });

  it('has no inline script, event handler attribute, javascript: URL or style attribute in any page source', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.tsx?$/.test(name)) files.push(full);
      }
    };
    walk(path.resolve('packages/console/src'));
    walk(path.resolve('packages/documents/src'));
    expect(files.length).toBeGreaterThan(20);
    // The API's stand-alone printable page (documents/src/page.ts) carries its stylesheet inline:
    // the API serves it, under no console CSP; the console shows the same documents in its layout.
    for (const file of files.filter((f) => !f.endsWith(path.join('documents', 'src', 'page.ts')))) {
      const source = readFileSync(file, 'utf8');
      // JSX handlers are camel-cased (onClick=), HTML ones lower-cased (onclick=).
      expect(source, file).not.toMatch(/<[a-zA-Z][^>]*\son[A-Za-z]+=\{?["'`{]/);
      expect(source, file).not.toMatch(/javascript:/i);
      expect(source, file).not.toMatch(/\sstyle=["'{]|<style[\s>]/);
      expect(source, file).not.toMatch(/<script>|<script(?![^>]*\ssrc=)[^>]*>[^<]/);
    }
  });
});

describe('console cookies', () => {
  const cookieOf = (lines: readonly string[], name: string) => lines.filter((l) => l.startsWith(`${name}=`));

  it('in AWS (secureCookies: true) are Secure, HttpOnly, SameSite=Lax under /console, even behind a plain-http hop', async () => {
    const { app } = stackOf({ secureCookies: true });
    const b = browser(app, 'http://internal.example');
    await b.request('/console/sign-in?lang=en');
    await b.signIn();
    for (const name of ['ow_session', 'ow_csrf', 'ow_lang']) {
      const lines = cookieOf(b.setCookies, name);
      expect(lines.length, name).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line, name).toMatch(/;\s*Secure/);
        expect(line, name).toMatch(/;\s*HttpOnly/);
        expect(line, name).toMatch(/;\s*SameSite=Lax/);
        expect(line, name).toMatch(/;\s*Path=\/console(;|$)/);
      }
    }
    const session = cookieOf(b.setCookies, 'ow_session')[0] ?? '';
    expect(Number(/Max-Age=(\d+)/.exec(session)?.[1])).toBeLessThanOrEqual(86_400);
  });

  it('the Cognito sign-in state cookie is Secure in AWS too', async () => {
    const { app } = stackOf({
      secureCookies: true,
      signIn: {
        kind: 'cognito',
        domain: 'https://centre.auth.cn-north-1.amazoncognito.com',
        clientId: 'client123',
        consoleUrl: 'https://gov.example.cn/console',
      },
    });
    const res = await app.request('https://gov.example.cn/console/auth/login');
    const line = cookieOf(res.headers.getSetCookie(), 'ow_oauth')[0] ?? '';
    expect(line).toMatch(/;\s*Secure/);
    expect(line).toMatch(/;\s*HttpOnly/);
  });

  it('on the local stack (http://127.0.0.1, secureCookies auto) are not Secure, so the browser keeps them', async () => {
    const { app } = stackOf();
    const b = browser(app, 'http://127.0.0.1:3000');
    await b.request('/console/sign-in?lang=en');
    await b.signIn();
    for (const name of ['ow_session', 'ow_csrf', 'ow_lang']) {
      const lines = cookieOf(b.setCookies, name);
      expect(lines.length, name).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line, name).not.toMatch(/Secure/);
        expect(line, name).toMatch(/HttpOnly/);
      }
    }
    // …and Secure again when a TLS-terminating proxy says the browser spoke https.
    const proxied = await app.request('http://127.0.0.1:3000/console/sign-in', {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(cookieOf(proxied.headers.getSetCookie(), 'ow_csrf')[0]).toMatch(/;\s*Secure/);
  });
});

describe('console security events', () => {
  it('reports a failed sign-in and a refused form, with the user but never a token', async () => {
    const { app, events } = stackOf();
    const b = browser(app, 'https://gov.example.cn');
    await b.post('/console/sign-in', { _csrf: await b.csrfOf('/console/sign-in'), sub: 'nobody' });
    expect(events).toEqual([
      {
        securityEvent: 'auth-failed',
        reason: 'sign-in: unknown user',
        method: 'POST',
        path: '/console/sign-in',
      },
    ]);
    await b.signIn();
    await b.post(`/console/tenants/${TENANT}/bodies`, { _csrf: 'wrong' });
    await app.request(`https://gov.example.cn/console/tenants/${TENANT}/bodies`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: '_csrf=x',
    });
    expect(events.slice(1)).toEqual([
      expect.objectContaining({
        securityEvent: 'forbidden',
        reason: 'csrf: no or wrong token',
        sub: ADMIN.sub,
        tenant: TENANT,
      }),
      expect.objectContaining({ securityEvent: 'forbidden', reason: 'csrf: foreign origin' }),
    ]);
    expect(JSON.stringify(events)).not.toContain(b.jar.get('ow_session'));
  });

  it('reports a Cognito callback whose state does not match', async () => {
    const { app, events } = stackOf({
      signIn: {
        kind: 'cognito',
        domain: 'https://centre.auth.cn-north-1.amazoncognito.com',
        clientId: 'client123',
        consoleUrl: 'https://gov.example.cn/console',
      },
    });
    const res = await app.request('https://gov.example.cn/console/auth/callback?code=abc&state=forged');
    expect(res.headers.get('location')).toBe('/console/sign-in?failed=1');
    expect(events).toEqual([
      expect.objectContaining({ securityEvent: 'auth-failed', reason: 'sign-in: no pending sign-in' }),
    ]);
  });
});
