import { relayClient } from '@onewindow/domain';
import { getCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { ApiFailure, consoleApi, SignInRequired } from './api';
import type { ConsoleEnv, Ctx } from './env';
import { Hono } from './hono';
import { messages, pick } from './i18n';
import { languageDetector } from './language';
import type { ConsoleOptions } from './options';
import { authRoutes } from './pages/auth';
import { caseRoutes } from './pages/cases';
import { cityRoutes } from './pages/city';
import { homeRoutes } from './pages/home';
import { publicRoutes } from './pages/public';
import { tenantRoutes } from './pages/tenant';
import { reportSecurityEvent, sourceIp } from './security-event';
import { securityHeaders } from './security-headers';
import { CSRF_FIELD, csrfSecret, csrfToken, csrfValid, endSession, isSecure, readSession } from './session';
import { CSS, JS } from './ui/assets';
import { page } from './ui/layout';

/** Paths a person may open without signing in. */
const OPEN = [
  /^\/console\/sign-in$/,
  /^\/console\/auth\//,
  /^\/console\/assets\//,
  /^\/console\/public(\/|$)/,
];

/**
 * The browser console: hono/jsx pages served under /console by the same app as the API,
 * calling the API in-process with the session's token.
 */
export function consoleApp(options: ConsoleOptions): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const secureSetting = options.secureCookies ?? 'auto';
  const nowSeconds = () => Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const allowedOrigins = (c: Ctx) => [
    new URL(c.req.url).origin,
    ...(options.signIn.kind === 'cognito' ? [new URL(options.signIn.consoleUrl).origin] : []),
  ];

  const headers = securityHeaders(
    options.signIn.kind === 'cognito' ? [new URL(options.signIn.domain).origin] : [],
    options.uploadOrigins,
  );
  app.use('/console/*', headers);
  app.get('/', headers, (c) => c.redirect('/console', 302));
  app.get('/console/', (c) => c.redirect('/console', 301));
  app.get('/console/assets/console.css', (c) =>
    c.body(CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }),
  );
  app.get('/console/assets/console.js', (c) =>
    c.body(JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );

  app.use('/console/*', async (c, next) => {
    const secure = isSecure(c, secureSetting);
    c.set('secure', secure);
    c.set('options', options);
    await languageDetector(c, next);
  });
  app.use('/console/*', async (c, next) => {
    const lang = c.get('lang');
    c.set('t', messages[lang]);
    const session = readSession(c, nowSeconds());
    c.set('session', session);
    const secret = csrfSecret(c, c.get('secure'));
    c.set('csrf', csrfToken(secret, session?.token));
    const visitor = options.relayKey ? sourceIp(c) : undefined;
    const client =
      options.relayKey && visitor ? relayClient(options.relayKey, visitor, nowSeconds() * 1000) : undefined;
    c.set('api', consoleApi(options.api, session?.token, c.req.header('x-request-id'), client));
    await next();
  });
  // A form POST must come from one of our own pages (Origin or Sec-Fetch-Site)…
  app.use('/console/*', csrf({ origin: (origin, c) => allowedOrigins(c as Ctx).includes(origin) }));
  app.use('/console/*', async (c, next) => {
    // …and carry the token of this browser and session (session.ts), which a cross-site page cannot read.
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
      if (!csrfValid(c.get('csrf'), form[CSRF_FIELD])) {
        throw new HTTPException(403, { message: 'csrf: no or wrong token' });
      }
    }
    const path = c.req.path;
    if (!c.get('session') && !OPEN.some((re) => re.test(path))) {
      if (getCookie(c, 'ow_session')) endSession(c, c.get('secure'));
      const back =
        c.req.method === 'GET' ? `?next=${encodeURIComponent(path + new URL(c.req.url).search)}` : '';
      return c.redirect(`/console/sign-in${back}`, 303);
    }
    await next();
  });

  app.route('/', authRoutes());
  app.route('/', homeRoutes());
  app.route('/', cityRoutes());
  app.route('/', tenantRoutes());
  app.route('/', caseRoutes());
  app.route('/', publicRoutes());

  app.all('/console/*', (c) => {
    const t = c.get('t');
    return page(
      c,
      t.errors.notFoundTitle,
      <>
        <h1>{t.errors.notFoundTitle}</h1>
        <p>{t.errors.notFoundBody}</p>
        <p>
          <a href="/console">{t.errors.backHome}</a>
        </p>
      </>,
      { status: 404 },
    );
  });

  app.onError((error, c) => {
    const cc = c as Ctx;
    if (error instanceof SignInRequired) {
      endSession(cc, cc.get('secure') ?? false);
      return c.redirect(`/console/sign-in?expired=1`, 303);
    }
    const t = cc.get('t') ?? messages.zh;
    const lang = cc.get('lang') ?? 'zh';
    // hono/csrf refuses a foreign origin, and the token check a missing or wrong token, alike.
    if (error instanceof HTTPException && error.status === 403) {
      const claims = cc.get('session')?.claims;
      // hono/csrf's own refusal carries no message: the request came from another origin.
      reportSecurityEvent(cc, options.onSecurityEvent, 'forbidden', error.message || 'csrf: foreign origin', {
        ...(claims?.sub ? { sub: claims.sub } : {}),
        ...(claims?.tenant ? { tenant: claims.tenant } : {}),
      });
      return page(
        cc,
        t.errors.csrfTitle,
        <div class="alert" role="alert">
          <h1>{t.errors.csrfTitle}</h1>
          <p>{t.errors.csrfBody}</p>
          <p>
            <a href="/console">{t.errors.backHome}</a>
          </p>
        </div>,
        { status: 403 },
      );
    }
    if (error instanceof ApiFailure) {
      const p = error.problem;
      const title = pick(lang, p.title, p.titleEn);
      return page(
        cc,
        title,
        <>
          <h1>{title}</h1>
          <p>{pick(lang, p.detail, p.detailEn)}</p>
          <p>
            <a href="/console">{t.errors.backHome}</a>
          </p>
        </>,
        { status: p.status >= 400 && p.status < 600 ? p.status : 500 },
      );
    }
    options.onError?.(error);
    return page(
      cc,
      t.errors.internalTitle,
      <>
        <h1>{t.errors.internalTitle}</h1>
        <p>{t.errors.internalBody}</p>
      </>,
      { status: 500 },
    );
  });
  return app;
}
