import { EXTENSION_DAYS, feesDue } from '@onewindow/domain';
import type { Child } from 'hono/jsx';
import {
  CountersignInput,
  CountersignOverrideInput,
  DecideInput,
  ExtendInput,
  FinishStepInput,
  GiveGuidanceInput,
  IssueInput,
  NotifyCorrectionInput,
  OpinionInput,
  RejectInput,
  RequestGuidanceInput,
  StartStepInput,
  SupplementInput,
  WithdrawInput,
} from '../../../../api/src/case-schemas';
import type { Ctx } from '../../env';
import { ChoiceGroup, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../ui/form';
import { fieldOf, formSpec, optionsOf } from '../../ui/form-spec';
import { label } from '../../ui/labels';
import { Csrf } from '../../ui/layout';
import { type ActionName, FILES_SEP } from './actions';
import { CommitmentFields } from './commitment';
import { type Listing, usableFiles } from './materials';
import { caseHref } from './parts';
import type { CaseView } from './types';

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

/**
 * The forms of the actions the API allows this person on the case now (`allowedActions`,
 * from the decider's guards): the console decides nothing, it shows what it is told, in a
 * fixed order. Required fields, choices and bounds come from the API's request schemas.
 */
export function Actions({
  c,
  v,
  failed,
  files = {},
}: {
  c: Ctx;
  v: CaseView;
  failed: Failed | undefined;
  /** The materials' uploaded files (the panel's listing): a material with usable ones is provided by them. */
  files?: Listing;
}) {
  const t = c.get('t');
  const allowed = new Set(v.allowedActions ?? []);
  const may = (a: ActionName) => allowed.has(a);
  /** A form's state: what was typed if it is the one the API refused, else the defaults; with its id scope. */
  const st = (a: ActionName, defaults: FormState['values'] = {}, scope: string = a): FormState => ({
    ...(failed?.action === a && failed.scope === scope ? failed.state : { values: defaults }),
    scope,
  });
  const forms: Child[] = [];
  const missing = (v.materials ?? []).filter((m) => !m.provided);
  if (may('supplement')) {
    const spec = formSpec(SupplementInput);
    // Items already promised under a deficiency need no second promise.
    const promised = new Set(v.deficiency?.materials ?? []);
    const nonCore = missing.filter((m) => !m.core && !promised.has(m.code));
    const s = st('supplement');
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
          spec={fieldOf(spec, 'materials')}
          label={t.caseActions.supplied}
          options={missing.map((m) => {
            // Issue 16: uploaded files that may be used provide the material electronically (their
            // digests enter the case's chain); without them the clerk records the paper original.
            const ids = usableFiles(files[m.code]);
            return {
              value: ids.length > 0 ? `${m.code}${FILES_SEP}${ids.join(FILES_SEP)}` : m.code,
              label: `${m.name}${m.core ? ` ${t.catalogue.core}` : ''}${ids.length > 0 ? ` · ${t.materials.byFiles(ids.length)}` : ''}`,
            };
          })}
        />
        {nonCore.length > 0 && <CommitmentFields c={c} state={s} spec={spec} materials={nonCore} />}
      </ActionForm>,
    );
  }
  if (may('notify-correction')) {
    const spec = formSpec(NotifyCorrectionInput);
    const s = st('notify-correction');
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="notify-correction"
        title={t.caseActions.notify}
        failed={failed}
        fields={['materials', 'signOff']}
        button={t.caseActions.notifyButton}
      >
        <ChoiceGroup
          c={c}
          state={s}
          spec={fieldOf(spec, 'materials')}
          label={t.caseActions.notifyMaterials}
          options={(v.materials ?? []).map((m) => ({
            value: m.code,
            label: `${m.name}${m.core ? ` ${t.catalogue.core}` : ''}`,
          }))}
        />
        <TextArea
          c={c}
          state={s}
          spec={fieldOf(spec, 'signOff.reason')}
          label={t.caseActions.signOff}
          hint={t.caseActions.signOffHint}
        />
      </ActionForm>,
    );
  }
  if (may('accept')) {
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
  if (may('reject')) {
    const spec = formSpec(RejectInput);
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
        <TextArea c={c} state={st('reject')} spec={fieldOf(spec, 'reason')} label={t.caseActions.reason} />
        <TextField
          c={c}
          state={st('reject')}
          spec={fieldOf(spec, 'competentAuthority')}
          label={t.caseActions.competentAuthority}
          hint={t.caseActions.competentHint}
        />
      </ActionForm>,
    );
  }
  if (may('start-step')) {
    const spec = formSpec(StartStepInput);
    const kind = fieldOf(spec, 'kind');
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="start-step"
        title={t.caseActions.startStep}
        failed={failed}
        fields={['kind', 'bodies', 'days']}
        button={t.caseActions.startStepButton}
      >
        <SelectField
          c={c}
          state={st('start-step')}
          spec={kind}
          label={t.cases.stepKind}
          // The console asks the guiding department with its own form (request-guidance, R6);
          // the API keeps the step form for clients written to the public contract.
          options={optionsOf(kind, (k) => label(t, 'stepKind', k)).filter(
            (o) => o.value !== 'guidance-review',
          )}
        />
        {/* A list typed as one line: the schema's bounds are the API's to check. */}
        <TextField
          c={c}
          state={st('start-step')}
          name={fieldOf(spec, 'bodies').name}
          label={t.cases.stepBodies}
          hint={t.caseActions.bodiesHint}
        />
        <TextField
          c={c}
          state={st('start-step')}
          spec={fieldOf(spec, 'days')}
          label={t.caseActions.stepDays(fieldOf(spec, 'days').min, fieldOf(spec, 'days').max)}
          hint={t.caseActions.stepDaysHint}
        />
      </ActionForm>,
    );
  }
  if (may('finish-step')) {
    const spec = formSpec(FinishStepInput);
    const outcome = fieldOf(spec, 'outcome');
    // A joint review finishes with its countersignatures, never by this form.
    for (const step of (v.steps ?? []).filter((s) => !s.finishedAt && s.kind !== 'joint-review')) {
      const scope = `finish-${step.id}`;
      forms.push(
        <ActionForm
          c={c}
          v={v}
          action="finish-step"
          scope={scope}
          title={t.caseActions.finishStep(step.id, label(t, 'stepKind', step.kind))}
          failed={failed}
          fields={['stepId', 'outcome', 'note']}
          button={t.caseActions.finishStepButton}
        >
          <input type="hidden" name={fieldOf(spec, 'stepId').name} value={step.id} />
          <ChoiceGroup
            c={c}
            state={st('finish-step', { outcome: 'pass' }, scope)}
            spec={outcome}
            label={t.cases.outcome}
            radio
            options={optionsOf(outcome, (o) => label(t, 'stepOutcome', o))}
          />
          <TextArea
            c={c}
            state={st('finish-step', {}, scope)}
            spec={fieldOf(spec, 'note')}
            label={t.caseActions.note}
          />
        </ActionForm>,
      );
    }
  }
  // 会签: one form for the first running joint review this person may sign, or the lead may end.
  const joint = (v.steps ?? []).find((s) => s.kind === 'joint-review' && !s.finishedAt);
  const pending = joint?.bodies.filter((b) => !joint.countersigns?.some((x) => x.body === b)) ?? [];
  if (joint && may('countersign')) {
    const spec = formSpec(CountersignInput);
    const outcome = fieldOf(spec, 'outcome');
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="countersign"
        title={t.caseActions.joint.sign(joint.id)}
        failed={failed}
        fields={['stepId', 'opinion', 'outcome']}
        button={t.caseActions.joint.signButton}
      >
        <input type="hidden" name="stepId" value={joint.id} />
        <ChoiceGroup
          c={c}
          state={st('countersign', { outcome: 'agree' })}
          spec={outcome}
          label={t.cases.outcome}
          radio
          options={optionsOf(outcome, (o) => t.caseActions.joint.outcome[o] ?? o)}
        />
        <TextArea
          c={c}
          state={st('countersign')}
          spec={fieldOf(spec, 'opinion')}
          label={t.caseActions.opinion}
        />
      </ActionForm>,
    );
  }
  if (joint && may('countersign-override')) {
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="countersign-override"
        title={t.caseActions.joint.override(joint.id, pending.join('、'))}
        failed={failed}
        fields={['stepId', 'reason']}
        button={t.caseActions.joint.overrideButton}
        danger
      >
        <input type="hidden" name="stepId" value={joint.id} />
        <TextArea
          c={c}
          state={st('countersign-override')}
          spec={fieldOf(formSpec(CountersignOverrideInput), 'reason')}
          label={t.caseActions.reason}
        />
      </ActionForm>,
    );
  }
  // R6 `guided`: asking the department's opinion is the centre's choice; the decision form stays beside it.
  if (may('request-guidance')) {
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="request-guidance"
        title={t.caseActions.requestGuidance(v.binding?.guidedBy ?? '')}
        failed={failed}
        fields={['question']}
        button={t.caseActions.requestGuidanceButton}
      >
        <TextArea
          c={c}
          state={st('request-guidance')}
          spec={fieldOf(formSpec(RequestGuidanceInput), 'question')}
          label={t.caseActions.question}
        />
      </ActionForm>,
    );
  }
  if (may('give-guidance')) {
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="give-guidance"
        title={t.caseActions.giveGuidance}
        failed={failed}
        fields={['opinion']}
        button={t.caseActions.giveGuidanceButton}
      >
        <TextArea
          c={c}
          state={st('give-guidance')}
          spec={fieldOf(formSpec(GiveGuidanceInput), 'opinion')}
          label={t.caseActions.opinion}
        />
      </ActionForm>,
    );
  }
  if (may('extend')) {
    const spec = formSpec(ExtendInput);
    // 10 working days, 15 for a jointly handled matter (art. 42(2)): the schema takes the larger.
    const gov = v.limits?.jointHandling !== undefined;
    const days = { ...fieldOf(spec, 'days'), max: gov ? EXTENSION_DAYS.joint : EXTENSION_DAYS.max };
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
        <p class="hint">{t.caseActions.extendHint(gov)}</p>
        <TextField c={c} state={st('extend')} spec={days} label={t.caseActions.days(days.min, days.max)} />
        <TextArea c={c} state={st('extend')} spec={fieldOf(spec, 'reason')} label={t.caseActions.reason} />
      </ActionForm>,
    );
  }
  if (may('opinion')) {
    const spec = formSpec(OpinionInput);
    const kind = v.levels?.[v.opinions?.length ?? 0]?.kind ?? 'sign';
    const outcome = fieldOf(spec, 'outcome');
    // At the sign-off the level only sends back; the decision form below signs it.
    const atSignOff = kind === 'sign';
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="opinion"
        title={t.levels.formTitle(t.levels.kind[kind] ?? kind)}
        failed={failed}
        fields={['opinion', 'outcome']}
        button={t.levels.button}
      >
        <ChoiceGroup
          c={c}
          state={st('opinion', { outcome: atSignOff ? 'return' : 'pass' })}
          spec={outcome}
          label={t.cases.decision}
          radio
          options={optionsOf(outcome, (o) => t.levels.outcome[o] ?? o).filter(
            (o) => !atSignOff || o.value === 'return',
          )}
        />
        <TextArea
          c={c}
          state={st('opinion')}
          spec={fieldOf(spec, 'opinion')}
          label={t.levels.opinion}
          hint={t.levels.opinionHint}
        />
      </ActionForm>,
    );
  }
  if (may('decide')) {
    const spec = formSpec(DecideInput);
    const outcome = fieldOf(spec, 'outcome');
    forms.push(
      <ActionForm
        c={c}
        v={v}
        action="decide"
        title={t.caseActions.decide}
        failed={failed}
        fields={['outcome', 'reasons', 'opinion']}
        button={t.caseActions.decideButton}
      >
        <ChoiceGroup
          c={c}
          state={st('decide', { outcome: 'approve' })}
          spec={outcome}
          label={t.cases.decision}
          radio
          options={optionsOf(outcome, (o) => label(t, 'outcome', o))}
        />
        <TextArea
          c={c}
          state={st('decide')}
          spec={fieldOf(spec, 'reasons')}
          label={t.caseActions.reasons}
          hint={t.caseActions.reasonsHint}
        />
        {v.levels && (
          <TextArea
            c={c}
            state={st('decide')}
            spec={fieldOf(spec, 'opinion')}
            label={t.levels.signOffOpinion}
          />
        )}
      </ActionForm>,
    );
  }
  if (may('pay')) {
    const due = feesDue({ fees: v.fees ?? [] });
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
  if (may('issue')) {
    const delivery = fieldOf(formSpec(IssueInput), 'delivery');
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
          spec={delivery}
          label={t.caseActions.delivery}
          radio
          options={optionsOf(delivery, (d) => label(t, 'delivery', d))}
        />
      </ActionForm>,
    );
  }
  if (may('withdraw')) {
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
        <TextArea
          c={c}
          state={st('withdraw')}
          spec={fieldOf(formSpec(WithdrawInput), 'reason')}
          label={t.caseActions.reason}
        />
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
