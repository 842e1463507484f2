/**
 * The same operations built on Node's native `crypto` (OpenSSL): RFC 9180 base mode
 * for DHKEM(X25519, HKDF-SHA256)/HKDF-SHA256/ChaCha20Poly1305, Ed25519, and the SMS
 * hop. Used only by the benchmark, as the speed limit of this machine; checked
 * against our implementation before it is timed.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';

const te = new TextEncoder();
const KEM_SUITE = Buffer.concat([Buffer.from('KEM'), Buffer.from([0x00, 0x20])]);
const HPKE_SUITE = Buffer.concat([Buffer.from('HPKE'), Buffer.from([0x00, 0x20, 0x00, 0x01, 0x00, 0x03])]);
const V1 = Buffer.from('HPKE-v1');
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex');
const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');

const extract = (salt: Uint8Array, ikm: Uint8Array) =>
  createHmac('sha256', salt.length ? salt : Buffer.alloc(32))
    .update(ikm)
    .digest();
function expand(prk: Uint8Array, info: Uint8Array, length: number): Buffer {
  const out: Buffer[] = [];
  let t: Buffer = Buffer.alloc(0);
  for (let i = 1; out.length * 32 < length; i++) {
    t = createHmac('sha256', prk)
      .update(t)
      .update(info)
      .update(Buffer.from([i]))
      .digest();
    out.push(t);
  }
  return Buffer.concat(out).subarray(0, length);
}
const lExtract = (suite: Buffer, salt: Uint8Array, label: string, ikm: Uint8Array) =>
  extract(salt, Buffer.concat([V1, suite, te.encode(label), ikm]));
const lExpand = (suite: Buffer, prk: Uint8Array, label: string, info: Uint8Array, length: number) =>
  expand(prk, Buffer.concat([Buffer.from([length >> 8, length & 255]), V1, suite, te.encode(label), info]), length);

/** Imports a raw X25519 public key. */
export const x25519Public = (raw: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.concat([X25519_SPKI, raw]), format: 'der', type: 'spki' });
/** Imports a raw X25519 secret key. */
export const x25519Private = (raw: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([X25519_PKCS8, raw]), format: 'der', type: 'pkcs8' });
/** Imports a raw Ed25519 public key. */
export const ed25519Public = (raw: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.concat([ED25519_SPKI, raw]), format: 'der', type: 'spki' });

function rawPublic(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(12);
}

function schedule(sharedSecret: Uint8Array, info: Uint8Array) {
  const ctx = Buffer.concat([
    Buffer.from([0]),
    lExtract(HPKE_SUITE, new Uint8Array(0), 'psk_id_hash', new Uint8Array(0)),
    lExtract(HPKE_SUITE, new Uint8Array(0), 'info_hash', info),
  ]);
  const secret = lExtract(HPKE_SUITE, sharedSecret, 'secret', new Uint8Array(0));
  return {
    key: lExpand(HPKE_SUITE, secret, 'key', ctx, 32),
    nonce: lExpand(HPKE_SUITE, secret, 'base_nonce', ctx, 12),
  };
}

function sharedSecretOf(dh: Uint8Array, enc: Uint8Array, pkR: Uint8Array): Buffer {
  const prk = lExtract(KEM_SUITE, new Uint8Array(0), 'eae_prk', dh);
  return lExpand(KEM_SUITE, prk, 'shared_secret', Buffer.concat([enc, pkR]), 32);
}

/** Native RFC 9180 single-shot seal (random ephemeral key from OpenSSL). */
export function nativeSeal(pkR: Uint8Array, pkRKey: KeyObject, info: Uint8Array, aad: Uint8Array, pt: Uint8Array) {
  const eph = generateKeyPairSync('x25519');
  const enc = rawPublic(eph.publicKey);
  const dh = diffieHellman({ privateKey: eph.privateKey, publicKey: pkRKey });
  const { key, nonce } = schedule(sharedSecretOf(dh, enc, pkR), info);
  const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  c.setAAD(aad, { plaintextLength: pt.length });
  const ct = Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
  return { enc, ct };
}

/** Native RFC 9180 single-shot open. */
export function nativeOpen(
  skR: KeyObject,
  pkR: Uint8Array,
  enc: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  ct: Uint8Array,
) {
  const dh = diffieHellman({ privateKey: skR, publicKey: x25519Public(enc) });
  const { key, nonce } = schedule(sharedSecretOf(dh, enc, pkR), info);
  const d = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  d.setAAD(aad, { plaintextLength: ct.length - 16 });
  d.setAuthTag(ct.subarray(ct.length - 16));
  return Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]);
}

/** Native Ed25519 signature. */
export const nativeSign = (message: Uint8Array, key: KeyObject) => sign(null, message, key);
/** Native Ed25519 verification. */
export const nativeVerify = (signature: Uint8Array, message: Uint8Array, key: KeyObject) =>
  verify(null, message, key, signature);

/** Native SMS hop: HKDF the two hop keys, ChaCha20-Poly1305 open then seal (OpenSSL has no XChaCha). */
export function nativeTranscrypt(
  kiFrom: Uint8Array,
  kiTo: Uint8Array,
  id: Uint8Array,
  aad: Uint8Array,
  ct: Uint8Array,
) {
  const up = Buffer.from(hkdfSync('sha256', kiFrom, id, 'sms-up', 32));
  const down = Buffer.from(hkdfSync('sha256', kiTo, id, 'sms-down', 32));
  const nonce = Buffer.alloc(12);
  const d = createDecipheriv('chacha20-poly1305', up, nonce, { authTagLength: 16 });
  d.setAAD(aad, { plaintextLength: ct.length - 16 });
  d.setAuthTag(ct.subarray(ct.length - 16));
  const pt = Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]);
  const c = createCipheriv('chacha20-poly1305', down, nonce, { authTagLength: 16 });
  c.setAAD(aad, { plaintextLength: pt.length });
  return Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
}

/** Seals the SMS uplink the native way, to feed {@link nativeTranscrypt}. */
export function nativeUplink(kiFrom: Uint8Array, id: Uint8Array, aad: Uint8Array, pt: Uint8Array) {
  const up = Buffer.from(hkdfSync('sha256', kiFrom, id, 'sms-up', 32));
  const c = createCipheriv('chacha20-poly1305', up, Buffer.alloc(12), { authTagLength: 16 });
  c.setAAD(aad, { plaintextLength: pt.length });
  return Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
}
