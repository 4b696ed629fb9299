import type { Tenant } from '@onewindow/api/contract';
import { TenantInput } from '../../../../api/src/schemas';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, type FormState, one, SelectField, TextField } from '../../ui/form';
import { formRoute } from '../../ui/form-route';
import { type BodyOf, fieldNames, fieldOf, formSpec, optionsOf } from '../../ui/form-spec';
import { label } from '../../ui/labels';
import { Csrf, Done, page } from '../../ui/layout';
import { Head, Submit } from '../../ui/table';

export const listTenants = async (c: Ctx, city: string) =>
  (await c.get('api').get<{ items: Tenant[] }>(`/v1/cities/${seg(city)}/tenants`)).items;

async function tenantsPage(c: Ctx, state: FormState, status: number) {
  const t = c.get('t');
  const city = c.req.param('city') ?? '';
  const items = await listTenants(c, city);
  const action = `/console/cities/${seg(city)}/tenants`;
  const spec = formSpec(TenantInput);
  const kind = fieldOf(spec, 'kind');
  return page(
    c,
    t.tenants.title,
    <>
      <h1>{t.tenants.title}</h1>
      <Done text={c.req.query('ok') ? t.tenants.created : undefined} />
      <table>
        <caption>{t.tenants.caption(city, items.length)}</caption>
        <Head cols={[t.tenants.id, t.tenants.name, t.tenants.kind, t.tenants.parent, t.tenants.manage]} />
        <tbody>
          {items.map((x) => (
            <tr>
              <td>
                <code>{x.id}</code>
              </td>
              <td>{x.name}</td>
              <td>{label(t, 'tenantKind', x.kind)}</td>
              <td>{x.parent ? (items.find((p) => p.id === x.parent)?.name ?? x.parent) : ''}</td>
              <td>
                <a href={`/console/tenants/${x.id}/bodies`}>{t.nav.bodies}</a> ·{' '}
                <a href={`/console/tenants/${x.id}/seals`}>{t.nav.seals}</a> ·{' '}
                <a href={`/console/tenants/${x.id}/matters`}>{t.nav.matters}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="new-tenant">{t.tenants.create}</h2>
      <form method="post" action={action} class="stack card" aria-labelledby="new-tenant">
        <ErrorSummary c={c} problem={state.problem} fields={fieldNames(spec)} />
        <Csrf c={c} />
        <TextField
          c={c}
          state={state}
          spec={fieldOf(spec, 'id')}
          label={t.tenants.id}
          hint={t.tenants.idHint(city)}
        />
        <TextField c={c} state={state} spec={fieldOf(spec, 'name')} label={t.tenants.name} />
        <SelectField
          c={c}
          state={state}
          spec={kind}
          label={t.tenants.kind}
          options={optionsOf(kind, (k) => label(t, 'tenantKind', k))}
        />
        <SelectField
          c={c}
          state={state}
          spec={fieldOf(spec, 'parent')}
          label={t.tenants.parent}
          blank={t.tenants.noParent}
          options={items.map((x) => ({ value: x.id, label: `${x.name}（${x.id}）` }))}
        />
        <Submit label={t.tenants.create} />
      </form>
    </>,
    { status },
  );
}

/** City administrators: the city's tenants, and onboarding one. */
export function tenantListRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/cities/:city', (c) =>
    c.redirect(`/console/cities/${seg(c.req.param('city'))}/tenants`, 302),
  );
  formRoute(app, '/console/cities/:city/tenants', {
    render: tenantsPage,
    request: (c, v) => {
      const parent = one(v, 'parent');
      return {
        method: 'POST',
        path: `/v1/cities/${seg(c.req.param('city') ?? '')}/tenants`,
        body: {
          id: one(v, 'id'),
          name: one(v, 'name'),
          kind: one(v, 'kind'),
          ...(parent ? { parent } : {}),
        } satisfies BodyOf<typeof TenantInput>,
      };
    },
    done: (c) => `/console/cities/${seg(c.req.param('city') ?? '')}/tenants?ok=1`,
  });
  return app;
}
