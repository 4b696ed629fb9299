import type { ResponseOf } from '@onewindow/api/contract';
import { RolloutInputSchema } from '../../../../api/src/schemas';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
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
  // The receiving bodies and their seals sit in the target tenants; a stationed department's seal
  // sits in its own (district) tenant.
  const targets = tenants.filter((x) => x.parent);
  const [targetBodies, targetSeals, ownSeals] = await Promise.all([
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
    Promise.all(
      topLevel.map((x) =>
        c
          .get('api')
          .send<{ items: { id: string; name: string; voidedAt?: string }[] }>(
            'GET',
            `/v1/tenants/${seg(x.id)}/seals`,
          )
          .then((r) =>
            r.ok ? r.data.items.filter((s) => !s.voidedAt).map((s) => ({ ...s, tenant: x.id })) : [],
          ),
      ),
    ).then((l) => l.flat()),
  ]);
  /** Items of the target tenants that share a code (a receiving body, a seal id), each code once. */
  const byCode = <T,>(items: readonly T[], code: (x: T) => string) => {
    const out = new Map<string, T[]>();
    for (const x of items) out.set(code(x), [...(out.get(code(x)) ?? []), x]);
    return [...out.entries()];
  };
  /** A code's names over the target tenants: one when they agree, else the first few. */
  const namesOf = (names: readonly string[]) => {
    const distinct = [...new Set(names)];
    return distinct.length <= 3 ? distinct.join(' / ') : `${distinct.slice(0, 3).join(' / ')} …`;
  };
  const tenantName = (id: string) => tenants.find((x) => x.id === id)?.name ?? id;
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
        {/* Pickers by name: a person chooses a body or a seal, never types its reference. */}
        <SelectField
          c={c}
          state={s}
          spec={fieldOf(spec, 'from')}
          required={false}
          label={t.wizard.from}
          hint={t.wizard.fromHint}
          blank={t.wizard.fromPerMatterOnly}
          options={bodies.map((b) => ({ value: b.ref, label: b.name }))}
        />
        <TextArea
          c={c}
          state={s}
          name={FROM_PER_MATTER}
          label={t.wizard.fromPerMatter}
          hint={t.wizard.fromPerMatterHint}
        />
        <SelectField
          c={c}
          state={s}
          spec={fieldOf(spec, 'to')}
          label={t.wizard.to}
          hint={t.wizard.toHint}
          blank={t.wizard.choose}
          options={byCode(targetBodies, (b) => b.code).map(([code, named]) => ({
            value: code,
            label: namesOf(named.map((b) => b.name)),
          }))}
        />
        <SelectField
          c={c}
          state={s}
          spec={fieldOf(spec, 'seal')}
          label={t.wizard.seal}
          hint={t.wizard.sealHint}
          blank={t.wizard.choose}
          options={[
            ...byCode(targetSeals, (x) => x.id).map(([id, named]) => ({
              value: id,
              label: namesOf(named.map((x) => x.name)),
            })),
            // A department stationed at the sub-district centres seals with its own seal (R14).
            ...ownSeals.map((x) => ({
              value: `${x.tenant}/${x.id}`,
              label: t.wizard.stationedSeal(x.name, tenantName(x.tenant)),
            })),
          ]}
        />
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
