import { Hono } from 'hono';
import { type ConsoleEnv, sessionOf } from '../env';
import { roleNames, scopeOf } from '../ui/labels';
import { page } from '../ui/layout';
import { navFor } from '../ui/nav';

/** The start page: who you are, and a card for each area your roles work in. */
export function homeRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console', (c) => {
    const t = c.get('t');
    const { claims } = sessionOf(c);
    const areas = navFor(claims, t).filter((n) => n.href !== '/console');
    return page(
      c,
      t.home.title,
      <>
        <h1>{t.home.title}</h1>
        <div class="card">
          <dl class="facts">
            <dt>{t.home.user}</dt>
            <dd>{claims.name ?? claims.sub}</dd>
            <dt>{t.home.roles}</dt>
            <dd>{roleNames(t, claims.roles) || t.home.noRoles}</dd>
            <dt>{t.home.scope}</dt>
            <dd>{scopeOf(claims) || t.home.platform}</dd>
          </dl>
        </div>
        <h2>{t.home.areas}</h2>
        <ul class="grid" aria-label={t.home.areas}>
          {areas.map((a) => (
            <li class="card">
              <a href={a.href}>{a.label}</a>
            </li>
          ))}
        </ul>
      </>,
    );
  });
  return app;
}
