import type { EmpoweredMatterList, ResponseOf } from '@onewindow/api/contract';
import { JOINT_HANDLINGS, type JointHandling } from '@onewindow/domain';
import { AtQuery, LocalSettingsInput } from '../../../../api/src/schemas';
import { qs, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, type FormState, numberOr, one, SelectField, TextArea, TextField } from '../../ui/form';
import { formRoute } from '../../ui/form-route';
import { type BodyOf, fieldNames, fieldOf, formSpec } from '../../ui/form-spec';
import { beijing, fromLocalInput, money, toLocalInput } from '../../ui/format';
import { label } from '../../ui/labels';
import { Csrf, Done, page } from '../../ui/layout';
import { LevelsField, levelsFrom, levelsValue } from '../../ui/levels-field';
import { namesOf } from '../../ui/names';
import { Head, Submit } from '../../ui/table';

export const listMatters = async (c: Ctx, tenant: string, at?: string) =>
  (await c.get('api').get<EmpoweredMatterList>(`/v1/tenants/${seg(tenant)}/matters${qs({ at })}`)).items;

/** The names of the tenant's and its district's bodies and seals, as far as the caller may read them. */
async function tenantNames(c: Ctx, tenant: string) {
  const names = namesOf(c);
  const parent = tenant.split('.').length > 2 ? tenant.split('.').slice(0, -1).join('.') : undefined;
  await Promise.all([names.tenant(tenant), names.tenant(parent)]);
  return names;
}

async function mattersPage(c: Ctx) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const atInput = c.req.query('at');
  const [items, name] = await Promise.all([
    listMatters(c, tenant, atInput ? fromLocalInput(atInput) : undefined),
    tenantNames(c, tenant),
  ]);
  const now = c.get('options').now?.() ?? new Date();
  return page(
    c,
    t.matters.title,
    <>
      <h1>{t.matters.title}</h1>
      <form method="get" class="actions no-print">
        {/* Typed in Beijing time; the page asks the API for that instant. */}
        <TextField
          c={c}
          state={{ values: { at: atInput ?? toLocalInput(now) } }}
          spec={fieldOf(formSpec(AtQuery), 'at')}
          type="datetime-local"
          step="1"
          label={t.matters.at}
        />
        <button type="submit">{t.matters.show}</button>
      </form>
      <table>
        <caption>{t.matters.caption(tenant, items.length)}</caption>
        <Head
          cols={[
            t.catalogue.code,
            t.catalogue.name,
            t.matters.body,
            t.matters.mode,
            t.matters.seal,
            t.catalogue.promised,
            t.matters.window,
          ]}
        />
        <tbody>
          {items.map((m) => (
            <tr>
              <td>
                <a href={`/console/tenants/${seg(tenant)}/matters/${m.code}`}>
                  <code>{m.code}</code>
                </a>
              </td>
              <td>{m.name}</td>
              <td>
                {name(m.authority.body)}
                {m.authority.handlingBody !== m.authority.body && (
                  <>
                    <br />
                    <span class="muted">{t.matters.handling(name(m.authority.handlingBody))}</span>
                  </>
                )}
              </td>
              <td>{label(t, 'mode', m.authority.mode)}</td>
              <td>{name(m.authority.seal)}</td>
              <td class="num">{m.promisedDays ?? ''}</td>
              <td>{m.windowLocation ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>,
  );
}

const feeLines = (fees: readonly { code: string; name: string; amount: number }[]) =>
  fees.map((f) => `${f.code} ${f.name} ${f.amount}`).join('\n');

/** Fee lines `code name amount` as the API's fees; a line that does not parse goes through for the API to name. */
export function parseFees(text: string): { code: string; name: string; amount: number | string }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const parts = l.split(/\s+/);
      const amount = parts.length >= 3 ? (parts.pop() ?? '') : '';
      const [code = '', ...name] = parts;
      return { code, name: name.join(' '), amount: numberOr(amount) };
    });
}

