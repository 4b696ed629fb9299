import * as z from 'zod/mini';
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

/** The part of JSON Schema that `z.toJSONSchema` writes for our request schemas. */
interface JsonSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}

const TYPES: readonly FieldSpec['type'][] = ['string', 'number', 'integer', 'boolean', 'array', 'object'];

function field(name: string, s: JsonSchema, required: boolean): FieldSpec {
  const values = s.enum ?? s.items?.enum;
  const type = TYPES.find((t) => t === s.type) ?? 'unknown';
  return {
    name,
    type,
    required,
    ...(values ? { options: values.map(String) } : {}),
    ...(s.minimum !== undefined ? { min: s.minimum } : {}),
    ...(s.maximum !== undefined ? { max: s.maximum } : {}),
    ...(s.minLength !== undefined ? { minLength: s.minLength } : {}),
    ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
    ...(s.minItems !== undefined ? { minItems: s.minItems } : {}),
    ...(s.maxItems !== undefined ? { maxItems: s.maxItems } : {}),
  };
}

/** Every property, and the properties of nested objects under dotted names; an array is one field. */
function walk(s: JsonSchema, prefix: string, required: boolean, out: Record<string, FieldSpec>): void {
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    const name = `${prefix}${key}`;
    const mustGive = required && (s.required ?? []).includes(key);
    out[name] = field(name, child, mustGive);
    if (child.type === 'object') walk(child, `${name}.`, mustGive, out);
  }
}

const specs = new WeakMap<z.ZodMiniType, FormSpec>();

/** The fields of a request body schema (the API's zod schemas), read once per schema. */
export function formSpec(schema: z.ZodMiniType): FormSpec {
  const known = specs.get(schema);
  if (known) return known;
  // The body as a client sends it, before the API trims or defaults anything.
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const out: Record<string, FieldSpec> = {};
  walk(json, '', true, out);
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
