import type { Body } from '@onewindow/api/contract';
import { BodyInput } from '../../../../api/src/schemas';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, type FormState, one, SelectField, TextField } from '../../ui/form';
import { formRoute } from '../../ui/form-route';
import { type BodyOf, fieldNames, fieldOf, formSpec, optionsOf } from '../../ui/form-spec';
import { label } from '../../ui/labels';
import { Csrf, Done, page } from '../../ui/layout';
import { Head, Submit } from '../../ui/table';

export const listBodies = async (c: Ctx, tenant: string) =>
  (await c.get('api').get<{ items: Body[] }>(`/v1/tenants/${seg(tenant)}/bodies`)).items;

/**
 * Body names by reference, for showing `nanjing.jiangning/civil-affairs` as 江宁区民政局. A body
 * of another tenant (a district department supervising a sub-district) stays a reference
 * unless that tenant is given too; a tenant the reader cannot reach is simply left out.
 */
export async function bodyNames(
  c: Ctx,
  tenants: readonly string[],
): Promise<(ref: string | undefined) => string> {
  const lists = await Promise.all(
    [...new Set(tenants)].map((t) =>
      c
        .get('api')
        .send<{ items: Body[] }>('GET', `/v1/tenants/${seg(t)}/bodies`)
        .then((r) => (r.ok ? r.data.items : [])),
    ),
  );
  const names = new Map(lists.flat().map((b) => [b.ref, b.name]));
  return (ref) => (ref === undefined ? '' : (names.get(ref) ?? ref));
}

async function bodiesPage(c: Ctx, state: FormState, status: number) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const items = await listBodies(c, tenant);
  const spec = formSpec(BodyInput);
  const kind = fieldOf(spec, 'kind');
  return page(
    c,
    t.bodies.title,
    <>
      <h1>{t.bodies.title}</h1>
      <Done text={c.req.query('ok') ? t.bodies.created : undefined} />
      <table>
        <caption>{t.bodies.caption(tenant, items.length)}</caption>
        <Head cols={[t.bodies.code, t.bodies.name, t.bodies.kind, t.bodies.ref]} />
        <tbody>
          {items.map((b) => (
            <tr>
              <td>
                <code>{b.code}</code>
              </td>
              <td>{b.name}</td>
              <td>{label(t, 'bodyKind', b.kind)}</td>
              <td>
                <code>{b.ref}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="new-body">{t.bodies.create}</h2>
      <form
        method="post"
        action={`/console/tenants/${seg(tenant)}/bodies`}
        class="stack card"
        aria-labelledby="new-body"
      >
        <ErrorSummary c={c} problem={state.problem} fields={fieldNames(spec)} />
        <Csrf c={c} />
        <TextField c={c} state={state} spec={fieldOf(spec, 'code')} label={t.bodies.code} hint={t.hints.id} />
        <TextField c={c} state={state} spec={fieldOf(spec, 'name')} label={t.bodies.name} />
        <SelectField
          c={c}
          state={state}
          spec={kind}
          label={t.bodies.kind}
          options={optionsOf(kind, (k) => label(t, 'bodyKind', k))}
        />
        <Submit label={t.bodies.create} />
      </form>
    </>,
    { status },
  );
}

export function bodyRoutes() {
  const app = new Hono<ConsoleEnv>();
  formRoute(app, '/console/tenants/:tenant/bodies', {
    render: bodiesPage,
    request: (c, v) => ({
      method: 'POST',
      path: `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/bodies`,
      body: { code: one(v, 'code'), name: one(v, 'name'), kind: one(v, 'kind') } satisfies BodyOf<
        typeof BodyInput
      >,
    }),
    done: (c) => `/console/tenants/${seg(c.req.param('tenant') ?? '')}/bodies?ok=1`,
  });
  return app;
}
