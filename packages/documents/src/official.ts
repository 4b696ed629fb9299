import { html } from 'hono/html';
import type { Html } from './html';
import { Imprint } from './imprint';
import { OFFICIAL_TEXT } from './official-text';
import { COMMON, type Lang } from './text';

/**
 * What an official document prints beside its own text (official-text.ts). Each part is left
 * out when the caller does not know it, so the console's on-screen copy of a paper prints as before.
 */
export interface OfficialParts {
  /** 文号, claimed when the document was issued and kept on the case. */
  readonly docNo?: string;
  /** The matter's legal basis (设定依据) and the procedural article the document rests on. */
  readonly legalBasis?: string;
  /** The body a reconsideration names as respondent and a suit as defendant (R4); refusals only. */
  readonly respondent?: string;
  /** The handling person's name. */
  readonly handler?: string;
  readonly hall?: { readonly address?: string; readonly phone?: string };
  /** The centre's business seal, drawn into the page over the issuer's name. */
  readonly seal?: { readonly bodyName: string; readonly sealId: string };
}

export const DocNo = (lang: Lang, p: OfficialParts | undefined): Html | string =>
  p?.docNo ? html`<p class="no">${OFFICIAL_TEXT[lang].docNo(p.docNo)}</p>` : '';

/** The legal basis and, for a refusal, the remedies naming the respondent. */
export function BasisAndRemedies(lang: Lang, p: OfficialParts | undefined): Html | string {
  if (!p) return '';
  const t = OFFICIAL_TEXT[lang];
  return html`${p.legalBasis ? html`<p class="basis">${t.basis(p.legalBasis)}</p>` : ''}${
    p.respondent ? html`<p class="remedies">${t.remedies(p.respondent)}</p>` : ''
  }`;
}

/** Handler, the seal over the issuer's name and date, the hall, and the line the applicant signs. */
export function OfficialFooter(lang: Lang, p: OfficialParts | undefined, issuer: Html): Html {
  const t = OFFICIAL_TEXT[lang];
  const seal = p?.seal;
  const hall = p?.hall ? t.hall(p.hall.address, p.hall.phone) : '';
  return html`${p?.handler ? html`<p class="handler">${t.handler(p.handler)}</p>` : ''}
  ${
    seal
      ? html`<div class="seal">
    ${Imprint({
      source: { draw: { bodyName: seal.bodyName, sealName: t.businessSeal } },
      sealId: seal.sealId,
      alt: COMMON[lang].imprintAlt(`${seal.bodyName}${t.businessSeal}`),
    })}
    <p class="issuer">${issuer}</p>
  </div>`
      : html`<p class="issuer">${issuer}</p>`
  }
  ${hall ? html`<p class="hint hall">${hall}</p>` : ''}
  ${
    p
      ? html`<section class="ack" aria-label="${t.receipt}"><h2>${t.receipt}</h2><p>${t.receiptLine}</p></section>`
      : ''
  }`;
}
