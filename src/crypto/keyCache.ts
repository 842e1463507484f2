/**
 * A bounded cache of values derived from *public* keys (a decoded curve point, a
 * validation verdict, an imported native key handle), keyed by the key's lowercase hex.
 * Every client verifies many signatures under few keys, so decoding each key once pays;
 * the bound keeps a stream of distinct keys (say, from a hostile peer) from growing
 * memory without limit. Least recently used entries are evicted first. Never put
 * secret material in it.
 * @module
 */

/** Default number of entries a {@link KeyCache} holds. */
export const KEY_CACHE_SIZE = 1024;

/** A least-recently-used map with a fixed capacity. */
export class KeyCache<V> {
  readonly #entries = new Map<string, V>();
  readonly #capacity: number;

  /** @param capacity - the most entries kept (at least 1) */
  constructor(capacity = KEY_CACHE_SIZE) {
    this.#capacity = Math.max(1, Math.floor(capacity));
  }

  /** The number of entries held. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The value cached under `key`, marking it as recently used.
   * @param key - the public key's hex
   */
  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /**
   * Caches `value` under `key`, evicting the least recently used entry when full.
   * @param key - the public key's hex
   * @param value - what was derived from it
   */
  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries.clear();
  }
}
