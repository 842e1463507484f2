/**
 * Our HPKE (RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 /
 * ChaCha20Poly1305): round trips, contexts, failures and the exporter. The RFC's
 * published vectors are checked separately in test/vectors.
 */
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../src/crypto/bytes.ts';
import { fromHex } from '../../src/crypto/hex.ts';
import {
  deriveKeyPair,
  HpkeContext,
  keySchedule,
  open,
  receiveExport,
  seal,
  sendExport,
  setupBaseR,
  setupBaseS,
  x25519PublicKey,
} from '../../src/crypto/hpke/index.ts';
import { seededRandom } from '../../src/crypto/random.ts';
import { codeOf } from '../support/codeOf.ts';

const random = seededRandom('hpke tests');
const recipient = deriveKeyPair(random(32));
const other = deriveKeyPair(random(32));
const info = utf8('going-dark/v1 test info');
const aad = utf8('associated data');

describe('deriveKeyPair (RFC 9180 §7.1.3)', () => {
  it('is deterministic and gives a matching public key', () => {
    const ikm = random(32);
    const one = deriveKeyPair(ikm);
    expect(deriveKeyPair(ikm)).toEqual(one);
    expect(x25519PublicKey(one.secretKey)).toEqual(one.publicKey);
    expect(deriveKeyPair(random(32)).publicKey).not.toEqual(one.publicKey);
  });

  it('accepts long ikm and refuses ikm shorter than 32 bytes', () => {
    expect(deriveKeyPair(random(64)).publicKey).toHaveLength(32);
    expect(codeOf(() => deriveKeyPair(random(31)))).toBe('bad-length');
  });
});

describe('single-shot seal / open', () => {
  it.each([0, 1, 15, 16, 17, 64, 100, 2048])('round-trips %i bytes', (length) => {
    const pt = random(length);
    const { enc, ct } = seal(recipient.publicKey, info, aad, pt);
    expect(enc).toHaveLength(32);
    expect(ct).toHaveLength(length + 16);
    expect(open(recipient, enc, info, aad, ct)).toEqual(pt);
  });

  it('uses a fresh ephemeral key per seal, or a fixed one from ikmE / a seeded source', () => {
    const pt = utf8('hello');
    const one = seal(recipient.publicKey, info, aad, pt);
    const two = seal(recipient.publicKey, info, aad, pt);
    expect(two.enc).not.toEqual(one.enc);
    expect(two.ct).not.toEqual(one.ct);
    const ikmE = random(32);
    expect(seal(recipient.publicKey, info, aad, pt, { ikmE })).toEqual(
      seal(recipient.publicKey, info, aad, pt, { ikmE }),
    );
    expect(seal(recipient.publicKey, info, aad, pt, { ikmE }).enc).toEqual(deriveKeyPair(ikmE).publicKey);
    const seeded = (s: string) => seal(recipient.publicKey, info, aad, pt, { random: seededRandom(s) });
    expect(seeded('x')).toEqual(seeded('x'));
    expect(seeded('y').enc).not.toEqual(seeded('x').enc);
  });

  it('open with the wrong key, info or aad fails with decrypt-failed', () => {
    const { enc, ct } = seal(recipient.publicKey, info, aad, utf8('secret'));
    expect(codeOf(() => open(other, enc, info, aad, ct))).toBe('decrypt-failed');
    // Right secret key, wrong public key in the pair: the KEM context differs.
    expect(codeOf(() => open({ ...recipient, publicKey: other.publicKey }, enc, info, aad, ct))).toBe('decrypt-failed');
    expect(codeOf(() => open(recipient, enc, utf8('other info'), aad, ct))).toBe('decrypt-failed');
    expect(codeOf(() => open(recipient, enc, new Uint8Array(0), aad, ct))).toBe('decrypt-failed');
    expect(codeOf(() => open(recipient, enc, info, utf8('other aad'), ct))).toBe('decrypt-failed');
    expect(codeOf(() => open(recipient, enc, info, new Uint8Array(0), ct))).toBe('decrypt-failed');
  });

  it('open of a tampered ciphertext or enc fails', () => {
    const { enc, ct } = seal(recipient.publicKey, info, aad, utf8('secret'));
    for (let i = 0; i < ct.length; i += 5) {
      const bad = ct.slice();
      bad[i] = (bad[i] as number) ^ 0x01;
      expect(codeOf(() => open(recipient, enc, info, aad, bad))).toBe('decrypt-failed');
    }
    const otherEnc = deriveKeyPair(random(32)).publicKey;
    expect(codeOf(() => open(recipient, otherEnc, info, aad, ct))).toBe('decrypt-failed');
    expect(codeOf(() => open(recipient, enc, info, aad, ct.subarray(0, 15)))).toBe('bad-length');
    expect(codeOf(() => open(recipient, enc.subarray(0, 31), info, aad, ct))).toBe('bad-length');
  });

  it('refuses a low-order enc with low-order-key', () => {
    const lowOrder = [
      '0000000000000000000000000000000000000000000000000000000000000000', // 0
      '0100000000000000000000000000000000000000000000000000000000000000', // 1
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800', // order 8
      '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157', // order 8
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p − 1 (order 2)
      'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p ≡ 0, non-canonical
      'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p + 1 ≡ 1, non-canonical
    ];
    const ct = new Uint8Array(32);
    for (const hex of lowOrder) {
      expect(
        codeOf(() => open(recipient, fromHex(hex), info, aad, ct)),
        hex,
      ).toBe('low-order-key');
      expect(
        codeOf(() => setupBaseR(fromHex(hex), recipient, info)),
        hex,
      ).toBe('low-order-key');
    }
    // Sealing to a low-order public key is refused the same way.
    expect(codeOf(() => seal(new Uint8Array(32), info, aad, utf8('x')))).toBe('low-order-key');
  });
});

