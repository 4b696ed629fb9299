import type { RevealedApplicant } from '@onewindow/api/contract';
import { REVEAL_ROLES } from '@onewindow/domain';
import { RevealInput } from '../../../../api/src/case-schemas';
import type { Ctx } from '../../env';
import { ErrorSummary, type FormState, TextField } from '../../ui/form';
import { fieldOf, formSpec } from '../../ui/form-spec';
import { Csrf } from '../../ui/layout';
import { caseHref } from './parts';
import type { CaseView } from './types';

/** Only the roles that handle cases are offered the reveal; the API decides, this just spares the others a 403. */
const mayReveal = (c: Ctx) =>
  (c.get('session')?.claims.roles ?? []).some((r) => (REVEAL_ROLES as readonly string[]).includes(r));

/**
 * 查看完整信息: the case page shows the applicant masked; this asks why the full data is needed
 * and, once the API has recorded the access, shows it on this one answer (never in a URL or cache).
 */
export function Reveal({
  c,
  v,
  revealed,
  state,
}: {
  c: Ctx;
  v: CaseView;
  revealed?: RevealedApplicant | undefined;
  state?: FormState | undefined;
}) {
  const t = c.get('t');
  if (revealed) {
    return (
      <section class="card" aria-labelledby="reveal">
        <h2 id="reveal">{t.reveal.title}</h2>
        <dl class="facts">
          <dt>{t.cases.applicant}</dt>
          <dd>{revealed.applicant.name}</dd>
          <dt>{t.intake.idNumber}</dt>
          <dd>
            <strong>{revealed.applicant.idNumber}</strong>
          </dd>
          {revealed.applicant.phone ? (
            <>
              <dt>{t.intake.phone}</dt>
              <dd>
                <strong>{revealed.applicant.phone}</strong>
              </dd>
            </>
          ) : null}
        </dl>
        <p class="muted">{t.reveal.recorded(revealed.access.purpose)}</p>
      </section>
    );
  }
  if (!mayReveal(c)) return null;
  const spec = formSpec(RevealInput);
  const s: FormState = { ...(state ?? { values: {} }), scope: 'reveal' };
  return (
    <section class="card no-print" aria-labelledby="reveal">
      <h2 id="reveal">{t.reveal.title}</h2>
      <form method="post" action={caseHref(v, '/applicant/reveal')} class="stack">
        <ErrorSummary c={c} problem={s.problem} fields={['purpose']} scope="reveal" />
        <Csrf c={c} />
        <TextField
          c={c}
          state={s}
          spec={fieldOf(spec, 'purpose')}
          label={t.reveal.purpose}
          hint={t.reveal.hint}
        />
        <div class="actions">
          <button type="submit">{t.reveal.button}</button>
        </div>
      </form>
    </section>
  );
}
