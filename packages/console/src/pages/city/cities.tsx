import type { City } from '@onewindow/api/contract';
import { CityInput } from '../../../../api/src/schemas';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, type FormState, one, TextField } from '../../ui/form';
import { formRoute } from '../../ui/form-route';
import { type BodyOf, fieldNames, fieldOf, formSpec } from '../../ui/form-spec';
import { Csrf, Done, page } from '../../ui/layout';
import { Head, Submit } from '../../ui/table';

async function citiesPage(c: Ctx, state: FormState, status: number) {
  const t = c.get('t');
  const { items } = await c.get('api').get<{ items: City[] }>('/v1/cities');
  const spec = formSpec(CityInput);
  return page(
    c,
    t.cities.title,
    <>
      <h1>{t.cities.title}</h1>
      <Done text={c.req.query('ok') ? t.cities.created : undefined} />
      <table>
        <caption>{t.cities.caption(items.length)}</caption>
        <Head cols={[t.cities.id, t.cities.name, t.cities.open]} />
        <tbody>
          {items.map((city) => (
            <tr>
              <td>
                <code>{city.id}</code>
              </td>
              <td>{city.name}</td>
              <td>
                <a href={`/console/cities/${city.id}/tenants`}>{t.nav.tenants}</a> ·{' '}
                <a href={`/console/cities/${city.id}/catalogue`}>{t.nav.catalogue}</a> ·{' '}
                <a href={`/console/cities/${city.id}/rollouts`}>{t.nav.rollouts}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="new-city">{t.cities.create}</h2>
      <form method="post" action="/console/cities" class="stack card" aria-labelledby="new-city">
        <ErrorSummary c={c} problem={state.problem} fields={fieldNames(spec)} />
        <Csrf c={c} />
        <TextField c={c} state={state} spec={fieldOf(spec, 'id')} label={t.cities.id} hint={t.hints.id} />
        <TextField c={c} state={state} spec={fieldOf(spec, 'name')} label={t.cities.name} />
        <Submit label={t.cities.create} />
      </form>
    </>,
    { status },
  );
}

/** Platform administrators: the cities, and creating one. */
export function cityListRoutes() {
  const app = new Hono<ConsoleEnv>();
  formRoute(app, '/console/cities', {
    render: citiesPage,
    request: (_c, v) => ({
      method: 'POST',
      path: '/v1/cities',
      body: { id: one(v, 'id'), name: one(v, 'name') } satisfies BodyOf<typeof CityInput>,
    }),
    done: () => '/console/cities?ok=1',
  });
  return app;
}
