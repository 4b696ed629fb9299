import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, type FormState, one, readForm, TextField, type Values } from '../../ui/form';
import { Csrf, page } from '../../ui/layout';
import { CaseTable } from './parts';
import type { CasePage } from './types';

const FIELDS = ['q', 'matter', 'from', 'to'] as const;

/**
 * 办件查询. The form is sent by POST: an identity number, phone or name typed here goes to
 * the API in a request body, never into a URL (history, logs, the referrer). A search by
 * matter and days alone may come as a GET link (the workbench's 今日收件).
 */
async function searchPage(c: Ctx, values: Values, status = 200) {
  const t = c.get('t');
  const w = t.work.search;
  const tenant = c.req.param('tenant') ?? '';
  const asked = FIELDS.some((f) => one(values, f) !== '');
  const body = Object.fromEntries(
    [...FIELDS, 'cursor'].flatMap((f) => (one(values, f) ? [[f, one(values, f)]] : [])),
  );
  const r = asked
    ? await c.get('api').send<CasePage>('POST', `/v1/tenants/${seg(tenant)}/cases/search`, body)
    : undefined;
  const state: FormState = { values, ...(r && !r.ok ? { problem: r.problem } : {}) };
  const found = r?.ok ? r.data : undefined;
  return page(
    c,
    w.title,
    <>
      <h1>{w.title}</h1>
      <form method="post" action={`/console/tenants/${seg(tenant)}/search`} class="stack card no-print">
        <ErrorSummary c={c} problem={state.problem} fields={[...FIELDS]} />
        <Csrf c={c} />
        <TextField c={c} state={state} name="q" label={w.q} hint={w.qHint} type="search" />
        <TextField c={c} state={state} name="matter" label={w.matter} />
        <div class="actions">
          <TextField c={c} state={state} name="from" label={w.from} type="date" />
          <TextField c={c} state={state} name="to" label={w.to} type="date" />
        </div>
        <p>
          <button type="submit">{w.button}</button>
        </p>
      </form>
      {found && found.items.length === 0 && <p role="status">{w.none}</p>}
      {found && found.items.length > 0 && (
        <CaseTable c={c} items={found.items} caption={w.caption(found.items.length)} />
      )}
      {found?.cursor && (
        <form method="post" action={`/console/tenants/${seg(tenant)}/search`} class="no-print">
          <Csrf c={c} />
          {FIELDS.map((f) =>
            one(values, f) ? <input type="hidden" name={f} value={one(values, f)} /> : null,
          )}
          <input type="hidden" name="cursor" value={found.cursor} />
          <button type="submit" class="secondary">
            {w.more}
          </button>
        </form>
      )}
    </>,
    { status: r && !r.ok ? r.status : status },
  );
}

export function searchRoutes() {
  const app = new Hono<ConsoleEnv>();
  // Only the matter and the days from a link: a `q` in a URL is not read, so it is never acted on from one.
  app.get('/console/tenants/:tenant/search', (c) =>
    searchPage(c, {
      matter: c.req.query('matter'),
      from: c.req.query('from'),
      to: c.req.query('to'),
    }),
  );
  app.post('/console/tenants/:tenant/search', async (c) => searchPage(c, (await readForm(c)).values));
  return app;
}
