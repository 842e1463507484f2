import { getCryptoBackend } from '../backend.ts';
import { assertBytes, concatBytes, i2osp } from '../bytes.ts';
import { CryptoError, ensure } from '../errors.ts';
import { labeledExpand, labeledExtract } from './labeled.ts';
import { HPKE_SUITE_ID, MODE_BASE, N_H, N_K, N_N, N_T } from './suite.ts';

const EMPTY = new Uint8Array(0);
/** psk_id_hash = LabeledExtract("", "psk_id_hash", psk_id) with psk_id = "" in mode_base: a constant. */
const PSK_ID_HASH = labeledExtract(HPKE_SUITE_ID, EMPTY, 'psk_id_hash', EMPTY);

/** The values RFC 9180 §5.1 KeySchedule derives, exposed for vector tests. */
export interface KeyScheduleValues {
  readonly keyScheduleContext: Uint8Array;
  readonly secret: Uint8Array;
  readonly key: Uint8Array;
  readonly baseNonce: Uint8Array;
  readonly exporterSecret: Uint8Array;
}

/**
 * RFC 9180 §5.1 KeySchedule for mode_base (no PSK): derives the AEAD key, base
 * nonce and exporter secret from the KEM shared secret and the application `info`.
 * @param sharedSecret - the KEM shared secret
 * @param info - application context, bound into every key
 */
export function keySchedule(sharedSecret: Uint8Array, info: Uint8Array): KeyScheduleValues {
  assertBytes(info, undefined, 'info');
  const infoHash = labeledExtract(HPKE_SUITE_ID, EMPTY, 'info_hash', info);
  const keyScheduleContext = concatBytes(i2osp(MODE_BASE, 1), PSK_ID_HASH, infoHash);
  const secret = labeledExtract(HPKE_SUITE_ID, sharedSecret, 'secret', EMPTY);
  return {
    keyScheduleContext,
    secret,
    key: labeledExpand(HPKE_SUITE_ID, secret, 'key', keyScheduleContext, N_K),
    baseNonce: labeledExpand(HPKE_SUITE_ID, secret, 'base_nonce', keyScheduleContext, N_N),
    exporterSecret: labeledExpand(HPKE_SUITE_ID, secret, 'exp', keyScheduleContext, N_H),
  };
}

/**
 * RFC 9180 §5.2 ComputeNonce(seq) = base_nonce XOR I2OSP(seq, Nn).
 * @param baseNonce - the context's base nonce
 * @param seq - the message sequence number
 */
export function computeNonce(baseNonce: Uint8Array, seq: number): Uint8Array {
  const seqBytes = i2osp(seq, N_N);
  const nonce = new Uint8Array(N_N);
  for (let i = 0; i < N_N; i++) nonce[i] = (baseNonce[i] as number) ^ (seqBytes[i] as number);
  return nonce;
}

/**
 * An HPKE encryption context (RFC 9180 §5.2): seals or opens messages in sequence and
 * exports secrets (§5.3). A sender context only seals, a recipient context only opens.
 */
export class HpkeContext {
  readonly #values: KeyScheduleValues;
  readonly #role: 'sender' | 'recipient';
  #seq = 0;

  /**
   * @param values - the key schedule's output
   * @param role - which direction this context may be used in
   */
  constructor(values: KeyScheduleValues, role: 'sender' | 'recipient') {
    this.#values = values;
    this.#role = role;
  }

  /** The next sequence number this context will use. */
  get sequence(): number {
    return this.#seq;
  }

  /**
   * RFC 9180 §5.2 ContextS.Seal(aad, pt).
   * @param aad - additional authenticated data
   * @param plaintext - the message
   */
  seal(aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
    ensure(this.#role === 'sender', 'bad-input', 'a recipient context cannot seal');
    const ct = aeadSealAt(this.#values, this.#seq, aad, plaintext);
    this.#seq++;
    return ct;
  }

  /**
   * RFC 9180 §5.2 ContextR.Open(aad, ct); the sequence advances only on success.
   * @param aad - additional authenticated data
   * @param ciphertext - the sealed message
   */
  open(aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
    ensure(this.#role === 'recipient', 'bad-input', 'a sender context cannot open');
    const pt = aeadOpenAt(this.#values, this.#seq, aad, ciphertext);
    this.#seq++;
    return pt;
  }

  /**
   * RFC 9180 §5.3 Context.Export(exporter_context, L).
   * @param exporterContext - application context for the exported secret
   * @param length - L, at most 255 × Nh bytes
   */
  export(exporterContext: Uint8Array, length: number): Uint8Array {
    ensure(Number.isInteger(length) && length > 0 && length <= 255 * N_H, 'bad-input', 'export length out of range');
    return labeledExpand(HPKE_SUITE_ID, this.#values.exporterSecret, 'sec', exporterContext, length);
  }
}

/**
 * The AEAD at an explicit sequence number (RFC 9180 §5.2), for vectors that skip numbers.
 * @param values - the key schedule's key and base nonce
 * @param seq - the sequence number
 * @param aad - additional authenticated data
 * @param plaintext - the message
 */
export function aeadSealAt(
  values: Pick<KeyScheduleValues, 'key' | 'baseNonce'>,
  seq: number,
  aad: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  assertBytes(aad, undefined, 'aad');
  assertBytes(plaintext, undefined, 'plaintext');
  return getCryptoBackend().chacha20poly1305Seal(values.key, computeNonce(values.baseNonce, seq), aad, plaintext);
}

/**
 * Opens at an explicit sequence number (RFC 9180 §5.2); throws `decrypt-failed` on a bad tag.
 * @param values - the key schedule's key and base nonce
 * @param seq - the sequence number
 * @param aad - additional authenticated data
 * @param ciphertext - the sealed message
 */
export function aeadOpenAt(
  values: Pick<KeyScheduleValues, 'key' | 'baseNonce'>,
  seq: number,
  aad: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  assertBytes(aad, undefined, 'aad');
  assertBytes(ciphertext, undefined, 'ciphertext');
  ensure(ciphertext.length >= N_T, 'bad-length', 'ciphertext shorter than the tag');
  try {
    return getCryptoBackend().chacha20poly1305Open(values.key, computeNonce(values.baseNonce, seq), aad, ciphertext);
  } catch {
    throw new CryptoError('decrypt-failed', 'HPKE open failed: wrong key, wrong context or tampered ciphertext');
  }
}
