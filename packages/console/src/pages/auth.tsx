import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  authorizeUrl,
  CodeExchangeFailed,
  decodePending,
  encodePending,
  exchangeCode,
  logoutUrl,
  newPending,
  safeNext,
} from '../cognito';
import type { ConsoleEnv, Ctx } from '../env';
import { Hono } from '../hono';
import type { DemoSignIn } from '../options';
import { reportSecurityEvent } from '../security-event';
import { COOKIE_PATH, endSession, OAUTH_COOKIE, startSession } from '../session';
import { roleNames, scopeOf } from '../ui/labels';
import { Csrf, page } from '../ui/layout';

function DemoUsers({ c, signIn, next }: { c: Ctx; signIn: DemoSignIn; next: string }) {
  const t = c.get('t');
  return (
    <table>
      <caption>{t.signIn.demoCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.signIn.user}</th>
          <th scope="col">{t.signIn.roles}</th>
          <th scope="col">{t.signIn.scope}</th>
          <th scope="col">
            <span class="muted">{t.signIn.action}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {signIn.users.map((u) => (
          <tr>
            <td>
              {u.name}
              <br />
              <code class="muted">{u.sub}</code>
            </td>
            <td>{roleNames(t, u.roles)}</td>
            <td>{scopeOf(u)}</td>
            <td>
              <form method="post" action="/console/sign-in" class="inline">
                <Csrf c={c} />
                <input type="hidden" name="sub" value={u.sub} />
                <input type="hidden" name="next" value={next} />
                <button type="submit" aria-label={t.signIn.as(u.name)}>
                  {t.signIn.button}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function authRoutes() {
  const app = new Hono<ConsoleEnv>();

  app.get('/console/sign-in', (c) => {
    const t = c.get('t');
    const { signIn } = c.get('options');
    const next = safeNext(c.req.query('next'));
    return page(
      c,
      t.signIn.title,
      <>
        <h1>{t.signIn.title}</h1>
        {c.req.query('expired') && (
          <p class="alert" role="status">
            {t.signIn.expired}
          </p>
        )}
        {c.req.query('failed') && (
          <p class="alert" role="alert">
            {t.signIn.failed}
          </p>
        )}
        {signIn.kind === 'demo' ? (
          <>
            <p>{t.signIn.demoIntro}</p>
            <DemoUsers c={c} signIn={signIn} next={next} />
          </>
        ) : (
          <>
            <p>{t.signIn.cognitoIntro}</p>
            <p>
              <a class="button" href={`/console/auth/login?next=${encodeURIComponent(next)}`}>
                {t.signIn.cognitoButton}
              </a>
            </p>
          </>
        )}
        <p>
          <a href="/console/public">{t.signIn.publicLink}</a>
        </p>
      </>,
      { bare: true },
    );
  });

  app.post('/console/sign-in', async (c) => {
    const { signIn } = c.get('options');
    if (signIn.kind !== 'demo') return c.redirect('/console/auth/login', 303);
    const form = await c.req.parseBody();
    const token = typeof form.sub === 'string' ? await signIn.token(form.sub) : undefined;
    if (!token) {
      reportSecurityEvent(c, c.get('options').onSecurityEvent, 'auth-failed', 'sign-in: unknown user');
      return c.redirect('/console/sign-in?failed=1', 303);
    }
    startSession(c, token, c.get('secure'), Math.floor(Date.now() / 1000));
    return c.redirect(safeNext(typeof form.next === 'string' ? form.next : undefined), 303);
  });

  // Cognito: off to the hosted UI with PKCE and a state kept in a short-lived cookie of this browser.
  app.get('/console/auth/login', (c) => {
    const { signIn } = c.get('options');
    if (signIn.kind !== 'cognito') return c.redirect('/console/sign-in', 302);
    const pending = newPending(safeNext(c.req.query('next')));
    setCookie(c, OAUTH_COOKIE, encodePending(pending), {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'Lax',
      secure: c.get('secure'),
      maxAge: 600,
    });
    return c.redirect(authorizeUrl(signIn, pending), 302);
  });

  app.get('/console/auth/callback', async (c) => {
    const { signIn } = c.get('options');
    if (signIn.kind !== 'cognito') return c.redirect('/console/sign-in', 302);
    const pending = decodePending(getCookie(c, OAUTH_COOKIE));
    deleteCookie(c, OAUTH_COOKIE, { path: COOKIE_PATH, secure: c.get('secure') });
    const code = c.req.query('code');
    if (!pending || !code || c.req.query('state') !== pending.state) {
      const reason = !pending ? 'no pending sign-in' : !code ? 'no code' : 'state mismatch';
      reportSecurityEvent(c, c.get('options').onSecurityEvent, 'auth-failed', `sign-in: ${reason}`);
      return c.redirect('/console/sign-in?failed=1', 302);
    }
    try {
      const token = await exchangeCode(signIn, code, pending.verifier);
      startSession(c, token, c.get('secure'), Math.floor(Date.now() / 1000));
    } catch (error) {
      if (!(error instanceof CodeExchangeFailed)) throw error;
      c.get('options').onError?.(error);
      reportSecurityEvent(
        c,
        c.get('options').onSecurityEvent,
        'auth-failed',
        'sign-in: code exchange failed',
      );
      return c.redirect('/console/sign-in?failed=1', 302);
    }
    return c.redirect(pending.next, 302);
  });

  app.post('/console/sign-out', (c) => {
    const { signIn } = c.get('options');
    endSession(c, c.get('secure'));
    return c.redirect(signIn.kind === 'cognito' ? logoutUrl(signIn) : '/console/sign-in', 303);
  });

  return app;
}
