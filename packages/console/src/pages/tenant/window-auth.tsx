import type { ResponseOf } from '@onewindow/api/contract';
import { Hono } from 'hono';
import { WindowAuthorisationInput } from '../../../../api/src/case-schemas';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { ChoiceGroup, ErrorSummary, type FormState, many, one, SelectField, TextField } from '../../ui/form';
import { formRoute } from '../../ui/form-route';
import { type BodyOf, fieldNames, fieldOf, formSpec } from '../../ui/form-spec';
import { beijing, fromLocalInput } from '../../ui/format';
import { Csrf, Done, page } from '../../ui/layout';
import { Head, Submit } from '../../ui/table';
import { listMatters } from './matters';

/** Not a field of the API's body: the clerk is the last segment of the path the form is sent to. */
const STAFF = 'staff';

async function authorisationsPage(c: Ctx, state: FormState, status: number) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const api = c.get('api');
  const [{ items }, staff, matters] = await Promise.all([
    api.get<ResponseOf<'GET /v1/tenants/{tenant}/window-authorisations'>>(
      `/v1/tenants/${seg(tenant)}/window-authorisations`,
    ),
    api.get<ResponseOf<'GET /v1/tenants/{tenant}/staff'>>(`/v1/tenants/${seg(tenant)}/staff`),
    listMatters(c, tenant),
  ]);
  const clerks = staff.items.filter((s) => s.roles.includes('window-clerk'));
  const names = new Map(matters.map((m) => [m.code, m.name]));
  // Only on-the-spot matters can be decided at the window; the others are listed for completeness.
  const onTheSpot = matters.filter((m) => m.onTheSpot);
  const spec = formSpec(WindowAuthorisationInput);
  return page(
    c,
    t.windowAuth.title,
    <>
      <h1>{t.windowAuth.title}</h1>
      <p>{t.windowAuth.intro}</p>
      <Done text={c.req.query('ok') ? t.windowAuth.saved : undefined} />
      <table>
        <caption>{t.windowAuth.caption(items.length)}</caption>
        <Head cols={[t.windowAuth.staff, t.windowAuth.matters, t.windowAuth.until]} />
        <tbody>
          {items.map((a) => (
            <tr>
              <td>{clerks.find((s) => s.id === a.staff)?.name ?? a.staff}</td>
              <td>{a.matters.map((m) => names.get(m) ?? m).join('、')}</td>
              <td>{a.until ? beijing(a.until) : t.windowAuth.noEnd}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="grant">{t.windowAuth.grant}</h2>
      <form
        method="post"
        action={`/console/tenants/${seg(tenant)}/window-authorisations`}
        class="stack card"
        aria-labelledby="grant"
      >
        <ErrorSummary c={c} problem={state.problem} fields={[STAFF, ...fieldNames(spec)]} />
        <Csrf c={c} />
        <SelectField
          c={c}
          state={state}
          name={STAFF}
          label={t.windowAuth.staff}
          options={clerks.map((s) => ({ value: s.id, label: `${s.name}（${s.id}）` }))}
        />
        <ChoiceGroup
          c={c}
          state={state}
          spec={fieldOf(spec, 'matters')}
          label={t.windowAuth.matters}
          hint={t.windowAuth.mattersHint(onTheSpot.length)}
          scroll
          options={(onTheSpot.length > 0 ? onTheSpot : matters).map((m) => ({
            value: m.code,
            label: `${m.name}（${m.code}）`,
          }))}
        />
        {/* Typed in Beijing time; the route sends the instant the API takes. */}
        <TextField
          c={c}
          state={state}
          spec={fieldOf(spec, 'until')}
          type="datetime-local"
          step="1"
          label={t.windowAuth.until}
        />
        <Submit label={t.windowAuth.save} />
      </form>
    </>,
    { status },
  );
}

/** Tenant administrators: chief-representative window authorisations (首席代表授权). */
export function windowAuthRoutes() {
  const app = new Hono<ConsoleEnv>();
  formRoute(app, '/console/tenants/:tenant/window-authorisations', {
    render: authorisationsPage,
    request: (c, v) => {
      const until = one(v, 'until');
      return {
        method: 'PUT',
        path: `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/window-authorisations/${seg(one(v, STAFF))}`,
        body: {
          matters: many(v, 'matters'),
          ...(until ? { until: fromLocalInput(until) } : {}),
        } satisfies BodyOf<typeof WindowAuthorisationInput>,
      };
    },
    done: (c) => `/console/tenants/${seg(c.req.param('tenant') ?? '')}/window-authorisations?ok=1`,
  });
  return app;
}
