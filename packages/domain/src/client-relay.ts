import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The console serves the public pages (progress, verification) from its own function and
 * calls the API for them, so every applicant reaching the API through it would share the
 * console's one address and with it one per-client rate limit. The console therefore names
 * the visitor's address in this header, authenticated with a deployment key that only the
 * console and the API functions hold; the API believes the header only when its MAC holds and
 * it is under a minute old. A client that writes the header itself, without the key, is
 * counted by its own address as before.
 */
export const CLIENT_RELAY_HEADER = 'x-onewindow-client';

/** Long enough for one page's calls, too short to replay a captured header for long. */
const RELAY_LIFETIME_MS = 60_000;

const macOf = (key: string | Uint8Array, signed: string) =>
  createHmac('sha256', key).update(`client-relay|${signed}`).digest('base64url');

/** The header value naming `address` as the visitor, valid for a minute from `nowMs`. */
export function relayClient(key: string | Uint8Array, address: string, nowMs: number): string {
  const signed = `${address}|${nowMs + RELAY_LIFETIME_MS}`;
  return `${signed}|${macOf(key, signed)}`;
}

/** The visitor's address a relay header names, or undefined when it is forged, garbled or stale. */
export function relayedClient(key: string | Uint8Array, value: string, nowMs: number): string | undefined {
  const cut = value.lastIndexOf('|');
  if (cut < 0) return undefined;
  const signed = value.slice(0, cut);
  const given = Buffer.from(value.slice(cut + 1));
  const wanted = Buffer.from(macOf(key, signed));
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return undefined;
  const sep = signed.lastIndexOf('|');
  const address = signed.slice(0, sep);
  const expires = Number(signed.slice(sep + 1));
  if (!address || !Number.isFinite(expires) || expires < nowMs) return undefined;
  return address;
}
