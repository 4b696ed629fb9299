import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@onewindow/domain';

/** A DynamoDB key as Query's LastEvaluatedKey gives it (attribute values, marshalled). */
export type StartKey = Record<string, unknown>;

const MAC_BYTES = 32;
/** Longer than any key of ours encodes to; a longer string is refused before any work. */
const MAX_CURSOR_CHARS = 2048;

export const invalidCursor = () =>
  new DomainError('validation', '分页游标无效或不属于此列表', 'the cursor is not valid for this list', {
    field: 'cursor',
    extensions: { in: 'query' },
  });

/**
 * Page cursors the client holds and sends back: the next page's start key, and an
 * HMAC-SHA256 over it and the query it belongs to (partition value, index, key condition,
 * filter and their values). A cursor altered, cut, invented or taken from another tenant's,
 * index's or filter's list fails the MAC and is refused before DynamoDB sees it. The key is
 * the deployment's (a secret in AWS); without one a process makes its own, which holds only
 * while every page of a list is served by that process (the local stack, a test app).
 */
export class CursorCodec {
  private readonly key: Buffer;

  constructor(key?: string | Uint8Array) {
    this.key = key === undefined ? randomBytes(32) : Buffer.from(key);
    if (this.key.length < 16) throw new Error('a cursor key needs at least 16 bytes');
  }

  encode(start: StartKey, shape: unknown): string {
    const payload = Buffer.from(JSON.stringify(start));
    return `${payload.toString('base64url')}.${this.mac(payload, shape).toString('base64url')}`;
  }

  /** The start key of a cursor this codec made for a query of `shape`; anything else → 400 naming `cursor`. */
  decode(cursor: string, shape: unknown): StartKey {
    if (cursor.length > MAX_CURSOR_CHARS) throw invalidCursor();
    const [data, mac, extra] = cursor.split('.');
    if (!data || !mac || extra !== undefined) throw invalidCursor();
    const payload = Buffer.from(data, 'base64url');
    const given = Buffer.from(mac, 'base64url');
    // Re-encoding must give back the very string: base64url's loose decoder would take variants.
    if (payload.toString('base64url') !== data || given.toString('base64url') !== mac) throw invalidCursor();
    if (given.length !== MAC_BYTES || !timingSafeEqual(given, this.mac(payload, shape)))
      throw invalidCursor();
    const start: unknown = JSON.parse(payload.toString('utf8'));
    if (!start || typeof start !== 'object' || Array.isArray(start)) throw invalidCursor();
    return start as StartKey;
  }

  private mac(payload: Buffer, shape: unknown): Buffer {
    return createHmac('sha256', this.key)
      .update('onewindow-cursor-v1\0')
      .update(JSON.stringify(shape))
      .update('\0')
      .update(payload)
      .digest();
  }
}
