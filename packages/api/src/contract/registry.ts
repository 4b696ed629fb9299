import * as z from 'zod/mini';

/** What the OpenAPI document says of a contract schema beside its shape. */
export interface ContractMeta {
  /** The name under `#/components/schemas/`; every response schema has one. */
  readonly id?: string;
  readonly description?: string;
  /** A JSON Schema `format` a regex alone does not say (`date-time`, `date`). */
  readonly format?: string;
}

/**
 * The response schemas and their names: their own registry, so the request schemas (which
 * the routes bundle) and zod's global registry stay untouched.
 */
export const contractRegistry = z.registry<ContractMeta>();

/** Registers `schema` as a named component of the document. */
export function named<S extends z.ZodMiniType>(id: string, description: string, schema: S): S {
  contractRegistry.add(schema, { id, description });
  return schema;
}

/** An instant as the API writes it: `Date.prototype.toISOString`, always UTC. */
export const instant = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/));
contractRegistry.add(instant, { format: 'date-time' });

/** A business date in Shanghai (`2025-03-31`): due dates, calendar days. */
export const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
contractRegistry.add(date, { format: 'date' });

/** A body reference, `<tenant>/<code>`. */
export const bodyRef = z.string();
contractRegistry.add(bodyRef, { description: '机构引用 Body reference: <tenant>/<code>' });

export const count = z.int().check(z.minimum(0));
/** Yuan, at most two decimals. */
export const amount = z.number().check(z.minimum(0));
/** Working days. */
export const days = z.int().check(z.minimum(0));

export const bilingual = z.strictObject({ zh: z.string(), en: z.string() });
/** An entity named by its id: `{id, name}`. */
export const idName = z.strictObject({ id: z.string(), name: z.string() });

/** A list answer: `{items}`. */
export const listOf = <S extends z.ZodMiniType>(item: S) => z.strictObject({ items: z.array(item) });
/** A page of a longer list: `{items, cursor?}`; the cursor asks for the next page. */
export const pageOf = <S extends z.ZodMiniType>(item: S) =>
  z.strictObject({ items: z.array(item), cursor: z.optional(z.string()) });
