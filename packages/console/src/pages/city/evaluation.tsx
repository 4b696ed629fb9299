import type { EvaluationSettings } from '@onewindow/api/contract';
import { EvaluationInput } from '../../../../api/src/schemas';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, type FormState, numberOr, one, SelectField, TextField } from '../../ui/form';
import { formRoute } from '../../ui/form-route';
import { type BodyOf, fieldNames, fieldOf, formSpec, wholeNumbersDown } from '../../ui/form-spec';
import { label } from '../../ui/labels';
import { Csrf, Done, page } from '../../ui/layout';
import { Submit } from '../../ui/table';

const cityOf = (c: Ctx) => c.req.param('city') ?? '';

async function evaluationPage(c: Ctx, state: FormState, status: number) {
  const t = c.get('t');
  const city = cityOf(c);
  const current = await c.get('api').get<EvaluationSettings>(`/v1/cities/${seg(city)}/evaluation`);
  const spec = formSpec(EvaluationInput);
  const days = fieldOf(spec, 'rectificationDays');
  const defaultDays = fieldOf(spec, 'defaultRatingDays');
  const defaultLevel = fieldOf(spec, 'defaultRatingLevel');
  const receipt = fieldOf(spec, 'receiptDays');
  const shown: FormState = state.problem
    ? state
    : {
        values: {
          [days.name]: String(current.rectificationDays),
          [defaultDays.name]: String(current.defaultRatingDays),
          [defaultLevel.name]: String(current.defaultRatingLevel),
          [receipt.name]: String(current.receiptDays),
        },
      };
  return page(
    c,
    t.evaluation.title,
    <>
      <h1>{t.evaluation.title}</h1>
      <Done text={c.req.query('ok') ? t.evaluation.saved : undefined} />
      <p>{t.evaluation.intro}</p>
      <form method="post" action={`/console/cities/${seg(city)}/evaluation`} class="stack card">
        <ErrorSummary c={c} problem={state.problem} fields={fieldNames(spec)} />
        <Csrf c={c} />
        <TextField
          c={c}
          state={shown}
          spec={days}
          label={t.evaluation.rectificationDays}
          hint={t.evaluation.rectificationHint}
          type="number"
        />
        <TextField
          c={c}
          state={shown}
          spec={defaultDays}
          label={t.evaluation.defaultRatingDays}
          hint={t.evaluation.defaultRatingDaysHint}
          type="number"
        />
        <SelectField
          c={c}
          state={shown}
          spec={defaultLevel}
          label={t.evaluation.defaultRatingLevel}
          hint={t.evaluation.defaultRatingLevelHint}
          options={wholeNumbersDown(defaultLevel).map((n) => ({
            value: String(n),
            label: label(t, 'rating', String(n)),
          }))}
        />
        <TextField
          c={c}
          state={shown}
          spec={receipt}
          label={t.evaluation.receiptDays}
          hint={t.evaluation.receiptHint}
          type="number"
        />
        <Submit label={t.common.save} />
      </form>
    </>,
    { status },
  );
}

/** City administrators: the city's 好差评 rules (R18). */
export function evaluationRoutes() {
  const app = new Hono<ConsoleEnv>();
  formRoute(app, '/console/cities/:city/evaluation', {
    render: evaluationPage,
    request: (c, v) => ({
      method: 'PUT',
      path: `/v1/cities/${seg(cityOf(c))}/evaluation`,
      // The API names any value out of its bounds; the form passes on what was typed.
      body: {
        rectificationDays: numberOr(one(v, 'rectificationDays')),
        defaultRatingDays: numberOr(one(v, 'defaultRatingDays')),
        defaultRatingLevel: numberOr(one(v, 'defaultRatingLevel')),
        receiptDays: numberOr(one(v, 'receiptDays')),
      } satisfies BodyOf<typeof EvaluationInput>,
    }),
    done: (c) => `/console/cities/${seg(cityOf(c))}/evaluation?ok=1`,
  });
  return app;
}
