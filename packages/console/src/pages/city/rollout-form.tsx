import type { ResponseOf } from '@onewindow/api/contract';
import { Hono } from 'hono';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import {
  ChoiceGroup,
  ErrorSummary,
  empty,
  type FormState,
  fieldId,
  many,
  one,
  SelectField,
  TextArea,
  TextField,
  type Values,
} from '../../ui/form';
import { formRoute } from '../../ui/form-route';
import { fromLocalInput, toLocalInput } from '../../ui/format';
import { options } from '../../ui/labels';
import { Csrf, page } from '../../ui/layout';
import { Submit } from '../../ui/table';
import { listCatalogue } from './catalogue';
import { WizardSteps } from './rollout-parts';
import { listTenants } from './tenants';

const FIELDS = [
  'id',
  'name',
  'matters',
  'tenants',
  'mode',
  'effectiveAt',
  'from',
  'to',
  'seal',
  'transition',
];

/**
 * The form's values as the API's rollout: `from` is one body reference, unless the
 * per-matter lines (`matter = body ref`) name one for each matter.
 */
export function rolloutInput(values: Values): Record<string, unknown> {
  const perMatter = one(values, 'fromPerMatter')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split(/\s*[=＝:：]\s*/));
  const from =
    perMatter.length > 0
      ? Object.fromEntries(perMatter.map(([m, ref]) => [m ?? '', ref ?? '']))
      : one(values, 'from');
  const policy = one(values, 'transition.policy');
  return {
    id: one(values, 'id'),
    name: one(values, 'name'),
    matters: many(values, 'matters'),
    tenants: many(values, 'tenants'),
    mode: one(values, 'mode'),
    effectiveAt: fromLocalInput(one(values, 'effectiveAt')),
    from,
    to: one(values, 'to'),
    seal: one(values, 'seal'),
    ...(policy ? { transition: { policy, until: fromLocalInput(one(values, 'transition.until')) } } : {}),
  };
}

async function newRolloutPage(c: Ctx, state: FormState, status: number) {
  const t = c.get('t');
  const city = c.req.param('city') ?? '';
  const [matters, tenants] = await Promise.all([listCatalogue(c, city), listTenants(c, city)]);
  // From-bodies usually sit in the district (a department handing matters to its sub-districts).
  const topLevel = tenants.filter((x) => !x.parent);
  const bodies = (
    await Promise.all(
      topLevel.map(
        async (x) =>
          (
            await c
              .get('api')
              .get<ResponseOf<'GET /v1/tenants/{tenant}/bodies'>>(`/v1/tenants/${seg(x.id)}/bodies`)
          ).items,
      ),
    )
  ).flat();
  const now = c.get('options').now?.() ?? new Date();
  const values: Values = {
    mode: 'transfer',
    effectiveAt: toLocalInput(new Date(now.getTime() + 24 * 3600_000)).slice(0, 16),
    ...state.values,
  };
  const s: FormState = { ...state, values };
  return page(
    c,
    t.wizard.newTitle,
    <>
      <h1>{t.wizard.newTitle}</h1>
      <WizardSteps c={c} step={1} />
      <form method="post" action={`/console/cities/${seg(city)}/rollouts`} class="stack card">
        <ErrorSummary c={c} problem={state.problem} fields={FIELDS} />
        <Csrf c={c} />
        <TextField c={c} state={s} name="id" label={t.wizard.id} hint={t.hints.id} required />
        <TextField c={c} state={s} name="name" label={t.wizard.name} required />
        <ChoiceGroup
          c={c}
          state={s}
          name="matters"
          label={t.wizard.matters}
          hint={t.wizard.mattersHint(matters.length)}
          scroll
          options={matters.map((m) => ({ value: m.code, label: `${m.name}（${m.code}）` }))}
        />
        <ChoiceGroup
          c={c}
          state={s}
          name="tenants"
          label={t.wizard.tenants}
          scroll
          options={tenants.map((x) => ({ value: x.id, label: `${x.name}（${x.id}）` }))}
        />
        <ChoiceGroup c={c} state={s} name="mode" label={t.wizard.mode} radio options={options(t, 'mode')} />
        <TextField
          c={c}
          state={s}
          name="effectiveAt"
          type="datetime-local"
          step="1"
          label={t.wizard.effectiveAt}
          hint={t.wizard.effectiveAtHint}
          required
        />
        <div class="field">
          <TextField
            c={c}
            state={s}
            name="from"
            label={t.wizard.from}
            hint={t.wizard.fromHint}
            list="body-refs"
          />
          <datalist id="body-refs">
            {bodies.map((b) => (
              <option value={b.ref}>{b.name}</option>
            ))}
          </datalist>
        </div>
        <TextArea
          c={c}
          state={s}
          name="fromPerMatter"
          label={t.wizard.fromPerMatter}
          hint={t.wizard.fromPerMatterHint}
        />
        <TextField c={c} state={s} name="to" label={t.wizard.to} hint={t.wizard.toHint} required />
        <TextField c={c} state={s} name="seal" label={t.wizard.seal} hint={t.wizard.sealHint} required />
        <fieldset id={fieldId('transition')}>
          <legend>{t.wizard.transition}</legend>
          <SelectField
            c={c}
            state={s}
            name="transition.policy"
            label={t.wizard.policy}
            blank={t.wizard.noTransition}
            options={options(t, 'policy')}
          />
          <TextField
            c={c}
            state={s}
            name="transition.until"
            type="datetime-local"
            step="1"
            label={t.wizard.until}
          />
        </fieldset>
        <Submit label={t.wizard.createButton} />
      </form>
    </>,
    { status },
  );
}

/** Wizard step 1: the draft. The API checks every field; its refusals show beside them. */
export function rolloutFormRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/cities/:city/rollouts/new', (c) => newRolloutPage(c, empty, 200));
  formRoute(app, '/console/cities/:city/rollouts', {
    get: false,
    render: newRolloutPage,
    request: (c, v) => ({
      method: 'POST',
      path: `/v1/cities/${seg(c.req.param('city') ?? '')}/rollouts`,
      body: rolloutInput(v),
    }),
    // Straight on to step 2: the preview of what the draft would do.
    done: (c, v) => `/console/cities/${seg(c.req.param('city') ?? '')}/rollouts/${seg(one(v, 'id'))}/preview`,
  });
  return app;
}
