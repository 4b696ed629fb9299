import type { ResponseOf } from '@onewindow/api/contract';
import { WindowGrantInput } from '../../../../api/src/case-schemas';
import { ApiFailure, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import {
  ChoiceGroup,
  ErrorSummary,
  type FormState,
  many,
  one,
  readForm,
  SelectField,
  TextField,
} from '../../ui/form';
import { formRoute } from '../../ui/form-route';
import { type BodyOf, fieldNames, fieldOf, formSpec } from '../../ui/form-spec';
import { beijing, fromLocalInput } from '../../ui/format';
import { Csrf, Done, page } from '../../ui/layout';
import { Submit } from '../../ui/table';
import { listMatters } from './matters';

const base = (c: Ctx) => `/console/tenants/${seg(c.req.param('tenant') ?? '')}/window-authorisations`;
const apiBase = (c: Ctx) => `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/window-authorisations`;

/**
 * The register of chief representatives' written authorisations (R16) with each one's standing
 * (revocation is the API's, by the head), and the grant form for a department's head (or an
 * administrator recording the head's letter): every person, department and matter picked by name.
 */
async function authorisationsPage(c: Ctx, state: FormState, status: number) {
  const t = c.get('t');
  const x = t.windowAuth;
  const tenant = c.req.param('tenant') ?? '';
  const api = c.get('api');
  const [{ items }, staff, matters] = await Promise.all([
    api.get<ResponseOf<'GET /v1/tenants/{tenant}/window-authorisations'>>(apiBase(c)),
    api.get<ResponseOf<'GET /v1/tenants/{tenant}/staff'>>(`/v1/tenants/${seg(tenant)}/staff`),
    listMatters(c, tenant),
  ]);
  const clerks = staff.items.filter((s) => s.roles.includes('window-clerk'));
  const heads = staff.items.filter((s) => s.head && s.body);
  // Only on-the-spot matters can be decided at the window; the department is the head's own body.
  const onTheSpot = matters.filter((m) => m.onTheSpot);
  const spec = formSpec(WindowGrantInput);
  return page(
    c,
    x.title,
    <>
      <h1>{x.title}</h1>
      <p>{x.intro}</p>
      <Done text={c.req.query('ok') ? x.saved : undefined} />
      <p>
        <a href={`${base(c)}/register`}>{x.register}</a>
      </p>
      <ul>
        {items.map((a) => (
          <li>
            <a href={`${base(c)}/${seg(a.id)}/letter`}>{a.docNo}</a> {a.names.staff}（{a.names.body}：
            {a.matters.map((m) => a.names.matters[m] ?? m).join('、')}；{beijing(a.from)}–{beijing(a.until)}）
            {a.standing}
            {(a.status.state === 'active' || a.status.state === 'pending') && (
              <form method="post" action={`${base(c)}/${seg(a.id)}/revoke`} class="inline">
                <Csrf c={c} />
                <input name="reason" required aria-label={x.reason} placeholder={x.reason} maxlength={500} />
                <button type="submit" class="secondary">
                  {x.revoke}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <h2 id="grant">{x.grant}</h2>
      <form method="post" action={base(c)} class="stack card" aria-labelledby="grant">
        <ErrorSummary c={c} problem={state.problem} fields={fieldNames(spec)} />
        <Csrf c={c} />
        <SelectField
          c={c}
          state={state}
          spec={fieldOf(spec, 'grantedBy')}
          label={x.grantedBy}
          options={heads.map((s) => ({ value: s.id, label: s.name }))}
        />
        <SelectField
          c={c}
          state={state}
          spec={fieldOf(spec, 'staff')}
          label={x.staff}
          options={clerks.map((s) => ({ value: s.id, label: `${s.name}（${s.id}）` }))}
        />
        <ChoiceGroup
          c={c}
          state={state}
          spec={fieldOf(spec, 'matters')}
          label={x.matters}
          scroll
          options={onTheSpot.map((m) => ({
            value: m.code,
            label: `${m.name}（${m.code}）`,
          }))}
        />
        {/* Typed in Beijing time; the route sends the instants the API takes. */}
        <TextField
          c={c}
          state={state}
          spec={fieldOf(spec, 'from')}
          type="datetime-local"
          step="1"
          label={x.from}
        />
        <TextField
          c={c}
          state={state}
          spec={fieldOf(spec, 'until')}
          type="datetime-local"
          step="1"
          label={x.until}
        />
        <TextField c={c} state={state} spec={fieldOf(spec, 'docNo')} label={x.docNo} />
        <Submit label={x.save} />
      </form>
    </>,
    { status },
  );
}

/** The API's printable page, fetched with the session's token (the browser has none). */
async function printed(c: Ctx, path: string) {
  const res = await c.get('api').raw(`${path}?format=html`);
  return c.body(await res.text(), res.ok ? 200 : res.status === 404 ? 404 : 502, {
    'content-type': 'text/html; charset=utf-8',
  });
}

/** Chief representatives' written authorisations (首席代表授权书, R16). */
export function windowAuthRoutes() {
  const app = new Hono<ConsoleEnv>();
  const path = '/console/tenants/:tenant/window-authorisations';
  formRoute(app, path, {
    render: authorisationsPage,
    request: (c, v) => {
      const grantedBy = one(v, 'grantedBy');
      return {
        method: 'POST',
        path: apiBase(c),
        body: {
          staff: one(v, 'staff'),
          matters: many(v, 'matters'),
          from: fromLocalInput(one(v, 'from')),
          until: fromLocalInput(one(v, 'until')),
          docNo: one(v, 'docNo'),
          ...(grantedBy ? { grantedBy } : {}),
        } satisfies BodyOf<typeof WindowGrantInput>,
      };
    },
    done: (c) => `${base(c)}?ok=1`,
  });
  // The head (or an administrator) revokes a letter with its reason; a refusal shows the API's words.
  app.post(`${path}/:id/revoke`, async (c) => {
    const { values } = await readForm(c);
    const res = await c
      .get('api')
      .send('POST', `${apiBase(c)}/${seg(c.req.param('id'))}/revoke`, { reason: one(values, 'reason') });
    if (!res.ok) throw new ApiFailure(res.problem);
    return c.redirect(`${base(c)}?ok=1`, 303);
  });
  app.get(`${path}/register`, (c) => printed(c, apiBase(c)));
  app.get(`${path}/:id/letter`, (c) => printed(c, `${apiBase(c)}/${seg(c.req.param('id'))}`));
  return app;
}
