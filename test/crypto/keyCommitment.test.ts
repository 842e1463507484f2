/**
 * Key commitment (protocol.md, "Key commitment (required)"): XChaCha20-Poly1305 alone is
 * not key-committing — the attack helper builds one ciphertext that opens under two keys —
 * and the envelope's signed `commit` is what makes the referee and clients refuse the
 * second key.
 */
import { xchacha20, xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { describe, expect, it } from 'vitest';
import { xopen } from '../../src/crypto/aead.ts';
import { concatBytes, equalBytes } from '../../src/crypto/bytes.ts';
import { createDevice, type DeviceKeys } from '../../src/crypto/device.ts';
import {
  commitmentOf,
  contentKeyOf,
  decodeEnvelope,
  type Envelope,
  openEnvelope,
  openWithRoot,
  verifyEnvelope,
} from '../../src/crypto/envelope.ts';
import { frame, frameList } from '../../src/crypto/frame.ts';
import { toHex } from '../../src/crypto/hex.ts';
import { seal as hpkeSeal } from '../../src/crypto/hpke/index.ts';
import { encodePayload, type MessagePayload } from '../../src/crypto/payload.ts';
import { verifyContentKeyProof } from '../../src/crypto/proofs.ts';
import { seededRandom } from '../../src/crypto/random.ts';
import { sign } from '../../src/crypto/signature.ts';
import { SUITE } from '../../src/crypto/suite.ts';
import { codeOf } from '../support/codeOf.ts';
import { forgeTwoKeyTag, invisibleSalamander } from '../support/keyCommitmentAttack.ts';

describe('the invisible salamander against XChaCha20-Poly1305', () => {
  const random = seededRandom('salamander');

  it.each([0, 1, 15, 16, 17, 100])('one ciphertext opens under two keys (AAD of %i bytes)', (aadLength) => {
    const k1 = random(32);
    const k2 = random(32);
    const nonce = random(24);
    const aad = random(aadLength);
    const sealed = invisibleSalamander(k1, k2, nonce, aad);
    expect(sealed.length).toBe(32 + 16);
    const pt1 = xchacha20poly1305(k1, nonce, aad).decrypt(sealed);
    const pt2 = xchacha20poly1305(k2, nonce, aad).decrypt(sealed);
    expect(pt1.length).toBe(32);
    expect(equalBytes(pt1, pt2)).toBe(false); // two different "messages"
    // Our own wrapper accepts both as well: the AEAD is not key-committing.
    expect(xopen(k1, nonce, aad, sealed)).toEqual(pt1);
    expect(xopen(k2, nonce, aad, sealed)).toEqual(pt2);
  });

  it('is specific to the two keys, the nonce and the AAD', () => {
    const [k1, k2, k3] = [random(32), random(32), random(32)];
    const nonce = random(24);
    const aad = random(20);
    const sealed = invisibleSalamander(k1, k2, nonce, aad);
    expect(codeOf(() => xopen(k3, nonce, aad, sealed))).toBe('decrypt-failed');
    expect(codeOf(() => xopen(k1, random(24), aad, sealed))).toBe('decrypt-failed');
    expect(codeOf(() => xopen(k2, nonce, random(20), sealed))).toBe('decrypt-failed');
  });

  it('refuses two equal keys (there is nothing to solve)', () => {
    const k = random(32);
    expect(() => invisibleSalamander(k, k, random(24), new Uint8Array(0))).toThrow(/same Poly1305 r/);
  });
});

describe('a malicious sender cannot make a second content key count', () => {
  const random = seededRandom('malicious sender');
  const zoePhone: DeviceKeys = createDevice(random); // the sender's signing device
  const zoeLaptop: DeviceKeys = createDevice(random); // the sender's own other device
  const alicePhone: DeviceKeys = createDevice(random); // the honest recipient
  const payload: MessagePayload = { text: 'the shipment moves tonight', plan: { place: 'pier 9', time: '23:00' } };

  /**
   * Builds the envelope the way sealEnvelope does (same header field order), except
   * that the 48-byte "wrap" to the sender's own laptop is free bytes: one of its
   * 16-byte blocks is solved so that the body's tag is valid under the content keys
   * of both root1 and root2. The body itself is an honest encryption of `payload`
   * under root1, so the recipient reads a normal message.
   */
  function maliciousEnvelope() {
    const id = random(16);
    const day = 3;
    const nonce = random(24);
    const root1 = random(32);
    const root2 = random(32);
    const commit = commitmentOf(root1, id);
    const fromDevice = zoePhone.deviceId;
    const wrapInfo = (toAccount: string, toDevice: Uint8Array) =>
      frame(SUITE, 'wrap', id, 'zoe', fromDevice, toAccount, toDevice);
    const toAlice = hpkeSeal(alicePhone.hpke.publicKey, wrapInfo('alice', alicePhone.deviceId), commit, root1, {
      random,
    });
    // Sorted by (account, device): alice < zoe, so the laptop's wrap comes last and its
    // ct is the last 48 bytes of the header.
    const wraps = [
      { account: 'alice', device: alicePhone.deviceId, enc: toAlice.enc, ct: toAlice.ct },
      { account: 'zoe', device: zoeLaptop.deviceId, enc: random(32), ct: new Uint8Array(48) },
    ];
    const draft = frame(
      SUITE,
      'msg',
      id,
      day,
      'zoe',
      fromDevice,
      frameList(['alice']),
      nonce,
      commit,
      frameList(wraps.map((w) => frame(w.account, w.device, w.enc, w.ct))),
    );
    const k1 = contentKeyOf(root1, id);
    const k2 = contentKeyOf(root2, id);
    const plaintext = encodePayload(payload);
    const ct = xchacha20(k1, nonce, plaintext, undefined, 1); // RFC 8439 §2.8: body keystream starts at counter 1
    const firstFree = Math.ceil((draft.length - 48) / 16); // first 16-byte-aligned block inside the laptop's ct
    const forged = forgeTwoKeyTag(
      k1,
      k2,
      nonce,
      draft,
      ct,
      { in: 'aad', block: firstFree + 1 },
      { in: 'aad', block: firstFree },
    );
    const header = forged.aad;
    const laptopCt = header.slice(header.length - 48);
    const body = concatBytes(forged.ct, forged.tag);
    const signature = sign(frame(SUITE, 'sig', header, body), zoePhone.sig.secretKey);
    const envelope: Envelope = {
      id: toHex(id),
      day,
      fromAccount: 'zoe',
      fromDevice: toHex(fromDevice),
      recipients: ['alice'],
      nonce: toHex(nonce),
      commit: toHex(commit),
      wraps: wraps.map((w, i) => ({
        account: w.account,
        device: toHex(w.device),
        enc: toHex(w.enc),
        ct: toHex(i === 1 ? laptopCt : w.ct),
      })),
      body: toHex(body),
      signature: toHex(signature),
    };
    return { envelope, header, body, id, nonce, root1, root2, k2 };
  }

  const attack = maliciousEnvelope();

  it('builds a well-formed, correctly signed envelope whose header is the one the decoder rebuilds', () => {
    const decoded = verifyEnvelope(attack.envelope, zoePhone.sig.publicKey);
    expect(decoded.header).toEqual(attack.header);
    expect(decoded.body).toEqual(attack.body);
  });

  it('the body really opens under both content keys (the AEAD alone would accept root2)', () => {
    const decoded = decodeEnvelope(attack.envelope);
    const k1 = contentKeyOf(attack.root1, attack.id);
    expect(xopen(k1, decoded.nonce, decoded.header, decoded.body)).toEqual(encodePayload(payload));
    const other = xopen(attack.k2, decoded.nonce, decoded.header, decoded.body);
    expect(other.length).toBe(encodePayload(payload).length);
    expect(equalBytes(other, encodePayload(payload))).toBe(false);
  });

  it('the honest recipient opens the message normally with root1', () => {
    const opened = openEnvelope(attack.envelope, { account: 'alice', device: alicePhone }, zoePhone.sig.publicKey);
    expect(opened.payload).toEqual(payload);
    expect(opened.root).toEqual(attack.root1);
    expect(openWithRoot(decodeEnvelope(attack.envelope), attack.root1)).toEqual(payload);
    expect(verifyContentKeyProof(attack.envelope, toHex(attack.root1))).toEqual({ ok: true, plaintext: payload });
  });

  it('root2 is refused by openWithRoot with commitment-mismatch', () => {
    expect(codeOf(() => openWithRoot(decodeEnvelope(attack.envelope), attack.root2))).toBe('commitment-mismatch');
  });

  it('root2 is refused by the referee as a content-key proof with key-mismatch', () => {
    const verdict = verifyContentKeyProof(attack.envelope, toHex(attack.root2));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toBe('key-mismatch');
  });

  it('the commitment is binding: it differs for the two roots', () => {
    expect(equalBytes(commitmentOf(attack.root1, attack.id), commitmentOf(attack.root2, attack.id))).toBe(false);
  });
});
