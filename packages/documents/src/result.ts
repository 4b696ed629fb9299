import { type MatterType, type SealedResult, verificationCodeOf } from '@onewindow/domain';
import { html } from 'hono/html';
import { decisionSentence, decisionTitle } from './decision-text';
import type { Html } from './html';
import { Imprint, type ImprintSource } from './imprint';
import { BasisAndRemedies, DocNo, type OfficialParts } from './official';
import { OFFICIAL_TEXT } from './official-text';
import { QrCode } from './qr';
import { RESULT_TEXT } from './result-text';
import { COMMON, day, type Lang, when } from './text';

/** The decision's title, by the matter's kind of power when known (decision-text.ts). */
export const resultTitle = (lang: Lang, r: Pick<SealedResult, 'outcome'>, matterType?: MatterType): string =>
  matterType
    ? decisionTitle(lang, { outcome: r.outcome, matterType })
    : RESULT_TEXT[lang].title(r.outcome === 'approve');

export interface ResultProps {
  /** The sealed result as the API signed it (the case view's `result`). */
  readonly result: SealedResult;
  readonly lang: Lang;
  /** The name of the body the result is issued by (the seal's body). */
  readonly bodyName: string;
  /** Where the QR code leads: a page that checks the signature and the seal. */
  readonly verifyUrl: string;
  readonly imprint: ImprintSource;
  /** The seal's name, for the imprint's alternative text; its id when unknown. */
  readonly sealName?: string;
  readonly actions?: Html;
  /** The matter's kind of power: the title and the operative words follow it. */
  readonly matterType?: MatterType;
  /** A payment's amount in yuan (准予给付). */
  readonly amount?: number;
  /** The number, legal basis, remedies and handler (official.ts). */
  readonly official?: OfficialParts;
  /** The signers' names by id, for the approval record of a result with levels (R16). */
  readonly signers?: Readonly<Record<string, string>>;
}

/** Every level's signer, instant and opinion, as the signed result holds them (R16). */
function Approvals(lang: Lang, r: SealedResult, signers: Readonly<Record<string, string>> = {}): Html | '' {
  const t = RESULT_TEXT[lang];
  if (!r.approvals?.length) return '';
  return html`<section class="approvals"><h2>${t.approvals}</h2><table>
  <thead><tr><th scope="col">${t.decision}</th><th scope="col">${t.signer}</th><th scope="col">${t.opinion}</th></tr></thead>
  <tbody>${r.approvals.map(
    (a) =>
      html`<tr><td>${t.levels[a.kind] ?? a.kind}</td><td>${signers[a.by] ?? a.by}<br />${when(lang, a.at)}</td><td>${a.opinion}</td></tr>`,
  )}</tbody></table></section>`;
}

/**
 * The result handed over at the issuance window: the decision (art. 38), the seal imprint over
 * the issuing body's name and the decision's date, the signature, and a QR code to its
 * public verification, with the verification code that opens what the result says there.
 */
export function ResultDocument({
  result: r,
  lang,
  bodyName,
  verifyUrl,
  imprint,
  sealName,
  actions,
  matterType,
  amount,
  official,
  signers,
}: ResultProps): Html {
  const text = COMMON[lang];
  const t = RESULT_TEXT[lang];
  return html`<article class="doc" aria-labelledby="doc-title">
  ${DocNo(lang, official)}
  <p class="no">${text.number(r.caseNo)}</p>
  <h1 id="doc-title">${resultTitle(lang, r, matterType)}</h1>
  ${actions}
  <p>${text.to(r.applicantName)}</p>
  <p>${
    official
      ? decisionSentence(lang, {
          ...r,
          ...(matterType ? { matterType } : {}),
          ...(amount !== undefined ? { amount } : {}),
        })
      : t.body(r)
  }</p>
  ${r.reasons ? html`<p>${t.reasons(r.reasons)}</p>` : ''}
  ${official?.respondent ? '' : r.appealRights ? html`<p>${r.appealRights}</p>` : ''}
  ${BasisAndRemedies(lang, official)}
  ${official?.handler ? html`<p class="handler">${OFFICIAL_TEXT[lang].handler(official.handler)}</p>` : ''}
  <dl class="facts">
    <dt>${t.decision}</dt><dd>${t.outcomes[r.outcome]}</dd>
    <dt>${t.decidedAt}</dt><dd>${when(lang, r.decidedAt)}</dd>
    <dt>${t.issuedAt}</dt><dd>${when(lang, r.issuedAt)}</dd>
    <dt>${t.approvingBody}</dt><dd>${bodyName}</dd>
    <dt>${t.delivery}</dt><dd>${t.deliveries[r.delivery]}</dd>
  </dl>
  ${Approvals(lang, r, signers)}
  <div class="sig">
    <div>
      ${QrCode({ text: verifyUrl, title: t.qr })}
      <p class="hint">${t.verifyAt(verifyUrl)}</p>
      <p class="hint">${t.code(verificationCodeOf(r.signature).replace(/^(.{4})/, '$1-'))}</p>
    </div>
    <div class="seal">
      ${Imprint({ source: imprint, sealId: r.seal.id, alt: text.imprintAlt(sealName ?? r.seal.id) })}
      <p>${bodyName}<br />${day(lang, r.decidedAt)}</p>
    </div>
  </div>
  <p class="hint">${t.signature(r.keyId)} <code class="sigtext">${r.signature}</code></p>
  ${
    official?.hall
      ? html`<p class="hint hall">${OFFICIAL_TEXT[lang].hall(official.hall.address, official.hall.phone)}</p>`
      : ''
  }
  ${
    official
      ? html`<section class="ack" aria-label="${OFFICIAL_TEXT[lang].receipt}"><h2>${OFFICIAL_TEXT[lang].receipt}</h2><p>${OFFICIAL_TEXT[lang].receiptLine}</p></section>`
      : ''
  }
</article>`;
}
