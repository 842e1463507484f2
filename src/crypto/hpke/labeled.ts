import { concatBytes, i2osp, utf8 } from '../bytes.ts';
import { hkdfExpand, hkdfExtract } from '../kdf.ts';

const HPKE_V1 = utf8('HPKE-v1');

/**
 * RFC 9180 §4: LabeledExtract(salt, label, ikm) =
 * Extract(salt, concat("HPKE-v1", suite_id, label, ikm)).
 * @param suiteId - the KEM or HPKE suite_id
 * @param salt - HKDF salt (may be empty)
 * @param label - the RFC's label, e.g. "eae_prk"
 * @param ikm - input keying material
 */
export function labeledExtract(suiteId: Uint8Array, salt: Uint8Array, label: string, ikm: Uint8Array): Uint8Array {
  return hkdfExtract(salt, concatBytes(HPKE_V1, suiteId, utf8(label), ikm));
}

/**
 * RFC 9180 §4: LabeledExpand(prk, label, info, L) =
 * Expand(prk, concat(I2OSP(L, 2), "HPKE-v1", suite_id, label, info), L).
 * @param suiteId - the KEM or HPKE suite_id
 * @param prk - pseudorandom key from {@link labeledExtract}
 * @param label - the RFC's label, e.g. "shared_secret"
 * @param info - context bytes
 * @param length - L, the output length
 */
export function labeledExpand(
  suiteId: Uint8Array,
  prk: Uint8Array,
  label: string,
  info: Uint8Array,
  length: number,
): Uint8Array {
  return hkdfExpand(prk, concatBytes(i2osp(length, 2), HPKE_V1, suiteId, utf8(label), info), length);
}
