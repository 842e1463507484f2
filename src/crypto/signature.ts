import { ed25519 } from '@noble/curves/ed25519.js';
import { assertBytes } from './bytes.ts';
import { CryptoError, ensure } from './errors.ts';
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
  const secretKey = random(SIG_SECRET_BYTES);
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

/**
 * Checks that an Ed25519 public key is a canonical encoding (RFC 8032 §5.1.3, strict:
 * y < p) of a point that is not of small order. A small-order key (the identity
 * included) lets one signature verify for any message, so it is refused at
 * registration; noble's `isValidPublicKey` alone does not catch it.
 * @param publicKey - the 32-byte key
 * @throws CryptoError `bad-key` or `small-order-key`
 */
export function assertSigningPublicKey(publicKey: Uint8Array): void {
  assertBytes(publicKey, SIG_PUBLIC_BYTES, 'Ed25519 public key');
  let point: ReturnType<typeof ed25519.Point.fromBytes>;
  try {
    point = ed25519.Point.fromBytes(publicKey, false);
  } catch {
    throw new CryptoError('bad-key', 'Ed25519 public key is not a valid point encoding');
  }
  ensure(!point.isSmallOrder(), 'small-order-key', 'Ed25519 public key is of small order');
}

/**
 * Signs a message with Ed25519 (RFC 8032 §5.1.6).
 * @param message - the framed bytes to sign
 * @param secretKey - the 32-byte secret key
 */
export function sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  assertBytes(message, undefined, 'message');
  assertBytes(secretKey, SIG_SECRET_BYTES, 'Ed25519 secret key');
  return ed25519.sign(message, secretKey);
}

/**
 * Verifies an Ed25519 signature strictly: RFC 8032 §5.1.7 with canonical encodings
 * (`zip215: false`), and never under a small-order public key — so the
 * identity-point signature that verifies any message is refused.
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
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
