import { Hono } from 'hono';
import { encode } from 'uqr';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { pick } from '../../i18n';
import { beijing } from '../../ui/format';
import { label } from '../../ui/labels';
import { page } from '../../ui/layout';
import { resultSealSrc, verifyHref } from '../public/verify';
import { bodyNames } from '../tenant/bodies';
import { readFlash } from './intake';
import type { CaseView, Result } from './types';

/** A QR code as SVG rectangles (no inline style, so the CSP holds), pointing at the verification page. */
export function QrCode({ text, title }: { text: string; title: string }) {
  const { data, size } = encode(text, { border: 2 });
  let path = '';
  data.forEach((row, y) => {
    row.forEach((on, x) => {
      if (on) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg
      class="qr"
      role="img"
      aria-label={title}
      viewBox={`0 0 ${size} ${size}`}
      width="120"
      height="120"
      shape-rendering="crispEdges"
    >
      <title>{title}</title>
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

export const PrintButton = ({ c }: { c: Ctx }) => (
  <p class="no-print">
    <button type="button" data-print hidden>
      {c.get('t').common.print}
    </button>
  </p>
);

/**
 * The paper the applicant takes away: the one-time notice listing everything missing (R8),
 * or the receipt of acceptance; both with the case number and, right after intake, the
 * query code (shown once: the API keeps only its hash).
 */
async function receiptPage(c: Ctx) {
  const t = c.get('t');
  const lang = c.get('lang');
  const v = await c
    .get('api')
    .get<CaseView>(
      `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/cases/${seg(c.req.param('caseNo') ?? '')}`,
    );
  const code = readFlash(c, v.caseNo);
  const tenant = await c
    .get('api')
    .send<{ name: string }>('GET', `/v1/tenants/${seg(v.tenant)}`)
    .then((r) => (r.ok ? r.data.name : v.tenant));
  const notice = [...(v.notices ?? [])].reverse().find((n) => n.kind === 'one-time-notice');
  const kind =
    v.status === 'needs-correction'
      ? 'notice'
      : v.status === 'rejected'
        ? 'rejection'
        : v.status === 'received'
          ? 'received'
          : 'receipt';
  const title = t.receipt.title[kind];
  return page(
    c,
    title,
    <article class="doc" aria-labelledby="doc-title">
      <h1 id="doc-title">{title}</h1>
      <PrintButton c={c} />
      <dl class="facts">
        <dt>{t.cases.caseNo}</dt>
        <dd>
          <strong>{v.caseNo}</strong>
        </dd>
        <dt>{t.progress.code}</dt>
        <dd>
          {code ? (
            <strong class="query-code">{code}</strong>
          ) : (
            <span class="muted">{t.receipt.codeGiven}</span>
          )}
        </dd>
        <dt>{t.cases.matter}</dt>
        <dd>{v.matterName}</dd>
        <dt>{t.cases.applicant}</dt>
        <dd>{v.applicant.name}</dd>
        <dt>{t.cases.receivedAt}</dt>
        <dd>{beijing(v.receivedAt)}</dd>
        {v.acceptedAt && (
          <>
            <dt>{t.cases.acceptedAt}</dt>
            <dd>{beijing(v.acceptedAt)}</dd>
          </>
        )}
        {v.dueDate && (
          <>
            <dt>{t.receipt.promisedBy}</dt>
            <dd>{v.dueDate}</dd>
          </>
        )}
      </dl>
      {kind === 'notice' && notice && (
        <>
          <p>{pick(lang, notice.zh, notice.en)}</p>
          <table>
            <caption>{t.receipt.missingCaption((notice.missing ?? []).length)}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t.cases.materialName}</th>
                <th scope="col">{t.cases.core}</th>
              </tr>
            </thead>
            <tbody>
              {(notice.missing ?? []).map((m, i) => (
                <tr>
                  <td class="num">{i + 1}</td>
                  <td>{m.name}</td>
                  <td>{m.core ? t.common.yes : t.common.no}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>{t.receipt.noticeClosing}</p>
        </>
      )}
      {kind === 'receipt' && v.deficiency && (
        <p>{t.receipt.deficiency(v.deficiency.materials.join('、'), v.deficiency.supplementBy)}</p>
      )}
      {kind === 'rejection' && v.closing && (
        <p>
          {v.closing.reason}
          {v.closing.competentAuthority && ` ${t.receipt.competent(v.closing.competentAuthority)}`}
        </p>
      )}
      <p>{t.receipt.progressHint}</p>
      <p class="num">{t.receipt.issuedBy(tenant)}</p>
    </article>,
  );
}

/** The sealed result to print at the issuance window: decision, seal imprint, signature and a QR code to verify it. */
async function resultPage(c: Ctx) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const caseNo = c.req.param('caseNo') ?? '';
  const r = await c.get('api').get<Result>(`/v1/tenants/${seg(tenant)}/cases/${seg(caseNo)}/result`);
  const verifyUrl = new URL(verifyHref(r.caseNo), c.req.url).toString();
  const name = await bodyNames(c, [r.tenant, r.seal.tenant]);
  return page(
    c,
    t.result.title(r.matterName),
    <article class="doc" aria-labelledby="doc-title">
      <p class="num">{t.result.number(r.caseNo)}</p>
      <h1 id="doc-title">{t.result.title(r.matterName)}</h1>
      <PrintButton c={c} />
      <p>{t.result.to(r.applicantName)}</p>
      <p>{r.outcome === 'approve' ? t.result.approved(r.matterName) : t.result.denied(r.matterName)}</p>
      {r.reasons && <p>{t.result.reasons(r.reasons)}</p>}
      {r.appealRights && <p>{r.appealRights}</p>}
      <dl class="facts">
        <dt>{t.cases.decision}</dt>
        <dd>{label(t, 'outcome', r.outcome)}</dd>
        <dt>{t.verify.decidedAt}</dt>
        <dd>{beijing(r.decidedAt)}</dd>
        <dt>{t.progress.issuedAt}</dt>
        <dd>{beijing(r.issuedAt)}</dd>
        <dt>{t.verify.approvingBody}</dt>
        <dd>{name(r.approvingBody)}</dd>
        <dt>{t.caseActions.delivery}</dt>
        <dd>{label(t, 'delivery', r.delivery)}</dd>
      </dl>
      <div class="sig">
        <div>
          <QrCode text={verifyUrl} title={t.result.qr} />
          <p class="hint">{t.result.verifyAt(verifyUrl)}</p>
        </div>
        <div>
          <img class="imprint-lg" src={resultSealSrc(r.caseNo)} alt={t.seals.imprintAlt(r.seal.id)} />
          <p>{name(r.approvingBody)}</p>
          <p>{beijing(r.issuedAt).slice(0, 10)}</p>
        </div>
      </div>
      <p class="hint">
        {t.result.signature} <code class="sigtext">{r.signature}</code>（{r.keyId}）
      </p>
    </article>,
  );
}

export function documentRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/cases/:caseNo/receipt', (c) => receiptPage(c));
  app.get('/console/tenants/:tenant/cases/:caseNo/result', (c) => resultPage(c));
  return app;
}
