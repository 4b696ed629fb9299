/**
 * The one error type of the product. `type` is the stable problem slug the HTTP edge turns
 * into `/problems/<type>` (RFC 9457); `field` names the input that broke the rule, when
 * there is one; `errors` lists several failing fields or spreadsheet cells at once;
 * `extensions` are extra members of the problem (a rollout's blockers). Messages are
 * Chinese first with English beside, as every user-facing text.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly field: string | undefined;
  readonly errors: readonly ErrorEntry[] | undefined;
  readonly extensions: Readonly<Record<string, unknown>> | undefined;

  constructor(
    readonly type: DomainErrorType,
    readonly zh: string,
    readonly en: string,
    fieldOrOptions?: string | DomainErrorOptions,
  ) {
    const options: DomainErrorOptions =
      typeof fieldOrOptions === 'string' ? { field: fieldOrOptions } : (fieldOrOptions ?? {});
    super(en, options.cause === undefined ? undefined : { cause: options.cause });
    this.field = options.field;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }
}

export interface DomainErrorOptions {
  /** The input that broke the rule: a dotted path (`materials.0.code`) or a header name. */
  readonly field?: string;
  /** Every failing field, when there are several (validation of a whole body). */
  readonly errors?: readonly ErrorEntry[];
  /** Extra members of the answer (RFC 9457 extensions), e.g. `tenants` with their blockers. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** The error underneath, kept for the log; never shown to the caller. */
  readonly cause?: unknown;
}

/** One failing field (`path`, dotted) or spreadsheet cell (`row` and `column`). */
export type ErrorEntry =
  | { readonly path: string; readonly zh: string; readonly en: string }
  | { readonly row: number; readonly column: string; readonly zh: string; readonly en: string };

/** Every kind of failure the product answers; each has a status and a page at `/problems/<type>`. */
export const DOMAIN_ERROR_TYPES = [
  'validation',
  'malformed-json',
  'unauthorized',
  'forbidden',
  'not-found',
  'method-not-allowed',
  'conflict',
  'invalid-state',
  'rollout-blocked',
  'payload-too-large',
  'unsupported-media-type',
  'import-rejected',
  'idempotency-key-reused',
  'too-many-requests',
  'unavailable',
  'internal',
] as const;

export type DomainErrorType = (typeof DOMAIN_ERROR_TYPES)[number];

export const invalid = (field: string, zh: string, en: string) =>
  new DomainError('validation', zh, en, field);

export const notFound = (zh: string, en: string) => new DomainError('not-found', zh, en);
