import type { Child } from 'hono/jsx';
import type { Problem } from '../api';
import type { Ctx } from '../env';
import { pick } from '../i18n';
import type { FieldSpec } from './form-spec';

export type Values = Record<string, string | string[] | undefined>;

/** What a form shows: the values typed, and the API's problem if it refused them. */
export interface FormState {
  readonly values: Values;
  readonly problem?: Problem;
  /** Tells apart the fields of one of several forms on a page (ids must be unique). */
  readonly scope?: string;
}

export const empty: FormState = { values: {} };

export const fieldId = (name: string, scope?: string) =>
  `f-${scope ? `${scope}-` : ''}${name}`.replace(/[^A-Za-z0-9_-]/g, '-');

/**
 * The API's messages for one field: its path is the field's name or lies under it
 * (`materials.0.code` belongs to `materials`), in the page's language.
 */
export function errorsFor(c: Ctx, problem: Problem | undefined, name: string): string[] {
  const lang = c.get('lang');
  return (problem?.errors ?? [])
    .filter((e) => e.path !== undefined && (e.path === name || e.path.startsWith(`${name}.`)))
    .map((e) => pick(lang, e.detail, e.detailEn));
}

const str = (v: Values[string]) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const list = (v: Values[string]) => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);

/** The summary at the top of a refused form: what the API said, each field error linking to its field. */
export function ErrorSummary({
  c,
  problem,
  fields,
  scope,
}: {
  c: Ctx;
  problem?: Problem;
  fields?: readonly string[];
  scope?: string;
}) {
  if (!problem) return null;
  const lang = c.get('lang');
  const t = c.get('t');
  const errors = problem.errors ?? [];
  const title = pick(lang, problem.title, problem.titleEn);
  const detail = pick(lang, problem.detail, problem.detailEn);
  const target = (path: string) => fields?.find((f) => path === f || path.startsWith(`${f}.`));
  const titleId = fieldId('error-summary', scope);
  return (
    <div class="alert" role="alert" aria-labelledby={titleId} tabindex={-1}>
      <h2 id={titleId}>{title}</h2>
      {detail && detail !== title && <p>{detail}</p>}
      {errors.length > 0 && (
        <ul>
          {errors.map((e) => {
            const where = e.path ?? (e.row !== undefined ? t.form.rowColumn(e.row, e.column ?? '') : '');
            const f = e.path !== undefined ? target(e.path) : undefined;
            const text = `${where ? `${where}：` : ''}${pick(lang, e.detail, e.detailEn)}`;
            return <li>{f ? <a href={`#${fieldId(f, scope)}`}>{text}</a> : text}</li>;
          })}
        </ul>
      )}
    </div>
  );
}

/**
 * A field is named, or given its request-schema spec (form-spec.ts), which names it and
 * brings whether it is required and its bounds; `required` given here wins over the spec.
 */
type FieldProps = {
  readonly c: Ctx;
  readonly state: FormState;
  readonly label: string;
  readonly hint?: string;
  readonly required?: boolean;
} & (
  | { readonly name: string; readonly spec?: FieldSpec }
  | { readonly spec: FieldSpec; readonly name?: undefined }
);

const nameOf = (p: FieldProps): string => p.name ?? p.spec?.name ?? '';
const requiredOf = (p: FieldProps): boolean | undefined => p.required ?? (p.spec?.required || undefined);
const numeric = (spec: FieldSpec | undefined) => spec?.type === 'integer' || spec?.type === 'number';
const text = (n: number | undefined) => (n === undefined ? undefined : String(n));

function Described(props: FieldProps & { control: (aria: Record<string, string | undefined>) => Child }) {
  const { c, state, hint, label, control } = props;
  const name = nameOf(props);
  const id = fieldId(name, state.scope);
  const errors = errorsFor(c, state.problem, name);
  const describedBy = [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <p class="field-error" id={`${id}-error`}>
          {errors.join('；')}
        </p>
      )}
      {control({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': errors.length ? 'true' : undefined,
      })}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    type?: string;
    min?: string;
    max?: string;
    step?: string;
    autocomplete?: string;
    /** The id of a datalist of suggestions. */
    list?: string;
  },
) {
  const { state, spec, step, autocomplete, list: suggestions } = props;
  const name = nameOf(props);
  const type = props.type ?? (numeric(spec) ? 'number' : 'text');
  return (
    <Described
      {...props}
      control={(aria) => (
        <input
          {...aria}
          type={type}
          name={name}
          value={str(state.values[name])}
          required={requiredOf(props)}
          min={props.min ?? text(spec?.min)}
          max={props.max ?? text(spec?.max)}
          maxlength={numeric(spec) ? undefined : spec?.maxLength}
          step={step}
          autocomplete={autocomplete ?? 'off'}
          list={suggestions}
        />
      )}
    />
  );
}

export function TextArea(props: FieldProps & { rows?: number }) {
  const { state, spec, rows = 4 } = props;
  const name = nameOf(props);
  return (
    <Described
      {...props}
      control={(aria) => (
        <textarea {...aria} name={name} rows={rows} required={requiredOf(props)} maxlength={spec?.maxLength}>
          {str(state.values[name])}
        </textarea>
      )}
    />
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

export function SelectField(props: FieldProps & { options: readonly Option[]; blank?: string }) {
  const { state, options, blank } = props;
  const name = nameOf(props);
  const current = str(state.values[name]);
  return (
    <Described
      {...props}
      control={(aria) => (
        <select {...aria} name={name} required={requiredOf(props)}>
          {blank !== undefined && <option value="">{blank}</option>}
          {options.map((o) => (
            <option value={o.value} selected={o.value === current}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/**
 * Checkboxes (or radios) in a fieldset whose legend names them; errors of the group show above.
 * A required radio group is marked required; a checkbox never is (the browser would want every box).
 */
export function ChoiceGroup(
  props: FieldProps & { options: readonly Option[]; radio?: boolean; scroll?: boolean },
) {
  const { c, state, label, hint, options, radio, scroll } = props;
  const name = nameOf(props);
  const id = fieldId(name, state.scope);
  const errors = errorsFor(c, state.problem, name);
  const chosen = new Set(list(state.values[name]));
  return (
    <fieldset
      id={id}
      class={scroll ? 'choices' : undefined}
      aria-describedby={errors.length ? `${id}-error` : hint ? `${id}-hint` : undefined}
    >
      <legend>{label}</legend>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <p class="field-error" id={`${id}-error`}>
          {errors.join('；')}
        </p>
      )}
      {options.map((o, i) => (
        <label class="choice" for={`${id}-${i}`}>
          <input
            id={`${id}-${i}`}
            type={radio ? 'radio' : 'checkbox'}
            name={name}
            value={o.value}
            checked={chosen.has(o.value)}
            required={radio ? requiredOf(props) : undefined}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Reads a submitted form (urlencoded or multipart) into Values, keeping repeated names as lists. */
export async function readForm(c: Ctx): Promise<{ values: Values; files: Record<string, File> }> {
  const body = await c.req.parseBody({ all: true });
  const values: Values = {};
  const files: Record<string, File> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v instanceof File) files[k] = v;
    else if (Array.isArray(v)) values[k] = v.filter((x): x is string => typeof x === 'string');
    else values[k] = v;
  }
  return { values, files };
}

export const one = (values: Values, name: string): string => str(values[name]).trim();
export const many = (values: Values, name: string): string[] => list(values[name]);
/** A number field: a number when it reads as one, else the text, for the API to reject beside the field. */
export const numberOr = (v: string): number | string => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
