import { isClosed } from '@onewindow/domain';
import { seg } from '../../api';
import type { Ctx } from '../../env';
import { pick } from '../../i18n';
import { beijing, money } from '../../ui/format';
import { label } from '../../ui/labels';
import { namesOf } from '../../ui/names';
import { Head } from '../../ui/table';
import type { CaseSummary, CaseView } from './types';

/** The deadline colour, always with its word: colour alone does not carry the meaning. A closed case has no running clock. */
export function ClockBadge({
  c,
  clock,
  paused,
  status,
}: {
  c: Ctx;
  clock: string;
  paused?: boolean;
  status?: string;
}) {
  const t = c.get('t');
  if (status && isClosed(status as Parameters<typeof isClosed>[0]))
    return <span class="badge closed">{t.work.closed}</span>;
  return (
    <span class={`badge ${clock}`}>
      {label(t, 'clock', clock)}
      {paused ? ` · ${t.cases.paused}` : ''}
    </span>
  );
}

/** The status, with the approval level waiting when the case has levels (R16): 已受理，审查中 · 待审核; and 绿色通道. */
export const statusText = (
  c: Ctx,
  v: Pick<CaseSummary, 'status' | 'statusName' | 'level'> & Partial<Pick<CaseSummary, 'greenChannel'>>,
) =>
  (v.statusName
    ? pick(c.get('lang'), v.statusName.zh, v.statusName.en)
    : label(c.get('t'), 'caseStatus', v.status)) +
  (v.level ? ` · ${c.get('t').levels.waiting} ${c.get('t').levels.kind[v.level.kind] ?? ''}` : '') +
  // 绿色通道 on the queue row and the case page, with the reason.
  (v.greenChannel ? ` · ${c.get('t').caseActions.joint.green}（${v.greenChannel.reason}）` : '');

export const caseHref = (v: Pick<CaseSummary, 'tenant' | 'caseNo'>, rest = '') =>
  `/console/tenants/${seg(v.tenant)}/cases/${seg(v.caseNo)}${rest}`;

