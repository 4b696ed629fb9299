import type { Ctx } from '../../env';
import { beijing } from '../../ui/format';
import { namesOf } from '../../ui/names';
import type { CaseView } from './types';

/**
 * The case's approval levels (R16), approvers' first sight of where it stands: each level with
 * its signer, instant and opinion, the one waiting marked. A decided case shows the decision's
 * signatures, the sign-off's included.
 */
export function Levels({ c, v }: { c: Ctx; v: CaseView }) {
  const signed = v.decision?.opinions ?? v.opinions ?? [];
  const levels = v.levels ?? (signed.length > 0 ? [{ kind: 'sign' as const }] : []);
  if (levels.length === 0) return null;
  const t = c.get('t').levels;
  const name = namesOf(c);
  return (
    <section aria-labelledby="levels-title">
      <h2 id="levels-title">{t.title}</h2>
      <ol class="levels">
        {levels.map((level, i) => {
          const o = signed.find((s) => s.level === i);
          return (
            <li aria-current={!o && i === signed.length && !v.decision ? 'step' : undefined}>
              <strong>
                {t.kind[level.kind] ?? level.kind}
                {level.head && t.headMark}
              </strong>{' '}
              {o ? (
                <>
                  <span class="muted">{t.signedBy(name(o.by), beijing(o.at))}</span>
                  <div>{o.opinion}</div>
                </>
              ) : (
                !v.decision && <span class="muted">{t.waiting}</span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
