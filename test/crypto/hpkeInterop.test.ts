/**
 * Interop with an independent RFC 9180 implementation (hpke-js: @hpke/core with the
 * @hpke/dhkem-x25519 KEM and the @hpke/chacha20poly1305 AEAD), both directions, for
 * DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / ChaCha20Poly1305 in base mode.
 */
import { Chacha20Poly1305 } from '@hpke/chacha20poly1305';
import { CipherSuite, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import { expand } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, i2osp, utf8 } from '../../src/crypto/bytes.ts';
import { toHex } from '../../src/crypto/hex.ts';
import {
  AEAD_ID,
  deriveKeyPair,
  encap,
  KDF_ID,
  KEM_ID,
  keySchedule,
  open,
  receiveExport,
  seal,
  sendExport,
  setupBaseR,
  setupBaseS,
  type X25519KeyPair,
} from '../../src/crypto/hpke/index.ts';
import { seededRandom } from '../../src/crypto/random.ts';

const suite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Chacha20Poly1305(),
});

const random = seededRandom('hpke interop');
const ikmR = random(32);
const ours: X25519KeyPair = deriveKeyPair(ikmR);
const info = utf8('going-dark/v1 interop');
const aad = utf8('interop aad');
const sizes = [0, 1, 100, 2048];

const bytes = (b: ArrayBuffer): Uint8Array => new Uint8Array(b);

/** Their recipient key pair, imported from our raw key bytes. */
async function theirKeyPair(pair: X25519KeyPair): Promise<CryptoKeyPair> {
  return {
    privateKey: await suite.kem.deserializePrivateKey(pair.secretKey),
    publicKey: await suite.kem.deserializePublicKey(pair.publicKey),
  };
}

describe('hpke-js and our HPKE agree on the suite', () => {
  it('uses the same algorithm identifiers', () => {
    expect(suite.kem.id).toBe(KEM_ID);
    expect(suite.kdf.id).toBe(KDF_ID);
    expect(suite.aead.id).toBe(AEAD_ID);
  });

  it('their deriveKeyPair(ikm) gives our key pair', async () => {
    for (const ikm of [ikmR, random(32), random(64)]) {
      const theirs = await suite.kem.deriveKeyPair(ikm);
      const mine = deriveKeyPair(ikm);
      expect(bytes(await suite.kem.serializePublicKey(theirs.publicKey))).toEqual(mine.publicKey);
      expect(bytes(await suite.kem.serializePrivateKey(theirs.privateKey))).toEqual(mine.secretKey);
    }
  });

  it('sealing with the same ephemeral ikm gives byte-identical enc and ct', async () => {
    const ikmE = random(32);
    const pt = utf8('deterministic');
    const mine = seal(ours.publicKey, info, aad, pt, { ikmE });
    const recipientPublicKey = await suite.kem.deserializePublicKey(ours.publicKey);
    const theirs = await suite.seal({ recipientPublicKey, info, ekm: ikmE }, pt, aad);
    expect(bytes(theirs.enc)).toEqual(mine.enc);
    expect(bytes(theirs.ct)).toEqual(mine.ct);
  });
});

describe('theirs opens ours', () => {
  it.each(sizes)('single-shot, %i-byte plaintext', async (length) => {
    const pt = random(length);
    const { enc, ct } = seal(ours.publicKey, info, aad, pt);
    const recipientKey = await theirKeyPair(ours);
    expect(bytes(await suite.open({ recipientKey, enc, info }, ct, aad))).toEqual(pt);
  });

  it('with a key pair imported through importKey("raw") and with the private key alone', async () => {
    const pt = utf8('imported');
    const { enc, ct } = seal(ours.publicKey, info, aad, pt);
    const privateKey = await suite.kem.importKey('raw', ours.secretKey.slice().buffer, false);
    const publicKey = await suite.kem.importKey('raw', ours.publicKey.slice().buffer, true);
    expect(bytes(await suite.open({ recipientKey: { privateKey, publicKey }, enc, info }, ct, aad))).toEqual(pt);
    // hpke-js derives pkR from the private key when given only that.
    expect(bytes(await suite.open({ recipientKey: privateKey, enc, info }, ct, aad))).toEqual(pt);
  });

  it('their open refuses our ciphertext under the wrong info or aad', async () => {
    const { enc, ct } = seal(ours.publicKey, info, aad, utf8('x'));
    const recipientKey = await theirKeyPair(ours);
    await expect(suite.open({ recipientKey, enc, info: utf8('other') }, ct, aad)).rejects.toThrow();
    await expect(suite.open({ recipientKey, enc, info }, ct, utf8('other'))).rejects.toThrow();
  });

  it('a multi-message context, in sequence', async () => {
    const { enc, context } = setupBaseS(ours.publicKey, info);
    const messages = sizes.map((n) => random(n));
    const cts = messages.map((m, i) => context.seal(utf8(`aad ${i}`), m));
    const receiver = await suite.createRecipientContext({ recipientKey: await theirKeyPair(ours), enc, info });
    for (const [i, ct] of cts.entries()) expect(bytes(await receiver.open(ct, utf8(`aad ${i}`)))).toEqual(messages[i]);
  });

  it('exporter: their recipient context exports what our sender exported', async () => {
    const exporterContext = utf8('exporter context');
    for (const length of [1, 32, 64, 255]) {
      const { enc, exported } = sendExport(ours.publicKey, info, exporterContext, length);
      const receiver = await suite.createRecipientContext({ recipientKey: await theirKeyPair(ours), enc, info });
      expect(bytes(await receiver.export(exporterContext, length))).toEqual(exported);
    }
  });
});

