/**
 * Stands in for `mnemonist/lru-cache` in Lambda bundles. The DynamoDB client's endpoint-discovery
 * cache (`@aws-sdk/endpoint-cache`) builds one at start-up and calls only `get`, `set`, `has`,
 * `peek` and `clear`; mnemonist's typed-array cache and the iterator library it drags in weigh
 * about 7 KB in every bundle. This is the same least-recently-used cache over a Map (which keeps
 * insertion order): `get` and `set` make a key the newest, `peek` and `has` do not, and a `set`
 * beyond the capacity drops the oldest key.
 */
export default class LRUCache<K, V> {
  private readonly items = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.items.size;
  }

  has(key: K): boolean {
    return this.items.has(key);
  }

  peek(key: K): V | undefined {
    return this.items.get(key);
  }

  get(key: K): V | undefined {
    if (!this.items.has(key)) return undefined;
    const value = this.items.get(key) as V;
    this.items.delete(key);
    this.items.set(key, value);
    return value;
  }

  set(key: K, value: V): this {
    this.items.delete(key);
    this.items.set(key, value);
    if (this.items.size > this.capacity) {
      const oldest = this.items.keys().next();
      if (!oldest.done) this.items.delete(oldest.value);
    }
    return this;
  }

  clear(): void {
    this.items.clear();
  }
}
