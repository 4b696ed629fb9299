/**
 * A rule of the domain was broken. `type` is the stable problem slug the API turns
 * into `/problems/<type>`; `field` names the input that broke it, when there is one.
 * Messages are Chinese first with English beside, as every user-facing text.
 */
export class DomainError extends Error {
  constructor(
    readonly type: DomainErrorType,
    readonly zh: string,
    readonly en: string,
    readonly field?: string,
  ) {
    super(en);
    this.name = 'DomainError';
  }
}

export type DomainErrorType = 'validation' | 'conflict' | 'not-found' | 'invalid-state' | 'forbidden';

export const invalid = (field: string, zh: string, en: string) =>
  new DomainError('validation', zh, en, field);
