/**
 * The hot primitives of the protocol behind one small interface, so that a Node
 * process (the game server, the bots, the simulator, the benchmark) can run them on
 * OpenSSL while the browser keeps the audited pure-JavaScript code.
 *
 * - {@link nobleBackend} is the default and the reference: @noble/curves,
 *   @noble/ciphers and @noble/hashes, plus this project's X25519 ladder
 *   (`x25519Ladder.ts`). **The browser always uses it**: no browser code calls
 *   {@link setCryptoBackend}.
 * - `nodeBackend.ts` implements the same interface over `node:crypto`; a Node entry
 *   point installs it with `installNativeCrypto(nodeCrypto)`. test/crypto/backend.test.ts
 *   checks that both give the same bytes and the same verdicts.
 *
 * Only the primitives whose speed matters are here: X25519, Ed25519, the
 * ChaCha20-Poly1305 of HPKE, and HMAC-SHA256 as HKDF. XChaCha20-Poly1305 (OpenSSL has
 * none), SHA-256 and the seeded random stream stay on noble in every process.
 * Callers in `src/crypto` validate lengths and keys before calling a backend; the
 * backends still fail closed on anything unexpected.
 * @module
 */
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { expand, extract } from '@noble/hashes/hkdf.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { equalBytes } from './bytes.ts';
import { CryptoError } from './errors.ts';
import { toHex } from './hex.ts';
import { KeyCache } from './keyCache.ts';
import { x25519Ladder } from './x25519Ladder.ts';

/** The primitives a backend provides. All inputs and outputs are plain `Uint8Array`s. */
export interface CryptoBackend {
  /** A short name for logs and benchmarks ("noble", "node"). */
  readonly name: string;
  /**
   * X25519(scalar, u) (RFC 7748 §5): the scalar is clamped and the top bit of `u`
   * masked; a non-canonical `u` (≥ p) is reduced.
   * @throws CryptoError `low-order-key` when the output is all zero (RFC 7748 §6.1)
   */
  x25519(scalar: Uint8Array, u: Uint8Array): Uint8Array;
  /** X25519(scalar, 9): the public key of a 32-byte X25519 secret key (RFC 7748 §6.1). */
  x25519Base(scalar: Uint8Array): Uint8Array;
  /** The Ed25519 public key of a 32-byte secret key (RFC 8032 §5.1.5). */
  ed25519PublicKey(secretKey: Uint8Array): Uint8Array;
  /** The deterministic Ed25519 signature of `message` (RFC 8032 §5.1.6). */
  ed25519Sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  /**
   * Raw Ed25519 verification (RFC 8032 §5.1.7) with the cofactorless equation the RFC
   * allows: true iff s < L, A decodes, and encode([s]B − [k]A) equals the R bytes.
   * Backends may differ on inputs `signature.ts` refuses before calling: a key with
   * y ≥ p (OpenSSL reduces it, noble refuses it) and small-order keys (neither refuses
   * them here). Never throws.
   */
  ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** ChaCha20-Poly1305 (RFC 8439 §2.8) with a 32-byte key and 12-byte nonce: ciphertext ‖ tag. */
  chacha20poly1305Seal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /**
   * ChaCha20-Poly1305 decryption.
   * @throws CryptoError `decrypt-failed` on a bad tag
   */
  chacha20poly1305Open(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array;
  /** HKDF-Extract with SHA-256 (RFC 5869 §2.2); an empty salt means 32 zero bytes. */
  hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Uint8Array;
  /** HKDF-Expand with SHA-256 (RFC 5869 §2.3), `length` ≤ 255 × 32. */
  hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array;
}

type EdPoint = ReturnType<typeof ed25519.Point.fromBytes>;

/** L, the order of the Ed25519 base point (RFC 8032 §5.1). */
const ED25519_L = ed25519.Point.Fn.ORDER;

function numberLE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] as number);
  return n;
}

/** Decoded Ed25519 public keys: decompression (a square root) is paid once per key. */
const decodedKeys = new KeyCache<EdPoint>();

function decodeEd25519(publicKey: Uint8Array): EdPoint {
  const hex = toHex(publicKey);
  let point = decodedKeys.get(hex);
  if (point === undefined) {
    point = ed25519.Point.fromBytes(publicKey, false);
    decodedKeys.set(hex, point);
  }
  return point;
}

/**
 * Cofactorless RFC 8032 verification over noble's curve arithmetic, the same equation
 * OpenSSL checks, so that both backends agree on every input (noble's own
 * `ed25519.verify` checks the cofactored equation, which also accepts an R or A with a
 * small-order component; see test/crypto/backend.test.ts).
 */
function nobleEd25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  const r = signature.subarray(0, 32);
  const s = numberLE(signature.subarray(32, 64));
  if (s >= ED25519_L) return false;
  let a: EdPoint;
  try {
    a = decodeEd25519(publicKey);
  } catch {
    return false;
  }
  const k = numberLE(sha512.create().update(r).update(publicKey).update(message).digest()) % ED25519_L;
  const check = ed25519.Point.BASE.multiplyUnsafe(s).subtract(a.multiplyUnsafe(k));
  return equalBytes(check.toBytes(), r);
}

/** The reference backend: pure JavaScript, the only one the browser ever uses. */
export const nobleBackend: CryptoBackend = Object.freeze({
  name: 'noble',
  x25519: x25519Ladder,
  // noble computes a public key on the Edwards curve with cached base-point tables.
  x25519Base: (scalar: Uint8Array) => x25519.getPublicKey(scalar),
  ed25519PublicKey: (secretKey: Uint8Array) => ed25519.getPublicKey(secretKey),
  ed25519Sign: (message: Uint8Array, secretKey: Uint8Array) => ed25519.sign(message, secretKey),
  ed25519Verify: nobleEd25519Verify,
  chacha20poly1305Seal: (key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array) =>
    chacha20poly1305(key, nonce, aad).encrypt(plaintext),
  chacha20poly1305Open: (key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array) => {
    try {
      return chacha20poly1305(key, nonce, aad).decrypt(ciphertext);
    } catch {
      throw new CryptoError('decrypt-failed', 'ChaCha20-Poly1305: wrong key or tampered ciphertext');
    }
  },
  hkdfExtract: (salt: Uint8Array, ikm: Uint8Array) => extract(sha256, ikm, salt),
  hkdfExpand: (prk: Uint8Array, info: Uint8Array, length: number) => expand(sha256, prk, info, length),
});

let current: CryptoBackend = nobleBackend;

/** The backend every operation in `src/crypto` currently runs on (noble unless a Node entry point changed it). */
export function getCryptoBackend(): CryptoBackend {
  return current;
}

/**
 * Switches the backend for the whole process. Only Node entry points (and tests)
 * call it — through `installNativeCrypto` in `nodeBackend.ts` — never browser code.
 * @param backend - the backend to use from now on
 * @returns the backend that was in use before
 */
export function setCryptoBackend(backend: CryptoBackend): CryptoBackend {
  const previous = current;
  current = backend;
  return previous;
}

/**
 * Runs `fn` with `backend` installed and restores the previous backend afterwards,
 * even if `fn` throws. For tests and benchmarks.
 * @param backend - the backend to run under
 * @param fn - the work
 */
export function withCryptoBackend<T>(backend: CryptoBackend, fn: () => T): T {
  const previous = setCryptoBackend(backend);
  try {
    return fn();
  } finally {
    setCryptoBackend(previous);
  }
}
