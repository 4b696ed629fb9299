import type { RevealedApplicant } from '@onewindow/api/contract';
import { ApiFailure, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { type FormState, one, readForm } from '../../ui/form';
import { beijing } from '../../ui/format';
import { label } from '../../ui/labels';
import { Done, page } from '../../ui/layout';
import { namesOf } from '../../ui/names';
import { ACTIONS, type ActionName, isAction } from './actions';
import { Actions, type Failed, scopeOf } from './case-actions';
import { Levels } from './levels';
import { hasRole, loadMaterials, MaterialsPanel } from './materials';
import { CaseFacts, caseHref, Steps, Timeline } from './parts';
import { Reveal } from './reveal';
import type { CaseView } from './types';

/** The reveal's outcome on this one answer: the full applicant, or the form refused. */
type RevealOutcome = { readonly revealed?: RevealedApplicant; readonly state?: FormState };

async function casePage(c: Ctx, failed?: Failed, status = 200, reveal: RevealOutcome = {}) {
  const t = c.get('t');
  const path = `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/cases/${seg(c.req.param('caseNo') ?? '')}`;
  // The names beside the ids come from their own read; without them the page shows the ids.
  const [v] = await Promise.all([c.get('api').get<CaseView>(path), namesOf(c).caseNames(path)]);
  const ok = c.req.query('ok');
  // Approvers read the materials first (issue 16): before the facts, the forms and the timeline.
  const m = await loadMaterials(c, path, v);
  const panel = <MaterialsPanel c={c} v={v} {...m} />;
  const first = hasRole(c, 'approver');
  return page(
    c,
    t.cases.caseTitle(v.caseNo),
    <>
      <h1>{t.cases.caseTitle(v.caseNo)}</h1>
      <Done text={ok && isAction(ok) ? t.caseActions.done(label(t, 'action', ok)) : undefined} />
      {first && panel}
      <p class="actions no-print">
        <a href={caseHref(v, '/receipt')}>
          {v.status === 'needs-correction' ? t.receipt.noticeLink : t.receipt.receiptLink}
        </a>
        {v.result && <a href={caseHref(v, '/result')}>{t.result.link}</a>}
      </p>
      <CaseFacts c={c} v={v} />
      {!first && panel}
      <Levels c={c} v={v} />
      <Reveal c={c} v={v} revealed={reveal.revealed} state={reveal.state} />
      <Actions c={c} v={v} failed={failed} files={m.files} />
      <h2>{t.cases.steps}</h2>
      <Steps c={c} v={v} />
      {(v.guidance ?? []).length > 0 && (
        <>
          <h2>{t.cases.guidance}</h2>
          <ul>
            {(v.guidance ?? []).map((g) => (
              <li>
                {g.id} · {namesOf(c)(g.body)}
                {g.requestedAt &&
                  ` · ${t.cases.guidanceAsked(beijing(g.requestedAt))}${g.question ? `：${g.question}` : ''}`}
                <div>{g.opinion ? `${beijing(g.givenAt)}：${g.opinion}` : t.cases.guidanceAwaited}</div>
              </li>
            ))}
          </ul>
        </>
      )}
      {(v.findings ?? []).length > 0 && (
        <>
          <h2>{t.cases.findings}</h2>
          <ul>
            {(v.findings ?? []).map((f) => (
              <li>
                {beijing(f.at)} · {namesOf(c)(f.body)} · {label(t, 'severity', f.severity)}：{f.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {v.rating && (
        <p>
          {t.progress.rated(v.rating.level)}
          {v.rating.comment && `：${v.rating.comment}`}
          {[
            ...(v.rating.reasons ?? []).map((r) => label(t, 'ratingReason', r)),
            ...(v.rating.objects ?? []).map((o) => label(t, 'ratedObject', o)),
            ...(v.rating.channel ? [label(t, 'ratingChannel', v.rating.channel)] : []),
            ...(v.rating.default ? [t.progress.defaultRating] : []),
          ]
            .map((x) => ` · ${x}`)
            .join('')}
        </p>
      )}
      <h2>{t.cases.timeline}</h2>
      <Timeline c={c} v={v} />
    </>,
    { status },
  );
}

/** Where an action leads: the receipt once a case is accepted, the result once issued, else back to the case. */
function after(action: ActionName, v: CaseView): string {
  if ((action === 'supplement' || action === 'accept') && v.status !== 'needs-correction')
    return caseHref(v, '/receipt');
  if (action === 'issue') return caseHref(v, '/result');
  // The 不予受理决定书 is handed over at once: the clerk lands on it, ready to print.
  if (action === 'reject') return caseHref(v, '/receipt');
  return caseHref(v, `?ok=${action}`);
}

export function casePageRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/cases/:caseNo', (c) => casePage(c));
  // The full applicant is answered on this POST's own page, never redirected to a URL that could be kept.
  app.post('/console/tenants/:tenant/cases/:caseNo/applicant/reveal', async (c) => {
    const { values } = await readForm(c);
    const r = await c
      .get('api')
      .send<RevealedApplicant>(
        'POST',
        `/v1/tenants/${seg(c.req.param('tenant'))}/cases/${seg(c.req.param('caseNo'))}/applicant/reveal`,
        { purpose: one(values, 'purpose') },
      );
    if (r.ok) return casePage(c, undefined, 200, { revealed: r.data });
    return casePage(c, undefined, r.status, { state: { values, problem: r.problem } });
  });
  app.post('/console/tenants/:tenant/cases/:caseNo/:action', async (c) => {
    const name = c.req.param('action');
    if (!isAction(name)) {
      const t = c.get('t');
      throw new ApiFailure({
        type: 'about:blank',
        title: t.errors.notFoundTitle,
        titleEn: t.errors.notFoundTitle,
        status: 404,
      });
    }
    const { values } = await readForm(c);
    const version = typeof values.version === 'string' ? values.version : undefined;
    const r = await c
      .get('api')
      .send<CaseView>(
        'POST',
        `/v1/tenants/${seg(c.req.param('tenant'))}/cases/${seg(c.req.param('caseNo'))}/${name}`,
        ACTIONS[name](values),
        version ? { 'if-match': version } : {},
      );
    if (r.ok) return c.redirect(after(name, r.data), 303);
    const stepId = typeof values.stepId === 'string' ? values.stepId : undefined;
    return casePage(
      c,
      { action: name, scope: scopeOf(name, stepId), state: { values, problem: r.problem } },
      r.status,
    );
  });
  return app;
}
