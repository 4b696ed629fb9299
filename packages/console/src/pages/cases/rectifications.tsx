import type { Rectification } from '@onewindow/api/contract';
import { APPEAL_GROUNDS, CALLBACK_CHANNELS, CALLBACK_VIEWS, shanghaiDate } from '@onewindow/domain';
import { AppealInput, CallbackInput, RectificationCloseInput } from '../../../../api/src/evaluation-schemas';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, type FormState, one, readForm, SelectField, TextArea } from '../../ui/form';
import { fieldNames, fieldOf, formSpec } from '../../ui/form-spec';
import { beijing } from '../../ui/format';
import { Csrf, Done, page } from '../../ui/layout';
import { Submit } from '../../ui/table';
import { RectificationFacts } from './rectification-facts';

const specs = {
  close: formSpec(RectificationCloseInput),
  callback: formSpec(CallbackInput),
  appeal: formSpec(AppealInput),
} as const;
type Action = keyof typeof specs;
const isAction = (a: string): a is Action => a in specs;

interface Failed {
  readonly caseNo: string;
  readonly action: Action;
  readonly state: FormState;
}

/** The tenant may appeal once, within the first round's limit, while the city has not ended it. */
const appealable = (r: Rectification, today: string) =>
  !r.appeal && (r.round ?? 1) === 1 && today <= r.dueDate && r.status !== 'appeal-upheld';

/** R18: the tenant's ledger of 差评, each with its answer, call-back and appeal forms where they apply. */
async function rectificationsPage(c: Ctx, failed?: Failed, status = 200) {
  const t = c.get('t');
  const r = t.rectify;
  const tenant = c.req.param('tenant') ?? '';
  const today = shanghaiDate(new Date());
  const { items } = await c
    .get('api')
    .get<{ items: Rectification[] }>(`/v1/tenants/${seg(tenant)}/rectifications`);
  // What needs doing first: overdue, open, answered (to call back); then the settled ones.
  const order = ['overdue', 'open', 'answered', 'called-back', 'appeal-upheld'];
  items.sort(
    (a, b) => order.indexOf(a.status) - order.indexOf(b.status) || a.dueDate.localeCompare(b.dueDate),
  );
  const ok = c.req.query('ok');
  const done =
    ok === 'close'
      ? t.rectifications.closed
      : ok === 'callback'
        ? r.callbackDone
        : ok === 'appeal'
          ? r.appealDone
          : undefined;
  const form = (item: Rectification, action: Action, title: string, fields: (s: FormState) => unknown) => {
    const mine = failed?.caseNo === item.caseNo && failed.action === action;
    const state: FormState = { ...(mine ? failed.state : { values: {} }), scope: `${item.caseNo}-${action}` };
    return (
      <form
        method="post"
        action={`/console/tenants/${seg(tenant)}/rectifications/${seg(item.caseNo)}/${action}`}
        class="stack no-print"
        aria-label={`${title} ${item.caseNo}`}
      >
        <h3>{title}</h3>
        {mine && (
          <ErrorSummary
            c={c}
            problem={failed.state.problem}
            fields={fieldNames(specs[action])}
            scope={state.scope}
          />
        )}
        <Csrf c={c} />
        {fields(state)}
        <Submit label={title} />
      </form>
    );
  };
  return page(
    c,
    t.rectifications.title,
    <>
      <h1>{t.rectifications.title}</h1>
      <p>{t.rectifications.intro}</p>
      <Done text={done} />
      {items.length === 0 && <p>{t.rectifications.none}</p>}
      {items.map((item) => (
        <article class="card" aria-labelledby={`r-${item.caseNo}`}>
          <h2 id={`r-${item.caseNo}`}>
            {item.matterName} · {item.caseNo}
          </h2>
          <RectificationFacts c={c} r={item} />
          {(item.status === 'open' || item.status === 'overdue') &&
            form(item, 'close', t.rectifications.close, (state) => (
              <TextArea
                c={c}
                state={state}
                spec={fieldOf(specs.close, 'response')}
                label={t.rectifications.response}
              />
            ))}
          {item.status === 'answered' &&
            form(item, 'callback', r.callback, (state) => (
              <>
                <SelectField
                  c={c}
                  state={state}
                  spec={fieldOf(specs.callback, 'view')}
                  label={r.view}
                  options={CALLBACK_VIEWS.map((v) => ({ value: v, label: r.views[v] ?? v }))}
                />
                <SelectField
                  c={c}
                  state={state}
                  spec={fieldOf(specs.callback, 'channel')}
                  label={r.channel}
                  blank="—"
                  options={CALLBACK_CHANNELS.map((v) => ({ value: v, label: r.channels[v] ?? v }))}
                />
                <TextArea
                  c={c}
                  state={state}
                  spec={fieldOf(specs.callback, 'note')}
                  label={r.note}
                  rows={2}
                />
              </>
            ))}
          {appealable(item, today) &&
            form(item, 'appeal', r.appealTitle, (state) => (
              <>
                <p class="hint">{r.appealHint}</p>
                <SelectField
                  c={c}
                  state={state}
                  spec={fieldOf(specs.appeal, 'ground')}
                  label={r.ground}
                  options={APPEAL_GROUNDS.map((g) => ({ value: g, label: r.grounds[g] ?? g }))}
                />
                <TextArea c={c} state={state} spec={fieldOf(specs.appeal, 'statement')} label={r.statement} />
              </>
            ))}
          {item.closedAt && <p class="hint">{`${t.rectifications.closedAt} ${beijing(item.closedAt)}`}</p>}
        </article>
      ))}
    </>,
    { status },
  );
}

export function rectificationRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/rectifications', (c) => rectificationsPage(c));
  app.post('/console/tenants/:tenant/rectifications/:caseNo/:action', async (c) => {
    const tenant = c.req.param('tenant');
    const caseNo = c.req.param('caseNo');
    const action = c.req.param('action');
    if (!isAction(action)) return c.notFound();
    const { values } = await readForm(c);
    const body =
      action === 'close'
        ? { response: one(values, 'response') }
        : action === 'callback'
          ? {
              view: one(values, 'view'),
              ...(one(values, 'channel') ? { channel: one(values, 'channel') } : {}),
              ...(one(values, 'note') ? { note: one(values, 'note') } : {}),
            }
          : { ground: one(values, 'ground'), statement: one(values, 'statement') };
    const res = await c
      .get('api')
      .send('POST', `/v1/tenants/${seg(tenant)}/rectifications/${seg(caseNo)}/${action}`, body);
    if (res.ok) return c.redirect(`/console/tenants/${seg(tenant)}/rectifications?ok=${action}`, 303);
    return rectificationsPage(c, { caseNo, action, state: { values, problem: res.problem } }, res.status);
  });
  return app;
}
