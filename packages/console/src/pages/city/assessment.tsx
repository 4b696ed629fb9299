import type { CityAssessment } from '@onewindow/api/contract';
import { qs, seg } from '../../api';
import type { ConsoleEnv } from '../../env';
import { Hono } from '../../hono';
import { COLOURS, HBarChart } from '../../ui/charts';
import { page } from '../../ui/layout';
import { Head } from '../../ui/table';
import { AssessmentTable, MonthForm, monthOf, percent } from '../cases/assessment';

/** 考核排名: a city's tenants ranked on the month, with the score's rule stated above it. */
export function cityAssessmentRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/cities/:city/assessment', async (c) => {
    const x = c.get('t').assess;
    const city = c.req.param('city');
    const month = monthOf(c);
    const r = await c.get('api').get<CityAssessment>(`/v1/cities/${seg(city)}/assessment${qs({ month })}`);
    return page(
      c,
      `${x.city.title} ${month}`,
      <>
        <h1>
          {x.city.title} · {month}
        </h1>
        <p>{x.city.intro}</p>
        <MonthForm c={c} month={month} action={`/console/cities/${seg(city)}/assessment`} />
        <section class="card" aria-labelledby="r-chart">
          <h2 id="r-chart">{x.city.chart}</h2>
          <HBarChart
            id="c-ranking"
            title={x.city.chart}
            bars={r.ranking.map((t) => ({ label: t.name, value: t.score ?? 0, colour: COLOURS.blue }))}
          />
        </section>
        <table>
          <caption>{x.city.title}</caption>
          <Head
            cols={[
              x.city.rank,
              x.city.tenant,
              x.city.score,
              x.cols.onTimeRate,
              x.cols.satisfaction,
              x.cols.red,
            ]}
          />
          <tbody>
            {r.ranking.map((t) => (
              <tr>
                <td class="num">{t.rank}</td>
                <th scope="row">
                  <a href={`/console/tenants/${seg(t.id)}/assessment${qs({ month })}`}>{t.name}</a>
                </th>
                <td class="num">{t.score === null ? '—' : t.score.toFixed(1)}</td>
                <td class="num">{percent(t.onTimeRate)}</td>
                <td class="num">{percent(t.ratings.satisfaction)}</td>
                <td class="num">{t.cards.red}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <AssessmentTable c={c} caption={x.totals} rows={r.ranking} />
      </>,
    );
  });
  return app;
}
