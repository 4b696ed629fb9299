/**
 * A retained version was asked to go before its date. Thrown by the S3 adapter (./index.ts) and
 * re-exported by the object store port (packages/app/src/materials/objects.ts): it lives here
 * because the store cannot import the application layer, and it carries no SDK code, so the
 * store's index exports it to every bundle at no cost.
 */
export class RetentionError extends Error {
  constructor(
    readonly key: string,
    readonly retainUntil?: string,
  ) {
    super(`${key} is retained${retainUntil ? ` until ${retainUntil}` : ''}`);
    this.name = 'RetentionError';
  }
}
