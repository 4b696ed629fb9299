import { Hono } from 'hono';
import { CaseListQuery } from '../../../../api/src/case-schemas';
import { qs, seg } from '../../api';
import { type ConsoleEnv, type Ctx, sessionOf } from '../../env';
import { SelectField } from '../../ui/form';
import { fieldOf, formSpec, optionsOf } from '../../ui/form-spec';
import { label } from '../../ui/labels';
import { page } from '../../ui/layout';
import { Pager } from '../../ui/pager';
import { Submit } from '../../ui/table';
import { CaseTable } from './parts';
import type { CasePage } from './types';

/** One page of the tenant's cases; `cursor` is there when the API has more. */
const casesPageOf = (c: Ctx, tenant: string, query: Record<string, string | undefined>) =>
  c.get('api').get<CasePage>(`/v1/tenants/${seg(tenant)}/cases${qs({ limit: '100', ...query })}`);

const listCases = async (c: Ctx, tenant: string, query: Record<string, string | undefined>) =>
  (await casesPageOf(c, tenant, query)).items;

/** The window's cases: open ones by default, or by status or deadline colour. */
async function casesPage(c: Ctx) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const status = c.req.query('status') || undefined;
  const clock = c.req.query('clock') || undefined;
  const cursor = c.req.query('cursor') || undefined;
  const { items, cursor: next } = await casesPageOf(c, tenant, {
    ...(status || clock ? { status, clock } : { open: 'true' }),
    cursor,
  });
  // The filters are the API's list query: its names and the values it takes.
  const spec = formSpec(CaseListQuery);
  const statusField = fieldOf(spec, 'status');
  const clockField = fieldOf(spec, 'clock');
  return page(
    c,
    t.cases.listTitle,
    <>
      <h1>{t.cases.listTitle}</h1>
      <p class="no-print">
        <a class="button" href={`/console/tenants/${seg(tenant)}/intake`}>
          {t.nav.intake}
        </a>
      </p>
      <form method="get" class="actions card no-print" aria-label={t.cases.filter}>
        <SelectField
          c={c}
          state={{ values: { status: status ?? '' } }}
          spec={statusField}
          label={t.cases.status}
          blank={t.cases.anyOpen}
          options={optionsOf(statusField, (s) => label(t, 'caseStatus', s))}
        />
        <SelectField
          c={c}
          state={{ values: { clock: clock ?? '' } }}
          spec={clockField}
          label={t.cases.clock}
          blank={t.cases.anyClock}
          options={optionsOf(clockField, (k) => label(t, 'clock', k))}
        />
        <Submit label={t.cases.filterButton} />
      </form>
      <CaseTable c={c} items={items} caption={t.cases.caption(items.length)} />
      <Pager c={c} cursor={next} />
    </>,
  );
}

/** The issuance window: decided cases waiting for their result to be sealed and handed over. */
async function issuancePage(c: Ctx) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const [approved, denied] = await Promise.all([
    listCases(c, tenant, { status: 'approved' }),
    listCases(c, tenant, { status: 'denied' }),
  ]);
  const items = [...approved, ...denied];
  return page(
    c,
    t.issuance.title,
    <>
      <h1>{t.issuance.title}</h1>
      <p>{t.issuance.intro}</p>
      <CaseTable c={c} items={items} caption={t.issuance.caption(items.length)} />
    </>,
  );
}

/** An approver's queue: the body's open cases, nearest deadline first, coloured by their clock. */
async function queuePage(c: Ctx) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const body = c.req.query('body') || sessionOf(c).claims.body;
  const cursor = c.req.query('cursor') || undefined;
  const { items, cursor: next } = body
    ? await casesPageOf(c, tenant, { body, open: 'true', cursor })
    : { items: [], cursor: undefined };
  const count = (colour: string) => items.filter((i) => i.clock === colour).length;
  return page(
    c,
    t.queue.title,
    <>
      <h1>{t.queue.title}</h1>
      <p>{body ? t.queue.of(body) : t.queue.noBody}</p>
      <ul class="actions" aria-label={t.queue.summary}>
        {(['red', 'yellow', 'green'] as const).map((colour) => (
          <li>
            <span class={`badge ${colour}`}>{t.queue.count(label(t, 'clock', colour), count(colour))}</span>
          </li>
        ))}
      </ul>
      <CaseTable c={c} items={items} caption={t.queue.caption(items.length)} />
      <Pager c={c} cursor={next} />
    </>,
  );
}

export function listRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/cases', (c) => casesPage(c));
  app.get('/console/tenants/:tenant/issuance', (c) => issuancePage(c));
  app.get('/console/tenants/:tenant/queue', (c) => queuePage(c));
  return app;
}
