import { getCryptoBackend } from '../backend.ts';
import { assertBytes, concatBytes } from '../bytes.ts';
import { CryptoError } from '../errors.ts';
import { labeledExpand, labeledExtract } from './labeled.ts';
import { KEM_SUITE_ID, N_PK, N_SECRET, N_SK } from './suite.ts';

/** An X25519 key pair as raw 32-byte strings (RFC 7748 §5). */
export interface X25519KeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** The result of {@link encap}: the KEM shared secret and the encapsulated key. */
export interface Encapsulation {
  readonly sharedSecret: Uint8Array;
  readonly enc: Uint8Array;
}

/**
 * X25519 public key of a secret key (RFC 7748 §6.1), on the current backend
 * (backend.ts): noble computes it on the Edwards curve with cached base-point tables
 * (≈3× faster than the ladder), the Node backend with OpenSSL.
 * @param secretKey - 32-byte X25519 secret key
 */
export function x25519PublicKey(secretKey: Uint8Array): Uint8Array {
  assertBytes(secretKey, N_SK, 'X25519 secret key');
  return getCryptoBackend().x25519Base(secretKey);
}

/**
 * RFC 9180 §4.1 DH(sk, pk) for X25519 (RFC 7748 §6.1), refusing an all-zero output:
 * a low-order public key is rejected here (`low-order-key`, on every backend). The
 * protocol's hot spot: the noble backend runs the specialised ladder of
 * `x25519Ladder.ts`, the Node backend OpenSSL.
 * @param secretKey - our 32-byte secret key
 * @param publicKey - their 32-byte public key
 */
export function dh(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  assertBytes(secretKey, N_SK, 'X25519 secret key');
  assertBytes(publicKey, N_PK, 'X25519 public key');
  return getCryptoBackend().x25519(secretKey, publicKey);
}

/**
 * RFC 9180 §7.1.3 DeriveKeyPair(ikm) for X25519:
 * sk = LabeledExpand(LabeledExtract("", "dkp_prk", ikm), "sk", "", Nsk).
 * @param ikm - at least 32 bytes of input keying material
 */
export function deriveKeyPair(ikm: Uint8Array): X25519KeyPair {
  assertBytes(ikm, undefined, 'ikm');
  if (ikm.length < N_SK) throw new CryptoError('bad-length', 'DeriveKeyPair needs at least 32 bytes of ikm');
  const dkpPrk = labeledExtract(KEM_SUITE_ID, new Uint8Array(0), 'dkp_prk', ikm);
  const secretKey = labeledExpand(KEM_SUITE_ID, dkpPrk, 'sk', new Uint8Array(0), N_SK);
  return { secretKey, publicKey: x25519PublicKey(secretKey) };
}

/** RFC 9180 §4.1 ExtractAndExpand(dh, kem_context). */
function extractAndExpand(dhValue: Uint8Array, kemContext: Uint8Array): Uint8Array {
  const eaePrk = labeledExtract(KEM_SUITE_ID, new Uint8Array(0), 'eae_prk', dhValue);
  return labeledExpand(KEM_SUITE_ID, eaePrk, 'shared_secret', kemContext, N_SECRET);
}

/**
 * RFC 9180 §4.1 Encap(pkR), with the ephemeral key pair derived from `ikmE`
 * (§7.1.3), which the caller draws from its random source (or fixes, in a vector).
 * @param recipientPublicKey - pkR
 * @param ikmE - 32 bytes of ephemeral keying material
 */
export function encap(recipientPublicKey: Uint8Array, ikmE: Uint8Array): Encapsulation {
  assertBytes(recipientPublicKey, N_PK, 'recipient public key');
  const ephemeral = deriveKeyPair(ikmE);
  const dhValue = dh(ephemeral.secretKey, recipientPublicKey);
  const enc = ephemeral.publicKey;
  return { sharedSecret: extractAndExpand(dhValue, concatBytes(enc, recipientPublicKey)), enc };
}

/**
 * RFC 9180 §4.1 Decap(enc, skR). The recipient's public key is taken from the key
 * pair rather than recomputed, which saves a scalar multiplication per open.
 * @param enc - the encapsulated key (the sender's ephemeral public key)
 * @param recipient - the recipient's key pair
 */
export function decap(enc: Uint8Array, recipient: X25519KeyPair): Uint8Array {
  assertBytes(enc, N_PK, 'enc');
  const dhValue = dh(recipient.secretKey, enc);
  return extractAndExpand(dhValue, concatBytes(enc, recipient.publicKey));
}
