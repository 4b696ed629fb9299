import type { ImportCounts, Matter } from '@onewindow/api/contract';
import { type ApiResult, type Problem, qs, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { pick } from '../../i18n';
import { ErrorSummary, fieldId, readForm } from '../../ui/form';
import { money } from '../../ui/format';
import { label } from '../../ui/labels';
import { Csrf, page } from '../../ui/layout';
import { Head } from '../../ui/table';

type ImportOutcome = { readonly dryRun: boolean; readonly result: ApiResult<ImportCounts> };

export const listCatalogue = async (c: Ctx, city: string) =>
  (await c.get('api').get<{ items: Matter[] }>(`/v1/cities/${seg(city)}/catalogue`)).items;

/** The per-row error report of a refused import: every row and column the API named, as a table. */
function RowErrors({ c, problem }: { c: Ctx; problem: Problem }) {
  const t = c.get('t');
  const lang = c.get('lang');
  const rows = (problem.errors ?? []).filter((e) => e.row !== undefined);
  const count = typeof problem.errorCount === 'number' ? problem.errorCount : rows.length;
  return (
    <section aria-labelledby="import-errors" class="card">
      <h2 id="import-errors">{t.catalogue.errorsTitle(count)}</h2>
      <p>{pick(lang, problem.title, problem.titleEn)}</p>
      {count > rows.length && <p class="muted">{t.catalogue.errorsShown(rows.length)}</p>}
      <table>
        <Head cols={[t.catalogue.row, t.catalogue.column, t.catalogue.problem]} />
        <tbody>
          {rows.map((e) => (
            <tr>
              <td class="num">{e.row}</td>
              <td>{e.column}</td>
              <td>{pick(lang, e.message, e.messageEn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ImportResult({ c, outcome }: { c: Ctx; outcome: ImportOutcome }) {
  const t = c.get('t');
  const r = outcome.result;
  if (!r.ok) {
    const hasRows = (r.problem.errors ?? []).some((e) => e.row !== undefined);
    return hasRows ? <RowErrors c={c} problem={r.problem} /> : <ErrorSummary c={c} problem={r.problem} />;
  }
  return (
    <div class="notice" role="status">
      <p>
        <strong>{outcome.dryRun ? t.catalogue.dryRunDone : t.catalogue.imported}</strong>
      </p>
      <p>{t.catalogue.counts(r.data.rows, r.data.created, r.data.updated, r.data.unchanged)}</p>
    </div>
  );
}

async function cataloguePage(c: Ctx, outcome?: ImportOutcome) {
  const t = c.get('t');
  const city = c.req.param('city') ?? '';
  const items = await listCatalogue(c, city);
  const base = `/console/cities/${seg(city)}/catalogue`;
  return page(
    c,
    t.catalogue.title,
    <>
      <h1>{t.catalogue.title}</h1>
      <section aria-labelledby="import" class="card no-print">
        <h2 id="import">{t.catalogue.importTitle}</h2>
        <p class="hint">{t.catalogue.importHint}</p>
        {outcome && <ImportResult c={c} outcome={outcome} />}
        <form method="post" action={`${base}/import`} enctype="multipart/form-data" class="stack">
          <Csrf c={c} />
          <div class="field">
            <label for={fieldId('file')}>{t.catalogue.file}</label>
            <input
              id={fieldId('file')}
              type="file"
              name="file"
              required
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            />
          </div>
          <label class="choice" for={fieldId('dryRun')}>
            <input id={fieldId('dryRun')} type="checkbox" name="dryRun" value="true" />
            <span>{t.catalogue.dryRun}</span>
          </label>
          <div class="actions">
            <button type="submit">{t.catalogue.importButton}</button>
            <a href={`${base}/export?format=xlsx`}>{t.catalogue.exportXlsx}</a>
            <a href={`${base}/export?format=csv`}>{t.catalogue.exportCsv}</a>
          </div>
        </form>
        <p>
          <a href={`${base}/new`}>{t.matterForm.add}</a> <span class="hint">{t.matterForm.beside}</span>
        </p>
      </section>
      <table>
        <caption>{t.catalogue.caption(items.length)}</caption>
        <Head
          cols={[
            t.catalogue.code,
            t.catalogue.name,
            t.catalogue.type,
            t.catalogue.statutory,
            t.catalogue.promised,
            t.catalogue.onTheSpot,
            t.catalogue.department,
          ]}
        />
        <tbody>
          {items.map((m) => (
            <tr>
              <td>
                <a href={`${base}/${m.code}`}>
                  <code>{m.code}</code>
                </a>
              </td>
              <td>{m.name}</td>
              <td>{label(t, 'matterType', m.type)}</td>
              <td class="num">{m.statutoryDays}</td>
              <td class="num">{m.promisedDays}</td>
              <td>{m.onTheSpot ? t.common.yes : t.common.no}</td>
              <td>{m.department ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>,
    { status: outcome && !outcome.result.ok ? outcome.result.status : 200 },
  );
}

/** Materials in order, core ones marked (they can never be missing at acceptance, R8). */
export const MaterialList = ({ c, materials }: { c: Ctx; materials: Matter['materials'] }) => (
  <ol>
    {materials.map((x) => (
      <li>
        {x.name} {x.core && <strong>{c.get('t').catalogue.core}</strong>}
      </li>
    ))}
  </ol>
);

export function FeeList({ c, fees }: { c: Ctx; fees: Matter['fees'] }) {
  const t = c.get('t');
  if (fees.length === 0) return <p>{t.catalogue.noFees}</p>;
  return (
    <ul>
      {fees.map((f) => (
        <li>
          {f.name} {money(f.amount, c.get('lang'))}
        </li>
      ))}
    </ul>
  );
}

/** A matter's full definition: items, materials (core marked), fees and special steps. */
export function MatterDetails({ c, m }: { c: Ctx; m: Matter }) {
  const t = c.get('t');
  const _lang = c.get('lang');
  return (
    <>
      <dl class="facts card">
        <dt>{t.catalogue.code}</dt>
        <dd>
          <code>{m.code}</code>
        </dd>
        <dt>{t.catalogue.type}</dt>
        <dd>{label(t, 'matterType', m.type)}</dd>
        <dt>{t.catalogue.legalBasis}</dt>
        <dd>{m.legalBasis}</dd>
        <dt>{t.catalogue.statutory}</dt>
        <dd>{t.common.workingDays(m.statutoryDays)}</dd>
        <dt>{t.catalogue.promised}</dt>
        <dd>{m.onTheSpot ? t.catalogue.onTheSpotCase : t.common.workingDays(m.promisedDays)}</dd>
        {m.jointHandling && (
          <>
            <dt>{t.matterForm.jointHandling}</dt>
            <dd>
              {t.matterForm.jointHandlingNames[m.jointHandling]} · {t.matterForm.jointHandlingHint}
            </dd>
          </>
        )}
        {m.specialSteps && m.specialSteps.length > 0 && (
          <>
            <dt>{t.catalogue.specialSteps}</dt>
            <dd>
              {m.specialSteps
                .map((s) => `${label(t, 'stepKind', s.kind)} ${t.common.days(s.days)}`)
                .join('；')}
            </dd>
          </>
        )}
      </dl>
      <h2>{t.catalogue.items}</h2>
      <ul>
        {m.items.map((i) => (
          <li>
            {i.code} {i.name}
          </li>
        ))}
      </ul>
      <h2>{t.catalogue.materials}</h2>
      <MaterialList c={c} materials={m.materials} />
      <h2>{t.catalogue.fees}</h2>
      <FeeList c={c} fees={m.fees} />
    </>
  );
}

/** City administrators: the guidance catalogue, its spreadsheet import with the per-row report, and export. */
export function catalogueRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/cities/:city/catalogue', (c) => cataloguePage(c));
  app.post('/console/cities/:city/catalogue/import', async (c) => {
    const city = c.req.param('city');
    const { values, files } = await readForm(c);
    const dryRun = values.dryRun === 'true';
    const file = files.file;
    const form = new FormData();
    // An empty file input still arrives as a File; the API names what is wrong with it.
    if (file) form.set('file', file, file.name || 'catalogue');
    const result = await c
      .get('api')
      .send<ImportCounts>(
        'POST',
        `/v1/cities/${seg(city)}/catalogue:import${qs({ dryRun: dryRun ? 'true' : undefined })}`,
        form,
      );
    return cataloguePage(c, { dryRun, result });
  });
  app.get('/console/cities/:city/catalogue/export', async (c) => {
    const format = c.req.query('format') === 'csv' ? 'csv' : 'xlsx';
    const res = await c
      .get('api')
      .raw(`/v1/cities/${seg(c.req.param('city'))}/catalogue:export?format=${format}`);
    // Passed through as the API made it (type, file name), so the download is the API's export.
    const headers = new Headers();
    for (const h of ['content-type', 'content-disposition']) {
      const v = res.headers.get(h);
      if (v) headers.set(h, v);
    }
    headers.set('cache-control', 'no-store');
    return new Response(res.body, { status: res.status, headers });
  });
  app.get('/console/cities/:city/catalogue/:code', async (c) => {
    const t = c.get('t');
    const m = await c
      .get('api')
      .get<Matter>(`/v1/cities/${seg(c.req.param('city'))}/catalogue/${seg(c.req.param('code'))}`);
    return page(
      c,
      m.name,
      <>
        <p class="no-print">
          <a href={`/console/cities/${seg(c.req.param('city'))}/catalogue`}>{t.catalogue.back}</a>
        </p>
        <h1>{m.name}</h1>
        {c.req.query('ok') && <p role="status">{t.matterForm.saved}</p>}
        <p class="no-print">
          <a href={`/console/cities/${seg(c.req.param('city'))}/catalogue/${seg(m.code)}/edit`}>
            {t.matterForm.edit}
          </a>
        </p>
        <MatterDetails c={c} m={m} />
      </>,
    );
  });
  return app;
}
