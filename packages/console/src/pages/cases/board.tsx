import type { Board } from '@onewindow/api/contract';
import { seg } from '../../api';
import type { ConsoleEnv } from '../../env';
import { Hono } from '../../hono';
import { COLOURS, ColumnChart, HBarChart } from '../../ui/charts';
import { beijingDate } from '../../ui/format';
import { label } from '../../ui/labels';
import { page } from '../../ui/layout';
import { Head } from '../../ui/table';
import { bodyNames } from '../tenant/bodies';
import { CaseTable } from './parts';

/** E-supervision (电子监察): open cases by colour, overdue per body, intake and completion per month, the first open cases. */
export function boardRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/board', async (c) => {
    const t = c.get('t');
    const tenant = c.req.param('tenant');
    const b = await c.get('api').get<Board>(`/v1/tenants/${seg(tenant)}/supervision/board`);
    const name = await bodyNames(c, [tenant]);
    // The last twelve months, empty ones included, so the chart reads as a year at a glance.
    const byMonth = new Map(b.months.map((m) => [m.month, m]));
    const now = beijingDate(c.get('options').now?.() ?? new Date());
    const months = Array.from({ length: 12 }, (_, i) => {
      const d = new Date(Date.UTC(Number(now.slice(0, 4)), Number(now.slice(5, 7)) - 12 + i, 1));
      const month = d.toISOString().slice(0, 7);
      return byMonth.get(month) ?? { month, received: 0, accepted: 0, issued: 0, ratings: undefined };
    });
    const colour = (k: 'green' | 'yellow' | 'red') => label(t, 'clock', k);
    return page(
      c,
      t.board.title,
      <>
        <h1>{t.board.title}</h1>
        <p>{t.board.intro(tenant, b.counts.red + b.counts.yellow + b.counts.green)}</p>
        <section class="card" aria-labelledby="chart-colours">
          <h2 id="chart-colours">{t.board.byColour}</h2>
          <HBarChart
            id="c-colours"
            title={t.board.byColour}
            bars={(['red', 'yellow', 'green'] as const).map((k) => ({
              label: colour(k),
              value: b.counts[k],
              colour: COLOURS[k],
            }))}
          />
        </section>
        <section class="card" aria-labelledby="chart-bodies">
          <h2 id="chart-bodies">{t.board.overdue}</h2>
          {b.bodies.length === 0 ? (
            <p>{t.board.noOpen}</p>
          ) : (
            <HBarChart
              id="c-bodies"
              title={t.board.overdue}
              bars={b.bodies.map((x) => ({ label: name(x.body), value: x.overdue, colour: COLOURS.red }))}
            />
          )}
        </section>
        <section class="card" aria-labelledby="chart-months">
          <h2 id="chart-months">{t.board.perMonth}</h2>
          {
            <ColumnChart
              id="c-months"
              title={t.board.perMonth}
              categories={months.map((m) => m.month)}
              series={[
                { name: t.board.received, colour: COLOURS.blue, values: months.map((m) => m.received) },
                { name: t.board.issued, colour: COLOURS.green, values: months.map((m) => m.issued) },
              ]}
            />
          }
          <table>
            <caption>{t.board.monthTable}</caption>
            <Head
              cols={[
                t.board.month,
                t.board.received,
                t.board.accepted,
                t.board.issued,
                t.board.rated,
                t.board.satisfaction,
                t.board.excluded,
              ]}
            />
            <tbody>
              {months.map((m) => (
                <tr>
                  <th scope="row">{m.month}</th>
                  <td class="num">{m.received}</td>
                  <td class="num">{m.accepted}</td>
                  <td class="num">{m.issued}</td>
                  <td class="num">{m.ratings?.rated ?? 0}</td>
                  <td class="num">
                    {m.ratings?.satisfaction == null ? '—' : `${(m.ratings.satisfaction * 100).toFixed(1)}%`}
                  </td>
                  <td class="num">{m.ratings?.excluded ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <table>
          <caption>{t.board.bodyTable}</caption>
          <Head cols={[t.cases.body, colour('red'), colour('yellow'), colour('green')]} />
          <tbody>
            {b.bodies.map((x) => (
              <tr>
                <th scope="row">{name(x.body)}</th>
                <td class="num">{x.red}</td>
                <td class="num">{x.yellow}</td>
                <td class="num">{x.green}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <a href={`/console/tenants/${seg(tenant)}/cards`}>{t.cards.title}</a>
        </p>
        <h2>{t.board.openCases}</h2>
        <CaseTable c={c} items={b.cases} caption={t.cases.caption(b.cases.length)} />
        {/* The board shows the first open cases; each colour's list pages through all of them. */}
        <p>
          {(['red', 'yellow', 'green'] as const).map((k) => (
            <>
              <a href={`/console/tenants/${seg(tenant)}/cases?clock=${k}`}>
                {colour(k)} {t.cases.caption(b.counts[k])}
              </a>{' '}
            </>
          ))}
        </p>
      </>,
    );
  });
  return app;
}
