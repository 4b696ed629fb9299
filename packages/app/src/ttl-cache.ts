/**
 * A per-instance cache of promises that expire after `ttlMs`. For data that changes
 * rarely and is read by every case command (calendars, matter definitions): a Lambda
 * instance saves those reads on most requests, and a change reaches it within `ttlMs`.
 * A failed load is dropped at once, so an error is never served from the cache.
 */
export function ttlCache<T>(ttlMs: number, now: () => number = Date.now) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return (key: string, load: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.value;
    const value = load();
    entries.set(key, { at: now(), value });
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    // Keys are tenants and matters: bounded, but a long-lived process should not grow for ever.
    if (entries.size > 5000) entries.delete(entries.keys().next().value as string);
    return value;
  };
}
