import type * as z from 'zod/mini';
import type { Option } from './form';

/**
 * A form field as the API's request schema states it: whether it must be given, the values
 * it takes and its bounds. Forms read these instead of re-typing the API's rules; the API
 * still checks every request, the form only helps a person get it right the first time.
 */
export interface FieldSpec {
  /** The form's name for it: the body path, dotted (`applicant.name`). */
  readonly name: string;
  readonly type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'unknown';
  /** Given in every body: required itself and in each object around it. */
  readonly required: boolean;
  /** The values of an enum, or of an array of one. */
  readonly options?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export type FormSpec = Readonly<Record<string, FieldSpec>>;

/**
 * What a zod schema says of itself: its definition (`type`, the wrapped or element schema, an
 * object's shape, an enum's entries) and the bounds its checks collected (`bag`). Read directly
 * rather than through `z.toJSONSchema`, whose generator (about 21 KB) the console bundle has no
 * room for; `test/unit/console-form-spec.test.ts` holds the readings to what the API checks.
 */
interface Internals {
  readonly _zod: {
    readonly def: {
      readonly type: string;
      readonly innerType?: Internals;
      readonly in?: Internals;
      readonly element?: Internals;
      readonly shape?: Readonly<Record<string, Internals>>;
      readonly entries?: Readonly<Record<string, string | number>>;
      readonly values?: readonly unknown[];
      readonly format?: string;
      readonly checks?: readonly Check[];
    };
    readonly optin?: 'optional';
  };
}

/** A check's definition: the ones that bound a field (lengths, sizes, inclusive bounds, integer formats). */
interface Check {
  readonly _zod: {
    readonly def: {
      readonly check: string;
      readonly minimum?: number;
      readonly maximum?: number;
      readonly length?: number;
      readonly value?: number;
      readonly inclusive?: boolean;
      readonly format?: string;
    };
  };
}

/** The bounds a schema's checks state, the tightest of each. */
function boundsOf(s: Internals): { minimum?: number; maximum?: number; format?: string } {
  let minimum: number | undefined;
  let maximum: number | undefined;
  let format = s._zod.def.format;
  const atLeast = (n: number | undefined) => {
    if (n !== undefined) minimum = minimum === undefined ? n : Math.max(minimum, n);
  };
  const atMost = (n: number | undefined) => {
    if (n !== undefined) maximum = maximum === undefined ? n : Math.min(maximum, n);
  };
  for (const { _zod } of s._zod.def.checks ?? []) {
    const c = _zod.def;
    if (c.check === 'min_length' || c.check === 'min_size') atLeast(c.minimum);
    else if (c.check === 'max_length' || c.check === 'max_size') atMost(c.maximum);
    else if (c.check === 'length_equals' || c.check === 'size_equals') {
      atLeast(c.length);
      atMost(c.length);
    } else if (c.check === 'greater_than' && c.inclusive) atLeast(c.value);
    else if (c.check === 'less_than' && c.inclusive) atMost(c.value);
    else if (c.check === 'number_format') format = c.format;
  }
  return {
    ...(minimum !== undefined ? { minimum } : {}),
    ...(maximum !== undefined ? { maximum } : {}),
    ...(format ? { format } : {}),
  };
}

/** Wrappers that do not change what a client sends: their inner (or input) schema. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(s: Internals): Internals {
  let at = s;
  for (let i = 0; i < 20; i++) {
    const def = at._zod.def;
    const next = WRAPPERS.has(def.type) ? def.innerType : def.type === 'pipe' ? def.in : undefined;
    if (!next) return at;
    at = next;
  }
  return at;
}

const INTEGER_FORMATS = new Set(['safeint', 'int32', 'uint32']);

function typeOf(s: Internals): FieldSpec['type'] {
  const { def } = s._zod;
  if (def.type === 'number') return INTEGER_FORMATS.has(boundsOf(s).format ?? '') ? 'integer' : 'number';
  if (def.type === 'object' || def.type === 'record') return 'object';
  return (['string', 'boolean', 'array'] as const).find((t) => t === def.type) ?? 'unknown';
}

/** An enum's values, or a literal's (the API's request schemas use both). */
function valuesOf(s: Internals): readonly unknown[] | undefined {
  const { def } = s._zod;
  if (def.type === 'enum' && def.entries) return Object.values(def.entries);
  if (def.type === 'literal' && def.values && def.values.length > 1) return def.values;
  return undefined;
}

function field(name: string, raw: Internals, required: boolean): FieldSpec {
  const s = unwrap(raw);
  const type = typeOf(s);
  const element = s._zod.def.element ? unwrap(s._zod.def.element) : undefined;
  const values = valuesOf(s) ?? (element ? valuesOf(element) : undefined);
  const { minimum, maximum } = boundsOf(s);
  const bounds =
    type === 'string'
      ? { minLength: minimum, maxLength: maximum }
      : type === 'array'
        ? { minItems: minimum, maxItems: maximum }
        : type === 'number' || type === 'integer'
          ? { min: minimum, max: maximum }
          : {};
  // An integer's own format bounds (±2^53) are not the API's rule: only stated bounds count.
  const safe = (n: number | undefined) =>
    n !== undefined && Number.isFinite(n) && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined;
  return {
    name,
    type: type === 'unknown' && values ? (typeof values[0] === 'number' ? 'number' : 'string') : type,
    required,
    ...(values ? { options: values.map(String) } : {}),
    ...Object.fromEntries(
      Object.entries(bounds)
        .map(([k, v]) => [k, safe(v)] as const)
        .filter(([, v]) => v !== undefined),
    ),
  };
}

/** Every property, and the properties of nested objects under dotted names; an array is one field. */
function walk(raw: Internals, prefix: string, required: boolean, out: Record<string, FieldSpec>): void {
  const shape = unwrap(raw)._zod.def.shape ?? {};
  for (const [key, child] of Object.entries(shape)) {
    const name = `${prefix}${key}`;
    const mustGive = required && child._zod.optin !== 'optional';
    out[name] = field(name, child, mustGive);
    if (unwrap(child)._zod.def.type === 'object') walk(child, `${name}.`, mustGive, out);
  }
}

const specs = new WeakMap<z.ZodMiniType, FormSpec>();

/** The fields of a request body schema (the API's zod schemas), read once per schema. */
export function formSpec(schema: z.ZodMiniType): FormSpec {
  const known = specs.get(schema);
  if (known) return known;
  const out: Record<string, FieldSpec> = {};
  walk(schema as unknown as Internals, '', true, out);
  specs.set(schema, out);
  return out;
}

/** One field of a form's spec; a name the schema does not have is a mistake in the page. */
export function fieldOf(spec: FormSpec, name: string): FieldSpec {
  const f = spec[name];
  if (!f) throw new Error(`the request schema has no field '${name}'`);
  return f;
}

/**
 * The request's own fields, without the dotted names inside them: what an error summary links
 * to (an error at `transition.until` belongs to the `transition` field).
 */
export const fieldNames = (spec: FormSpec): string[] => Object.keys(spec).filter((n) => !n.includes('.'));

/**
 * A request body as a form builds it: the schema's field names, each value as the form read
 * it. `satisfies BodyOf<typeof X>` has the compiler refuse a name the API does not take, or a
 * required one left out; the values stay the API's to check, so its refusal shows beside them.
 */
export type BodyOf<S extends z.ZodMiniType> = { [K in keyof z.input<S>]: unknown };

/** The whole numbers a bounded field takes, largest first (a rating's levels, best first). */
export function wholeNumbersDown(f: FieldSpec): number[] {
  const out: number[] = [];
  for (let n = f.max ?? 0; n >= (f.min ?? 0); n--) out.push(n);
  return out;
}

/** A field's enum values as options, each labelled in the page's language. */
export const optionsOf = (f: FieldSpec, labelOf: (value: string) => string): Option[] =>
  (f.options ?? []).map((value) => ({ value, label: labelOf(value) }));
