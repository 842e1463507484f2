import { sha256 } from '@noble/hashes/sha2.js';
import { getCryptoBackend } from './backend.ts';
import { type FrameField, frame } from './frame.ts';
import { KEY_BYTES, SUITE } from './suite.ts';

/**
 * HKDF-SHA256 (RFC 5869 §2) with the info field `frame(suite, label)`: the one way
 * this protocol derives a key or a commitment from a secret.
 * @param secret - the input keying material (a root, SIM key or backup key)
 * @param salt - the per-item salt (message, backup or line id)
 * @param label - the purpose, e.g. "content-key" or "key-commitment"
 * @param length - output length in bytes (32 unless stated)
 */
export function deriveKey(secret: Uint8Array, salt: Uint8Array, label: string, length = KEY_BYTES): Uint8Array {
  return hkdfExpand(hkdfExtract(salt, secret), frame(SUITE, label), length);
}

/** HKDF-Extract with SHA-256 (RFC 5869 §2.2), on the current backend (backend.ts). */
export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return getCryptoBackend().hkdfExtract(salt, ikm);
}

/** HKDF-Expand with SHA-256 (RFC 5869 §2.3), on the current backend (backend.ts). */
export function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  return getCryptoBackend().hkdfExpand(prk, info, length);
}

/**
 * SHA-256 (FIPS 180-4) of a canonical frame of `fields`.
 * @param fields - the framed fields
 */
export function hashFrame(...fields: readonly FrameField[]): Uint8Array {
  return sha256(frame(...fields));
}
