import type { Absence, AbsencesNow } from '@onewindow/api/contract';
import type { Child } from 'hono/jsx';
import { AbsenceInput } from '../../../../api/src/absence-schemas';
import { type ApiResult, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, type FormState, one, readForm, SelectField, TextField } from '../../ui/form';
import { type BodyOf, fieldNames, fieldOf, formSpec } from '../../ui/form-spec';
import { beijing, fromLocalInput } from '../../ui/format';
import { Csrf, Done, page } from '../../ui/layout';
import { Head, Submit } from '../../ui/table';

/** Who is absent now and who covers, and the absences to come; empty when the API does not answer. */
export async function absencesNow(c: Ctx, tenant: string): Promise<AbsencesNow | undefined> {
  const r = await c.get('api').send<AbsencesNow>('GET', `/v1/tenants/${seg(tenant)}/absences`);
  return r.ok ? r.data : undefined;
}

/** "（张丽 缺勤，由 刘芳 代岗）" for each absence in force, for the queue and the workbench. */
export function Covering({ c, items }: { c: Ctx; items: readonly Absence[] }) {
  const t = c.get('t');
  if (items.length === 0) return null;
  return (
    <p class="notice" role="status">
      {items.map((a) => t.absences.covering(a.staffName ?? a.staff, a.backupName ?? a.backup)).join('')}
    </p>
  );
}

