import type { CaseStatus, Deficiency, Notice } from '@onewindow/domain';
import { html } from 'hono/html';
import type { Html } from './html';
import { BasisAndRemedies, DocNo, OfficialFooter, type OfficialParts } from './official';
import { QrCode } from './qr';
import { RECEIPT_TEXT, type ReceiptKind } from './receipt-text';
import { COMMON, day, type Lang, when } from './text';

/**
 * What the intake papers print of a case: the fields of the API's case view (`caseView`) they
 * use, so the API passes its stored case and the console the view it read, alike.
 */
export interface ReceiptCase {
  readonly caseNo: string;
  readonly matterName: string;
  readonly applicant: { readonly name: string };
  readonly status: CaseStatus;
  readonly receivedAt: string;
  readonly acceptedAt?: string;
  /** The promised date, a Beijing business date (`YYYY-MM-DD`). */
  readonly dueDate?: string;
  readonly closedAt?: string;
  readonly materials?: readonly { readonly code: string; readonly name: string }[];
  readonly notices: readonly Notice[];
  readonly deficiency?: Deficiency;
  readonly closing?: { readonly reason: string; readonly competentAuthority?: string };
}

/** Which paper the case's state calls for at the window. */
export function receiptKind(status: CaseStatus): ReceiptKind {
  if (status === 'needs-correction') return 'notice';
  if (status === 'rejected') return 'rejection';
  if (status === 'received') return 'received';
  return 'receipt';
}

export const receiptTitle = (lang: Lang, kind: ReceiptKind): string => RECEIPT_TEXT[lang].title[kind];

export interface ReceiptProps {
  readonly case: ReceiptCase;
  readonly lang: Lang;
  /** The window that issues it (`intakeWindowName`). */
  readonly issuer: string;
  /** Which paper; by default the one the case's status calls for. */
  readonly kind?: ReceiptKind;
  /** Shown once, right after intake: the API keeps only its hash. */
  readonly queryCode?: string;
  /**
   * Where the applicant follows the case (the public progress page with the case number filled
   * in; the query code is typed, never put in an address): printed as a QR code.
   */
  readonly progressUrl?: string;
  /** Screen-only controls under the title (the console's print button). */
  readonly actions?: Html;
  /** The number, legal basis, remedies, handler, hall, acknowledgement line and seal (official.ts). */
  readonly official?: OfficialParts;
}

/**
 * The public progress page with the case number filled in, on the deployment's own address (the
 * console shares the API's): what an intake paper's QR code leads to. The query code is typed.
 */
export const progressUrlOf = (origin: string, caseNo: string) =>
  `${origin}/console/public/progress?caseNo=${encodeURIComponent(caseNo)}`;

const fact = (term: string, value: string | Html | undefined) =>
  value === undefined ? '' : html`<dt>${term}</dt><dd>${value}</dd>`;

/**
 * The paper the applicant takes away from the window: the one-time notice listing everything
 * missing (art. 32 (1) 4, R8), the notice of acceptance or of rejection, or the receipt of the
 * materials; each with the case number and, right after intake, the query code.
 */
export function ReceiptDocument({
  case: v,
  lang,
  issuer,
  kind,
  queryCode,
  progressUrl,
  actions,
  official,
}: ReceiptProps): Html {
  const t = RECEIPT_TEXT[lang];
  const paper = kind ?? receiptKind(v.status);
  const notice = [...v.notices].reverse().find((n) => n.kind === 'one-time-notice');
  const missing = notice?.missing ?? [];
  const materialName = (code: string) => v.materials?.find((m) => m.code === code)?.name ?? code;
  const dated = {
    notice: notice?.at ?? v.receivedAt,
    receipt: v.acceptedAt ?? v.receivedAt,
    rejection: v.closedAt ?? v.receivedAt,
    received: v.receivedAt,
  }[paper];
  return html`<article class="doc" aria-labelledby="doc-title">
  ${DocNo(lang, official)}
  <h1 id="doc-title">${t.title[paper]}</h1>
  ${actions}
  <dl class="facts">
    ${fact(t.caseNo, html`<strong>${v.caseNo}</strong>`)}
    ${fact(t.queryCode, queryCode ? html`<strong class="query-code">${queryCode}</strong>` : t.codeGiven)}
    ${fact(t.matter, v.matterName)}
    ${fact(t.applicant, v.applicant.name)}
    ${fact(t.receivedAt, when(lang, v.receivedAt))}
    ${fact(t.acceptedAt, v.acceptedAt && when(lang, v.acceptedAt))}
    ${fact(t.promisedBy, v.dueDate)}
  </dl>
  ${
    paper === 'notice'
      ? html`<p>${COMMON[lang].to(v.applicant.name)}</p>
  <p>${t.noticeIntro(when(lang, v.receivedAt), v.matterName)}</p>
  <p>${t.missingCaption(missing.length)}</p>
  <ol>
    ${missing.map((m) => html`<li>${m.name}${m.core ? t.core : ''}</li>`)}
  </ol>
  <p>${t.noticeClosing}</p>`
      : ''
  }
  ${
    paper === 'receipt' && official
      ? html`<p>${COMMON[lang].to(v.applicant.name)}</p>
  <p>${t.acceptedIntro(v.applicant.name, when(lang, v.receivedAt), v.matterName)}</p>`
      : ''
  }
  ${
    paper === 'rejection' && official
      ? html`<p>${COMMON[lang].to(v.applicant.name)}</p>
  <p>${t.rejectedIntro(v.applicant.name, when(lang, v.receivedAt), v.matterName)}</p>`
      : ''
  }
  ${
    paper === 'receipt' && v.deficiency
      ? html`<p>${t.deficiency(v.deficiency.materials.map(materialName).join('、'), v.deficiency.supplementBy)}</p>`
      : ''
  }
  ${
    paper === 'rejection' && v.closing
      ? html`<p>${v.closing.reason}${v.closing.competentAuthority ? ` ${t.competent(v.closing.competentAuthority)}` : ''}</p>`
      : ''
  }
  ${BasisAndRemedies(lang, official)}
  <p>${t.progressHint}</p>
  ${progressUrl ? html`<figure class="qr-block">${QrCode({ text: progressUrl, title: t.progressQr })}<figcaption class="hint">${t.progressQr}</figcaption></figure>` : ''}
  ${OfficialFooter(lang, official, html`${issuer}<br />${day(lang, dated)}`)}
</article>`;
}
