import { describe, expect, it } from 'vitest';
import { consoleApp } from '../../packages/console/src';
import { safeNext } from '../../packages/console/src/cognito';
import { type CognitoSignIn, cognitoFromEnv } from '../../packages/console/src/options';
import { decodeClaims } from '../../packages/console/src/session';

const idToken = `h.${Buffer.from(
  JSON.stringify({
    sub: 'u1',
    'cognito:username': 'clerk1',
    roles: ['window-clerk'],
    tenant: 't.a',
    exp: 4102444800,
  }),
).toString('base64url')}.s`;

function setup() {
  const calls: { url: string; body: string; auth: string | null }[] = [];
  const cfg: CognitoSignIn = {
    kind: 'cognito',
    domain: 'https://centre.auth.cn-north-1.amazoncognito.com',
    clientId: 'client123',
    clientSecret: 's3cret',
    consoleUrl: 'https://gov.example.cn/console',
    fetch: (async (url: string | URL, init?: RequestInit) => {
      calls.push({
        url: String(url),
        body: String(init?.body),
        auth: new Headers(init?.headers).get('authorization'),
      });
      return new Response(JSON.stringify({ id_token: idToken, access_token: 'a', token_type: 'Bearer' }), {
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch,
  };
  const app = consoleApp({
    api: { request: () => new Response('{}') },
    signIn: cfg,
    onError: (e) => {
      throw e;
    },
  });
  return { app, calls };
}

describe('console sign-in through the Cognito hosted UI', () => {
  it('reads its configuration from the environment, and nothing when a variable is missing', () => {
    expect(
      cognitoFromEnv({
        CONSOLE_COGNITO_DOMAIN: 'https://d.auth.example/',
        CONSOLE_COGNITO_CLIENT_ID: 'c',
        CONSOLE_URL: 'https://x.example/console/',
      }),
    ).toEqual({
      kind: 'cognito',
      domain: 'https://d.auth.example',
      clientId: 'c',
      consoleUrl: 'https://x.example/console',
    });
    expect(
      cognitoFromEnv({ CONSOLE_COGNITO_DOMAIN: 'https://d', CONSOLE_COGNITO_CLIENT_ID: 'c' }),
    ).toBeUndefined();
  });

  it('runs the authorization-code flow with PKCE and state, and starts a session with the ID token', async () => {
    const { app, calls } = setup();
    const login = await app.request('https://gov.example.cn/console/auth/login?next=%2Fconsole%2Fcases');
    expect(login.status).toBe(302);
    const to = new URL(login.headers.get('location') ?? '');
    expect(to.origin + to.pathname).toBe('https://centre.auth.cn-north-1.amazoncognito.com/oauth2/authorize');
    expect(to.searchParams.get('redirect_uri')).toBe('https://gov.example.cn/console/auth/callback');
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    const state = to.searchParams.get('state') ?? '';
    const pending = login.headers.getSetCookie().find((c) => c.startsWith('ow_oauth=')) ?? '';
    expect(pending).toMatch(/HttpOnly/);
    expect(pending).toMatch(/Secure/);
    const cookie = pending.split(';')[0] ?? '';

    // A callback whose state does not match this browser's is refused without calling Cognito.
    const forged = await app.request(`https://gov.example.cn/console/auth/callback?code=c1&state=other`, {
      headers: { cookie },
    });
    expect(forged.headers.get('location')).toBe('/console/sign-in?failed=1');
    expect(calls).toHaveLength(0);

    const back = await app.request(`https://gov.example.cn/console/auth/callback?code=c1&state=${state}`, {
      headers: { cookie },
    });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/console/cases');
    expect(calls).toHaveLength(1);
    const sent = new URLSearchParams(calls[0]?.body);
    expect(sent.get('grant_type')).toBe('authorization_code');
    expect(sent.get('code')).toBe('c1');
    expect(sent.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(calls[0]?.auth).toBe(`Basic ${Buffer.from('client123:s3cret').toString('base64')}`);
    const session = back.headers.getSetCookie().find((c) => c.startsWith('ow_session=')) ?? '';
    expect(session.split(';')[0]).toBe(`ow_session=${idToken}`);
    expect(session).toMatch(/Secure/);
  });

  it('signs out through the hosted UI logout, which the CSP lets the form reach', async () => {
    const { app } = setup();
    const res = await app.request('https://gov.example.cn/console/sign-in');
    expect(res.headers.get('content-security-policy')).toContain(
      "form-action 'self' https://centre.auth.cn-north-1.amazoncognito.com",
    );
    expect(await res.text()).toContain('href="/console/auth/login?next=%2Fconsole"');
  });

  it('goes back only to console paths after signing in', () => {
    expect(safeNext('/console/cases?x=1')).toBe('/console/cases?x=1');
    for (const bad of [
      'https://evil.test/console',
      '//evil.test',
      '/consolex',
      '/console\\evil',
      undefined,
    ]) {
      expect(safeNext(bad)).toBe('/console');
    }
  });

  it("reads Cognito's username and comma-separated roles for display", () => {
    expect(decodeClaims(idToken)).toMatchObject({
      sub: 'u1',
      name: 'clerk1',
      roles: ['window-clerk'],
      tenant: 't.a',
    });
    expect(decodeClaims('not-a-token')).toBeUndefined();
  });
});
