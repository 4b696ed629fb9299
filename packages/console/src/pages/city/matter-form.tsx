import type { Matter } from '@onewindow/api/contract';
import { JOINT_HANDLINGS, MATTER_TYPES } from '@onewindow/domain';
import { seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import {
  ErrorSummary,
  empty,
  type FormState,
  numberOr,
  one,
  readForm,
  SelectField,
  TextArea,
  TextField,
  type Values,
} from '../../ui/form';
import { label } from '../../ui/labels';
import { Csrf, page } from '../../ui/layout';
import { LevelsField, levelsFrom, levelsValue } from '../../ui/levels-field';
import { Submit } from '../../ui/table';

const FIELDS = [
  'code',
  'name',
  'type',
  'legalBasis',
  'statutoryDays',
  'promisedDays',
  'items',
  'materials',
  'fees',
  'department',
  'basicCode',
  'jointHandling',
  'approvalLevels',
];

const lines = (v: string) =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The API's matter (PUT …/catalogue/{code}) from the form: lists are one line an entry. */
export function matterInput(values: Values): Record<string, unknown> {
  const department = one(values, 'department');
  const basicCode = one(values, 'basicCode');
  const jointHandling = one(values, 'jointHandling');
  const approvalLevels = levelsFrom(one(values, 'approvalLevels'));
  return {
    name: one(values, 'name'),
    type: one(values, 'type'),
    legalBasis: one(values, 'legalBasis'),
    statutoryDays: numberOr(one(values, 'statutoryDays')),
    promisedDays: numberOr(one(values, 'promisedDays')),
    onTheSpot: one(values, 'onTheSpot') === 'true',
    items: lines(one(values, 'items')).map((l) => {
      const [code = '', ...name] = l.split(/\s+/);
      return { code, name: name.join(' ') };
    }),
    materials: lines(one(values, 'materials')).map((l) => {
      const core = /[*＊]$/.test(l);
      const [code = '', ...name] = l.replace(/\s*[*＊]$/, '').split(/\s+/);
      return { code, name: name.join(' '), core };
    }),
    fees: lines(one(values, 'fees')).map((l) => {
      const parts = l.split(/\s+/);
      const amount = parts.length > 2 ? parts.pop() : undefined;
      const [code = '', ...name] = parts;
      return { code, name: name.join(' '), amount: numberOr(amount ?? '') };
    }),
    ...(department ? { department } : {}),
    ...(basicCode ? { basicCode } : {}),
    ...(jointHandling ? { jointHandling } : {}),
    ...(approvalLevels ? { approvalLevels } : {}),
  };
}

/** The form's values from a stored matter, for editing it. */
export const matterValues = (m: Matter): Values => ({
  code: m.code,
  name: m.name,
  type: m.type,
  legalBasis: m.legalBasis,
  statutoryDays: String(m.statutoryDays),
  promisedDays: String(m.promisedDays),
  onTheSpot: m.onTheSpot ? 'true' : '',
  items: m.items.map((i) => `${i.code} ${i.name}`).join('\n'),
  materials: m.materials.map((x) => `${x.code} ${x.name}${x.core ? ' *' : ''}`).join('\n'),
  fees: m.fees.map((f) => `${f.code} ${f.name} ${f.amount}`).join('\n'),
  ...(m.department ? { department: m.department } : {}),
  ...(m.basicCode ? { basicCode: m.basicCode } : {}),
  ...(m.jointHandling ? { jointHandling: m.jointHandling } : {}),
  approvalLevels: levelsValue(m.approvalLevels),
});

function matterForm(c: Ctx, state: FormState, status: number, editing?: string) {
  const t = c.get('t');
  const f = t.matterForm;
  const city = c.req.param('city') ?? '';
  const s: FormState = { ...state, values: { type: 'licence', ...state.values } };
  const title = editing ? f.editTitle(editing) : f.add;
  return page(
    c,
    title,
    <>
      <p class="no-print">
        <a href={`/console/cities/${seg(city)}/catalogue`}>{t.catalogue.back}</a>
      </p>
      <h1>{title}</h1>
      <p class="hint">{f.beside}</p>
      <form method="post" action={`/console/cities/${seg(city)}/catalogue/save`} class="stack card">
        <ErrorSummary c={c} problem={state.problem} fields={FIELDS} />
        <Csrf c={c} />
        {editing ? (
          <input type="hidden" name="code" value={one(s.values, 'code')} />
        ) : (
          <TextField c={c} state={s} name="code" label={f.code} hint={f.codeHint} required />
        )}
        <TextField c={c} state={s} name="name" label={f.name} required />
        <SelectField
          c={c}
          state={s}
          name="type"
          label={f.type}
          options={MATTER_TYPES.map((x) => ({ value: x, label: label(t, 'matterType', x) }))}
        />
        <TextArea c={c} state={s} name="legalBasis" label={f.legalBasis} required />
        <TextField
          c={c}
          state={s}
          name="statutoryDays"
          label={f.statutoryDays}
          type="number"
          min="0"
          required
        />
        <TextField
          c={c}
          state={s}
          name="promisedDays"
          label={f.promisedDays}
          type="number"
          min="0"
          required
        />
        <label class="choice" for="onTheSpot">
          <input
            id="onTheSpot"
            type="checkbox"
            name="onTheSpot"
            value="true"
            checked={one(s.values, 'onTheSpot') === 'true'}
          />
          <span>{f.onTheSpot}</span>
        </label>
        <TextArea c={c} state={s} name="items" label={f.items} hint={f.itemsHint} required />
        <TextArea c={c} state={s} name="materials" label={f.materials} hint={f.materialsHint} rows={6} />
        <TextArea c={c} state={s} name="fees" label={f.fees} rows={2} />
        <TextField c={c} state={s} name="department" label={f.department} />
        <TextField c={c} state={s} name="basicCode" label={f.basicCode} />
        <SelectField
          c={c}
          state={s}
          name="jointHandling"
          label={f.jointHandling}
          hint={f.jointHandlingHint}
          blank={f.jointHandlingNone}
          options={JOINT_HANDLINGS.map((x) => ({ value: x, label: f.jointHandlingNames[x] ?? x }))}
        />
        <LevelsField c={c} state={s} />
        <Submit label={f.save} />
      </form>
    </>,
    { status },
  );
}

/** City administrators: one matter added or changed through a form, beside the spreadsheet import. */
export function matterFormRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/cities/:city/catalogue/new', (c) => matterForm(c, empty, 200));
  app.get('/console/cities/:city/catalogue/:code/edit', async (c) => {
    const m = await c
      .get('api')
      .get<Matter>(`/v1/cities/${seg(c.req.param('city'))}/catalogue/${seg(c.req.param('code'))}`);
    return matterForm(c, { ...empty, values: matterValues(m) }, 200, m.name);
  });
  app.post('/console/cities/:city/catalogue/save', async (c) => {
    const city = c.req.param('city');
    const { values } = await readForm(c);
    const code = one(values, 'code');
    const editing = c.req.header('referer')?.endsWith('/edit') ? one(values, 'name') : undefined;
    const r = await c
      .get('api')
      .send<Matter>('PUT', `/v1/cities/${seg(city)}/catalogue/${seg(code)}`, matterInput(values));
    if (r.ok) return c.redirect(`/console/cities/${seg(city)}/catalogue/${seg(code)}?ok=1`, 303);
    return matterForm(c, { values, problem: r.problem }, r.status, editing);
  });
  return app;
}
