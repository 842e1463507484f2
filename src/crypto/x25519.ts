import { getCryptoBackend } from './backend.ts';
import { assertBytes } from './bytes.ts';
import { CryptoError, ensure } from './errors.ts';
import { toHex } from './hex.ts';
import { x25519PublicKey } from './hpke/dhkem.ts';
import type { X25519KeyPair } from './hpke/index.ts';
import { KeyCache } from './keyCache.ts';
import { type RandomSource, secureRandom } from './random.ts';

/** X25519 key sizes (RFC 7748 §5). */
export const X25519_BYTES = 32;

/** A fixed clamped scalar used only to test public keys for low order. */
const PROBE_SCALAR = new Uint8Array(32).fill(0x55);
const P = 2n ** 255n - 19n;

/**
 * Generates an X25519 key pair for HPKE (RFC 7748 §6.1; the secret is 32 random bytes,
 * clamped on use).
 * @param random - the random source (default: the platform CSPRNG)
 */
export function generateHpkeKeyPair(random: RandomSource = secureRandom): X25519KeyPair {
  const secretKey = random(X25519_BYTES);
  return { secretKey, publicKey: x25519PublicKey(secretKey) };
}

/** Public keys that passed {@link assertHpkePublicKey}, by hex (each check costs an X25519). */
const validHpkeKeys = new KeyCache<true>();

/**
 * Checks an X25519 public key before it is registered or sealed to: canonical (high
 * bit clear and u < p, RFC 7748 §5) and not of low order — any clamped scalar times a
 * low-order point gives the all-zero output that RFC 7748 §6.1 says to refuse, and
 * that every backend's X25519 refuses (backend.ts). Keys that pass are remembered (a
 * bounded cache), so checking the same key again is cheap.
 * @param publicKey - the 32-byte key
 * @throws CryptoError `bad-key` or `low-order-key`
 */
export function assertHpkePublicKey(publicKey: Uint8Array): void {
  assertBytes(publicKey, X25519_BYTES, 'X25519 public key');
  const hex = toHex(publicKey);
  if (validHpkeKeys.get(hex)) return;
  let u = 0n;
  for (let i = X25519_BYTES - 1; i >= 0; i--) u = (u << 8n) | BigInt(publicKey[i] as number);
  ensure(u < P, 'bad-key', 'X25519 public key is not canonical (u ≥ 2^255 − 19)');
  let lowOrder = false;
  try {
    getCryptoBackend().x25519(PROBE_SCALAR, publicKey);
  } catch (e) {
    if (!(e instanceof CryptoError && e.code === 'low-order-key')) throw e;
    lowOrder = true;
  }
  ensure(!lowOrder, 'low-order-key', 'X25519 public key is of low order');
  validHpkeKeys.set(hex, true);
}
