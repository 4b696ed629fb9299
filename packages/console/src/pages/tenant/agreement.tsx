import { seg } from '../../api';
import type { Ctx } from '../../env';
import { pick } from '../../i18n';
import { beijing } from '../../ui/format';
import { label } from '../../ui/labels';
import { Head } from '../../ui/table';

/** The handover agreement (交接协议书) as the API derives it from a rollout. */
export interface Agreement {
  readonly number: string;
  readonly title: string;
  readonly rollout: string;
  readonly tenant: string;
  readonly tenantName: string;
  readonly mode: string;
  readonly effectiveAt: string;
  readonly status: string;
  readonly from: readonly { ref: string; name: string }[];
  readonly to: { ref: string; name: string };
  readonly seal: { id: string; name: string };
  readonly transition?: { policy: string; until: string };
  readonly matters: readonly { code: string; name: string; type?: string; from: string }[];
  readonly clauses: readonly { zh: string; en: string }[];
}

/** A printable A4 document; the receiving tenant's seal imprint is drawn by the API. */
export function AgreementDocument({ c, a }: { c: Ctx; a: Agreement }) {
  const t = c.get('t');
  const lang = c.get('lang');
  return (
    <article class="doc" aria-labelledby="doc-title">
      <p class="num">{t.agreement.number(a.number)}</p>
      <h1 id="doc-title">{a.title}</h1>
      <p class="no-print">
        <button type="button" data-print hidden>
          {t.common.print}
        </button>
      </p>
      <dl class="facts">
        <dt>{t.agreement.from}</dt>
        <dd>{a.from.map((f) => f.name).join('、')}</dd>
        <dt>{t.agreement.to}</dt>
        <dd>{a.to.name}</dd>
        <dt>{t.agreement.mode}</dt>
        <dd>{label(t, 'mode', a.mode)}</dd>
        <dt>{t.agreement.effectiveAt}</dt>
        <dd>{beijing(a.effectiveAt)}</dd>
        <dt>{t.agreement.seal}</dt>
        <dd>
          {a.seal.name}（{a.seal.id}）
        </dd>
        {a.transition && (
          <>
            <dt>{t.agreement.transition}</dt>
            <dd>
              {label(t, 'policy', a.transition.policy)} → {beijing(a.transition.until)}
            </dd>
          </>
        )}
      </dl>
      <h2>{t.agreement.matters(a.matters.length)}</h2>
      <table>
        <Head cols={['#', t.catalogue.code, t.catalogue.name, t.catalogue.type, t.agreement.from]} />
        <tbody>
          {a.matters.map((m, i) => (
            <tr>
              <td class="num">{i + 1}</td>
              <td>
                <code>{m.code}</code>
              </td>
              <td>{m.name}</td>
              <td>{m.type ?? ''}</td>
              <td>{m.from}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.agreement.clauses}</h2>
      <ol>
        {a.clauses.map((x) => (
          <li>{pick(lang, x.zh, x.en)}</li>
        ))}
      </ol>
      <div class="sig">
        <div>
          <p>{t.agreement.fromSign}</p>
          <p>{a.from.map((f) => f.name).join('、')}</p>
        </div>
        <div>
          <p>{t.agreement.toSign}</p>
          <p>{a.to.name}</p>
          <img
            class="imprint"
            src={`/console/tenants/${seg(a.tenant)}/seals/${seg(a.seal.id)}/imprint.svg`}
            alt={t.seals.imprintAlt(a.seal.name)}
          />
        </div>
      </div>
    </article>
  );
}