async function matterPage(c: Ctx, state: FormState, status: number) {
  const t = c.get('t');
  const lang = c.get('lang');
  const tenant = c.req.param('tenant') ?? '';
  const code = c.req.param('code') ?? '';
  const api = c.get('api');
  const [items, history, name] = await Promise.all([
    listMatters(c, tenant),
    api.get<ResponseOf<'GET /v1/tenants/{tenant}/matters/{code}/authority/history'>>(
      `/v1/tenants/${seg(tenant)}/matters/${seg(code)}/authority/history`,
    ),
    tenantNames(c, tenant),
  ]);
  const m = items.find((x) => x.code === code);
  const spec = formSpec(LocalSettingsInput);
  // Unless a refusal brings the typed values back, the form starts from the current settings.
  const form: FormState = state.problem
    ? state
    : {
        values: {
          promisedDays: m?.promisedDays === undefined ? '' : String(m.promisedDays),
          windowLocation: m?.windowLocation ?? '',
          fees: feeLines(m?.fees ?? []),
          approvalLevels: levelsValue(m?.approvalLevels),
          jointHandling: m?.jointHandling ?? '',
        },
      };
  return page(
    c,
    m?.name ?? code,
    <>
      <p class="no-print">
        <a href={`/console/tenants/${seg(tenant)}/matters`}>{t.matters.back}</a>
      </p>
      <h1>{m?.name ?? code}</h1>
      <Done text={c.req.query('ok') ? t.matters.saved : undefined} />
      {m && (
        <dl class="facts card">
          <dt>{t.catalogue.type}</dt>
          <dd>{label(t, 'matterType', m.type)}</dd>
          <dt>{t.catalogue.statutory}</dt>
          <dd>{m.statutoryDays ?? ''}</dd>
          <dt>{t.catalogue.promised}</dt>
          <dd>{m.promisedDays ?? ''}</dd>
          <dt>{t.catalogue.fees}</dt>
          <dd>{m.fees.map((f) => `${f.name} ${money(f.amount, lang)}`).join('；') || t.catalogue.noFees}</dd>
        </dl>
      )}
      <h2>{t.matters.history}</h2>
      <table>
        <Head
          cols={[
            t.matters.from,
            t.matters.to,
            t.matters.body,
            t.matters.mode,
            t.matters.seal,
            t.matters.supervising,
            t.matters.transition,
          ]}
        />
        <tbody>
          {history.items.map((p) => (
            <tr>
              <td>{beijing(p.from)}</td>
              <td>{p.to ? beijing(p.to) : t.matters.open}</td>
              <td>{name(p.body)}</td>
              <td>{label(t, 'mode', p.mode)}</td>
              <td>{name(p.seal)}</td>
              <td>{name(p.supervisingBody)}</td>
              <td>
                {p.transition
                  ? `${label(t, 'policy', p.transition.policy)} → ${beijing(p.transition.until)}`
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="settings">{t.matters.settings}</h2>
      <form
        method="post"
        action={`/console/tenants/${seg(tenant)}/matters/${seg(code)}`}
        class="stack card"
        aria-labelledby="settings"
      >
        <ErrorSummary c={c} problem={form.problem} fields={fieldNames(spec)} />
        <Csrf c={c} />
        <TextField
          c={c}
          state={form}
          spec={fieldOf(spec, 'promisedDays')}
          label={t.catalogue.promised}
          hint={t.matters.promisedHint}
        />
        <TextField c={c} state={form} spec={fieldOf(spec, 'windowLocation')} label={t.matters.window} />
        {/* Fee lines `code name amount`, one a line: parseFees makes them the API's list of fees. */}
        <TextArea
          c={c}
          state={form}
          spec={fieldOf(spec, 'fees')}
          label={t.catalogue.fees}
          hint={t.matters.feesHint}
        />
        <LevelsField c={c} state={form} />
        {/* Art. 42(2): the tenant's own 统一/联合/集中办理, or 'none' setting the city's flag aside. */}
        <SelectField
          c={c}
          state={form}
          spec={fieldOf(spec, 'jointHandling')}
          label={t.matterForm.jointHandling}
          hint={t.matterForm.jointHandlingHint}
          blank={t.matters.jointCity}
          options={[
            { value: 'none', label: t.matters.jointNone },
            ...JOINT_HANDLINGS.map((x) => ({ value: x, label: t.matterForm.jointHandlingNames[x] ?? x })),
          ]}
        />
        <Submit label={t.matters.save} />
      </form>
    </>,
    { status },
  );
}

/** The empowered matter list at an instant, each matter's authority timeline and its local settings. */
export function matterRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/matters', (c) => mattersPage(c));
  formRoute(app, '/console/tenants/:tenant/matters/:code', {
    render: matterPage,
    request: (c, v) => {
      const promised = one(v, 'promisedDays');
      const windowLocation = one(v, 'windowLocation');
      const fees = one(v, 'fees');
      const approvalLevels = levelsFrom(one(v, 'approvalLevels'));
      const jointHandling = one(v, 'jointHandling');
      return {
        method: 'PUT',
        path: `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/matters/${seg(c.req.param('code') ?? '')}/settings`,
        body: {
          ...(promised ? { promisedDays: numberOr(promised) } : {}),
          ...(windowLocation ? { windowLocation } : {}),
          ...(fees ? { fees: parseFees(fees) } : {}),
          ...(approvalLevels ? { approvalLevels } : {}),
          ...(jointHandling ? { jointHandling: jointHandling as JointHandling | 'none' } : {}),
        } satisfies BodyOf<typeof LocalSettingsInput>,
      };
    },
    done: (c) =>
      `/console/tenants/${seg(c.req.param('tenant') ?? '')}/matters/${seg(c.req.param('code') ?? '')}?ok=1`,
  });
  return app;
}
