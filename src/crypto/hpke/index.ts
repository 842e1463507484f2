/**
 * HPKE base mode (RFC 9180 §5.1.1) for the single suite this protocol uses:
 * DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / ChaCha20Poly1305. It wraps keys to
 * devices and seals handovers.
 * @module
 */
import { assertBytes } from '../bytes.ts';
import { type RandomSource, secureRandom } from '../random.ts';
import { decap, encap, type X25519KeyPair } from './dhkem.ts';
import { HpkeContext, keySchedule } from './keySchedule.ts';
import { N_SK } from './suite.ts';

export { decap, deriveKeyPair, dh, encap, type X25519KeyPair, x25519PublicKey } from './dhkem.ts';
export {
  aeadOpenAt,
  aeadSealAt,
  computeNonce,
  HpkeContext,
  type KeyScheduleValues,
  keySchedule,
} from './keySchedule.ts';
export { AEAD_ID, KDF_ID, KEM_ID, MODE_BASE } from './suite.ts';

/** Options for the sender side: where the ephemeral key material comes from. */
export interface SenderOptions {
  /** Random source for the ephemeral key (default: the platform CSPRNG). */
  readonly random?: RandomSource;
  /** Fixed ephemeral ikm, for published test vectors only. */
  readonly ikmE?: Uint8Array;
}

/** The sealed output of {@link seal}: the encapsulated key and the ciphertext. */
export interface Sealed {
  readonly enc: Uint8Array;
  readonly ct: Uint8Array;
}

/**
 * RFC 9180 §5.1.1 SetupBaseS(pkR, info).
 * @param recipientPublicKey - pkR, 32 bytes
 * @param info - application info
 * @param options - ephemeral key source
 */
export function setupBaseS(
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  options: SenderOptions = {},
): { enc: Uint8Array; context: HpkeContext } {
  const ikmE = options.ikmE ?? (options.random ?? secureRandom)(N_SK);
  const { sharedSecret, enc } = encap(recipientPublicKey, ikmE);
  return { enc, context: new HpkeContext(keySchedule(sharedSecret, info), 'sender') };
}

/**
 * RFC 9180 §5.1.1 SetupBaseR(enc, skR, info).
 * @param enc - the encapsulated key
 * @param recipient - the recipient's key pair
 * @param info - application info
 */
export function setupBaseR(enc: Uint8Array, recipient: X25519KeyPair, info: Uint8Array): HpkeContext {
  return new HpkeContext(keySchedule(decap(enc, recipient), info), 'recipient');
}

/**
 * RFC 9180 §6.1 single-shot Seal: seals one plaintext to one public key.
 * @param recipientPublicKey - pkR
 * @param info - application info (bound into the key)
 * @param aad - additional authenticated data
 * @param plaintext - the message
 * @param options - ephemeral key source
 */
export function seal(
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
  options: SenderOptions = {},
): Sealed {
  assertBytes(plaintext, undefined, 'plaintext');
  const { enc, context } = setupBaseS(recipientPublicKey, info, options);
  return { enc, ct: context.seal(aad, plaintext) };
}

/**
 * RFC 9180 §6.1 single-shot Open. Throws `decrypt-failed` when the key, info or aad
 * do not match, `low-order-key` for a degenerate `enc`.
 * @param recipient - the recipient's key pair
 * @param enc - the encapsulated key
 * @param info - application info
 * @param aad - additional authenticated data
 * @param ciphertext - the sealed message
 */
export function open(
  recipient: X25519KeyPair,
  enc: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  return setupBaseR(enc, recipient, info).open(aad, ciphertext);
}

/**
 * RFC 9180 §6.2 single-shot secret export, sender side.
 * @param recipientPublicKey - pkR
 * @param info - application info
 * @param exporterContext - exporter context
 * @param length - L
 * @param options - ephemeral key source
 */
export function sendExport(
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  exporterContext: Uint8Array,
  length: number,
  options: SenderOptions = {},
): { enc: Uint8Array; exported: Uint8Array } {
  const { enc, context } = setupBaseS(recipientPublicKey, info, options);
  return { enc, exported: context.export(exporterContext, length) };
}

/**
 * RFC 9180 §6.2 single-shot secret export, recipient side.
 * @param recipient - the recipient's key pair
 * @param enc - the encapsulated key
 * @param info - application info
 * @param exporterContext - exporter context
 * @param length - L
 */
export function receiveExport(
  recipient: X25519KeyPair,
  enc: Uint8Array,
  info: Uint8Array,
  exporterContext: Uint8Array,
  length: number,
): Uint8Array {
  return setupBaseR(enc, recipient, info).export(exporterContext, length);
}