describe('ours opens theirs', () => {
  it.each(sizes)('single-shot suite.seal, %i-byte plaintext', async (length) => {
    const pt = random(length);
    const recipientPublicKey = await suite.kem.deserializePublicKey(ours.publicKey);
    const { enc, ct } = await suite.seal({ recipientPublicKey, info }, pt, aad);
    expect(open(ours, bytes(enc), info, aad, bytes(ct))).toEqual(pt);
  });

  it('to a key pair hpke-js derived itself', async () => {
    const ikm = random(32);
    const theirs = await suite.kem.deriveKeyPair(ikm);
    const { enc, ct } = await suite.seal({ recipientPublicKey: theirs.publicKey, info }, utf8('derived'), aad);
    expect(open(deriveKeyPair(ikm), bytes(enc), info, aad, bytes(ct))).toEqual(utf8('derived'));
  });

  it('a multi-message sender context, in sequence', async () => {
    const recipientPublicKey = await suite.kem.deserializePublicKey(ours.publicKey);
    const sender = await suite.createSenderContext({ recipientPublicKey, info });
    const messages = sizes.map((n) => random(n));
    const cts: Uint8Array[] = [];
    for (const [i, m] of messages.entries()) cts.push(bytes(await sender.seal(m, utf8(`aad ${i}`))));
    const receiver = setupBaseR(bytes(sender.enc), ours, info);
    for (const [i, ct] of cts.entries()) expect(receiver.open(utf8(`aad ${i}`), ct)).toEqual(messages[i]);
  });

  it('exporter: our receiveExport matches their sender context export', async () => {
    const recipientPublicKey = await suite.kem.deserializePublicKey(ours.publicKey);
    const sender = await suite.createSenderContext({ recipientPublicKey, info });
    const enc = bytes(sender.enc);
    for (const [exporterContext, length] of [
      [new Uint8Array(0), 32],
      [utf8('exporter context'), 16],
      [random(100), 255],
    ] as const) {
      const theirs = bytes(await sender.export(exporterContext, length));
      expect(receiveExport(ours, enc, info, exporterContext, length)).toEqual(theirs);
    }
  });
});

/**
 * Exports of L ≥ 256 bytes do not interoperate with hpke-js 1.x (@hpke/common 1.10.1):
 * its `buildLabeledInfo` writes the length prefix as `new Uint8Array([0, len])`, i.e.
 * [0, L mod 256] instead of RFC 9180 §4's I2OSP(L, 2). Every L the protocol itself uses
 * (Nk, Nn, Nh, Nsecret) is below 256, so only the exporter can hit it. This test pins
 * ours to the RFC formula and records which of the two formulas hpke-js follows.
 */
describe('exporter lengths of 256 bytes and more', () => {
  const HPKE_SUITE_ID = concatBytes(utf8('HPKE'), i2osp(KEM_ID, 2), i2osp(KDF_ID, 2), i2osp(AEAD_ID, 2));
  /** RFC 9180 §4 LabeledExpand(exporter_secret, "sec", ctx, L) with a chosen 2-byte length prefix. */
  const labeledExpand = (secret: Uint8Array, ctx: Uint8Array, length: number, prefix: Uint8Array) =>
    expand(sha256, secret, concatBytes(prefix, utf8('HPKE-v1'), HPKE_SUITE_ID, utf8('sec'), ctx), length);

  it.each([256, 1000, 255 * 32])(
    'L = %i: ours follows I2OSP(L, 2); hpke-js is either that or [0, L mod 256]',
    async (length) => {
      const ikmE = random(32);
      const exporterContext = utf8('long export');
      const { enc, exported } = sendExport(ours.publicKey, info, exporterContext, length, { ikmE });
      const { exporterSecret } = keySchedule(encap(ours.publicKey, ikmE).sharedSecret, info);
      expect(exported).toEqual(labeledExpand(exporterSecret, exporterContext, length, i2osp(length, 2)));
      const receiver = await suite.createRecipientContext({ recipientKey: await theirKeyPair(ours), enc, info });
      const theirs = bytes(await receiver.export(exporterContext, length));
      const quirk = labeledExpand(exporterSecret, exporterContext, length, new Uint8Array([0, length % 256]));
      expect([toHex(exported), toHex(quirk)]).toContain(toHex(theirs));
    },
  );
});
