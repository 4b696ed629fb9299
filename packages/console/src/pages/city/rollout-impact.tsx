import type { RolloutImpact } from '@onewindow/api/contract';
import { type Problem, seg } from '../../api';
import type { Ctx } from '../../env';
import { COLOURS, ColumnChart, HBarChart } from '../../ui/charts';
import { ErrorSummary } from '../../ui/form';
import { page } from '../../ui/layout';
import { Head } from '../../ui/table';
import { bodyNames } from '../tenant/bodies';
import { impactText } from './rollout-impact-text';
import { type Rollout, WizardSteps } from './rollout-parts';

const MONTH_CHOICES = [3, 6, 12, 24, 36] as const;
const one = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Wizard step 2, beside the blockers: the last months of real cases replayed against the map after the move. */
export async function impactPage(c: Ctx, base: string) {
  const lang = c.get('lang');
  const x = impactText(lang);
  const city = c.req.param('city') ?? '';
  const id = c.req.param('id') ?? '';
  const asked = Number(c.req.query('months') ?? '12');
  const months = MONTH_CHOICES.includes(asked as (typeof MONTH_CHOICES)[number]) ? asked : 12;
  const [r, res] = await Promise.all([
    c.get('api').get<Rollout>(`/v1/cities/${seg(city)}/rollouts/${seg(id)}`),
    c
      .get('api')
      .send<RolloutImpact>('POST', `/v1/cities/${seg(city)}/rollouts/${seg(id)}/impact?months=${months}`),
  ]);
  const here = `${base}/${seg(id)}`;
  const head = (
    <>
      <p class="no-print">
        <a href={here}>{x.back}</a>
      </p>
      <h1>{x.title(r.name)}</h1>
      <WizardSteps c={c} step={2} />
    </>
  );
  if (!res.ok)
    return page(
      c,
      x.title(r.name),
      <>
        {head}
        <p class="alert">{x.failed}</p>
        <ErrorSummary c={c} problem={res.problem as Problem} />
      </>,
      { status: res.status },
    );
  const impact = res.data;
  const fromTenants = impact.origins.map((o) => o.body.split('/')[0] ?? '');
  const name = await bodyNames(c, [...r.tenants, ...fromTenants]);
  const codes = impact.tenants.flatMap((t) => t.codeChanges.map((ch) => ({ tenant: t.tenant, ...ch })));
  const routes = impact.tenants.flatMap((t) =>
    t.supervisionChanges.map((ch) => ({ tenant: t.tenant, ...ch })),
  );
  const clerks = impact.tenants.flatMap((t) => t.clerks.map((k) => ({ tenant: t.tenant, ...k })));
  return page(
    c,
    x.title(r.name),
    <>
      {head}
      <form method="get" action={`${here}/impact`} class="actions no-print">
        <label for="impact-months">{x.months}</label>
        <select id="impact-months" name="months">
          {MONTH_CHOICES.map((n) => (
            <option value={String(n)} selected={n === months}>
              {n}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {x.show}
        </button>
      </form>
      <p>{x.intro(impact.months[0] ?? '', impact.months.at(-1) ?? '', impact.months.length)}</p>
      <p class="notice" role="status" id="impact-expected">
        {x.expected(one(impact.expectedMonthly))}
      </p>

      <section class="card" aria-labelledby="impact-months-title" id="impact-months-section">
        <h2 id="impact-months-title">{x.perMonth}</h2>
        <ColumnChart
          id="c-impact-months"
          title={x.perMonth}
          categories={impact.monthly.map((m) => m.month)}
          series={[
            { name: x.received, colour: COLOURS.blue, values: impact.monthly.map((m) => m.received) },
            { name: x.accepted, colour: COLOURS.green, values: impact.monthly.map((m) => m.accepted) },
          ]}
        />
        <table>
          <caption>{x.monthTable}</caption>
          <Head cols={[x.month, x.received, x.accepted]} />
          <tbody>
            {impact.monthly.map((m) => (
              <tr>
                <th scope="row">{m.month}</th>
                <td class="num">{m.received}</td>
                <td class="num">{m.accepted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section class="card" aria-labelledby="impact-tenants-title" id="impact-tenants">
        <h2 id="impact-tenants-title">{x.perTenant}</h2>
        {/* Whole cases over the window: the chart prints whole numbers, the table the averages. */}
        <HBarChart
          id="c-impact-tenants"
          title={x.tenantChart(impact.months.length)}
          bars={impact.tenants.map((t) => ({
            label: t.tenant.split('.').at(-1) ?? t.tenant,
            value: t.monthly.reduce((s, m) => s + m.received, 0),
            colour: COLOURS.blue,
          }))}
        />
        <table>
          <caption>{x.tenantTable}</caption>
          <Head
            cols={[
              x.tenant,
              x.bodies,
              x.expectedReceived,
              x.expectedAccepted,
              x.pending,
              x.seal,
              x.approvers,
              x.perApprover,
              x.clerks,
            ]}
          />
          <tbody>
            {impact.tenants.map((t) => (
              <tr>
                <th scope="row">
                  <code>{t.tenant}</code>
                </th>
                <td>{t.implementingBodies.map((b) => name(b)).join('、')}</td>
                <td class="num">{one(t.expectedMonthly.received)}</td>
                <td class="num">{one(t.expectedMonthly.accepted)}</td>
                <td class="num">{t.pendingCasesStaying}</td>
                <td>
                  <span class={`badge ${t.seal.status === 'ready' ? 'ok' : 'bad'}`}>
                    <code>{t.seal.id}</code> {x.sealStatus[t.seal.status]}
                  </span>
                </td>
                <td class="num">
                  {t.staff.approvers}
                  {t.staff.approversNeeded > 0 && <strong class="bad"> (+{t.staff.approversNeeded})</strong>}
                </td>
                <td class="num">{one(t.staff.casesPerApprover)}</td>
                <td class="num">
                  {t.staff.windowClerks}
                  {t.staff.windowClerksNeeded > 0 && (
                    <strong class="bad"> (+{t.staff.windowClerksNeeded})</strong>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section class="card" aria-labelledby="impact-clerks-title">
        <h2 id="impact-clerks-title">{x.perClerk}</h2>
        {clerks.length === 0 ? (
          <p>{x.none}</p>
        ) : (
          <>
            <HBarChart
              id="c-impact-clerks"
              title={x.clerkChart(impact.months.length)}
              bars={clerks.slice(0, 20).map((k) => ({
                label: `${k.name ?? k.clerk}（${k.tenant.split('.').at(-1)}）`,
                value: k.total,
                colour: COLOURS.grey,
              }))}
            />
            <table>
              <caption>{x.clerkTable}</caption>
              <Head cols={[x.tenant, x.clerk, x.expectedReceived]} />
              <tbody>
                {clerks.map((k) => (
                  <tr>
                    <td>
                      <code>{k.tenant}</code>
                    </td>
                    <th scope="row">
                      {k.name ?? k.clerk} <code class="muted">{k.clerk}</code>
                    </th>
                    <td class="num">{one(k.expectedMonthly)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section class="card" aria-labelledby="impact-origins-title">
        <h2 id="impact-origins-title">{x.origins}</h2>
        <table>
          <caption>{x.originTable}</caption>
          <Head cols={[x.origin, x.expectedReceived]} />
          <tbody>
            {impact.origins.map((o) => (
              <tr>
                <th scope="row">
                  {name(o.body)} <code class="muted">{o.body}</code>
                </th>
                <td class="num">{one(o.expectedMonthly)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <details class="card" id="impact-codes">
        <summary>{x.codes(codes.length)}</summary>
        <table>
          <caption>{x.codeTable}</caption>
          <Head cols={[x.tenant, x.matter, x.oldCode, x.newCode]} />
          <tbody>
            {codes.map((ch) => (
              <tr>
                <td>
                  <code>{ch.tenant}</code>
                </td>
                <th scope="row">
                  <code>{ch.matter}</code>
                </th>
                <td>{ch.oldCode ? <code>{ch.oldCode}</code> : <span class="muted">{x.noCode}</span>}</td>
                <td>{ch.newCode ? <code>{ch.newCode}</code> : <span class="muted">{x.noCode}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>

      <details class="card" id="impact-supervision">
        <summary>{x.supervision(routes.length)}</summary>
        <table>
          <caption>{x.supervisionTable}</caption>
          <Head cols={[x.tenant, x.matter, x.supervisionFrom, x.supervisionTo, x.pushes]} />
          <tbody>
            {routes.map((ch) => (
              <tr>
                <td>
                  <code>{ch.tenant}</code>
                </td>
                <th scope="row">
                  <code>{ch.matter}</code>
                </th>
                <td>{ch.from ? name(ch.from) : x.none}</td>
                <td>{name(ch.to)}</td>
                <td class="num">{one(ch.expectedMonthlyPushes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>,
  );
}
