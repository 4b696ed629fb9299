import { createHash } from 'node:crypto';

/**
 * Canonical JSON: keys sorted at every level, no whitespace, `undefined` left out. Two
 * equal values always give the same text, so hashes and signatures over it are stable
 * across processes and key orders.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash before a case's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Each event's hash covers the previous hash and the event itself, so no event can change unseen. */
export function chainHash(prevHash: string, event: unknown): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(event)).digest('hex');
}

export interface ChainedEvent {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

export interface ChainCheck {
  readonly intact: boolean;
  readonly events: number;
  /** The sequence number of the first event whose link does not hold. */
  readonly firstBroken?: number;
  readonly reason?: 'sequence' | 'previous-hash' | 'hash';
}

/** Walks a case's events in order; `body` is what the hash was taken over (the event without its hash). */
export function verifyChain<E extends ChainedEvent>(
  events: readonly E[],
  body: (e: E) => unknown,
): ChainCheck {
  let prev = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const broken = (reason: ChainCheck['reason']): ChainCheck => ({
      intact: false,
      events: events.length,
      firstBroken: event.seq,
      ...(reason ? { reason } : {}),
    });
    if (event.seq !== index + 1) return broken('sequence');
    if (event.prevHash !== prev) return broken('previous-hash');
    if (chainHash(prev, body(event)) !== event.hash) return broken('hash');
    prev = event.hash;
  }
  return { intact: true, events: events.length };
}
