import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CaseEvent,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  type StoredCaseEvent,
  verifyChain,
} from '../../packages/domain/src';
import { APPROVER, at, CLERK, intake, issue, Story, T0 } from '../support/case-fixtures';

/** Reverses the key order at every level: the same value, written differently. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reordered(v)]),
  );
}

describe('canonicalJson', () => {
  it('sorts keys at every level, drops undefined members and writes no whitespace', () => {
    const value = { b: 1, a: { d: [1, { y: '乙', x: undefined }], c: null }, e: undefined };
    expect(canonicalJson(value)).toBe('{"a":{"c":null,"d":[1,{"y":"乙"}]},"b":1}');
    expect(canonicalJson([undefined, 2])).toBe('[null,2]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
  });

  it('gives the same text whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => canonicalJson(reordered(value)) === canonicalJson(value)),
    );
  });

  it('reads back to the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        return canonicalJson(JSON.parse(text)) === text;
      }),
    );
  });

  it('is blind to a member that is present but undefined', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), (value, key) => {
        fc.pre(!(key in value));
        return canonicalJson({ ...value, [key]: undefined }) === canonicalJson(value);
      }),
    );
  });
});

/** Chains events as the store does: each hash covers the previous one and the event with its seq and prevHash. */
function chain(events: readonly CaseEvent[]): StoredCaseEvent[] {
  let prev = GENESIS_HASH;
  return events.map((event, i) => {
    const body = { ...event, seq: i + 1, prevHash: prev };
    const hash = chainHash(prev, body);
    prev = hash;
    return { ...body, hash } as StoredCaseEvent;
  });
}
const bodyOf = ({ hash: _hash, ...body }: StoredCaseEvent) => body;
/** Recomputes an event's own hash, as a forger who rewrote it would. */
const rehashed = (event: StoredCaseEvent): StoredCaseEvent => ({
  ...event,
  hash: chainHash(event.prevHash, bodyOf(event)),
});

describe('verifyChain', () => {
  const events = Story.begin()
    .act(intake(), T0, CLERK)
    .act({ type: 'decide', outcome: 'approve' }, at('2026-03-05'), APPROVER)
    .act({ type: 'pay' }, at('2026-03-06'), CLERK)
    .act(issue(), at('2026-03-09'), CLERK).events;
  const good = chain(events);

  it('holds for a case as the store chained it, and for no events at all', () => {
    expect(good).toHaveLength(5);
    expect(verifyChain(good, bodyOf)).toEqual({ intact: true, events: 5 });
    expect(verifyChain([], bodyOf)).toEqual({ intact: true, events: 0 });
  });

  it('names a tampered event by its hash', () => {
    const tampered = good.map((e) => (e.seq === 3 ? { ...e, actor: 'someone-else' } : e));
    expect(verifyChain(tampered, bodyOf)).toEqual({
      intact: false,
      events: 5,
      firstBroken: 3,
      reason: 'hash',
    });
    const last = good.map((e) => (e.seq === 5 ? { ...e, at: at('2026-03-10') } : e));
    expect(verifyChain(last, bodyOf)).toMatchObject({ firstBroken: 5, reason: 'hash' });
  });

  it('names the next event when a forger also recomputed the tampered one', () => {
    const forged = good.map((e) => (e.seq === 2 ? rehashed({ ...e, actor: 'someone-else' }) : e));
    expect(verifyChain(forged, bodyOf)).toMatchObject({
      intact: false,
      firstBroken: 3,
      reason: 'previous-hash',
    });
  });

  it('names an event whose prevHash is wrong', () => {
    const wrong = good.map((e) => (e.seq === 4 ? rehashed({ ...e, prevHash: 'f'.repeat(64) }) : e));
    expect(verifyChain(wrong, bodyOf)).toEqual({
      intact: false,
      events: 5,
      firstBroken: 4,
      reason: 'previous-hash',
    });
    const first = good.map((e) => (e.seq === 1 ? rehashed({ ...e, prevHash: 'a'.repeat(64) }) : e));
    expect(verifyChain(first, bodyOf)).toMatchObject({ firstBroken: 1, reason: 'previous-hash' });
  });

  it('names the event after a missing one by its sequence, and catches a swap', () => {
    const missing = good.filter((e) => e.seq !== 2);
    expect(verifyChain(missing, bodyOf)).toEqual({
      intact: false,
      events: 4,
      firstBroken: 3,
      reason: 'sequence',
    });
    const [a, b, c, ...rest] = good;
    if (!a || !b || !c) throw new Error('short chain');
    expect(verifyChain([a, c, b, ...rest], bodyOf)).toMatchObject({ firstBroken: 3, reason: 'sequence' });
    // Dropping the tail leaves a chain that holds as far as it goes: the count tells.
    expect(verifyChain(good.slice(0, 3), bodyOf)).toEqual({ intact: true, events: 3 });
  });

  it('finds any single changed event', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: good.length }), fc.string({ minLength: 1 }), (seq, note) => {
        const changed = good.map((e) => (e.seq === seq ? ({ ...e, note } as StoredCaseEvent) : e));
        const check = verifyChain(changed, bodyOf);
        return !check.intact && check.firstBroken === seq && check.reason === 'hash';
      }),
    );
  });
});
