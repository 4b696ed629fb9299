import { html } from 'hono/html';
import { type DecisionFacts, decisionSentence, decisionTitle } from './decision-text';
import type { Html } from './html';
import { BasisAndRemedies, DocNo, OfficialFooter, type OfficialParts } from './official';
import { RESULT_TEXT } from './result-text';
import { COMMON, day, type Lang } from './text';

export interface DecisionProps {
  readonly caseNo: string;
  readonly decision: DecisionFacts & { readonly reasons?: string; readonly at: string };
  readonly lang: Lang;
  /** The body that decided (the one bound at acceptance). */
  readonly bodyName: string;
  readonly official?: OfficialParts;
  readonly actions?: Html;
}

/**
 * The written decision (art. 37, 38) as the approving body makes it, before the result is sealed
 * and signed at issuance: its wording follows the matter's kind of power, a refusal gives its
 * reasons and the remedies naming the respondent (R4).
 */
export function DecisionDocument({
  caseNo,
  decision: d,
  lang,
  bodyName,
  official,
  actions,
}: DecisionProps): Html {
  const t = RESULT_TEXT[lang];
  return html`<article class="doc" aria-labelledby="doc-title">
  ${DocNo(lang, official)}
  <p class="no">${COMMON[lang].number(caseNo)}</p>
  <h1 id="doc-title">${decisionTitle(lang, d)}</h1>
  ${actions}
  <p>${COMMON[lang].to(d.applicantName)}</p>
  <p>${decisionSentence(lang, d)}</p>
  ${d.reasons ? html`<p>${t.reasons(d.reasons)}</p>` : ''}
  ${BasisAndRemedies(lang, official)}
  ${OfficialFooter(lang, official, html`${bodyName}<br />${day(lang, d.at)}`)}
</article>`;
}
