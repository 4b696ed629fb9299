import type { FeeReport, Tenant } from '@onewindow/api/contract';
import { FeeReportQuery } from '../../../../api/src/case-schemas';
import { type Problem, qs, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, TextField } from '../../ui/form';
import { fieldNames, fieldOf, formSpec } from '../../ui/form-spec';
import { beijing, beijingDate, money } from '../../ui/format';
import { page } from '../../ui/layout';
import { Head, Submit } from '../../ui/table';
import { bodyNames } from '../tenant/bodies';
import { PrintButton } from './documents';
import { caseHref } from './parts';

/** The default period: from the first of this month to today, Beijing time. */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const to = beijingDate(now);
  return { from: `${to.slice(0, 8)}01`, to };
}

/**
 * The centralised fee report (集中收费): what each collecting department took at the window
 * over a period, receipt by receipt, as an A4 document to print and sign off.
 */
async function feeReportPage(c: Ctx) {
  const t = c.get('t');
  const lang = c.get('lang');
  const tenant = c.req.param('tenant') ?? '';
  const now = c.get('options').now?.() ?? new Date();
  const period = defaultPeriod(now);
  const from = (c.req.query('from') ?? '').trim() || period.from;
  const to = (c.req.query('to') ?? '').trim() || period.to;
  const api = c.get('api');
  const [r, tenantName, name] = await Promise.all([
    api.send<FeeReport>('GET', `/v1/tenants/${seg(tenant)}/fees/report${qs({ from, to })}`),
    api.send<Tenant>('GET', `/v1/tenants/${seg(tenant)}`).then((x) => (x.ok ? x.data.name : tenant)),
    bodyNames(c, [tenant]),
  ]);
  const problem: Problem | undefined = r.ok ? undefined : r.problem;
  const state = { values: { from, to }, ...(problem ? { problem } : {}) };
  const spec = formSpec(FeeReportQuery);
  return page(
    c,
    t.fees.title,
    <>
      <ErrorSummary c={c} problem={problem} fields={fieldNames(spec)} />
      <form method="get" class="actions card no-print" aria-label={t.fees.filter}>
        <TextField c={c} state={state} spec={fieldOf(spec, 'from')} type="date" label={t.fees.from} />
        <TextField c={c} state={state} spec={fieldOf(spec, 'to')} type="date" label={t.fees.to} />
        <Submit label={t.fees.show} />
      </form>
      <article class="doc" aria-labelledby="doc-title">
        <h1 id="doc-title">{t.fees.heading(tenantName)}</h1>
        <p>{t.fees.period(from, to)}</p>
        <PrintButton c={c} />
        {r.ok && r.data.departments.length === 0 && <p>{t.fees.none}</p>}
        {r.ok && r.data.departments.length > 0 && (
          <>
            <table>
              <caption>{t.fees.summary}</caption>
              <Head cols={[t.fees.department, t.fees.count, t.fees.total]} />
              <tbody>
                {r.data.departments.map((d) => (
                  <tr>
                    <th scope="row">{name(d.body)}</th>
                    <td class="num">{d.count}</td>
                    <td class="num">{money(d.total, lang)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t.fees.grandTotal}</th>
                  <td class="num">{r.data.departments.reduce((n, d) => n + d.count, 0)}</td>
                  <td class="num">
                    <strong>{money(r.data.total, lang)}</strong>
                  </td>
                </tr>
              </tfoot>
            </table>
            {r.data.departments.map((d) => (
              <table>
                <caption>{t.fees.receipts(name(d.body), d.count)}</caption>
                <Head
                  cols={[
                    t.fees.receiptNo,
                    t.fees.caseNo,
                    t.fees.matter,
                    t.fees.items,
                    t.fees.amount,
                    t.fees.paidAt,
                  ]}
                />
                <tbody>
                  {d.receipts.map((x) => (
                    <tr>
                      <td>
                        <code>{x.receiptNo}</code>
                      </td>
                      <td>
                        <a href={caseHref({ tenant, caseNo: x.caseNo })}>{x.caseNo}</a>
                      </td>
                      <td>
                        <code>{x.matter}</code>
                      </td>
                      <td>{(x.fees ?? []).map((f) => `${f.name} ${money(f.amount, lang)}`).join('；')}</td>
                      <td class="num">{money(x.amount, lang)}</td>
                      <td>{beijing(x.at)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colspan={4}>
                      {t.fees.total}
                    </th>
                    <td class="num">{money(d.total, lang)}</td>
                    <td></td>
                  </tr>
                </tfoot>
              </table>
            ))}
          </>
        )}
        <p class="muted">{t.fees.printedAt(beijing(now.toISOString()))}</p>
      </article>
    </>,
    { status: r.ok ? 200 : r.status },
  );
}

export function feeRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/fees', (c) => feeReportPage(c));
  return app;
}
