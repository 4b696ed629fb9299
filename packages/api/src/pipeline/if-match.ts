import { DomainError } from '@onewindow/domain';

/** Parses `If-Match: 3`, `"3"` or `W/"3"`; anything else is a bad request naming the header. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m?.[1]) {
    throw new DomainError(
      'validation',
      'If-Match 应为办件版本号',
      'If-Match must be the case version',
      'If-Match',
    );
  }
  return Number(m[1]);
}
