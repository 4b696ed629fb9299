import type { Workbench } from '@onewindow/api/contract';
import { CaseListQuery } from '../../../../api/src/case-schemas';
import { qs, seg } from '../../api';
import { type ConsoleEnv, type Ctx, sessionOf } from '../../env';
import { Hono } from '../../hono';
import { SelectField } from '../../ui/form';
import { fieldOf, formSpec, optionsOf } from '../../ui/form-spec';
import { label } from '../../ui/labels';
import { page } from '../../ui/layout';
import { namesOf } from '../../ui/names';
import { Pager } from '../../ui/pager';
import { Submit } from '../../ui/table';
import { Covering } from '../tenant/absences';
import { CaseTable } from './parts';
import type { CasePage, CaseSummary } from './types';

/** One page of the tenant's cases; `cursor` is there when the API has more. */
const casesPageOf = (c: Ctx, tenant: string, query: Record<string, string | undefined>) =>
  c.get('api').get<CasePage>(`/v1/tenants/${seg(tenant)}/cases${qs({ limit: '100', ...query })}`);

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
      <CaseTable c={c} items={status ? items : byUrgency(items)} caption={t.cases.caption(items.length)} />
      <Pager c={c} cursor={next} />
    </>,
  );
}

/**
 * The issuance window: decided cases waiting for their result to be sealed and handed over,
 * approvals and refusals each as a list of its own that pages on its own.
 */
async function issuancePage(c: Ctx) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const lists = await Promise.all(
    (['approved', 'denied'] as const).map(async (status) => {
      const param = `${status}Cursor`;
      const cursor = c.req.query(param) || undefined;
      const { items, cursor: next } = await casesPageOf(c, tenant, { status, cursor });
      return { status, param, items: byUrgency(items), next };
    }),
  );
  const total = lists.reduce((n, l) => n + l.items.length, 0);
  return page(
    c,
    t.issuance.title,
    <>
      <h1>{t.issuance.title}</h1>
      <p>{t.issuance.intro}</p>
      {total === 0 && <p>{t.issuance.caption(0)}</p>}
      {lists
        .filter((l) => l.items.length > 0 || c.req.query(l.param) !== undefined)
        .map((l) => (
          <section aria-labelledby={`issuance-${l.status}`}>
            <h2 id={`issuance-${l.status}`}>{label(t, 'caseStatus', l.status)}</h2>
            <CaseTable c={c} items={l.items} caption={t.issuance.caption(l.items.length)} />
            <Pager c={c} cursor={l.next} param={l.param} of={label(t, 'caseStatus', l.status)} />
          </section>
        ))}
    </>,
  );
}

/** Open statuses that wait on the bound body's approvers: review and decision (not issuance, the window's). */
const WAITING_ON_APPROVER = new Set(['accepted', 'accepted-with-deficiency']);
const COLOUR_RANK: Readonly<Record<string, number>> = { red: 0, yellow: 1, green: 2 };
const deadlineOf = (v: CaseSummary) => v.issueBy ?? v.dueDate ?? v.acceptBy ?? '9999';

/** Open cases red → yellow → green, then by their deadline. */
export const byUrgency = (items: readonly CaseSummary[]) =>
  [...items].sort(
    (a, b) =>
      (COLOUR_RANK[a.clock] ?? 3) - (COLOUR_RANK[b.clock] ?? 3) || deadlineOf(a).localeCompare(deadlineOf(b)),
  );

/**
 * An approver's queue: the cases bound to their body that wait on them (review, decision),
 * red → yellow → green then by deadline. The colour counts are the whole queue's, from the
 * API's counters, not the page's; each is a link to that colour's cases.
 */
async function queuePage(c: Ctx) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const body = c.req.query('body') || sessionOf(c).claims.body;
  const clock = c.req.query('clock') || undefined;
  const cursor = c.req.query('cursor') || undefined;
  const [{ items: all, cursor: next }, work] = await Promise.all([
    body
      ? casesPageOf(c, tenant, { body, ...(clock ? { clock } : {}), open: 'true', cursor })
      : { items: [], cursor: undefined },
    c.get('api').send<Workbench>('GET', `/v1/tenants/${seg(tenant)}/workbench`),
    body ? namesOf(c).tenant(body.split('/')[0]) : undefined,
  ]);
  const items = byUrgency(all.filter((i) => WAITING_ON_APPROVER.has(i.status)));
  const whole = body && work.ok ? work.data.waiting[body] : undefined;
  return page(
    c,
    t.queue.title,
    <>
      <h1>{t.queue.title}</h1>
      <p>{body ? t.queue.of(namesOf(c)(body)) : t.queue.noBody}</p>
      {/* AB角: an absent approver of this body and who covers, so nothing waits on them. */}
      <Covering c={c} items={(work.ok ? (work.data.absent ?? []) : []).filter((a) => a.staffBody === body)} />
      <ul class="actions" aria-label={`${t.queue.summary}（${t.work.search.queueTotal}）`}>
        {(['red', 'yellow', 'green'] as const).map((colour) => (
          <li>
            <a
              class={`badge ${colour}`}
              href={`?clock=${colour}`}
              aria-current={clock === colour ? 'true' : undefined}
            >
              {t.queue.count(label(t, 'clock', colour), whole?.[colour] ?? 0)}
            </a>
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