describe('HPKE contexts (RFC 9180 §5.2)', () => {
  it('seals a sequence of messages that the recipient opens in order', () => {
    const { enc, context: sender } = setupBaseS(recipient.publicKey, info);
    const messages = [utf8('first'), new Uint8Array(0), random(300), utf8('fourth')];
    const cts = messages.map((m, i) => sender.seal(utf8(`aad ${i}`), m));
    expect(sender.sequence).toBe(messages.length);
    // The same plaintext at two sequence numbers gives different ciphertexts.
    expect(sender.seal(aad, utf8('first'))).not.toEqual(cts[0]);
    const receiver = setupBaseR(enc, recipient, info);
    expect(receiver.sequence).toBe(0);
    for (const [i, ct] of cts.entries()) expect(receiver.open(utf8(`aad ${i}`), ct)).toEqual(messages[i]);
    expect(receiver.sequence).toBe(messages.length);
  });

  it('refuses out-of-order messages and advances only on success', () => {
    const { enc, context: sender } = setupBaseS(recipient.publicKey, info);
    const c0 = sender.seal(aad, utf8('zero'));
    const c1 = sender.seal(aad, utf8('one'));
    const receiver = setupBaseR(enc, recipient, info);
    expect(codeOf(() => receiver.open(aad, c1))).toBe('decrypt-failed');
    expect(receiver.sequence).toBe(0);
    expect(receiver.open(aad, c0)).toEqual(utf8('zero'));
    expect(codeOf(() => receiver.open(aad, c0))).toBe('decrypt-failed'); // replay
    expect(receiver.open(aad, c1)).toEqual(utf8('one'));
  });

  it('the first message of a context equals the single-shot seal with the same ephemeral key', () => {
    const ikmE = random(32);
    const { enc, context } = setupBaseS(recipient.publicKey, info, { ikmE });
    const single = seal(recipient.publicKey, info, aad, utf8('same'), { ikmE });
    expect(single.enc).toEqual(enc);
    expect(context.seal(aad, utf8('same'))).toEqual(single.ct);
  });

  it('a recipient context cannot seal and a sender context cannot open', () => {
    const { enc, context: sender } = setupBaseS(recipient.publicKey, info);
    const receiver = setupBaseR(enc, recipient, info);
    expect(codeOf(() => receiver.seal(aad, utf8('no')))).toBe('bad-input');
    expect(codeOf(() => sender.open(aad, sender.seal(aad, utf8('no'))))).toBe('bad-input');
    const direct = new HpkeContext(keySchedule(new Uint8Array(32), info), 'recipient');
    expect(codeOf(() => direct.seal(aad, utf8('no')))).toBe('bad-input');
  });
});

describe('secret export (RFC 9180 §5.3)', () => {
  it('sender and recipient export the same secret', () => {
    const context = utf8('exporter context');
    const { enc, exported } = sendExport(recipient.publicKey, info, context, 32);
    expect(exported).toHaveLength(32);
    expect(receiveExport(recipient, enc, info, context, 32)).toEqual(exported);
    // Another key, info or exporter context gives a different secret.
    expect(receiveExport(other, enc, info, context, 32)).not.toEqual(exported);
    expect(receiveExport(recipient, enc, utf8('x'), context, 32)).not.toEqual(exported);
    expect(receiveExport(recipient, enc, info, utf8('other'), 32)).not.toEqual(exported);
  });

  it.each([1, 16, 32, 33, 64, 255 * 32])('agrees on both sides for L = %i', (length) => {
    const { enc, context: sender } = setupBaseS(recipient.publicKey, info);
    const receiver = setupBaseR(enc, recipient, info);
    const ctx = random(length % 40);
    const exported = sender.export(ctx, length);
    expect(exported).toHaveLength(length);
    expect(receiver.export(ctx, length)).toEqual(exported);
  });

  it('binds L into the output (LabeledExpand prefixes I2OSP(L, 2)) and does not depend on sealing', () => {
    const { enc, context: sender } = setupBaseS(recipient.publicKey, info);
    const long = sender.export(aad, 64);
    sender.seal(aad, utf8('does not change the exporter'));
    expect(sender.export(aad, 64)).toEqual(long);
    // Not a prefix: a 16-byte export is unrelated to the first 16 bytes of a 64-byte one.
    expect(sender.export(aad, 16)).not.toEqual(long.subarray(0, 16));
    expect(receiveExport(recipient, enc, info, aad, 64)).toEqual(long);
  });

  it('refuses export lengths outside 1 … 255·Nh', () => {
    const { context } = setupBaseS(recipient.publicKey, info);
    for (const bad of [0, -1, 1.5, 255 * 32 + 1]) expect(codeOf(() => context.export(aad, bad))).toBe('bad-input');
  });
});
