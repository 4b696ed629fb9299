import type { Inbox, LiaisonList, Staff } from '@onewindow/api/contract';
import { FindingInput } from '../../../../api/src/case-schemas';
import { LiaisonInput } from '../../../../api/src/supervision-schemas';
import { qs, seg } from '../../api';
import { type ConsoleEnv, type Ctx, sessionOf } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, type FormState, one, readForm, SelectField, TextArea, TextField } from '../../ui/form';
import { type BodyOf, fieldOf, formSpec, optionsOf } from '../../ui/form-spec';
import { beijing } from '../../ui/format';
import { label } from '../../ui/labels';
import { Csrf, Done, page } from '../../ui/layout';
import { namesOf } from '../../ui/names';
import { Pager } from '../../ui/pager';
import { Head, Submit } from '../../ui/table';

/** Who names any body's liaisons: the tenant's administrators and those above them. */
const ADMIN_ROLES = ['platform-admin', 'city-admin', 'tenant-admin'];

/**
 * 联络人 (issue 15): the body's liaisons by department, and, for the tenant's administrators and
 * the body's own supervisors, the form naming one. Departments are suggested from the inbox (the
 * bodies whose decisions came here, by the names the pushes carried); an administrator picks the
 * liaison among the body's supervisors in the staff register, a supervisor (who cannot read the
 * register) types their colleague's id.
 */
async function liaisonsOf(c: Ctx, tenant: string, body: string) {
  const claims = sessionOf(c).claims;
  const admin = claims.roles.some((r) => ADMIN_ROLES.includes(r));
  const mayName = admin || (claims.roles.includes('supervisor') && claims.body === body);
  const api = c.get('api');
  const [list, staff] = await Promise.all([
    api.send<LiaisonList>('GET', `/v1/tenants/${seg(tenant)}/supervision/liaisons${qs({ body })}`),
    mayName && admin
      ? api.send<{ items: Staff[] }>('GET', `/v1/tenants/${seg(tenant)}/staff`)
      : Promise.resolve(undefined),
  ]);
  return { list, staff, mayName };
}

