import type { ResponseOf } from '@onewindow/api/contract';
import { Hono } from 'hono';
import { RolloutInputSchema } from '../../../../api/src/schemas';
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
import { type BodyOf, fieldNames, fieldOf, formSpec, optionsOf } from '../../ui/form-spec';
import { fromLocalInput, toLocalInput } from '../../ui/format';
import { label } from '../../ui/labels';
import { Csrf, page } from '../../ui/layout';
import { Submit } from '../../ui/table';
import { listCatalogue } from './catalogue';
import { WizardSteps } from './rollout-parts';
import { listTenants } from './tenants';

/** Not a field of the API's rollout: per-matter lines the page turns into a `from` record. */
const FROM_PER_MATTER = 'fromPerMatter';

/**
 * The form's values as the API's rollout: `from` is one body reference, unless the
 * per-matter lines (`matter = body ref`) name one for each matter.
 */
export function rolloutInput(values: Values): BodyOf<typeof RolloutInputSchema> {
  const perMatter = one(values, FROM_PER_MATTER)
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
  // The receiving bodies and their seals sit in the target tenants: their codes and ids, each with
  // its name, are the suggestions of the two fields (a seal registered later may still be typed).
  const targets = tenants.filter((x) => x.parent);
  const [targetBodies, targetSeals] = await Promise.all([
    Promise.all(
      targets.map((x) =>
        c
          .get('api')
          .send<ResponseOf<'GET /v1/tenants/{tenant}/bodies'>>('GET', `/v1/tenants/${seg(x.id)}/bodies`)
          .then((r) => (r.ok ? r.data.items : [])),
      ),
    ).then((l) => l.flat()),
    Promise.all(
      targets.map((x) =>
        c
          .get('api')
          .send<{ items: { id: string; name: string }[] }>('GET', `/v1/tenants/${seg(x.id)}/seals`)
          .then((r) => (r.ok ? r.data.items : [])),
      ),
    ).then((l) => l.flat()),
  ]);
  const byKey = <T,>(items: readonly T[], key: (x: T) => string) => [
    ...new Map(items.map((x) => [key(x), x])).values(),
  ];
  const now = c.get('options').now?.() ?? new Date();
  const values: Values = {
    mode: 'transfer',
    effectiveAt: toLocalInput(new Date(now.getTime() + 24 * 3600_000)).slice(0, 16),
    ...state.values,
  };
  const s: FormState = { ...state, values };
  const spec = formSpec(RolloutInputSchema);
  const mode = fieldOf(spec, 'mode');
  const policy = fieldOf(spec, 'transition.policy');
  return page(
    c,
    t.wizard.newTitle,
    <>
      <h1>{t.wizard.newTitle}</h1>
      <WizardSteps c={c} step={1} />
      <form method="post" action={`/console/cities/${seg(city)}/rollouts`} class="stack card">
        <ErrorSummary c={c} problem={state.problem} fields={fieldNames(spec)} />
        <Csrf c={c} />
        <TextField c={c} state={s} spec={fieldOf(spec, 'id')} label={t.wizard.id} hint={t.hints.id} />
        <TextField c={c} state={s} spec={fieldOf(spec, 'name')} label={t.wizard.name} />
        <ChoiceGroup
          c={c}
          state={s}
          spec={fieldOf(spec, 'matters')}
          label={t.wizard.matters}
          hint={t.wizard.mattersHint(matters.length)}
          scroll
          options={matters.map((m) => ({ value: m.code, label: `${m.name}（${m.code}）` }))}
        />
        <ChoiceGroup
          c={c}
          state={s}
          spec={fieldOf(spec, 'tenants')}
          label={t.wizard.tenants}
          scroll
          options={tenants.map((x) => ({ value: x.id, label: `${x.name}（${x.id}）` }))}
        />
        <ChoiceGroup
          c={c}
          state={s}
          spec={mode}
          label={t.wizard.mode}
          radio
          options={optionsOf(mode, (m) => label(t, 'mode', m))}
        />
        {/* Typed in Beijing time; rolloutInput makes it the instant the API takes. */}
        <TextField
          c={c}
          state={s}
          spec={fieldOf(spec, 'effectiveAt')}
          type="datetime-local"
          step="1"
          label={t.wizard.effectiveAt}
          hint={t.wizard.effectiveAtHint}
        />
        <div class="field">
          {/* The API requires a `from`, but the per-matter lines below may give it instead. */}
          <TextField
            c={c}
            state={s}
            spec={fieldOf(spec, 'from')}
            required={false}
            label={t.wizard.from}
            hint={t.wizard.fromHint}
            list="body-refs"
          />
          <datalist id="body-refs">
            {bodies.map((b) => (
              <option
                value={b.ref}
              >{`${b.name}（${tenants.find((x) => x.id === b.tenant)?.name ?? b.tenant}）`}</option>
            ))}
          </datalist>
        </div>
        <TextArea
          c={c}
          state={s}
          name={FROM_PER_MATTER}
          label={t.wizard.fromPerMatter}
          hint={t.wizard.fromPerMatterHint}
        />
        <TextField
          c={c}
          state={s}
          spec={fieldOf(spec, 'to')}
          label={t.wizard.to}
          hint={t.wizard.toHint}
          list="to-codes"
        />
        <datalist id="to-codes">
          {byKey(targetBodies, (b) => b.code).map((b) => (
            <option value={b.code}>{b.name}</option>
          ))}
        </datalist>
        <TextField
          c={c}
          state={s}
          spec={fieldOf(spec, 'seal')}
          label={t.wizard.seal}
          hint={t.wizard.sealHint}
          list="seal-ids"
        />
        <datalist id="seal-ids">
          {byKey(targetSeals, (x) => x.id).map((x) => (
            <option value={x.id}>{x.name}</option>
          ))}
        </datalist>
        <fieldset id={fieldId(fieldOf(spec, 'transition').name)}>
          <legend>{t.wizard.transition}</legend>
          <SelectField
            c={c}
            state={s}
            spec={policy}
            label={t.wizard.policy}
            blank={t.wizard.noTransition}
            options={optionsOf(policy, (p) => label(t, 'policy', p))}
          />
          <TextField
            c={c}
            state={s}
            spec={fieldOf(spec, 'transition.until')}
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
