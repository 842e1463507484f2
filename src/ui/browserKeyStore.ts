/**
 * A seat's key store in this browser: the device's secrets never leave it
 * (architecture.md). Kept in localStorage under one prefix per match and seat, so a
 * reload keeps the device; a new browser is a new device. (The later table UI moves
 * this to IndexedDB; the KeyStore interface stays.)
 * @module
 */
import { fromHex, toHex } from '../crypto/index.ts';
import type { KeyStore } from '../device/index.ts';

/** The key store of one seat of one match in this browser. */
export class BrowserKeyStore implements KeyStore {
  readonly #prefix: string;

  constructor(matchID: string, seat: string) {
    this.#prefix = `going-dark/keys/${matchID}/${seat}/`;
  }

  get(name: string): Uint8Array | undefined {
    const hex = localStorage.getItem(this.#prefix + name);
    return hex === null ? undefined : fromHex(hex);
  }

  set(name: string, value: Uint8Array): void {
    localStorage.setItem(this.#prefix + name, toHex(value));
  }

  names(): string[] {
    const out: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(this.#prefix)) out.push(key.slice(this.#prefix.length));
    }
    return out;
  }
}
