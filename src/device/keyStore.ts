/**
 * Where a seat's secrets live: on its own device (architecture.md). The browser keeps
 * them in IndexedDB, the server's bot host in its own table; this interface is what
 * the device layer needs, and {@link MemoryKeyStore} is the in-memory store tests,
 * bots and the simulator use.
 * @module
 */
import {
  createDevice,
  type DeviceKeys,
  deviceFromSecrets,
  fromHex,
  generateSigningKeyPair,
  type RandomSource,
  type SigningKeyPair,
  signingKeyPairFromSecret,
  toHex,
} from '../crypto/index.ts';

/** A named store of secret byte strings, private to one seat. */
export interface KeyStore {
  get(name: string): Uint8Array | undefined;
  set(name: string, value: Uint8Array): void;
  names(): string[];
}

/** A key store in memory: lost when the process ends. */
export class MemoryKeyStore implements KeyStore {
  readonly #values = new Map<string, Uint8Array>();

  get(name: string): Uint8Array | undefined {
    return this.#values.get(name);
  }

  set(name: string, value: Uint8Array): void {
    this.#values.set(name, Uint8Array.from(value));
  }

  names(): string[] {
    return [...this.#values.keys()];
  }
}

/** Saves a device's keys under `name` (both secret keys; the public keys are derived). */
export function saveDevice(store: KeyStore, name: string, device: DeviceKeys): void {
  store.set(`${name}/hpke`, device.hpke.secretKey);
  store.set(`${name}/sig`, device.sig.secretKey);
}

/** Loads a device saved with {@link saveDevice}, or makes and saves a new one. */
export function loadOrCreateDevice(store: KeyStore, name: string, random?: RandomSource): DeviceKeys {
  const hpke = store.get(`${name}/hpke`);
  const sig = store.get(`${name}/sig`);
  if (hpke && sig) return deviceFromSecrets(hpke, sig);
  const device = createDevice(random);
  saveDevice(store, name, device);
  return device;
}

/** Hex of a stored secret, for moves that carry a key as proof. */
export function secretHex(store: KeyStore, name: string): string | undefined {
  const v = store.get(name);
  return v ? toHex(v) : undefined;
}

/** Stores a secret given in hex. */
export function setHex(store: KeyStore, name: string, hex: string): void {
  store.set(name, fromHex(hex, 32));
}

/** Loads the Ed25519 key pair stored under `name` (a court or log-signing key), or makes and saves one. */
export function loadOrCreateSigningKey(store: KeyStore, name: string, random?: RandomSource): SigningKeyPair {
  const saved = store.get(name);
  if (saved) return signingKeyPairFromSecret(saved);
  const key = generateSigningKeyPair(random);
  store.set(name, key.secretKey);
  return key;
}
