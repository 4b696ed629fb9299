import type { ResponseOf, RolloutPreview } from '@onewindow/api/contract';
import { type Problem, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary } from '../../ui/form';
import { beijing } from '../../ui/format';
import { label } from '../../ui/labels';
import { Csrf, Done, page } from '../../ui/layout';
import { Head } from '../../ui/table';
import { type Agreement, AgreementDocument } from '../tenant/agreement';
import { impactPage } from './rollout-impact';
import { impactText } from './rollout-impact-text';
import {
  offers,
  PreviewTable,
  Progress,
  type Rollout,
  StatusBadge,
  type TenantPreview,
  WizardSteps,
} from './rollout-parts';

const base = (city: string) => `/console/cities/${seg(city)}/rollouts`;
const getRollout = (c: Ctx, city: string, id: string) =>
  c.get('api').get<Rollout>(`/v1/cities/${seg(city)}/rollouts/${seg(id)}`);

async function listPage(c: Ctx) {
  const t = c.get('t');
  const city = c.req.param('city') ?? '';
  const { items } = await c
    .get('api')
    .get<ResponseOf<'GET /v1/cities/{city}/rollouts'>>(`/v1/cities/${seg(city)}/rollouts`);
  items.sort((a, b) => b.effectiveAt.localeCompare(a.effectiveAt));
  return page(
    c,
    t.rollouts.title,
    <>
      <h1>{t.rollouts.title}</h1>
      <p>
        <a class="button" href={`${base(city)}/new`}>
          {t.rollouts.new}
        </a>
      </p>
      <table>
        <caption>{t.rollouts.caption(items.length)}</caption>
        <Head
          cols={[
            t.rollouts.name,
            t.rollouts.status,
            t.rollouts.effectiveAt,
            t.rollouts.matters,
            t.rollouts.tenants,
            t.rollouts.mode,
          ]}
        />
        <tbody>
          {items.map((r) => (
            <tr>
              <td>
                <a href={`${base(city)}/${r.id}`}>{r.name}</a>
                <br />
                <code class="muted">{r.id}</code>
              </td>
              <td>
                <StatusBadge c={c} status={r.status} />
              </td>
              <td>{beijing(r.effectiveAt)}</td>
              <td class="num">{r.matters.length}</td>
              <td class="num">{r.tenants.length}</td>
              <td>{label(t, 'mode', r.mode)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>,
  );
}

function Facts({ c, r }: { c: Ctx; r: Rollout }) {
  const t = c.get('t');
  const from =
    typeof r.from === 'string'
      ? r.from
      : Object.entries(r.from)
          .map(([m, b]) => `${m} ← ${b}`)
          .join('；');
  return (
    <dl class="facts card">
      <dt>{t.rollouts.status}</dt>
      <dd>
        <StatusBadge c={c} status={r.status} />
      </dd>
      <dt>{t.rollouts.effectiveAt}</dt>
      <dd>{beijing(r.effectiveAt)}</dd>
      <dt>{t.rollouts.mode}</dt>
      <dd>{label(t, 'mode', r.mode)}</dd>
      <dt>{t.wizard.from}</dt>
      <dd>{from}</dd>
      <dt>{t.wizard.to}</dt>
      <dd>
        <code>{r.to}</code>
      </dd>
      <dt>{t.wizard.seal}</dt>
      <dd>
        <code>{r.seal}</code>
      </dd>
      {r.transition && (
        <>
          <dt>{t.wizard.transition}</dt>
          <dd>
            {label(t, 'policy', r.transition.policy)} → {beijing(r.transition.until)}
          </dd>
        </>
      )}
      <dt>{t.rollouts.matters}</dt>
      <dd>{r.matters.join('、')}</dd>
      <dt>{t.rollouts.tenants}</dt>
      <dd>{r.tenants.join('、')}</dd>
    </dl>
  );
}

async function statusPage(c: Ctx) {
  const t = c.get('t');
  const city = c.req.param('city') ?? '';
  const r = await getRollout(c, city, c.req.param('id') ?? '');
  const running = r.status === 'scheduled' || r.status === 'applying';
  const here = `${base(city)}/${seg(r.id)}`;
  return page(
    c,
    r.name,
    <>
      <p class="no-print">
        <a href={base(city)}>{t.rollouts.back}</a>
      </p>
      <h1>{r.name}</h1>
      <WizardSteps c={c} step={r.status === 'draft' ? 2 : r.status === 'applied' ? 4 : 3} />
      <Done text={c.req.query('ok') === 'scheduled' ? t.rollouts.scheduled : undefined} />
      <section
        aria-labelledby="progress-title"
        class="card"
        id="rollout-progress"
        aria-live="polite"
        data-poll={running ? '2000' : undefined}
      >
        <h2 id="progress-title">{t.rollouts.progressTitle}</h2>
        <Progress c={c} done={r.progress.done} total={r.progress.total} />
        {running && (
          <p class="muted no-print">
            {t.rollouts.refreshing} <a href={here}>{t.rollouts.refreshNow}</a>
          </p>
        )}
        {r.appliedAt && <p>{t.rollouts.appliedAt(beijing(r.appliedAt))}</p>}
      </section>
      <Facts c={c} r={r} />
      <div class="actions no-print">
        {offers(r, 'preview') && (
          <a class="button" href={`${here}/preview`}>
            {t.rollouts.previewButton}
          </a>
        )}
        {r.status !== 'cancelled' && (
          <a class="button secondary" href={`${here}/impact`}>
            {impactText(c.get('lang')).button}
          </a>
        )}
        {offers(r, 'cancel') && (
          <form method="post" action={`${here}/cancel`} class="inline">
            <Csrf c={c} />
            <button type="submit" class="danger" data-confirm={t.rollouts.cancelConfirm}>
              {t.rollouts.cancel}
            </button>
          </form>
        )}
      </div>
      {r.status !== 'draft' && r.status !== 'cancelled' && (
        <section aria-labelledby="agreements">
          <h2 id="agreements">{t.rollouts.agreements}</h2>
          <ul>
            {r.tenants.map((tenant) => (
              <li>
                <a href={`${here}/agreements/${tenant}`}>{t.rollouts.agreementFor(tenant)}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>,
    running ? { refresh: 2 } : {},
  );
}

async function previewPage(c: Ctx, refused?: Problem) {
  const t = c.get('t');
  const city = c.req.param('city') ?? '';
  const id = c.req.param('id') ?? '';
  const r = await getRollout(c, city, id);
  // On a refused schedule the API lists the blockers it found; otherwise ask for a fresh preview.
  const preview = refused
    ? { ready: false, tenants: (refused.tenants as TenantPreview[] | undefined) ?? [] }
    : await (async () => {
        const res = await c
          .get('api')
          .send<RolloutPreview>('POST', `/v1/cities/${seg(city)}/rollouts/${seg(id)}/preview`);
        if (!res.ok) return { ready: false, tenants: [], problem: res.problem };
        return res.data;
      })();
  const here = `${base(city)}/${seg(id)}`;
  return page(
    c,
    t.preview.title(r.name),
    <>
      <p class="no-print">
        <a href={here}>{t.preview.back}</a>
      </p>
      <h1>{t.preview.title(r.name)}</h1>
      <WizardSteps c={c} step={2} />
      {refused && <ErrorSummary c={c} problem={refused} />}
      {'problem' in preview && <ErrorSummary c={c} problem={preview.problem as Problem} />}
      <p class={preview.ready ? 'notice' : 'alert'} role="status">
        {preview.ready ? t.preview.allReady : t.preview.notReady}
      </p>
      <PreviewTable c={c} tenants={preview.tenants} />
      <div class="actions no-print">
        {preview.ready && offers(r, 'schedule') && (
          <form method="post" action={`${here}/schedule`} class="inline">
            <Csrf c={c} />
            <button type="submit">{t.preview.schedule}</button>
          </form>
        )}
        {offers(r, 'preview') && (
          <a class="button secondary" href={`${here}/preview`}>
            {t.preview.again}
          </a>
        )}
        <a class="button secondary" href={`${here}/impact`}>
          {impactText(c.get('lang')).button}
        </a>
      </div>
    </>,
    { status: refused ? refused.status : 200 },
  );
}

/** City administrators: rollouts, wizard steps 2–4 (preview with blockers, schedule, progress) and agreements. */
export function rolloutRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/cities/:city/rollouts', (c) => listPage(c));
  app.get('/console/cities/:city/rollouts/:id', (c) => statusPage(c));
  app.get('/console/cities/:city/rollouts/:id/preview', (c) => previewPage(c));
  app.get('/console/cities/:city/rollouts/:id/impact', (c) => impactPage(c, base(c.req.param('city'))));
  app.post('/console/cities/:city/rollouts/:id/schedule', async (c) => {
    const city = c.req.param('city');
    const id = c.req.param('id');
    const r = await c.get('api').send('POST', `/v1/cities/${seg(city)}/rollouts/${seg(id)}/schedule`);
    if (r.ok) return c.redirect(`${base(city)}/${seg(id)}?ok=scheduled`, 303);
    return previewPage(c, r.problem);
  });
  app.post('/console/cities/:city/rollouts/:id/cancel', async (c) => {
    const city = c.req.param('city');
    const id = c.req.param('id');
    const r = await c.get('api').send('POST', `/v1/cities/${seg(city)}/rollouts/${seg(id)}/cancel`);
    if (!r.ok) {
      const t = c.get('t');
      return page(c, t.rollouts.cancel, <ErrorSummary c={c} problem={r.problem} />, { status: r.status });
    }
    return c.redirect(`${base(city)}/${seg(id)}`, 303);
  });
  app.get('/console/cities/:city/rollouts/:id/agreements/:tenant', async (c) => {
    const a = await c
      .get('api')
      .get<Agreement>(
        `/v1/cities/${seg(c.req.param('city'))}/rollouts/${seg(c.req.param('id'))}/agreements/${seg(c.req.param('tenant'))}`,
      );
    return page(c, a.title, <AgreementDocument c={c} a={a} />);
  });
  return app;
}
