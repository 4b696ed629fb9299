import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi, validationProblem } from '../support/console';

const ADMIN = {
  sub: 'dongshan-admin',
  name: '周洁',
  roles: ['tenant-admin'],
  tenant: 'nanjing.jiangning.dongshan',
};

/** A stand-in API: records what the console sends and answers like the real one. */
function fakeApi() {
  const { api, seen, asApi } = recordingApi();
  api.get('/v1/tenants/:t/bodies', (c) =>
    c.json({
      items: [
        {
          tenant: c.req.param('t'),
          code: 'centre',
          name: '东山便民服务中心',
          kind: 'service-centre',
          ref: 'x/centre',
        },
      ],
    }),
  );
  api.post('/v1/tenants/:t/bodies', async (c) => {
    const body = await c.req.json<{ code: string }>();
    if (body.code === 'BAD') {
      return c.json(validationProblem('code', '格式不正确', 'does not match the format'), 400);
    }
    return c.json(body, 201);
  });
  api.get('/v1/tenants/:t/staff', (c) => c.json({ items: [] }, 401));
  return { seen, api: asApi() };
}

function setup() {
  const { seen, api } = fakeApi();
  const harness = consoleHarness(api, [ADMIN]);
  const signIn = () => harness.signIn(ADMIN.sub, '/console/tenants/nanjing.jiangning.dongshan/bodies');
  return { ...harness, seen, signIn };
}

