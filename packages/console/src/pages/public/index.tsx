import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { TextField } from '../../ui/form';
import { page } from '../../ui/layout';
import { Submit } from '../../ui/table';
import { guideRoutes } from './guide';
import { progressRoutes } from './progress';
import { verifyRoutes } from './verify';

/** Applicants: service guide, progress, rating, result verification. No sign-in. */
export function publicRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/public', (c) => {
    const t = c.get('t');
    const own = c.get('session')?.claims.tenant;
    return page(
      c,
      t.publicHome.title,
      <>
        <h1>{t.publicHome.title}</h1>
        <div class="grid">
          <section class="card" aria-labelledby="p-guide">
            <h2 id="p-guide">{t.publicHome.guide}</h2>
            {own && (
              <p>
                <a href={`/console/public/${own}/guide`}>{t.publicHome.ownGuide}</a>
              </p>
            )}
            <form method="get" action="/console/public/guide" class="stack">
              <TextField
                c={c}
                state={{ values: {} }}
                name="tenant"
                label={t.publicHome.tenant}
                hint={t.publicHome.tenantHint}
                required
              />
              <Submit label={t.publicHome.open} />
            </form>
          </section>
          <section class="card" aria-labelledby="p-progress">
            <h2 id="p-progress">{t.progress.title}</h2>
            <p>{t.publicHome.progressText}</p>
            <p>
              <a href="/console/public/progress">{t.progress.query}</a>
            </p>
          </section>
          <section class="card" aria-labelledby="p-verify">
            <h2 id="p-verify">{t.verify.title}</h2>
            <p>{t.publicHome.verifyText}</p>
            <p>
              <a href="/console/public/verify">{t.verify.check}</a>
            </p>
          </section>
        </div>
      </>,
      { bare: !c.get('session') },
    );
  });
  // The guide form above asks for a tenant id; its answer is the tenant's guide address.
  app.get('/console/public/guide', (c) => {
    const tenant = (c.req.query('tenant') ?? '').trim();
    return c.redirect(
      /^[a-z0-9.-]+$/.test(tenant) ? `/console/public/${tenant}/guide` : '/console/public',
      303,
    );
  });
  app.route('/', progressRoutes());
  app.route('/', verifyRoutes());
  app.route('/', guideRoutes());
  return app;
}
