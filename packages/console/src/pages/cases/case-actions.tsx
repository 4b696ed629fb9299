import type { Child } from 'hono/jsx';
import { type Ctx, sessionOf } from '../../env';
import { ChoiceGroup, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../ui/form';
import { beijingDate } from '../../ui/format';
import { label, options } from '../../ui/labels';
import { Csrf } from '../../ui/layout';
import type { ActionName } from './actions';
import { CommitmentFields } from './commitment';
import { caseHref } from './parts';
import { BACK_OFFICE, type CaseView, OPEN_STATUSES } from './types';

export interface Failed {
  readonly action: ActionName;
  /** Which of the action's forms was sent: the action, or `finish-<step>` for one of several steps. */
  readonly scope: string;
  readonly state: FormState;
}

export const scopeOf = (action: ActionName, stepId: string | undefined) =>
  action === 'finish-step' ? `finish-${stepId ?? ''}` : action;

/** One action's form; the version rides along as If-Match, so a stale page cannot overwrite a newer case. */
function ActionForm({
  c,
  v,
  action,
  title,
  failed,
  fields,
  children,
  button,
  danger,
  scope = action,
}: {
  c: Ctx;
  v: CaseView;
  action: ActionName;
  scope?: string;
  title: string;
  failed: Failed | undefined;
  fields: readonly string[];
  children?: Child;
  button: string;
  danger?: boolean;
}) {
  const mine = failed?.action === action && failed.scope === scope;
  return (
    <section class="card no-print" aria-labelledby={`a-${scope}`}>
      <h3 id={`a-${scope}`}>{title}</h3>
      <form method="post" action={caseHref(v, `/${action}`)} class="stack">
        {mine && <ErrorSummary c={c} problem={failed.state.problem} fields={fields} scope={scope} />}
        <Csrf c={c} />
        <input type="hidden" name="version" value={String(v.version)} />
        {children}
        <div class="actions">
          <button type="submit" class={danger ? 'danger' : undefined}>
            {button}
          </button>
        </div>
      </form>
    </section>
  );
}

/** What this person may do to the case now: the forms their roles and the case's status allow. */
export function Actions({ c, v, failed }: { c: Ctx; v: CaseView; failed: Failed | undefined }) {
  const t = c.get('t');
  const roles = new Set(sessionOf(c).claims.roles);
  /** A form's state: what was typed if it is the one the API refused, else the defaults; with its id scope. */
  const st = (a: ActionName, defaults: FormState['values'] = {}, scope: string = a): FormState => ({
    ...(failed?.action === a && failed.scope === scope ? failed.state : { values: defaults }),
    scope,
  });
  const forms: Child[] = [];
  const clerk = roles.has('window-clerk');
  const approver = roles.has('approver');
  const missing = (v.materials ?? []).filter((m) => !m.provided);
  if (clerk && v.status === 'needs-correction') {
    const nonCore = missing.filter((m) => !m.core);
    const now = c.get('options').now?.() ?? new Date();
    const s = st('supplement');
    const _values = {
      'commitment.supplementBy': beijingDate(new Date(now.getTime() + 7 * 86_400_000)),
      ...s.values,
    };
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="supplement"
        title={t.caseActions.supplement}
        failed={failed}
        fields={['materials', 'commitment']}
        button={t.caseActions.supplementButton}
      >
        <ChoiceGroup
          c={c}
          state={s}
          name="materials"
          label={t.caseActions.supplied}
          options={missing.map((m) => ({
            value: m.code,
            label: `${m.name}${m.core ? ` ${t.catalogue.core}` : ''}`,
          }))}
        />
        {nonCore.length > 0 && <CommitmentFields c={c} state={s} materials={nonCore} />}
      </ActionForm>,
    );
  }
  if (clerk && v.status === 'received') {
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="accept"
        title={t.caseActions.accept}
        failed={failed}
        fields={[]}
        button={t.caseActions.acceptButton}
      />,
    );
  }
  if (clerk && (v.status === 'received' || v.status === 'needs-correction')) {
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="reject"
        title={t.caseActions.reject}
        failed={failed}
        fields={['reason', 'competentAuthority']}
        button={t.caseActions.rejectButton}
        danger
      >
        <TextArea c={c} state={st('reject')} name="reason" label={t.caseActions.reason} required />
        <TextField
          c={c}
          state={st('reject')}
          name="competentAuthority"
          label={t.caseActions.competentAuthority}
          hint={t.caseActions.competentHint}
        />
      </ActionForm>,
    );
  }
  if (approver && BACK_OFFICE.includes(v.status)) {
    const open = (v.steps ?? []).filter((s) => !s.finishedAt);
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="start-step"
        title={t.caseActions.startStep}
        failed={failed}
        fields={['kind', 'bodies']}
        button={t.caseActions.startStepButton}
      >
        <SelectField
          c={c}
          state={st('start-step')}
          name="kind"
          label={t.cases.stepKind}
          options={options(t, 'stepKind')}
        />
        <TextField
          c={c}
          state={st('start-step')}
          name="bodies"
          label={t.cases.stepBodies}
          hint={t.caseActions.bodiesHint}
        />
      </ActionForm>,
    );
    for (const step of open) {
      forms.push(
        <ActionForm
          c={c}
          v={v}
          action="finish-step"
          scope={`finish-${step.id}`}
          title={t.caseActions.finishStep(step.id, label(t, 'stepKind', step.kind))}
          failed={failed}
          fields={['stepId', 'outcome', 'note']}
          button={t.caseActions.finishStepButton}
        >
          <input type="hidden" name="stepId" value={step.id} />
          <ChoiceGroup
            c={c}
            state={st('finish-step', { outcome: 'pass' }, `finish-${step.id}`)}
            name="outcome"
            label={t.cases.outcome}
            radio
            options={options(t, 'stepOutcome')}
          />
          <TextArea
            c={c}
            state={st('finish-step', {}, `finish-${step.id}`)}
            name="note"
            label={t.caseActions.note}
          />
        </ActionForm>,
      );
    }
    if (!v.extension) {
      forms.push(
        <ActionForm
          c={c}
          v={v}
          action="extend"
          title={t.caseActions.extend}
          failed={failed}
          fields={['days', 'reason']}
          button={t.caseActions.extendButton}
        >
          <TextField
            c={c}
            state={st('extend')}
            name="days"
            type="number"
            min="1"
            max="10"
            label={t.caseActions.days}
            required
          />
          <TextArea c={c} state={st('extend')} name="reason" label={t.caseActions.reason} required />
        </ActionForm>,
      );
    }
  }
  if ((approver || (clerk && v.limits?.onTheSpot)) && BACK_OFFICE.includes(v.status)) {
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="decide"
        title={t.caseActions.decide}
        failed={failed}
        fields={['outcome', 'reasons']}
        button={t.caseActions.decideButton}
      >
        <ChoiceGroup
          c={c}
          state={st('decide', { outcome: 'approve' })}
          name="outcome"
          label={t.cases.decision}
          radio
          options={options(t, 'outcome')}
        />
        <TextArea
          c={c}
          state={st('decide')}
          name="reasons"
          label={t.caseActions.reasons}
          hint={t.caseActions.reasonsHint}
        />
      </ActionForm>,
    );
  }
  if (clerk && (v.status === 'approved' || v.status === 'denied')) {
    const due = (v.fees ?? []).reduce((sum, f) => sum + f.amount, 0);
    if (due > 0 && !v.payment) {
      forms.push(
        <ActionForm
          c={c}
          v={v}
          action="pay"
          title={t.caseActions.pay(due)}
          failed={failed}
          fields={[]}
          button={t.caseActions.payButton}
        />,
      );
    }
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="issue"
        title={t.caseActions.issue}
        failed={failed}
        fields={['delivery']}
        button={t.caseActions.issueButton}
      >
        <ChoiceGroup
          c={c}
          state={st('issue', { delivery: 'window' })}
          name="delivery"
          label={t.caseActions.delivery}
          radio
          options={options(t, 'delivery')}
        />
      </ActionForm>,
    );
  }
  if (clerk && OPEN_STATUSES.includes(v.status) && v.status !== 'approved' && v.status !== 'denied') {
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="withdraw"
        title={t.caseActions.withdraw}
        failed={failed}
        fields={['reason']}
        button={t.caseActions.withdrawButton}
        danger
      >
        <TextArea c={c} state={st('withdraw')} name="reason" label={t.caseActions.reason} required />
      </ActionForm>,
    );
  }
  if (forms.length === 0) return null;
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t.caseActions.title}</h2>
      {forms}
    </section>
  );
}