describe('console session and forms', () => {
  it('sends a visitor without a session to sign in, remembering where they were going', async () => {
    const { request } = setup();
    const res = await request('/console/tenants/x/bodies');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/sign-in?next=%2Fconsole%2Ftenants%2Fx%2Fbodies');
    expect((await request('/')).headers.get('location')).toBe('/console');
  });

  it('signs in a demo user with an HttpOnly SameSite cookie under /console and calls the API with its token', async () => {
    const { signIn, request, seen, jar } = setup();
    const res = await signIn();
    expect(res.headers.get('location')).toBe('/console/tenants/nanjing.jiangning.dongshan/bodies');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ow_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/console/);
    expect(cookie).not.toMatch(/Secure/);
    const page = await request('/console/tenants/nanjing.jiangning.dongshan/bodies');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('东山便民服务中心');
    expect(seen.at(-1)).toMatchObject({
      path: '/v1/tenants/nanjing.jiangning.dongshan/bodies',
      auth: `Bearer ${jar.get('ow_session')}`,
    });
  });

  it('sets Secure on cookies when the request came over https', async () => {
    const { app } = setup();
    const res = await app.request('https://console.test/console/sign-in');
    expect(res.headers.getSetCookie().join('\n')).toMatch(/ow_csrf=[^;]+;.*Secure/);
  });

  it('refuses a POST without the CSRF token, with a wrong one, or from another origin', async () => {
    const { signIn, post, csrfOf, seen } = setup();
    await signIn();
    const path = '/console/tenants/nanjing.jiangning.dongshan/bodies';
    const csrf = await csrfOf(path);
    const posts = () => seen.filter((s) => s.method === 'POST').length;
    const before = posts();
    expect((await post(path, { code: 'a', name: 'A', kind: 'department' })).status).toBe(403);
    expect((await post(path, { _csrf: `${csrf}x`, code: 'a', name: 'A', kind: 'department' })).status).toBe(
      403,
    );
    expect(
      (await post(path, { _csrf: csrf, code: 'a', name: 'A', kind: 'department' }, 'https://evil.test'))
        .status,
    ).toBe(403);
    expect(posts()).toBe(before);
    const ok = await post(path, { _csrf: csrf, code: 'a', name: 'A', kind: 'department' });
    expect(ok.status).toBe(303);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: { code: 'a', name: 'A', kind: 'department' } });
  });

  it('refuses a POST that names neither a console origin nor a same-origin fetch, with its own page', async () => {
    const { signIn, request, csrfOf, seen } = setup();
    await signIn();
    const path = '/console/tenants/nanjing.jiangning.dongshan/bodies?lang=en';
    const body = new URLSearchParams({ _csrf: await csrfOf(path), code: 'a', name: 'A', kind: 'department' });
    const send = (headers: Record<string, string>) =>
      request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: body.toString(),
      });
    const before = seen.length;
    const crossSite = await send({ 'sec-fetch-site': 'cross-site', referer: 'https://evil.test/form' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await crossSite.text()).toContain('This form has expired');
    expect((await send({})).status).toBe(403);
    expect(seen.length).toBe(before);
    // A browser that sends Sec-Fetch-Site but no Origin is still one of our own pages.
    expect((await send({ 'sec-fetch-site': 'same-origin' })).status).toBe(303);
  });

  it('a token from before sign-in is worth nothing after it', async () => {
    const { signIn, post, csrfOf } = setup();
    const anonymous = await csrfOf('/console/sign-in');
    await signIn();
    const res = await post('/console/tenants/nanjing.jiangning.dongshan/bodies', {
      _csrf: anonymous,
      code: 'a',
      name: 'A',
      kind: 'department',
    });
    expect(res.status).toBe(403);
  });

  it("shows the API's field errors beside the field, keeps the typed values, and answers the API's status", async () => {
    const { signIn, post, csrfOf } = setup();
    await signIn();
    const path = '/console/tenants/nanjing.jiangning.dongshan/bodies';
    const res = await post(path, {
      _csrf: await csrfOf(path),
      code: 'BAD',
      name: '新机构',
      kind: 'department',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(
      /<p class="field-error" id="f-code-error">格式不正确<\/p>\s*<input id="f-code" aria-describedby="f-code-hint f-code-error" aria-invalid="true"/,
    );
    expect(html).toContain('value="新机构"');
    expect(html).toContain('role="alert"');
  });

  it('switches to English with ?lang=en and remembers it', async () => {
    const { signIn, request, post, csrfOf } = setup();
    await signIn();
    const path = '/console/tenants/nanjing.jiangning.dongshan/bodies';
    const en = await (await request(`${path}?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Create body');
    const again = await (await request(path)).text();
    expect(again).toContain('<html lang="en">');
    const refused = await (
      await post(path, { _csrf: await csrfOf(path), code: 'BAD', name: 'x', kind: 'department' })
    ).text();
    expect(refused).toContain('does not match the format');
    expect(await (await request(`${path}?lang=zh`)).text()).toContain('<html lang="zh-CN">');
  });

  it('remembers the language in an HttpOnly cookie under /console, Secure over https, and ignores unknown ones', async () => {
    const { app, request } = setup();
    const cookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('ow_lang='));
    const plain = cookie(await request('/console/sign-in?lang=en'));
    expect(plain).toMatch(/^ow_lang=en;/);
    expect(plain).toMatch(/Path=\/console/);
    expect(plain).toMatch(/HttpOnly/);
    expect(plain).toMatch(/SameSite=Lax/);
    expect(plain).not.toMatch(/Secure/);
    expect(cookie(await app.request('https://console.test/console/sign-in?lang=en'))).toMatch(/Secure/);
    const unknown = await request('/console/sign-in?lang=fr', { headers: { cookie: '' } });
    expect(cookie(unknown)).toBeUndefined();
    expect(await unknown.text()).toContain('<html lang="zh-CN">');
  });

  it('ends the session when the API refuses the token', async () => {
    const { signIn, request, jar } = setup();
    await signIn();
    const res = await request('/console/tenants/nanjing.jiangning.dongshan/staff');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/sign-in?expired=1');
    expect(jar.has('ow_session')).toBe(false);
  });

  it('signs out with a POST and clears the session', async () => {
    const { signIn, post, csrfOf, jar, request } = setup();
    await signIn();
    const res = await post('/console/sign-out', { _csrf: await csrfOf('/console') });
    expect(res.headers.get('location')).toBe('/console/sign-in');
    expect(jar.has('ow_session')).toBe(false);
    expect((await request('/console')).status).toBe(303);
  });

  it('serves pages with a CSP that forbids inline script and style, and no caching', async () => {
    const { request } = setup();
    const res = await request('/console/sign-in');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).not.toMatch(/<script>|<style>| style="/);
  });
});
