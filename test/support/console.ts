import { Hono } from 'hono';
import { expect } from 'vitest';
import { consoleApp } from '../../packages/console/src';
import type { ApiLike, DemoUser } from '../../packages/console/src/options';

/** A JWT-shaped token whose payload the console reads (it never verifies: the API does). */
export const fakeToken = (claims: object) =>
  `x.${Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })).toString('base64url')}.y`;

/** What the console sent to a stand-in API. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly auth?: string;
  readonly body?: unknown;
}

/** A stand-in API that records every request the console sends it; tests add the routes. */
export function recordingApi() {
  const seen: SeenRequest[] = [];
  const api = new Hono();
  api.use(async (c, next) => {
    const text = c.req.method === 'GET' ? '' : await c.req.raw.clone().text();
    seen.push({
      method: c.req.method,
      path: c.req.path,
      query: new URL(c.req.url).search,
      ...(c.req.header('authorization') ? { auth: c.req.header('authorization') } : {}),
      ...(text ? { body: JSON.parse(text) } : {}),
    });
    await next();
  });
  return { api, seen, asApi: () => api as unknown as ApiLike };
}

/** The API's 400 problem with one field error, as the console receives it. */
export const validationProblem = (path: string, message: string, messageEn: string) => ({
  type: '/problems/validation',
  title: '请求内容不符合要求',
  titleEn: 'The request is not valid',
  status: 400,
  errors: [
    {
      pointer: `/${path.replaceAll('.', '/')}`,
      path,
      detail: message,
      detailEn: messageEn,
      message,
      messageEn,
    },
  ],
});

/**
 * The console in front of a stand-in API, with a browser's cookie jar and helpers to sign
 * in as one of `users`, read a page's CSRF token and post a form from the console's origin.
 */
export function consoleHarness(api: ApiLike, users: readonly DemoUser[]) {
  const app = consoleApp({
    api,
    signIn: {
      kind: 'demo',
      users,
      token: async (sub) => {
        const user = users.find((u) => u.sub === sub);
        return user ? fakeToken(user) : undefined;
      },
    },
  });
  const jar = new Map<string, string>();
  const request = async (path: string, init: RequestInit = {}) => {
    const res = await app.request(`http://console.test${path}`, {
      ...init,
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(init.headers as object) },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [k = '', v = ''] = pair.split('=');
      if (/Max-Age=0/i.test(line)) jar.delete(k);
      else jar.set(k, v);
    }
    return res;
  };
  const csrfOf = async (path: string) => {
    const html = await (await request(path)).text();
    return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  };
  const post = (path: string, fields: Record<string, string>, origin = 'http://console.test') =>
    request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams(fields).toString(),
    });
  const signIn = async (sub: string, next: string) => {
    const csrf = await csrfOf('/console/sign-in');
    const res = await post('/console/sign-in', { _csrf: csrf, sub, next });
    expect(res.status).toBe(303);
    return res;
  };
  return { app, jar, request, post, csrfOf, signIn };
}