function LiaisonSection({
  c,
  tenant,
  body,
  items,
  state,
  back,
  loaded: { list, staff, mayName },
}: {
  c: Ctx;
  tenant: string;
  body: string;
  items: Inbox['items'];
  state: FormState;
  back: string;
  loaded: Awaited<ReturnType<typeof liaisonsOf>>;
}) {
  const l = c.get('t').liaisons;
  const names = namesOf(c);
  const liaisons = list.ok ? list.data.items : [];
  const departments = new Map<string, string>();
  for (const i of items) departments.set(i.approvingBody, i.approvingBodyName ?? names(i.approvingBody));
  for (const x of liaisons)
    if (!departments.has(x.department)) departments.set(x.department, names(x.department));
  const supervisors =
    staff?.ok === true
      ? staff.data.items.filter((s) => s.body === body && s.roles.includes('supervisor'))
      : undefined;
  const spec = formSpec(LiaisonInput);
  const s: FormState = { ...state, scope: 'liaison' };
  return (
    <section class="card stack" aria-labelledby="liaisons">
      <h2 id="liaisons">{l.title}</h2>
      <p class="hint">{l.intro}</p>
      {!list.ok && <ErrorSummary c={c} problem={list.problem} />}
      {list.ok && liaisons.length === 0 && <p>{l.none}</p>}
      {liaisons.length > 0 && (
        <table>
          <Head cols={[l.department, l.staff, l.updatedAt]} />
          <tbody>
            {liaisons.map((x) => (
              <tr>
                <td>
                  {departments.get(x.department) ?? x.department}
                  <br />
                  <code>{x.department}</code>
                </td>
                <td>{x.staffName ? `${x.staffName}（${x.staff}）` : x.staff}</td>
                <td>{beijing(x.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayName && (
        <form
          method="post"
          action={`/console/tenants/${seg(tenant)}/supervision/liaisons${back}`}
          class="stack no-print"
        >
          <ErrorSummary
            c={c}
            problem={s.problem}
            fields={['supervisingBody', 'department', 'staff']}
            scope="liaison"
          />
          <Csrf c={c} />
          <input type="hidden" name={fieldOf(spec, 'supervisingBody').name} value={body} />
          <TextField
            c={c}
            state={s}
            spec={fieldOf(spec, 'department')}
            label={l.department}
            hint={l.departmentHint}
            list="liaison-departments"
          />
          <datalist id="liaison-departments">
            {[...departments].map(([ref, name]) => (
              <option value={ref}>{name}</option>
            ))}
          </datalist>
          {supervisors ? (
            <SelectField
              c={c}
              state={s}
              spec={fieldOf(spec, 'staff')}
              label={l.staff}
              blank=""
              options={supervisors.map((x) => ({ value: x.id, label: `${x.name}（${x.id}）` }))}
            />
          ) : (
            <TextField c={c} state={s} spec={fieldOf(spec, 'staff')} label={l.staff} hint={l.staffHint} />
          )}
          <Submit label={l.save} />
        </form>
      )}
    </section>
  );
}

/** A supervisor's inbox: every result pushed to their body (R10), each with a form to send a finding back. */
async function inboxPage(
  c: Ctx,
  failed?: { caseNo: string; state: FormState },
  status = 200,
  refused?: FormState['problem'],
  liaison: FormState = { values: {} },
) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const body = c.req.query('body') || sessionOf(c).claims.body;
  const r = await c
    .get('api')
    .send<Inbox>(
      'GET',
      `/v1/tenants/${seg(tenant)}/supervision/inbox${qs({ body, cursor: c.req.query('cursor') })}`,
    );
  const items = r.ok ? r.data.items : [];
  // Bodies and seals by name: the inbox's own tenant, and the tenants the results came from.
  const names = namesOf(c);
  await Promise.all(
    [...new Set([tenant, ...items.flatMap((i) => [i.caseTenant, ...(i.seal ? [i.seal.tenant] : [])])])].map(
      (x) => names.tenant(x),
    ),
  );
  const liaisons = body ? await liaisonsOf(c, tenant, body) : undefined;
  // A finding recorded on a later page comes back to that page.
  const here = qs({ body: c.req.query('body'), cursor: c.req.query('cursor') });
  const spec = formSpec(FindingInput);
  const severity = fieldOf(spec, 'severity');
  // Only a supervisor of the body signs for what was pushed to it; others read the receipts.
  const claims = sessionOf(c).claims;
  const signer = claims.roles.includes('supervisor') && claims.body === body;
  return page(
    c,
    t.supervision.title,
    <>
      <h1>{t.supervision.title}</h1>
      <p>{body ? t.supervision.of(names(body)) : ''}</p>
      <Done
        text={
          c.req.query('ok') === 'signed'
            ? t.supervision.signedDone
            : c.req.query('ok') === 'liaison'
              ? t.liaisons.saved
              : c.req.query('ok')
                ? t.supervision.recorded
                : undefined
        }
      />
      {!r.ok && <ErrorSummary c={c} problem={r.problem} />}
      {refused && <ErrorSummary c={c} problem={refused} />}
      {r.ok && items.length === 0 && <p>{t.supervision.empty}</p>}
      {items.map((i) => {
        const mine = failed?.caseNo === i.caseNo;
        const state: FormState = {
          ...(mine ? failed.state : { values: { severity: 'info' } }),
          scope: i.caseNo,
        };
        return (
          <article class="card" aria-labelledby={`in-${i.caseNo}`}>
            <h2 id={`in-${i.caseNo}`}>
              {i.matterName} · {i.caseNo}
            </h2>
            <dl class="facts">
              <dt>{t.cases.applicant}</dt>
              <dd>{i.applicantName}</dd>
              <dt>{t.cases.decision}</dt>
              <dd>{label(t, 'outcome', i.outcome)}</dd>
              <dt>{t.verify.approvingBody}</dt>
              <dd>{i.approvingBodyName ?? names(i.approvingBody)}</dd>
              <dt>{t.verify.decidedAt}</dt>
              <dd>{beijing(i.decidedAt)}</dd>
              {/* Pushed at the decision (R20); the issuance and its seal follow once the result is issued. */}
              {i.issuedAt && i.seal && (
                <>
                  <dt>{t.progress.issuedAt}</dt>
                  <dd>{beijing(i.issuedAt)}</dd>
                  <dt>{t.cases.seal}</dt>
                  <dd>{i.sealName ?? names(`${i.seal.tenant}/${i.seal.id}`)}</dd>
                </>
              )}
              {/* The liaison the body had named for the deciding department when it was pushed. */}
              {i.liaison && (
                <>
                  <dt>{t.liaisons.ofPush}</dt>
                  <dd>{i.liaisonName ? `${i.liaisonName}（${i.liaison}）` : i.liaison}</dd>
                </>
              )}
              <dt>{t.supervision.receipt}</dt>
              <dd>
                {i.signedAt
                  ? t.supervision.signed(beijing(i.signedAt), i.signedByName ?? i.signedBy ?? '')
                  : t.supervision.unsigned}
              </dd>
            </dl>
            {!i.signedAt && signer && (
              <form
                method="post"
                action={`/console/tenants/${seg(tenant)}/supervision/receipts${here}`}
                class="actions no-print"
              >
                <Csrf c={c} />
                <input type="hidden" name="caseNo" value={i.caseNo} />
                <Submit label={t.supervision.sign} />
              </form>
            )}
            <p>
              <a href={`/console/tenants/${seg(i.caseTenant)}/cases/${seg(i.caseNo)}`}>
                {t.supervision.openCase}
              </a>
            </p>
            {/* A finding is on the issued result: a decision pushed before issuance waits for it. */}
            {i.issuedAt && (
              <form
                method="post"
                action={`/console/tenants/${seg(tenant)}/supervision/findings${here}`}
                class="stack no-print"
              >
                <h3>{t.supervision.finding}</h3>
                {mine && (
                  <ErrorSummary
                    c={c}
                    problem={failed.state.problem}
                    fields={[severity.name, fieldOf(spec, 'text').name]}
                    scope={i.caseNo}
                  />
                )}
                <Csrf c={c} />
                <input type="hidden" name={fieldOf(spec, 'caseNo').name} value={i.caseNo} />
                <SelectField
                  c={c}
                  state={state}
                  spec={severity}
                  label={t.supervision.severity}
                  options={optionsOf(severity, (v) => label(t, 'severity', v))}
                />
                <TextArea c={c} state={state} spec={fieldOf(spec, 'text')} label={t.supervision.text} />
                <Submit label={t.supervision.record} />
              </form>
            )}
          </article>
        );
      })}
      <Pager c={c} cursor={r.ok ? r.data.cursor : undefined} />
      {body && liaisons && (
        <LiaisonSection
          c={c}
          tenant={tenant}
          body={body}
          items={items}
          state={liaison}
          back={here}
          loaded={liaisons}
        />
      )}
    </>,
    { status },
  );
}

export function supervisionRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/supervision', (c) => inboxPage(c));
  app.post('/console/tenants/:tenant/supervision/receipts', async (c) => {
    const tenant = c.req.param('tenant');
    const { values } = await readForm(c);
    const r = await c
      .get('api')
      .send('POST', `/v1/tenants/${seg(tenant)}/supervision/receipts`, { caseNo: one(values, 'caseNo') });
    if (!r.ok) return inboxPage(c, undefined, r.status, r.problem);
    const back = qs({ body: c.req.query('body'), cursor: c.req.query('cursor'), ok: 'signed' });
    return c.redirect(`/console/tenants/${seg(tenant)}/supervision${back}`, 303);
  });
  app.post('/console/tenants/:tenant/supervision/liaisons', async (c) => {
    const tenant = c.req.param('tenant');
    const { values } = await readForm(c);
    const body = {
      supervisingBody: one(values, 'supervisingBody'),
      department: one(values, 'department'),
      staff: one(values, 'staff'),
    } satisfies BodyOf<typeof LiaisonInput>;
    const r = await c.get('api').send('PUT', `/v1/tenants/${seg(tenant)}/supervision/liaisons`, body);
    if (!r.ok) return inboxPage(c, undefined, r.status, undefined, { values, problem: r.problem });
    const back = qs({ body: c.req.query('body'), cursor: c.req.query('cursor'), ok: 'liaison' });
    return c.redirect(`/console/tenants/${seg(tenant)}/supervision${back}#liaisons`, 303);
  });
  app.post('/console/tenants/:tenant/supervision/findings', async (c) => {
    const tenant = c.req.param('tenant');
    const { values } = await readForm(c);
    const caseNo = one(values, 'caseNo');
    const body = {
      caseNo,
      text: one(values, 'text'),
      severity: one(values, 'severity'),
    } satisfies BodyOf<typeof FindingInput>;
    const r = await c.get('api').send('POST', `/v1/tenants/${seg(tenant)}/supervision/findings`, body);
    if (r.ok) {
      const back = qs({ body: c.req.query('body'), cursor: c.req.query('cursor'), ok: '1' });
      return c.redirect(`/console/tenants/${seg(tenant)}/supervision${back}`, 303);
    }
    return inboxPage(c, { caseNo, state: { values, problem: r.problem } }, r.status);
  });
  return app;
}
