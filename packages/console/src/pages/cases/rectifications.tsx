import type { Rectification } from '@onewindow/api/contract';
import { Hono } from 'hono';
import { RectificationCloseInput } from '../../../../api/src/case-schemas';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { ErrorSummary, type FormState, one, readForm, TextArea } from '../../ui/form';
import { fieldOf, formSpec } from '../../ui/form-spec';
import { beijing } from '../../ui/format';
import { Csrf, Done, page } from '../../ui/layout';
import { Submit } from '../../ui/table';

const close = formSpec(RectificationCloseInput);

/** Poor ratings (1 or 2) open a rectification; the tenant answers the applicant to close it. */
async function rectificationsPage(c: Ctx, failed?: { caseNo: string; state: FormState }, status = 200) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const { items } = await c
    .get('api')
    .get<{ items: Rectification[] }>(`/v1/tenants/${seg(tenant)}/rectifications`);
  items.sort(
    (a, b) =>
      Number(a.closedAt !== undefined) - Number(b.closedAt !== undefined) ||
      a.dueDate.localeCompare(b.dueDate),
  );
  return page(
    c,
    t.rectifications.title,
    <>
      <h1>{t.rectifications.title}</h1>
      <p>{t.rectifications.intro}</p>
      <Done text={c.req.query('ok') ? t.rectifications.closed : undefined} />
      {items.length === 0 && <p>{t.rectifications.none}</p>}
      {items.map((r) => {
        const mine = failed?.caseNo === r.caseNo;
        const state: FormState = { ...(mine ? failed.state : { values: {} }), scope: r.caseNo };
        return (
          <article class="card" aria-labelledby={`r-${r.caseNo}`}>
            <h2 id={`r-${r.caseNo}`}>
              {r.matterName} · {r.caseNo}
            </h2>
            <dl class="facts">
              <dt>{t.rectifications.rating}</dt>
              <dd>
                <span class="badge bad">{t.progress.rated(r.level)}</span> {r.comment}
              </dd>
              <dt>{t.rectifications.due}</dt>
              <dd>{r.dueDate}</dd>
              {r.closedAt && (
                <>
                  <dt>{t.rectifications.closedAt}</dt>
                  <dd>{beijing(r.closedAt)}</dd>
                  <dt>{t.rectifications.response}</dt>
                  <dd>{r.response}</dd>
                </>
              )}
            </dl>
            {!r.closedAt && (
              <form
                method="post"
                action={`/console/tenants/${seg(tenant)}/rectifications/${seg(r.caseNo)}/close`}
                class="stack no-print"
              >
                {mine && (
                  <ErrorSummary c={c} problem={failed.state.problem} fields={['response']} scope={r.caseNo} />
                )}
                <Csrf c={c} />
                <TextArea
                  c={c}
                  state={state}
                  spec={fieldOf(close, 'response')}
                  label={t.rectifications.response}
                />
                <Submit label={t.rectifications.close} />
              </form>
            )}
          </article>
        );
      })}
    </>,
    { status },
  );
}

export function rectificationRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/rectifications', (c) => rectificationsPage(c));
  app.post('/console/tenants/:tenant/rectifications/:caseNo/close', async (c) => {
    const tenant = c.req.param('tenant');
    const caseNo = c.req.param('caseNo');
    const { values } = await readForm(c);
    const r = await c
      .get('api')
      .send('POST', `/v1/tenants/${seg(tenant)}/rectifications/${seg(caseNo)}/close`, {
        response: one(values, 'response'),
      });
    if (r.ok) return c.redirect(`/console/tenants/${seg(tenant)}/rectifications?ok=1`, 303);
    return rectificationsPage(c, { caseNo, state: { values, problem: r.problem } }, r.status);
  });
  return app;
}
