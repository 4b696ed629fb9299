import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Ctx } from '../env';
import { CSRF_FIELD } from '../session';
import { navFor } from './nav';

/** The hidden CSRF field every POST form carries. */
export const Csrf = ({ c }: { c: Ctx }) => <input type="hidden" name={CSRF_FIELD} value={c.get('csrf')} />;

/** The same page in the other language: the current URL with `lang` replaced. */
function switchHref(c: Ctx, to: string): string {
  const url = new URL(c.req.url);
  url.searchParams.set('lang', to);
  return `${url.pathname}?${url.searchParams}`;
}

export interface LayoutProps {
  readonly c: Ctx;
  readonly title: string;
  readonly children?: Child;
  /** Breadcrumb-free pages (sign-in, public documents) leave the staff menu out. */
  readonly bare?: boolean;
  /**
   * Seconds until the page reloads itself when script is off (a rollout applying). With
   * script on, the page's data-poll part updates in place instead: a page that reloads
   * itself under a reader is an accessibility failure (WCAG 2.2.1), so the meta refresh
   * sits in noscript, where script-enabled browsers never parse it.
   */
  readonly refresh?: number;
}

export function Layout({ c, title, children, bare, refresh }: LayoutProps) {
  const t = c.get('t');
  const session = c.get('session');
  const path = new URL(c.req.url).pathname;
  const nav = bare ? [] : navFor(session?.claims, t);
  // The longest menu entry that prefixes the path is the current one; else the first that claims it (`also`).
  // The home entry is current on the home page alone: every page is under /console.
  const under = (href: string) => path === href || (href !== '/console' && path.startsWith(`${href}/`));
  const current =
    nav.filter((n) => under(n.href)).sort((a, b) => b.href.length - a.href.length)[0] ??
    nav.find((n) => n.also?.some(under));
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={t.lang.htmlLang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {refresh !== undefined &&
            raw(`<noscript><meta http-equiv="refresh" content="${Number(refresh)}"></noscript>`)}
          <title>{`${title} · ${t.app.name}`}</title>
          {/* No favicon request: the API would answer it with a problem document. */}
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href="/console/assets/console.css" />
          <script src="/console/assets/console.js" defer></script>
        </head>
        <body>
          <a class="skip" href="#main">
            {t.app.skip}
          </a>
          <header class="top">
            <div class="bar">
              <a class="brand" href="/console">
                {t.app.name}
              </a>
              <div class="who">
                <a
                  href={switchHref(c, t.lang.other)}
                  lang={t.lang.otherHtmlLang}
                  hreflang={t.lang.otherHtmlLang}
                >
                  {t.lang.switchTo}
                </a>
                {session ? (
                  <>
                    <span>{t.app.signedInAs(session.claims.name ?? session.claims.sub)}</span>
                    <form method="post" action="/console/sign-out">
                      <Csrf c={c} />
                      <button type="submit">{t.app.signOut}</button>
                    </form>
                  </>
                ) : (
                  <a href="/console/sign-in">{t.app.signIn}</a>
                )}
              </div>
            </div>
          </header>
          {nav.length > 0 && (
            <nav class="main" aria-label={t.app.menu}>
              <ul>
                {nav.map((n) => (
                  <li>
                    <a href={n.href} aria-current={n === current ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {path.startsWith('/console/public') && <PublicMenu c={c} path={path} />}
          <main id="main">{children}</main>
          <footer class="foot">{t.app.footer}</footer>
        </body>
      </html>
    </>
  );
}

/** The applicant's menu on every public page: guides, progress, verification and rating. */
function PublicMenu({ c, path }: { c: Ctx; path: string }) {
  const t = c.get('t');
  const items = [
    { href: '/console/public', label: t.publicHome.guide },
    { href: '/console/public/progress', label: t.progress.title },
    { href: '/console/public/verify', label: t.verify.title },
    // A rating is given on the progress page, with the receipt's query code.
    { href: '/console/public/progress#rate', label: t.work.rating },
  ];
  const current = path.startsWith('/console/public/verify')
    ? 2
    : path.startsWith('/console/public/progress')
      ? 1
      : path.startsWith('/console/public/results')
        ? -1
        : 0;
  return (
    <nav class="main public no-print" aria-label={t.work.publicMenu}>
      <ul>
        {items.map((n, i) => (
          <li>
            <a href={n.href} aria-current={i === current ? 'page' : undefined}>
              {n.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface PageOptions {
  /** Forms the API refused answer with its status, so the browser and tests see it. */
  readonly status?: number;
  readonly bare?: boolean;
  readonly refresh?: number;
}

/** Renders a full page. Pages hold personal and official data: never cached. */
export function page(c: Ctx, title: string, body: Child, options: PageOptions = {}) {
  c.header('cache-control', 'no-store');
  return c.html(
    <Layout c={c} title={title} bare={options.bare} refresh={options.refresh}>
      {body}
    </Layout>,
    (options.status ?? 200) as ContentfulStatusCode,
  );
}

/** A small green note after a change went through (`?ok=<key>` on the redirect). */
export function Done({ text }: { text: string | undefined }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}
