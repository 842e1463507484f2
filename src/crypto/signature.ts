import { ed25519 } from '@noble/curves/ed25519.js';
import { getCryptoBackend } from './backend.ts';
import { assertBytes } from './bytes.ts';
import { CryptoError, ensure } from './errors.ts';
import { toHex } from './hex.ts';
import { KeyCache } from './keyCache.ts';
import { type RandomSource, secureRandom } from './random.ts';

/** Ed25519 secret key size (RFC 8032 §5.1.5). */
export const SIG_SECRET_BYTES = 32;
/** Ed25519 public key size (RFC 8032 §5.1.5). */
export const SIG_PUBLIC_BYTES = 32;
/** Ed25519 signature size (RFC 8032 §5.1.6). */
export const SIGNATURE_BYTES = 64;

/** An Ed25519 signing key pair (RFC 8032 §5.1.5). */
export interface SigningKeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/**
 * Generates an Ed25519 key pair (RFC 8032 §5.1.5) from 32 random bytes.
 * @param random - the random source (default: the platform CSPRNG)
 */
export function generateSigningKeyPair(random: RandomSource = secureRandom): SigningKeyPair {
  return signingKeyPairFromSecret(random(SIG_SECRET_BYTES));
}

/**
 * Rebuilds an Ed25519 key pair from its stored 32-byte secret (RFC 8032 §5.1.5).
 * @param secretKey - the secret key
 */
export function signingKeyPairFromSecret(secretKey: Uint8Array): SigningKeyPair {
  assertBytes(secretKey, SIG_SECRET_BYTES, 'Ed25519 secret key');
  return { secretKey, publicKey: getCryptoBackend().ed25519PublicKey(secretKey) };
}

/**
 * Public keys that passed {@link assertSigningPublicKey}, by hex: every client
 * verifies many signatures under few keys, and decoding a point costs a square root.
 */
const validSigningKeys = new KeyCache<true>();

/**
 * Checks that an Ed25519 public key is a canonical encoding (RFC 8032 §5.1.3, strict:
 * y < p) of a point that is not of small order. A small-order key (the identity
 * included) lets one signature verify for any message, so it is refused at
 * registration; noble's `isValidPublicKey` alone does not catch it. Keys that pass
 * are remembered (a bounded cache), so checking the same key again is cheap.
 * @param publicKey - the 32-byte key
 * @throws CryptoError `bad-key` or `small-order-key`
 */
export function assertSigningPublicKey(publicKey: Uint8Array): void {
  assertBytes(publicKey, SIG_PUBLIC_BYTES, 'Ed25519 public key');
  const hex = toHex(publicKey);
  if (validSigningKeys.get(hex)) return;
  let point: ReturnType<typeof ed25519.Point.fromBytes>;
  try {
    point = ed25519.Point.fromBytes(publicKey, false);
  } catch {
    throw new CryptoError('bad-key', 'Ed25519 public key is not a valid point encoding');
  }
  ensure(!point.isSmallOrder(), 'small-order-key', 'Ed25519 public key is of small order');
  validSigningKeys.set(hex, true);
}

/** p = 2^255 − 19 and L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const P_LE = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 0xed : i === 31 ? 0x7f : 0xff));
const L_LE = Uint8Array.from([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0x10,
]);

/** True when the 32 little-endian bytes of `a` at `offset` (top bit masked if `mask`) are below `limit`. */
function belowLE(a: Uint8Array, offset: number, limit: Uint8Array, mask: boolean): boolean {
  for (let i = 31; i >= 0; i--) {
    const byte = (a[offset + i] as number) & (mask && i === 31 ? 0x7f : 0xff);
    const bound = limit[i] as number;
    if (byte !== bound) return byte < bound;
  }
  return false;
}

/**
 * The encoding checks RFC 8032 §5.1.7 asks for, made on the bytes before any curve
 * arithmetic, so that every backend sees only canonical input: R's y below p, R not
 * the "negative zero" (x = 0 with the sign bit set, y = ±1), and s below L.
 */
function canonicalSignature(signature: Uint8Array): boolean {
  if (!belowLE(signature, 0, P_LE, true)) return false;
  if ((signature[31] as number) & 0x80) {
    // y = 1 or y = p − 1 (the points with x = 0) cannot carry a set sign bit.
    let one = signature[0] === 0x01;
    let minusOne = signature[0] === 0xec;
    for (let i = 1; i < 31; i++) {
      one &&= signature[i] === 0x00;
      minusOne &&= signature[i] === 0xff;
    }
    one &&= signature[31] === 0x80;
    minusOne &&= signature[31] === 0xff;
    if (one || minusOne) return false;
  }
  return belowLE(signature, 32, L_LE, false);
}

/**
 * Signs a message with Ed25519 (RFC 8032 §5.1.6).
 * @param message - the framed bytes to sign
 * @param secretKey - the 32-byte secret key
 */
export function sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  assertBytes(message, undefined, 'message');
  assertBytes(secretKey, SIG_SECRET_BYTES, 'Ed25519 secret key');
  return getCryptoBackend().ed25519Sign(message, secretKey);
}

/**
 * Verifies an Ed25519 signature strictly: RFC 8032 §5.1.7 with canonical encodings of
 * A, R and s, never under a small-order public key — so the identity-point signature
 * that verifies any message is refused — and with the cofactorless equation
 * [s]B = R + [k]A, which every backend checks identically (backend.ts).
 * @param signature - the 64-byte signature
 * @param message - the framed bytes that were signed
 * @param publicKey - the signer's 32-byte public key
 * @returns true only for a valid signature; false for anything malformed
 */
export function verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_BYTES) return false;
  if (!(message instanceof Uint8Array)) return false;
  try {
    assertSigningPublicKey(publicKey);
    if (!canonicalSignature(signature)) return false;
    return getCryptoBackend().ed25519Verify(signature, message, publicKey);
  } catch {
    return false;
  }
}
