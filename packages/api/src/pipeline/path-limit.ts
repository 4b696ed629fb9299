import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { problem, problemResponse } from '../problem';

/**
 * The longest path segment any id can be: a tenant id is at most four 63-character segments
 * joined by dots (255). DynamoDB refuses a key over 1 KiB (sort) or 2 KiB (partition) with a
 * ValidationException, so a longer segment would reach the table and come back 500.
 */
export const MAX_SEGMENT_BYTES = 256;

/**
 * Any request with a longer path segment names nothing that exists: 404 before any route or
 * limit runs. The path is still percent-encoded here, never shorter than what it decodes to.
 */
export const pathLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const tooLong = c.req.path
    .split('/')
    .some((segment) => Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES);
  if (tooLong) return problemResponse(c, problem('not-found'));
  await next();
};
