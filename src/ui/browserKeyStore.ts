/**
 * A seat's key store in this browser: the device's secrets never leave it
 * (architecture.md, "secrets live on the device that made them"). They are kept in
 * IndexedDB, one record per secret under `<match>/<seat>/<name>`, so a reload keeps the
 * device and another browser is another device.
 *
 * The device layer reads keys synchronously ({@link KeyStore}), so the seat's secrets
 * are read into memory once when the seat opens ({@link openBrowserKeyStore}); every
 * `set` updates memory at once and is written through to IndexedDB in order.
 * {@link BrowserKeyStore.flushed} resolves when every write so far is on disk.
 * @module
 */
import { type IDBPDatabase, openDB } from 'idb';
import type { KeyStore } from '../device/index.ts';

const DB_NAME = 'going-dark';
const STORE = 'keys';

let database: Promise<IDBPDatabase> | undefined;

function db(): Promise<IDBPDatabase> {
  database ??= openDB(DB_NAME, 1, {
    upgrade(upgrade) {
      upgrade.createObjectStore(STORE);
    },
  });
  return database;
}

/** The key store of one seat of one match in this browser. */
export class BrowserKeyStore implements KeyStore {
  readonly #prefix: string;
  readonly #values: Map<string, Uint8Array>;
  #writes: Promise<void> = Promise.resolve();
  #failed: Error | undefined;

  private constructor(prefix: string, values: Map<string, Uint8Array>) {
    this.#prefix = prefix;
    this.#values = values;
  }

  /** Reads this seat's secrets from IndexedDB. */
  static async open(matchID: string, seat: string): Promise<BrowserKeyStore> {
    const prefix = `${matchID}/${seat}/`;
    const handle = await db();
    // Every key of this seat sorts between the prefix and the prefix followed by U+FFFF.
    const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    const tx = handle.transaction(STORE, 'readonly');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range)]);
    await tx.done;
    const map = new Map<string, Uint8Array>();
    keys.forEach((key, i) => {
      const value: unknown = values[i];
      if (typeof key === 'string' && value instanceof Uint8Array) map.set(key.slice(prefix.length), value);
    });
    return new BrowserKeyStore(prefix, map);
  }

  get(name: string): Uint8Array | undefined {
    return this.#values.get(name);
  }

  set(name: string, value: Uint8Array): void {
    const copy = Uint8Array.from(value);
    this.#values.set(name, copy);
    this.#writes = this.#writes
      .then(async () => {
        const handle = await db();
        await handle.put(STORE, copy, this.#prefix + name);
      })
      .catch((error: unknown) => {
        this.#failed = error instanceof Error ? error : new Error(String(error));
      });
  }

  names(): string[] {
    return [...this.#values.keys()];
  }

  /** Resolves once every write so far has reached IndexedDB; rejects if one failed. */
  async flushed(): Promise<void> {
    await this.#writes;
    if (this.#failed) throw this.#failed;
  }

  /** How many secrets this browser holds for the seat (none when it opened: a new device). */
  get size(): number {
    return this.#values.size;
  }
}

/** Opens the key store of one seat of one match in this browser. */
export function openBrowserKeyStore(matchID: string, seat: string): Promise<BrowserKeyStore> {
  return BrowserKeyStore.open(matchID, seat);
}

/** Forgets every secret of one match in this browser (when the player leaves the table). */
export async function forgetMatchKeys(matchID: string): Promise<void> {
  const handle = await db();
  const prefix = `${matchID}/`;
  await handle.delete(STORE, IDBKeyRange.bound(prefix, `${prefix}\uffff`));
}
