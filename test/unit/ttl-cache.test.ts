import { describe, expect, it } from 'vitest';
import { ttlCache } from '../../packages/app/src/ttl-cache';

describe('ttlCache (calendars and matters per Lambda instance)', () => {
  it('serves a value until it expires, then loads it again', async () => {
    let clock = 0;
    let loads = 0;
    const cache = ttlCache<number>(60_000, () => clock);
    const load = async () => ++loads;
    expect(await cache('t', load)).toBe(1);
    clock = 59_999;
    expect(await cache('t', load)).toBe(1);
    clock = 60_000;
    expect(await cache('t', load)).toBe(2);
    expect(await cache('other', load)).toBe(3);
  });

  it('never serves a failed load from the cache', async () => {
    const cache = ttlCache<number>(60_000, () => 0);
    await expect(cache('t', async () => Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
    await Promise.resolve();
    expect(await cache('t', async () => 7)).toBe(7);
  });
});
