import type { Rectification } from '@onewindow/api/contract';
import type { Ctx } from '../../env';
import { beijing } from '../../ui/format';

const BADGE: Readonly<Record<string, string>> = {
  overdue: 'bad',
  open: 'warn',
  answered: 'warn',
  'called-back': 'ok',
  'appeal-upheld': 'ok',
};

/** One 差评's rectification as the ledger and the city's list show it: the rating, each round, the call-backs, the appeal. */
export function RectificationFacts({ c, r }: { c: Ctx; r: Rectification }) {
  const t = c.get('t');
  const x = t.rectify;
  return (
    <dl class="facts">
      <dt>{t.cases.status}</dt>
      <dd>
        <span class={`badge ${BADGE[r.status] ?? ''}`}>{x.status[r.status] ?? r.status}</span>
        {r.round && r.round > 1 ? ` ${x.round(r.round)}` : ''}
        {r.escalatedAt ? ` · ${x.escalated}（${beijing(r.escalatedAt)}）` : ''}
      </dd>
      <dt>{t.rectifications.rating}</dt>
      <dd>
        {r.level !== undefined && <span class="badge bad">{t.progress.rated(r.level)}</span>} {r.comment}
        {r.excluded && (
          <>
            {' '}
            <span class="badge">{x.excluded}</span> {r.excluded.reason}
          </>
        )}
      </dd>
      <dt>{t.rectifications.due}</dt>
      <dd>{r.dueDate}</dd>
      {r.response && (
        <>
          <dt>{t.rectifications.response}</dt>
          <dd>{r.response}</dd>
        </>
      )}
      {(r.callbacks ?? []).length > 0 && (
        <>
          <dt>{x.callbacks}</dt>
          <dd>
            <ul>
              {(r.callbacks ?? []).map((cb) => (
                <li>
                  {beijing(cb.at)} · {x.views[cb.view] ?? cb.view}
                  {cb.channel ? ` · ${x.channels[cb.channel] ?? cb.channel}` : ''}
                  {cb.note ? ` · ${cb.note}` : ''}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {r.appeal && (
        <>
          <dt>{x.appeal}</dt>
          <dd>
            {x.grounds[r.appeal.ground] ?? r.appeal.ground}：{r.appeal.statement}（{beijing(r.appeal.at)}）
            <br />
            {r.appeal.outcome ? (
              <strong>
                {x.outcomes[r.appeal.outcome] ?? r.appeal.outcome}：{r.appeal.reason}
              </strong>
            ) : (
              <span class="badge warn">{x.appealAwaiting}</span>
            )}
          </dd>
        </>
      )}
    </dl>
  );
}
