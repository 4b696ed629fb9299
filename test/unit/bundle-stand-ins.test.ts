import { Sha256 as SdkSha256 } from '@smithy/core/checksum';
import MnemonistLru from 'mnemonist/lru-cache';
import { describe, expect, it } from 'vitest';
import LRUCache from '../../functions/shared/lru-cache';
import { Sha256 } from '../../functions/shared/sha256-node';

/**
 * The stand-ins infra/bundling.ts puts in the Lambda bundles for two SDK dependencies: each must
 * answer as the module it replaces does, for every call the SDK makes of it.
 */
describe('the LRU cache stand-in (mnemonist/lru-cache, the endpoint-discovery cache)', () => {
  it('answers get, set, has, peek and clear as mnemonist does, evicting the least recently used', () => {
    const ours = new LRUCache<string, number>(3);
    const theirs = new MnemonistLru<string, number>(3);
    const ops: [string, string, number?][] = [
      ['set', 'a', 1],
      ['set', 'b', 2],
      ['set', 'c', 3],
      ['get', 'a'],
      ['set', 'd', 4],
      ['has', 'b'],
      ['peek', 'c'],
      ['set', 'e', 5],
      ['has', 'c'],
      ['get', 'a'],
      ['set', 'a', 6],
      ['peek', 'a'],
      ['set', 'f', 7],
      ['has', 'd'],
      ['has', 'e'],
      ['get', 'zz'],
      ['clear', ''],
      ['has', 'a'],
      ['set', 'g', 8],
      ['get', 'g'],
    ];
    for (const [op, key, value] of ops) {
      const run = (c: LRUCache<string, number> | MnemonistLru<string, number>) => {
        if (op === 'set') return void c.set(key, value as number);
        if (op === 'clear') return c.clear();
        return (c[op as 'get' | 'has' | 'peek'] as (k: string) => unknown)(key);
      };
      expect(run(ours), `${op} ${key}`).toEqual(run(theirs));
    }
  });
});

describe('the SHA-256 stand-in (@smithy/core/checksum, SigV4 payload hashes)', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const digests = async (
    Hash: new (secret?: string | Uint8Array) => SdkSha256,
    secret?: string | Uint8Array,
  ) => {
    const h = new Hash(secret);
    h.update(utf8('GetItem'));
    h.update(new Uint8Array([1, 2, 3]));
    const first = await h.digest();
    if (secret) return [first];
    h.update(utf8('more'));
    const second = await h.digest();
    h.reset();
    h.update(utf8(''));
    return [first, second, await h.digest()];
  };

  it('digests as the SDK does, plain (again after more data) and keyed', async () => {
    expect(await digests(Sha256)).toEqual(await digests(SdkSha256));
    expect(await digests(Sha256, 'key')).toEqual(await digests(SdkSha256, 'key'));
    expect(await digests(Sha256, new Uint8Array([9, 8, 7]))).toEqual(
      await digests(SdkSha256, new Uint8Array([9, 8, 7])),
    );
  });

  it('refuses data after an HMAC was digested, as the SDK does', async () => {
    const ours = new Sha256('k');
    await ours.digest();
    expect(() => ours.update('x')).toThrow('Attempted to update an already finished hash.');
  });
});
