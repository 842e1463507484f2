import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { assertBytes } from './bytes.ts';
import { CryptoError, ensure } from './errors.ts';
import { KEY_BYTES, TAG_BYTES, XNONCE_BYTES } from './suite.ts';

/**
 * XChaCha20-Poly1305 encryption (draft-irtf-cfrg-xchacha-03 §2, over RFC 8439 §2.8),
 * used for message bodies, SMS hops and backups with a 24-byte random nonce.
 * @param key - 32-byte key
 * @param nonce - 24-byte nonce
 * @param aad - additional authenticated data (the framed header)
 * @param plaintext - the bytes to encrypt
 * @returns ciphertext followed by the 16-byte tag
 */
export function xseal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  assertBytes(key, KEY_BYTES, 'key');
  assertBytes(nonce, XNONCE_BYTES, 'nonce');
  return xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
}

/**
 * XChaCha20-Poly1305 decryption; throws `decrypt-failed` on a wrong key or any tampering.
 * The AEAD is not key-committing: callers check a key commitment first.
 * @param key - 32-byte key
 * @param nonce - 24-byte nonce
 * @param aad - additional authenticated data
 * @param ciphertext - ciphertext followed by the tag
 */
export function xopen(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  assertBytes(key, KEY_BYTES, 'key');
  assertBytes(nonce, XNONCE_BYTES, 'nonce');
  ensure(ciphertext.length >= TAG_BYTES, 'bad-length', 'ciphertext shorter than the tag');
  try {
    return xchacha20poly1305(key, nonce, aad).decrypt(ciphertext);
  } catch {
    throw new CryptoError('decrypt-failed', 'decryption failed: wrong key or tampered ciphertext');
  }
}
