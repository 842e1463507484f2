/**
 * Checks RFC 9180 test vectors (the JSON format of the RFC's published
 * test-vectors.json) against src/crypto/hpke. A vector may omit intermediate fields;
 * every field that is present is checked.
 */
import { readFileSync } from 'node:fs';
import { fromHex, toHex } from '../../src/crypto/hex.ts';
import {
  AEAD_ID,
  aeadOpenAt,
  aeadSealAt,
  computeNonce,
  decap,
  deriveKeyPair,
  encap,
  HpkeContext,
  KDF_ID,
  KEM_ID,
  keySchedule,
  MODE_BASE,
  x25519PublicKey,
} from '../../src/crypto/hpke/index.ts';

export interface HpkeVectorEncryption {
  sequence_number: number;
  pt?: string;
  aad: string;
  nonce?: string;
  ct: string;
}

export interface HpkeVectorExport {
  exporter_context: string;
  L: number;
  exported_value: string;
}

export interface HpkeVector {
  mode: number;
  kem_id: number;
  kdf_id: number;
  aead_id: number;
  info: string;
  ikmE?: string;
  pkEm?: string;
  skEm?: string;
  ikmR?: string;
  pkRm?: string;
  skRm?: string;
  enc?: string;
  shared_secret?: string;
  key_schedule_context?: string;
  secret?: string;
  key?: string;
  base_nonce?: string;
  exporter_secret?: string;
  encryptions?: HpkeVectorEncryption[];
  exports?: HpkeVectorExport[];
}

/** True for vectors of the one suite and mode this project implements. */
export function isOurSuite(v: HpkeVector): boolean {
  return v.mode === MODE_BASE && v.kem_id === KEM_ID && v.kdf_id === KDF_ID && v.aead_id === AEAD_ID;
}

/** Reads a vector file: either `{ vectors: [...] }` or a bare array (the RFC's own file). */
export function readVectorFile(path: string): HpkeVector[] {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (Array.isArray(parsed)) return parsed as HpkeVector[];
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { vectors?: unknown }).vectors)) {
    return (parsed as { vectors: HpkeVector[] }).vectors;
  }
  throw new Error(`${path}: expected an array of vectors or { "vectors": [...] }`);
}

/**
 * Checks one vector; returns the list of mismatches (empty when it passes) and the
 * number of fields that were checked.
 */
export function checkVector(v: HpkeVector): { failures: string[]; checked: number } {
  const failures: string[] = [];
  let checked = 0;
  const expect = (field: string, actual: Uint8Array | undefined, wanted: string | undefined) => {
    if (wanted === undefined || actual === undefined) return;
    checked++;
    if (toHex(actual) !== wanted) failures.push(`${field}: expected ${wanted}, got ${toHex(actual)}`);
  };
  const attempt = (field: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      failures.push(`${field}: ${(e as Error).message}`);
    }
  };
  const info = fromHex(v.info, undefined, 'info');

  // Keys from ikm (RFC 9180 §7.1.3 DeriveKeyPair).
  let pkR = v.pkRm === undefined ? undefined : fromHex(v.pkRm, 32, 'pkRm');
  let skR = v.skRm === undefined ? undefined : fromHex(v.skRm, 32, 'skRm');
  if (v.ikmE !== undefined) {
    attempt('ikmE', () => {
      const e = deriveKeyPair(fromHex(v.ikmE));
      expect('skEm', e.secretKey, v.skEm);
      expect('pkEm', e.publicKey, v.pkEm);
    });
  }
  if (v.skEm !== undefined) expect('pkEm (from skEm)', x25519PublicKey(fromHex(v.skEm, 32)), v.pkEm);
  if (v.ikmR !== undefined) {
    attempt('ikmR', () => {
      const r = deriveKeyPair(fromHex(v.ikmR));
      expect('skRm', r.secretKey, v.skRm);
      expect('pkRm', r.publicKey, v.pkRm);
      skR ??= r.secretKey;
      pkR ??= r.publicKey;
    });
  }
  if (skR !== undefined) {
    const derived = x25519PublicKey(skR);
    expect('pkRm (from skRm)', derived, v.pkRm);
    pkR ??= derived;
  }

  // Encap and Decap (RFC 9180 §4.1).
  let sharedSecret: Uint8Array | undefined;
  let enc = v.enc === undefined ? undefined : fromHex(v.enc, 32, 'enc');
  if (v.ikmE !== undefined && pkR !== undefined) {
    const r = pkR;
    attempt('encap', () => {
      const out = encap(r, fromHex(v.ikmE));
      expect('enc', out.enc, v.enc);
      expect('shared_secret (encap)', out.sharedSecret, v.shared_secret);
      sharedSecret = out.sharedSecret;
      enc ??= out.enc;
    });
  }
  if (enc !== undefined && skR !== undefined && pkR !== undefined) {
    const pair = { secretKey: skR, publicKey: pkR };
    const e = enc;
    attempt('decap', () => {
      const ss = decap(e, pair);
      expect('shared_secret (decap)', ss, v.shared_secret);
      sharedSecret ??= ss;
    });
  }
  if (sharedSecret === undefined && v.shared_secret !== undefined) sharedSecret = fromHex(v.shared_secret, 32);
  if (sharedSecret === undefined) {
    failures.push('vector gives no way to the shared secret (needs ikmE+pkRm, enc+skRm, or shared_secret)');
    return { failures, checked };
  }

  // Key schedule (RFC 9180 §5.1).
  const ks = keySchedule(sharedSecret, info);
  expect('key_schedule_context', ks.keyScheduleContext, v.key_schedule_context);
  expect('secret', ks.secret, v.secret);
  expect('key', ks.key, v.key);
  expect('base_nonce', ks.baseNonce, v.base_nonce);
  expect('exporter_secret', ks.exporterSecret, v.exporter_secret);

  // Each encryption both ways (RFC 9180 §5.2).
  for (const [i, e] of (v.encryptions ?? []).entries()) {
    const label = `encryptions[${i}] (seq ${e.sequence_number})`;
    attempt(label, () => {
      const aad = fromHex(e.aad, undefined, 'aad');
      const ct = fromHex(e.ct, undefined, 'ct');
      expect(`${label}.nonce`, computeNonce(ks.baseNonce, e.sequence_number), e.nonce);
      if (e.pt !== undefined) expect(`${label}.ct (seal)`, aeadSealAt(ks, e.sequence_number, aad, fromHex(e.pt)), e.ct);
      const pt = aeadOpenAt(ks, e.sequence_number, aad, ct);
      expect(`${label}.pt (open)`, pt, e.pt ?? toHex(pt));
      if (e.pt === undefined) checked++;
    });
  }

  // Secret export (RFC 9180 §5.3).
  const context = new HpkeContext(ks, 'recipient');
  for (const [i, x] of (v.exports ?? []).entries()) {
    attempt(`exports[${i}]`, () => {
      expect(`exports[${i}]`, context.export(fromHex(x.exporter_context), x.L), x.exported_value);
    });
  }
  return { failures, checked };
}
