import type { Agreement, Staff, Training } from '@onewindow/api/contract';
import { TRAINING_KINDS } from '@onewindow/domain';
import { ApiFailure, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, type FormState, one, readForm, SelectField, TextArea, TextField } from '../../ui/form';
import { formRoute } from '../../ui/form-route';
import { Csrf, Done, page } from '../../ui/layout';
import { Head, Submit } from '../../ui/table';

const FIELDS = ['staff', 'kind', 'matters', 'completedAt', 'by'];

/**
 * Training records (跟班学习、业务培训、试运行; R11 readiness): the tenant's records and a form to
 * record one. A rollout's check counts only approvers and clerks trained on each moving matter.
 */
async function trainingsPage(c: Ctx, state: FormState, status: number) {
  const t = c.get('t');
  const r = t.readiness;
  const tenant = c.req.param('tenant') ?? '';
  const [list, staff] = await Promise.all([
    c.get('api').get<{ items: Training[] }>(`/v1/tenants/${seg(tenant)}/trainings`),
    c.get('api').get<{ items: Staff[] }>(`/v1/tenants/${seg(tenant)}/staff`),
  ]);
  const names = new Map(staff.items.map((s) => [s.id, s.name]));
  return page(
    c,
    r.title,
    <>
      <h1>{r.title}</h1>
      <p class="hint">{r.intro}</p>
      <Done text={c.req.query('ok') ? r.recorded : undefined} />
      {list.items.length === 0 ? (
        <p>{r.none}</p>
      ) : (
        <table>
          <Head cols={[r.staff, r.kind, r.matters, r.completedAt, r.by]} />
          <tbody>
            {list.items.map((x) => (
              <tr>
                <td>{names.get(x.staff) ?? x.staff}</td>
                <td>{r.kinds[x.kind] ?? x.kind}</td>
                <td>{x.matters.join('、')}</td>
                <td>{x.completedAt}</td>
                <td>{x.by ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="record">{r.record}</h2>
      <form method="post" class="stack card" aria-labelledby="record">
        <ErrorSummary c={c} problem={state.problem} fields={FIELDS} />
        <Csrf c={c} />
        <SelectField
          c={c}
          state={state}
          name="staff"
          required
          label={r.staff}
          options={staff.items
            .filter((s) => s.roles.some((x) => x === 'approver' || x === 'window-clerk'))
            .map((s) => ({ value: s.id, label: s.name }))}
        />
        <SelectField
          c={c}
          state={state}
          name="kind"
          required
          label={r.kind}
          options={TRAINING_KINDS.map((k) => ({ value: k, label: r.kinds[k] ?? k }))}
        />
        <TextArea c={c} state={state} name="matters" required label={r.matters} hint={r.mattersHint} />
        <TextField c={c} state={state} name="completedAt" type="date" required label={r.completedAt} />
        <TextField c={c} state={state} name="by" label={r.by} />
        <Submit label={r.record} />
      </form>
    </>,
    { status },
  );
}

/** The agreement's checklist items still to confirm, one button each (the receiving tenant's administrator). */
export function ChecklistForms({ c, a }: { c: Ctx; a: Agreement }) {
  const r = c.get('t').readiness;
  const open = (a.checklist ?? []).filter((x) => !x.confirmedAt);
  if (open.length === 0) return null;
  return (
    <section class="card no-print" aria-labelledby="confirm">
      <h2 id="confirm">{r.confirmTitle}</h2>
      <Done text={c.req.query('ok') ? r.confirmed : undefined} />
      {open.map((x) => (
        <form
          method="post"
          action={`/console/tenants/${seg(a.tenant)}/handovers/${seg(a.rollout)}/checklist/${seg(x.item)}`}
        >
          <Csrf c={c} />
          {/* Back to the page it was on: the tenant's handover or the city's rollout agreement. */}
          <input type="hidden" name="back" value={c.req.path} />
          <button type="submit">{r.confirm(c.get('lang') === 'en' ? x.nameEn : x.name)}</button>
        </form>
      ))}
    </section>
  );
}

export function trainingRoutes() {
  const app = new Hono<ConsoleEnv>();
  formRoute(app, '/console/tenants/:tenant/trainings', {
    render: trainingsPage,
    request: (c, v) => {
      const by = one(v, 'by');
      return {
        method: 'POST',
        path: `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/staff/${seg(one(v, 'staff'))}/trainings`,
        body: {
          kind: one(v, 'kind'),
          matters: one(v, 'matters')
            .split(/[\s,，、;；]+/)
            .filter(Boolean),
          completedAt: one(v, 'completedAt'),
          ...(by ? { by } : {}),
        },
      };
    },
    done: (c) => `/console/tenants/${seg(c.req.param('tenant') ?? '')}/trainings?ok=1`,
  });
  app.post('/console/tenants/:tenant/handovers/:id/checklist/:item', async (c) => {
    const { values } = await readForm(c);
    const base = `/tenants/${seg(c.req.param('tenant'))}/handovers/${seg(c.req.param('id'))}`;
    const res = await c.get('api').send('POST', `/v1${base}/checklist/${seg(c.req.param('item'))}`, {});
    // A refusal (already confirmed, not this tenant's) shows as the console's error page, with the API's words.
    if (!res.ok) throw new ApiFailure(res.problem);
    const back = one(values, 'back');
    // Only the console's own pages are gone back to.
    return c.redirect(`${/^\/console\/[\w./-]*$/.test(back) ? back : `/console${base}`}?ok=1`, 303);
  });
  return app;
}