/** Absences with an "end now" button each, back to `back` once ended. */
export function AbsenceTable({
  c,
  tenant,
  items,
  back,
}: {
  c: Ctx;
  tenant: string;
  items: readonly Absence[];
  back: string;
}) {
  const t = c.get('t').absences;
  return (
    <table>
      <Head cols={[t.staff, t.backup, t.from, t.to, t.reason, '']} />
      <tbody>
        {items.map((a) => (
          <tr>
            <td>{a.staffName ?? a.staff}</td>
            <td>{a.backupName ?? a.backup}</td>
            <td>{beijing(a.from)}</td>
            <td>{beijing(a.to)}</td>
            <td>{a.reason}</td>
            <td>
              <form
                method="post"
                action={`/console/tenants/${seg(tenant)}/absences/${seg(a.staff)}/${seg(a.id)}/end`}
              >
                <Csrf c={c} />
                <input type="hidden" name="back" value={back} />
                <button type="submit" class="secondary">
                  {t.endNow}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const spec = formSpec(AbsenceInput);

/**
 * The absence form: `posts` lists the A posts it may be for (a post with a B); one post is
 * sent as a hidden field (a clerk's own). Posts to the console route below.
 */
export function AbsenceForm({
  c,
  tenant,
  state,
  posts,
  back,
}: {
  c: Ctx;
  tenant: string;
  state: FormState;
  posts: readonly { id: string; name: string }[];
  back: string;
}) {
  const t = c.get('t').absences;
  const only = posts.length === 1 ? posts[0] : undefined;
  return (
    <form
      method="post"
      action={`/console/tenants/${seg(tenant)}/absences`}
      class="stack card"
      aria-label={only?.name ? t.recordFor(only.name) : t.record}
    >
      <ErrorSummary c={c} problem={state.problem} fields={fieldNames(spec)} />
      <Csrf c={c} />
      <input type="hidden" name="back" value={back} />
      {only ? (
        <input type="hidden" name="staff" value={only.id} />
      ) : (
        <SelectField
          c={c}
          state={state}
          name="staff"
          required
          label={t.staff}
          options={posts.map((p) => ({ value: p.id, label: `${p.name}（${p.id}）` }))}
        />
      )}
      <TextField c={c} state={state} spec={fieldOf(spec, 'from')} type="datetime-local" label={t.from} />
      <TextField c={c} state={state} spec={fieldOf(spec, 'to')} type="datetime-local" label={t.to} />
      <TextField c={c} state={state} spec={fieldOf(spec, 'reason')} label={t.reason} />
      <Submit label={only?.name ? t.recordFor(only.name) : t.record} />
    </form>
  );
}

/**
 * A clerk's or approver's own absences on their home page: whom they cover now (as a B), their
 * current and coming absences with "end now", and the form to mark one (AB角).
 */
export async function MyAbsences({ c, tenant, sub }: { c: Ctx; tenant: string; sub: string }) {
  const t = c.get('t').absences;
  const api = c.get('api');
  const [mine, now] = await Promise.all([
    api.send<{ items: Absence[] }>('GET', `/v1/tenants/${seg(tenant)}/staff/${seg(sub)}/absences`),
    absencesNow(c, tenant),
  ]);
  const at = now?.at ?? '';
  const open = mine.ok ? mine.data.items.filter((a) => (a.endedAt ?? a.to) > at && a.to > at) : [];
  const covering = now?.current.filter((a) => a.backup === sub) ?? [];
  const done = c.req.query('absence');
  return (
    <section aria-labelledby="my-absences">
      <h2 id="my-absences">{t.mine}</h2>
      <Done text={done === 'recorded' ? t.recorded : done === 'ended' ? t.ended : undefined} />
      <Covering c={c} items={now?.current ?? []} />
      {covering.map((a) => (
        <p class="notice">{t.youCover(a.staffName ?? a.staff, beijing(a.to))}</p>
      ))}
      {open.length > 0 && <AbsenceTable c={c} tenant={tenant} items={open} back="/console" />}
      <AbsenceForm
        c={c}
        tenant={tenant}
        state={{ values: {} }}
        posts={[{ id: sub, name: '' }]}
        back="/console"
      />
    </section>
  );
}

/** Only the console's own pages are gone back to. */
const backOf = (v: string) => (/^\/console(\/[\w./-]*)?$/.test(v) ? v : '/console');

/**
 * Back to the page the form was on once the API took it; refused, a page of its own with the
 * API's problem (and, given, the form again with the typed values), and the way back.
 */
function answer(c: Ctx, r: ApiResult<unknown>, back: string, done: string, form?: Child) {
  if (r.ok) return c.redirect(`${back}?absence=${done}`, 303);
  const t = c.get('t');
  return page(
    c,
    t.absences.title,
    <>
      <h1>{t.absences.title}</h1>
      {form ?? <ErrorSummary c={c} problem={r.problem} />}
      <p>
        <a href={back}>{t.errors.backHome}</a>
      </p>
    </>,
    { status: r.status },
  );
}

/** Recording and ending absences (AB角), from the staff page or the user's home page. */
export function absenceRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.post('/console/tenants/:tenant/absences', async (c) => {
    const tenant = c.req.param('tenant');
    const { values } = await readForm(c);
    const staff = one(values, 'staff');
    const back = backOf(one(values, 'back'));
    const r = await c.get('api').send('POST', `/v1/tenants/${seg(tenant)}/staff/${seg(staff)}/absences`, {
      from: fromLocalInput(one(values, 'from')),
      to: fromLocalInput(one(values, 'to')),
      reason: one(values, 'reason'),
    } satisfies BodyOf<typeof AbsenceInput>);
    return answer(
      c,
      r,
      back,
      'recorded',
      r.ok ? undefined : (
        <AbsenceForm
          c={c}
          tenant={tenant}
          state={{ values, problem: r.problem }}
          posts={[{ id: staff, name: staff }]}
          back={back}
        />
      ),
    );
  });
  app.post('/console/tenants/:tenant/absences/:staff/:id/end', async (c) => {
    const { tenant, staff, id } = c.req.param();
    const { values } = await readForm(c);
    const r = await c
      .get('api')
      .send('POST', `/v1/tenants/${seg(tenant)}/staff/${seg(staff)}/absences/${seg(id)}/end`);
    return answer(c, r, backOf(one(values, 'back')), 'ended');
  });
  return app;
}
