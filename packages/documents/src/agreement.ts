import type { HandoverAgreement } from '@onewindow/domain';
import { html } from 'hono/html';
import { AGREEMENT_TEXT } from './agreement-text';
import type { Html } from './html';
import { Imprint } from './imprint';
import { COMMON, type Lang, when } from './text';

export interface AgreementProps {
  /** The agreement as the domain derives it from a rollout (the API's JSON of it). */
  readonly agreement: HandoverAgreement;
  readonly lang: Lang;
  /** The receiving tenant's seal imprint, served by whichever side renders the page. */
  readonly imprintSrc: string;
  readonly actions?: Html;
}

/**
 * The handover agreement (交接协议书): what moves, from whom to whom, from when, under which
 * seal, and the agreed rules (R2 to R7), with room for both sides' seals.
 */
export function AgreementDocument({ agreement: a, lang, imprintSrc, actions }: AgreementProps): Html {
  const text = COMMON[lang];
  const t = AGREEMENT_TEXT[lang];
  const fromNames = a.from.map((f) => f.name).join('、');
  const fromName = (ref: string) => a.from.find((f) => f.ref === ref)?.name ?? ref;
  return html`<article class="doc" aria-labelledby="doc-title">
  <p class="no">${text.number(a.number)}</p>
  <h1 id="doc-title">${a.title}</h1>
  ${actions}
  <dl class="facts">
    <dt>${t.from}</dt><dd>${fromNames}</dd>
    <dt>${t.to}</dt><dd>${a.to.name}</dd>
    <dt>${t.mode}</dt><dd>${t.modes[a.mode]}</dd>
    <dt>${t.effectiveAt}</dt><dd>${when(lang, a.effectiveAt)}</dd>
    <dt>${t.seal}</dt><dd>${a.seal.name}（${a.seal.id}）</dd>
    ${
      a.transition
        ? html`<dt>${t.transition}</dt><dd>${t.until(when(lang, a.transition.until), t.policies[a.transition.policy])}</dd>`
        : ''
    }
  </dl>
  <h2>${t.matters(a.matters.length)}</h2>
  <table>
    <thead><tr>${t.columns.map((col) => html`<th scope="col">${col}</th>`)}</tr></thead>
    <tbody>
      ${a.matters.map(
        (m, i) =>
          html`<tr><td>${i + 1}</td><td><code>${m.code}</code></td><td>${m.name}</td><td>${m.type ?? ''}</td><td>${fromName(m.from)}</td></tr>`,
      )}
    </tbody>
  </table>
  <h2>${t.clauses}</h2>
  <ol>
    ${a.clauses.map((x) => html`<li>${lang === 'zh' ? x.zh : x.en}</li>`)}
  </ol>
  ${
    a.codeLineage?.length
      ? html`<h2>${t.codes}</h2>
  <table>
    <thead><tr>${t.codeColumns.map((col) => html`<th scope="col">${col}</th>`)}</tr></thead>
    <tbody>
      ${a.codeLineage.map(
        (c) =>
          html`<tr><td><code>${c.matter}</code></td><td><code>${c.oldCode ?? '—'}</code></td><td><code>${c.newCode}</code></td><td>${t.recorded(c.recorded)}</td></tr>`,
      )}
    </tbody>
  </table>`
      : ''
  }
  ${
    a.checklist
      ? html`<h2>${t.checklist}</h2>
  <table>
    <thead><tr>${t.checkColumns.map((col) => html`<th scope="col">${col}</th>`)}</tr></thead>
    <tbody>
      ${a.checklist.map(
        (x) =>
          html`<tr><td>${lang === 'zh' ? x.name : x.nameEn}</td><td>${x.confirmedBy ?? t.unconfirmed}</td><td>${x.confirmedAt ? when(lang, x.confirmedAt) : ''}</td><td>${[x.derived ? t.trained(x.derived.ready) : '', x.note ?? ''].filter(Boolean).join('；')}</td></tr>`,
      )}
    </tbody>
  </table>`
      : ''
  }
  <div class="sig">
    <div>
      <p>${t.fromSign}</p>
      <p>${fromNames}</p>
      <p>${t.date}</p>
    </div>
    <div class="seal">
      ${Imprint({ source: { src: imprintSrc }, sealId: a.seal.id, alt: text.imprintAlt(a.seal.name) })}
      <p>${t.toSign}</p>
      <p>${a.to.name}</p>
      <p>${t.date}</p>
    </div>
  </div>
</article>`;
}
