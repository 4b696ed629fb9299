import type { PublicTenantList, ResponseOf } from '@onewindow/api/contract';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, SelectField } from '../../ui/form';
import { page } from '../../ui/layout';
import { Submit } from '../../ui/table';
import { empoweredRoutes } from './empowered';
import { guideRoutes } from './guide';
import { progressRoutes } from './progress';
import { verifyRoutes } from './verify';

/**
 * Finding a service guide without knowing any code: choose the city, then one of its service
 * centres (two GET forms, so it works without script).
 */
async function guidePicker(c: Ctx) {
  const t = c.get('t');
  const api = c.get('api');
  const city = c.req.query('city') || undefined;
  const [cities, centres] = await Promise.all([
    api.send<ResponseOf<'GET /v1/public/cities'>>('GET', '/v1/public/cities'),
    city ? api.send<PublicTenantList>('GET', `/v1/public/cities/${seg(city)}/tenants`) : undefined,
  ]);
  const items = centres?.ok ? [...centres.data.items].sort((a, b) => a.id.localeCompare(b.id)) : [];
  return (
    <>
      {!cities.ok && <ErrorSummary c={c} problem={cities.problem} />}
      <form method="get" action="/console/public" class="stack">
        <SelectField
          c={c}
          state={{ values: { city: city ?? '' } }}
          name="city"
          label={t.publicHome.city}
          blank={t.publicHome.chooseCity}
          required
          options={(cities.ok ? cities.data.items : []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <div class="actions">
          <button type="submit" class={centres?.ok ? 'secondary' : undefined}>
            {centres?.ok ? t.publicHome.changeCity : t.publicHome.next}
          </button>
        </div>
      </form>
      {centres && !centres.ok && <ErrorSummary c={c} problem={centres.problem} />}
      {centres?.ok &&
        (items.length === 0 ? (
          <p>{t.publicHome.noCentres}</p>
        ) : (
          <form method="get" action="/console/public/guide" class="stack">
            <SelectField
              c={c}
              state={{ values: {} }}
              name="tenant"
              label={t.publicHome.centre}
              hint={t.publicHome.centreHint(centres.data.city.name)}
              blank={t.publicHome.chooseCentre}
              required
              options={items.map((x) => ({ value: x.id, label: x.name }))}
            />
            <Submit label={t.publicHome.open} />
          </form>
        ))}
    </>
  );
}

/** Applicants: service guide, progress, rating, result verification. No sign-in. */
export function publicRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/public', async (c) => {
    const t = c.get('t');
    const picker = await guidePicker(c);
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
            {picker}
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
  // The guide form above names a service centre; its answer is that centre's guide address.
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
  app.route('/', empoweredRoutes());
  return app;
}
