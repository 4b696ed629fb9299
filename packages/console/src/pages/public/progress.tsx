import type { Progress } from '@onewindow/api/contract';
import { ProgressQuery, RatingInput } from '../../../../api/src/case-schemas';
import { type Problem, qs, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { pick } from '../../i18n';
import {
  ChoiceGroup,
  ErrorSummary,
  empty,
  type FormState,
  many,
  numberOr,
  one,
  readForm,
  TextArea,
  TextField,
} from '../../ui/form';
import { type BodyOf, fieldNames, fieldOf, formSpec, wholeNumbersDown } from '../../ui/form-spec';
import { beijing } from '../../ui/format';
import { label, options } from '../../ui/labels';
import { Csrf, Done, page } from '../../ui/layout';
import { Submit } from '../../ui/table';
import { OnlinePanel } from '../cases/materials';

/** This case number is not in the API's query: it is the path the progress is asked at. */
const CASE_NO = 'caseNo';

function ProgressView({ c, p, code, rating }: { c: Ctx; p: Progress; code: string; rating: FormState }) {
  const t = c.get('t');
  const lang = c.get('lang');
  const spec = formSpec(RatingInput);
  const level = fieldOf(spec, 'level');
  return (
    <section aria-labelledby="progress-title" class="card">
      <h2 id="progress-title">{t.progress.resultTitle(p.caseNo)}</h2>
      <dl class="facts">
        <dt>{t.cases.matter}</dt>
        <dd>{p.matterName}</dd>
        <dt>{t.cases.status}</dt>
        <dd>
          <strong>{pick(lang, p.statusName.zh, p.statusName.en)}</strong>
        </dd>
        <dt>{t.cases.receivedAt}</dt>
        <dd>{beijing(p.receivedAt)}</dd>
        {p.acceptedAt && (
          <>
            <dt>{t.cases.acceptedAt}</dt>
            <dd>{beijing(p.acceptedAt)}</dd>
          </>
        )}
        {p.dueDate && (
          <>
            <dt>{t.cases.dueDate}</dt>
            <dd>{p.dueDate}</dd>
          </>
        )}
        {p.outcome && (
          <>
            <dt>{t.cases.decision}</dt>
            <dd>{label(t, 'outcome', p.outcome)}</dd>
          </>
        )}
        {p.issuedAt && (
          <>
            <dt>{t.progress.issuedAt}</dt>
            <dd>
              {beijing(p.issuedAt)} ·{' '}
              <a href={`/console/public/verify${qs({ caseNo: p.caseNo })}`}>{t.progress.verifyLink}</a>
            </dd>
          </>
        )}
        {p.closing && (
          <>
            <dt>{t.cases.closing}</dt>
            <dd>{p.closing.reason}</dd>
          </>
        )}
      </dl>
      {p.notices.length > 0 && (
        <>
          <h3>{t.progress.notices}</h3>
          <ul>
            {p.notices.map((n) => (
              <li>
                {beijing(n.at)} {pick(lang, n.zh, n.en)}
              </li>
            ))}
          </ul>
        </>
      )}
      {p.accessLog && p.accessLog.length > 0 && (
        <>
          <h3>{t.progress.accessLog}</h3>
          <p class="muted">{t.progress.accessLogHint}</p>
          <ul>
            {p.accessLog.map((a) => (
              <li>
                {beijing(a.at)} · {a.body} · {label(t, 'role', a.role)} · {a.purpose}
              </li>
            ))}
          </ul>
        </>
      )}
      {p.rating && <p>{t.progress.rated(p.rating.level)}</p>}
      {p.canRate && (
        <form method="post" action={`/console/public/progress/${seg(p.caseNo)}/rating`} class="stack">
          <h3>{t.progress.rateTitle}</h3>
          <ErrorSummary
            c={c}
            problem={rating.problem}
            fields={['level', 'reasons', 'objects', 'comment'].map((f) => fieldOf(spec, f).name)}
          />
          <Csrf c={c} />
          <input type="hidden" name={fieldOf(spec, 'code').name} value={code} />
          <ChoiceGroup
            c={c}
            state={rating}
            spec={level}
            label={t.progress.level}
            radio
            options={wholeNumbersDown(level).map((n) => ({
              value: String(n),
              label: label(t, 'rating', String(n)),
            }))}
          />
          <ChoiceGroup
            c={c}
            state={rating}
            spec={fieldOf(spec, 'reasons')}
            label={t.progress.reasons}
            hint={t.progress.reasonsHint}
            options={options(t, 'ratingReason')}
          />
          <ChoiceGroup
            c={c}
            state={rating}
            spec={fieldOf(spec, 'objects')}
            label={t.progress.objects}
            options={options(t, 'ratedObject')}
          />
          <TextArea c={c} state={rating} spec={fieldOf(spec, 'comment')} label={t.progress.comment} />
          <Submit label={t.progress.rate} />
        </form>
      )}
    </section>
  );
}

async function progressPage(
  c: Ctx,
  query: FormState,
  rating: FormState = empty,
  status = 200,
  thanks = false,
) {
  const t = c.get('t');
  const spec = formSpec(ProgressQuery);
  const caseNo = one(query.values, CASE_NO);
  const code = one(query.values, 'code');
  let found: Progress | undefined;
  let problem: Problem | undefined = query.problem;
  if (caseNo && code && !problem) {
    const r = await c.get('api').send<Progress>('GET', `/v1/public/cases/${seg(caseNo)}${qs({ code })}`);
    if (r.ok) found = r.data;
    else {
      problem = r.problem;
      status = r.status;
    }
  }
  return page(
    c,
    t.progress.title,
    <>
      <h1>{t.progress.title}</h1>
      <Done text={thanks ? t.progress.thanks : undefined} />
      {/* POST, not GET: the query code stays out of addresses, history and logs. */}
      <form method="post" action="/console/public/progress" class="stack card">
        <ErrorSummary c={c} problem={problem} fields={[CASE_NO, ...fieldNames(spec)]} />
        <Csrf c={c} />
        <TextField
          c={c}
          state={{ values: query.values, problem }}
          name={CASE_NO}
          label={t.cases.caseNo}
          required
        />
        <TextField
          c={c}
          state={{ values: query.values, problem }}
          spec={fieldOf(spec, 'code')}
          label={t.progress.code}
          hint={t.progress.codeHint}
        />
        <Submit label={t.progress.query} />
      </form>
      {found && <ProgressView c={c} p={found} code={code} rating={rating} />}
      {found && <OnlinePanel c={c} p={found} code={code} />}
    </>,
    { status, bare: !c.get('session') },
  );
}

/** Applicants: progress by case number and query code, and the rating once the result is issued. */
export function progressRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/public/progress', (c) =>
    progressPage(c, { values: { caseNo: c.req.query('caseNo') ?? '' } }),
  );
  app.post('/console/public/progress', async (c) => progressPage(c, await readForm(c)));
  app.post('/console/public/progress/:caseNo/rating', async (c) => {
    const caseNo = c.req.param('caseNo');
    const { values } = await readForm(c);
    const code = one(values, 'code');
    const comment = one(values, 'comment');
    // The API checks each ticked value against its list; the form only passes them on.
    const reasons = many(values, 'reasons');
    const objects = many(values, 'objects');
    // The form is the web portal's: the applicant rates online (a window's device posts its own channel).
    const body = {
      code,
      level: numberOr(one(values, 'level')),
      channel: 'web',
      ...(comment ? { comment } : {}),
      ...(reasons.length ? { reasons } : {}),
      ...(objects.length ? { objects } : {}),
    } satisfies BodyOf<typeof RatingInput>;
    const r = await c.get('api').send('POST', `/v1/public/cases/${seg(caseNo)}/rating`, body);
    const query = { values: { caseNo, code } };
    if (!r.ok) return progressPage(c, query, { values, problem: r.problem }, r.status);
    return progressPage(c, query, empty, 200, true);
  });
  return app;
}
