import type { Rectification } from '@onewindow/api/contract';
import { APPEAL_OUTCOMES, CITY_LEDGER_FILTERS, type CityLedgerFilter } from '@onewindow/domain';
import { AppealDecisionInput } from '../../../../api/src/evaluation-schemas';
import { qs, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, type FormState, one, readForm, SelectField, TextArea } from '../../ui/form';
import { fieldNames, fieldOf, formSpec } from '../../ui/form-spec';
import { Csrf, Done, page } from '../../ui/layout';
import { Submit } from '../../ui/table';
import { RectificationFacts } from '../cases/rectification-facts';

const decision = formSpec(AppealDecisionInput);
const isFilter = (v: string | undefined): v is CityLedgerFilter =>
  (CITY_LEDGER_FILTERS as readonly string[]).includes(v ?? '');

interface Failed {
  readonly key: string;
  readonly state: FormState;
}

/** R18 at city level: the centres' overdue rectifications and their appeals, each appeal decided here. */
async function cityRectificationsPage(c: Ctx, failed?: Failed, status = 200) {
  const t = c.get('t');
  const x = t.rectify;
  const city = c.req.param('city') ?? '';
  const asked = c.req.query('filter');
  const filter: CityLedgerFilter = isFilter(asked) ? asked : 'awaiting-decision';
  const [{ items }, tenants] = await Promise.all([
    c.get('api').get<{ items: Rectification[] }>(`/v1/cities/${seg(city)}/rectifications${qs({ filter })}`),
    c.get('api').get<{ items: { id: string; name: string }[] }>(`/v1/cities/${seg(city)}/tenants`),
  ]);
  const names = new Map(tenants.items.map((tn) => [tn.id, tn.name]));
  return page(
    c,
    x.city.title,
    <>
      <h1>{x.city.title}</h1>
      <p>{x.city.intro}</p>
      <Done text={c.req.query('ok') ? x.decided : undefined} />
      <form method="get" class="row no-print" aria-label={x.city.filter}>
        <label>
          {x.city.filter}{' '}
          <select name="filter">
            {CITY_LEDGER_FILTERS.map((f) => (
              <option value={f} selected={f === filter}>
                {x.city.filters[f] ?? f}
              </option>
            ))}
          </select>
        </label>
        <Submit label={x.city.show} />
      </form>
      {items.length === 0 && <p>{x.city.none}</p>}
      {items.map((r) => {
        const key = `${r.tenant}/${r.caseNo}`;
        const mine = failed?.key === key;
        const state: FormState = { ...(mine ? failed.state : { values: {} }), scope: r.caseNo };
        return (
          <article class="card" aria-labelledby={`c-${r.caseNo}`}>
            <h2 id={`c-${r.caseNo}`}>
              {names.get(r.tenant ?? '') ?? r.tenant} · {r.matterName} · {r.caseNo}
            </h2>
            <RectificationFacts c={c} r={r} />
            {r.appeal && !r.appeal.outcome && (
              <form
                method="post"
                action={`/console/cities/${seg(city)}/rectifications/${seg(r.tenant ?? '')}/${seg(r.caseNo)}/decision`}
                class="stack no-print"
                aria-label={`${x.decide} ${r.caseNo}`}
              >
                {mine && (
                  <ErrorSummary
                    c={c}
                    problem={failed.state.problem}
                    fields={fieldNames(decision)}
                    scope={r.caseNo}
                  />
                )}
                <Csrf c={c} />
                <SelectField
                  c={c}
                  state={state}
                  spec={fieldOf(decision, 'outcome')}
                  label={x.outcome}
                  options={APPEAL_OUTCOMES.map((o) => ({ value: o, label: x.outcomes[o] ?? o }))}
                />
                <TextArea c={c} state={state} spec={fieldOf(decision, 'reason')} label={x.reason} rows={3} />
                <Submit label={x.decide} />
              </form>
            )}
          </article>
        );
      })}
    </>,
    { status },
  );
}

export function cityRectificationRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/cities/:city/rectifications', (c) => cityRectificationsPage(c));
  app.post('/console/cities/:city/rectifications/:tenant/:caseNo/decision', async (c) => {
    const city = c.req.param('city');
    const tenant = c.req.param('tenant');
    const caseNo = c.req.param('caseNo');
    const { values } = await readForm(c);
    const res = await c
      .get('api')
      .send('POST', `/v1/tenants/${seg(tenant)}/rectifications/${seg(caseNo)}/appeal/decision`, {
        outcome: one(values, 'outcome'),
        reason: one(values, 'reason'),
      });
    if (res.ok) return c.redirect(`/console/cities/${seg(city)}/rectifications?filter=appealed&ok=1`, 303);
    return cityRectificationsPage(
      c,
      { key: `${tenant}/${caseNo}`, state: { values, problem: res.problem } },
      res.status,
    );
  });
  return app;
}