/** A list of cases: number, matter, applicant, status, deadline colour and date. */
export function CaseTable({ c, items, caption }: { c: Ctx; items: readonly CaseSummary[]; caption: string }) {
  const t = c.get('t');
  return (
    <table>
      <caption>{caption}</caption>
      <Head
        cols={[
          t.cases.caseNo,
          t.cases.matter,
          t.cases.applicant,
          t.cases.status,
          t.cases.clock,
          t.cases.dueDate,
          t.work.remaining,
        ]}
      />
      <tbody>
        {items.map((v) => (
          <tr>
            <td>
              <a href={caseHref(v)}>{v.caseNo}</a>
            </td>
            <td>{v.matterName}</td>
            <td>
              {v.applicant.name}
              <br />
              <span class="muted">{v.applicant.idNumber}</span>
            </td>
            <td>{statusText(c, v)}</td>
            <td>
              <ClockBadge c={c} clock={v.clock} paused={v.paused} status={v.status} />
            </td>
            <td>{isClosed(v.status) ? '' : (v.issueBy ?? v.dueDate ?? v.acceptBy ?? '')}</td>
            <td>{v.workingDaysLeft === undefined ? '' : t.work.remainingDays(v.workingDaysLeft)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CaseFacts({ c, v }: { c: Ctx; v: CaseView }) {
  const t = c.get('t');
  const name = namesOf(c);
  return (
    <dl class="facts card">
      <dt>{t.cases.caseNo}</dt>
      <dd>
        <strong>{v.caseNo}</strong>
      </dd>
      <dt>{t.cases.matter}</dt>
      <dd>
        {v.matterName}（{v.matter}
        {v.item ? ` / ${v.item}` : ''}）
      </dd>
      <dt>{t.cases.applicant}</dt>
      <dd>
        {v.applicant.name}（{label(t, 'applicantKind', v.applicant.kind)} {v.applicant.idNumber}
        {v.applicant.phone ? ` ${v.applicant.phone}` : ''}）
      </dd>
      <dt>{t.cases.status}</dt>
      <dd>
        {statusText(c, v)} <ClockBadge c={c} clock={v.clock} paused={v.paused} status={v.status} />
      </dd>
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
          <dt>{t.cases.dueDate}</dt>
          <dd>
            {v.dueDate}
            {v.statutoryDueDate && ` ${t.cases.statutoryDue(v.statutoryDueDate)}`}
          </dd>
        </>
      )}
      {v.body && (
        <>
          <dt>{t.cases.body}</dt>
          <dd>{name(v.body)}</dd>
        </>
      )}
      {v.seal && (
        <>
          <dt>{t.cases.seal}</dt>
          <dd>{name(v.seal)}</dd>
        </>
      )}
      {v.supervisingBody && (
        <>
          <dt>{t.cases.supervisingBody}</dt>
          <dd>{name(v.supervisingBody)}</dd>
        </>
      )}
      {v.deficiency && (
        <>
          <dt>{t.cases.deficiency}</dt>
          <dd>{t.cases.deficiencyText(v.deficiency.materials.join('、'), v.deficiency.supplementBy)}</dd>
        </>
      )}
      {v.extension && (
        <>
          <dt>{t.cases.extension}</dt>
          <dd>{t.cases.extensionText(v.extension.days, v.extension.reason, v.extension.approvedBy?.name)}</dd>
        </>
      )}
      {v.decision && (
        <>
          <dt>{t.cases.decision}</dt>
          <dd>
            {label(t, 'outcome', v.decision.outcome)} · {beijing(v.decision.at)}
            {v.decision.reasons && ` · ${v.decision.reasons}`}
          </dd>
        </>
      )}
      {(v.fees ?? []).length > 0 && (
        <>
          <dt>{t.cases.fees}</dt>
          <dd>
            {(v.fees ?? []).map((f) => `${f.name} ${money(f.amount, c.get('lang'))}`).join('；')}
            {' · '}
            {v.payment ? t.cases.paid(v.payment.receiptNo, beijing(v.payment.at)) : t.cases.unpaid}
          </dd>
        </>
      )}
      {v.closing && (
        <>
          <dt>{t.cases.closing}</dt>
          <dd>
            {v.closing.reason}
            {v.closing.competentAuthority && ` → ${v.closing.competentAuthority}`}
          </dd>
        </>
      )}
    </dl>
  );
}

export function Steps({ c, v }: { c: Ctx; v: CaseView }) {
  const t = c.get('t');
  const name = namesOf(c);
  const steps = v.steps ?? [];
  if (steps.length === 0) return <p class="muted">{t.cases.noSteps}</p>;
  return (
    <table>
      <caption>{t.cases.steps}</caption>
      <Head
        cols={[
          t.cases.stepId,
          t.cases.stepKind,
          t.cases.stepBodies,
          t.cases.started,
          t.cases.finished,
          t.cases.outcome,
        ]}
      />
      <tbody>
        {steps.map((s) => (
          <tr>
            <td>{s.id}</td>
            <td>
              {label(t, 'stepKind', s.kind)}
              {s.excluded && <span class="muted"> {t.cases.excluded}</span>}
            </td>
            <td>{s.bodies.map((b) => name(b)).join('、')}</td>
            <td>{beijing(s.startedAt)}</td>
            <td>{s.finishedAt ? beijing(s.finishedAt) : t.cases.running}</td>
            <td>
              {s.outcome ? label(t, 'stepOutcome', s.outcome) : ''}
              {s.note && ` · ${s.note}`}
              {s.countersigns?.map((x) => (
                <div>
                  {name(x.body)}：{t.caseActions.joint.outcome[x.outcome]} · {x.opinion} · {x.by}{' '}
                  {beijing(x.at)}
                  {x.late && ` · ${t.caseActions.joint.late}`}
                </div>
              ))}
              {s.kind === 'joint-review' && !s.finishedAt && (
                <div>
                  {t.caseActions.joint.waiting}：
                  {s.bodies
                    .filter((b) => !s.countersigns?.some((x) => x.body === b))
                    .map((b) => name(b))
                    .join('、')}
                </div>
              )}
              {s.override && (
                <div>
                  {t.caseActions.joint.overridden}（{s.override.pending.map((b) => name(b)).join('、')}）：
                  {s.override.reason} · {s.override.by}
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every event of the case, oldest first: the full record (the API keeps it hash-chained). */
export function Timeline({ c, v }: { c: Ctx; v: CaseView }) {
  const t = c.get('t');
  const lang = c.get('lang');
  const name = namesOf(c);
  return (
    <ol class="timeline" aria-label={t.cases.timeline}>
      {(v.events ?? []).map((e) => (
        <li>
          <strong>{label(t, 'eventType', e.type)}</strong>{' '}
          <span class="muted">
            {beijing(e.at)} · {name(e.actor)}
            {e.onBehalfOf && t.absences.onBehalfOf(name(e.onBehalfOf))}
          </span>
          {'notice' in e && e.notice && <div>{pick(lang, e.notice.zh, e.notice.en)}</div>}
          {'reason' in e && <div>{e.reason}</div>}
          {'question' in e && e.question && <div>{e.question}</div>}
          {'opinion' in e && <div>{e.opinion}</div>}
        </li>
      ))}
    </ol>
  );
}
