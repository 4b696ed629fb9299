import type { AssessmentRow, TenantAssessment } from '@onewindow/api/contract';
import { qs, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { COLOURS, HBarChart } from '../../ui/charts';
import { beijingDate } from '../../ui/format';
import { label } from '../../ui/labels';
import { page } from '../../ui/layout';
import { Head, Submit } from '../../ui/table';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month asked for, else the current Beijing month. */
export function monthOf(c: Ctx): string {
  const asked = c.req.query('month');
  if (asked && MONTH.test(asked)) return asked;
  return beijingDate(c.get('options').now?.() ?? new Date()).slice(0, 7);
}

export const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const days = (d: number | null) => (d === null ? '—' : d.toFixed(1));

/** The month picker every assessment page starts with. */
export function MonthForm({ c, month, action }: { c: Ctx; month: string; action: string }) {
  const x = c.get('t').assess;
  return (
    <form method="get" action={action} class="row no-print" aria-label={x.month}>
      <label>
        {x.month} <input type="month" name="month" value={month} required />
      </label>
      <Submit label={x.show} />
    </form>
  );
}

/** One dimension's rows as a table: the figures a centre is assessed on. */
export function AssessmentTable({
  c,
  caption,
  rows,
}: {
  c: Ctx;
  caption: string;
  rows: readonly (AssessmentRow & { rank?: number; score?: number | null })[];
}) {
  const x = c.get('t').assess.cols;
  return (
    <table>
      <caption>{caption}</caption>
      <Head
        cols={[
          x.name,
          x.received,
          x.accepted,
          x.rejected,
          x.approved,
          x.denied,
          x.issued,
          x.onTimeRate,
          x.averageDays,
          x.extended,
          x.paused,
          x.yellow,
          x.red,
          x.satisfaction,
          x.excluded,
          x.rectOnTime,
          x.green,
        ]}
      />
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">{r.name}</th>
            <td class="num">{r.received}</td>
            <td class="num">{r.accepted}</td>
            <td class="num">{r.rejected}</td>
            <td class="num">{r.approved}</td>
            <td class="num">{r.denied}</td>
            <td class="num">{r.issued}</td>
            <td class="num">{percent(r.onTimeRate)}</td>
            <td class="num">{days(r.averageDays)}</td>
            <td class="num">{r.extended}</td>
            <td class="num">{r.paused}</td>
            <td class="num">{r.cards.yellow}</td>
            <td class="num">{r.cards.red}</td>
            <td class="num">{percent(r.ratings.satisfaction)}</td>
            <td class="num">{r.ratings.excluded}</td>
            <td class="num">{percent(r.rectifications.onTimeRate)}</td>
            <td class="num">
              {r.greenChannel
                ? `${r.greenChannel.received}/${r.greenChannel.decided}/${r.greenChannel.onTime}`
                : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const SECTIONS = ['bodies', 'windows', 'staff', 'matters'] as const;

/** 月度考核: a tenant's month as charts and tables, per body, window, staff member and matter. */
export function assessmentRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/assessment', async (c) => {
    const t = c.get('t');
    const x = t.assess;
    const tenant = c.req.param('tenant');
    const month = monthOf(c);
    const r = await c
      .get('api')
      .get<TenantAssessment>(`/v1/tenants/${seg(tenant)}/assessment${qs({ month })}`);
    const base = `/console/tenants/${seg(tenant)}/assessment`;
    const cardLabel = (trigger: string) => t.cards.trigger[trigger] ?? trigger;
    const empty = r.totals.received === 0 && r.totals.decided === 0 && r.totals.ratings.rated === 0;
    return page(
      c,
      `${x.title} ${month}`,
      <>
        <h1>
          {x.title} · {r.tenantName} · {month}
        </h1>
        <p>{x.intro(month)}</p>
        <MonthForm c={c} month={month} action={base} />
        <p class="no-print">
          <a href={`${base}/export${qs({ month })}`} download>
            {x.xlsx}
          </a>
        </p>
        {empty && <p>{x.none}</p>}
        <section class="card" aria-labelledby="a-flow">
          <h2 id="a-flow">{x.charts.flow}</h2>
          <HBarChart
            id="c-flow"
            title={x.charts.flow}
            bars={[
              { label: x.cols.received, value: r.totals.received, colour: COLOURS.blue },
              { label: x.cols.accepted, value: r.totals.accepted, colour: COLOURS.blue },
              { label: x.cols.rejected, value: r.totals.rejected, colour: COLOURS.grey },
              { label: x.cols.approved, value: r.totals.approved, colour: COLOURS.green },
              { label: x.cols.denied, value: r.totals.denied, colour: COLOURS.grey },
              { label: x.cols.issued, value: r.totals.issued, colour: COLOURS.green },
            ]}
          />
        </section>
        {r.bodies.length > 0 && (
          <section class="card" aria-labelledby="a-ontime">
            <h2 id="a-ontime">{x.charts.onTime}</h2>
            <HBarChart
              id="c-ontime"
              title={x.charts.onTime}
              bars={r.bodies.map((b) => ({
                label: b.name,
                value: Math.round((b.onTimeRate ?? 0) * 100),
                colour: COLOURS.green,
              }))}
            />
          </section>
        )}
        <section class="card" aria-labelledby="a-cards">
          <h2 id="a-cards">{x.charts.cards}</h2>
          {r.totals.cards.yellow + r.totals.cards.red === 0 ? (
            <p>{x.charts.noCards}</p>
          ) : (
            <HBarChart
              id="c-cards"
              title={x.charts.cards}
              bars={Object.entries(r.totals.cards.byTrigger).flatMap(([trigger, n]) => [
                {
                  label: `${cardLabel(trigger)} · ${t.cards.colour.yellow}`,
                  value: n.yellow,
                  colour: COLOURS.yellow,
                },
                { label: `${cardLabel(trigger)} · ${t.cards.colour.red}`, value: n.red, colour: COLOURS.red },
              ])}
            />
          )}
        </section>
        <section class="card" aria-labelledby="a-satisfaction">
          <h2 id="a-satisfaction">{x.charts.satisfaction}</h2>
          <HBarChart
            id="c-satisfaction"
            title={x.charts.satisfaction}
            bars={(['5', '4', '3', '2', '1'] as const).map((level) => ({
              label: label(t, 'rating', level),
              value: r.totals.ratings.levels[level],
              colour: Number(level) >= 3 ? COLOURS.green : COLOURS.red,
            }))}
          />
          <p>
            {x.cols.satisfaction}: {percent(r.totals.ratings.satisfaction)} · {x.cols.excluded}:{' '}
            {r.totals.ratings.excluded}
          </p>
        </section>
        <AssessmentTable c={c} caption={x.totals} rows={[r.totals]} />
        {SECTIONS.map((key) =>
          r[key].length === 0 ? null : (
            <AssessmentTable c={c} caption={x.sections[key] ?? key} rows={r[key]} />
          ),
        )}
      </>,
    );
  });
  // The .xlsx passed through as the API made it (type, file name).
  app.get('/console/tenants/:tenant/assessment/export', async (c) => {
    const month = monthOf(c);
    const res = await c
      .get('api')
      .raw(`/v1/tenants/${seg(c.req.param('tenant'))}/assessment${qs({ month, format: 'xlsx' })}`);
    const headers = new Headers({ 'cache-control': 'no-store' });
    for (const h of ['content-type', 'content-disposition']) {
      const v = res.headers.get(h);
      if (v) headers.set(h, v);
    }
    return new Response(res.body, { status: res.status, headers });
  });
  return app;
}
