/**
 * Devices and registration (protocol.md, "Device and directory"; "Primitives": Ed25519
 * strict verification, small-order Ed25519 and low-order X25519 keys refused).
 */
import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, utf8 } from '../../src/crypto/bytes.ts';
import {
  createDevice,
  deviceIdOf,
  type RegistrationRecord,
  signRegistration,
  verifyRegistration,
} from '../../src/crypto/device.ts';
import { frame } from '../../src/crypto/frame.ts';
import { fromHex, toHex } from '../../src/crypto/hex.ts';
import { seededRandom } from '../../src/crypto/random.ts';
import { assertSigningPublicKey, sign, verify } from '../../src/crypto/signature.ts';
import { assertHpkePublicKey } from '../../src/crypto/x25519.ts';
import { codeOf } from '../support/codeOf.ts';

const random = seededRandom('device tests');
const alice = createDevice(random);
const other = createDevice(random);
const record = signRegistration(alice, '+1-555-0100', 'phone', 3);

/** Flips the lowest bit of the first byte of a hex string. */
function flipHex(hex: string): string {
  const b = fromHex(hex);
  b[0] = (b[0] as number) ^ 1;
  return toHex(b);
}

/** The group order L of Ed25519 (RFC 8032 §5.1). */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

describe('createDevice and deviceIdOf', () => {
  it('derives deviceId as the first 16 bytes of SHA-256(frame(suite, "device", sigPub, hpkePub))', () => {
    const expected = sha256(frame('going-dark/v1', 'device', alice.sig.publicKey, alice.hpke.publicKey)).slice(0, 16);
    expect(alice.deviceId).toEqual(expected);
    expect(deviceIdOf(alice.sig.publicKey, alice.hpke.publicKey)).toEqual(expected);
  });

  it('binds the order of the keys: swapping sigPub and hpkePub changes the id', () => {
    expect(deviceIdOf(alice.hpke.publicKey, alice.sig.publicKey)).not.toEqual(alice.deviceId);
  });

  it('is reproducible from a seed and different across seeds', () => {
    expect(createDevice(seededRandom('same')).deviceId).toEqual(createDevice(seededRandom('same')).deviceId);
    expect(createDevice(seededRandom('one')).deviceId).not.toEqual(createDevice(seededRandom('two')).deviceId);
  });

  it('makes keys that pass the registration key checks', () => {
    expect(() => assertHpkePublicKey(alice.hpke.publicKey)).not.toThrow();
    expect(() => assertSigningPublicKey(alice.sig.publicKey)).not.toThrow();
  });
});

describe('signRegistration / verifyRegistration', () => {
  it('produces a record, in lowercase hex, that verifies', () => {
    expect(record).toMatchObject({
      account: '+1-555-0100',
      kind: 'phone',
      day: 3,
      deviceId: toHex(alice.deviceId),
      hpkePub: toHex(alice.hpke.publicKey),
      sigPub: toHex(alice.sig.publicKey),
    });
    expect(record.signature).toMatch(/^[0-9a-f]{128}$/);
    expect(() => verifyRegistration(record)).not.toThrow();
  });

  it('refuses a record moved to another account', () => {
    expect(codeOf(() => verifyRegistration({ ...record, account: '+1-555-0199' }))).toBe('bad-signature');
  });

  it('refuses a deviceId that is not derived from the keys', () => {
    expect(codeOf(() => verifyRegistration({ ...record, deviceId: flipHex(record.deviceId) }))).toBe('bad-input');
  });

  it('refuses a substituted hpkePub or sigPub (the id no longer matches)', () => {
    const hpkePub = toHex(other.hpke.publicKey);
    const sigPub = toHex(other.sig.publicKey);
    expect(codeOf(() => verifyRegistration({ ...record, hpkePub }))).toBe('bad-input');
    expect(codeOf(() => verifyRegistration({ ...record, sigPub }))).toBe('bad-input');
  });

  it('refuses a substituted hpkePub even with a recomputed deviceId (the signature covers it)', () => {
    const hpkePub = toHex(other.hpke.publicKey);
    const deviceId = toHex(deviceIdOf(alice.sig.publicKey, other.hpke.publicKey));
    expect(codeOf(() => verifyRegistration({ ...record, hpkePub, deviceId }))).toBe('bad-signature');
  });

  it('refuses a substituted sigPub with a recomputed deviceId (signed by someone else)', () => {
    const sigPub = toHex(other.sig.publicKey);
    const deviceId = toHex(deviceIdOf(other.sig.publicKey, alice.hpke.publicKey));
    expect(codeOf(() => verifyRegistration({ ...record, sigPub, deviceId }))).toBe('bad-signature');
  });

  it('refuses an altered signature, or one the device made for another account', () => {
    expect(codeOf(() => verifyRegistration({ ...record, signature: flipHex(record.signature) }))).toBe('bad-signature');
    const elsewhere = signRegistration(alice, '+1-555-0142', 'phone', 3);
    expect(codeOf(() => verifyRegistration({ ...record, signature: elsewhere.signature }))).toBe('bad-signature');
  });

  it('refuses uppercase hex in any key field', () => {
    for (const field of ['deviceId', 'hpkePub', 'sigPub', 'signature'] as const) {
      const tampered = { ...record, [field]: record[field].toUpperCase() };
      expect(
        codeOf(() => verifyRegistration(tampered)),
        field,
      ).toBe('bad-hex');
    }
  });

  it('refuses malformed records', () => {
    expect(codeOf(() => verifyRegistration(null as unknown as RegistrationRecord))).toBe('bad-input');
    expect(codeOf(() => verifyRegistration({ ...record, account: '' }))).toBe('bad-input');
    expect(codeOf(() => verifyRegistration({ ...record, day: -1 }))).toBe('bad-input');
    expect(codeOf(() => verifyRegistration({ ...record, signature: record.signature.slice(2) }))).toBe('bad-length');
  });
});

describe('X25519 public keys: low-order points refused (RFC 7748 §6.1, libsodium blocklist)', () => {
  const lowOrder = {
    'u = 0': '00'.repeat(32),
    'u = 1': `01${'00'.repeat(31)}`,
    'order-8 point (a)': 'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
    'order-8 point (b)': '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
    'u = p − 1': `ec${'ff'.repeat(30)}7f`,
  };
  for (const [name, hex] of Object.entries(lowOrder)) {
    it(`refuses ${name} as low-order-key`, () => {
      expect(codeOf(() => assertHpkePublicKey(fromHex(hex)))).toBe('low-order-key');
    });
  }

  const nonCanonical = {
    'u = p': `ed${'ff'.repeat(30)}7f`,
    'u = p + 1': `ee${'ff'.repeat(30)}7f`,
    'u = 2^255 − 1': `${'ff'.repeat(31)}7f`,
    '0 with the high bit set': `${'00'.repeat(31)}80`,
    'order-8 point (a) with the high bit set': 'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880',
    'a valid key with the high bit set': toHex(concatBytes(alice.hpke.publicKey.slice(0, 31), new Uint8Array([0x80]))),
  };
  for (const [name, hex] of Object.entries(nonCanonical)) {
    it(`refuses ${name} as bad-key (not canonical)`, () => {
      expect(codeOf(() => assertHpkePublicKey(fromHex(hex)))).toBe('bad-key');
    });
  }

  it('refuses a key of the wrong length', () => {
    expect(codeOf(() => assertHpkePublicKey(new Uint8Array(31)))).toBe('bad-length');
  });

  it('refuses a registration whose hpkePub is a low-order point', () => {
    const hpkePub = fromHex('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800');
    const deviceId = deviceIdOf(alice.sig.publicKey, hpkePub);
    const message = frame('going-dark/v1', 'register', record.account, deviceId, hpkePub, alice.sig.publicKey);
    const forged = {
      ...record,
      deviceId: toHex(deviceId),
      hpkePub: toHex(hpkePub),
      signature: toHex(sign(message, alice.sig.secretKey)),
    };
    expect(codeOf(() => verifyRegistration(forged))).toBe('low-order-key');
  });
});

describe('Ed25519 public keys: small-order points refused', () => {
  it('the torsion list has the 8 distinct points of the 8-torsion subgroup', () => {
    expect(new Set(ED25519_TORSION_SUBGROUP).size).toBe(8);
    for (const hex of ED25519_TORSION_SUBGROUP) expect(ed25519.Point.fromHex(hex).isSmallOrder()).toBe(true);
  });

  for (const [i, hex] of ED25519_TORSION_SUBGROUP.entries()) {
    it(`refuses torsion point #${i} (${hex.slice(0, 8)}…) as a signing key and in a registration`, () => {
      const sigPub = fromHex(hex);
      expect(codeOf(() => assertSigningPublicKey(sigPub))).toBe('small-order-key');
      // The identity-point signature R = identity, s = 0 satisfies the cofactored equation for these keys.
      const signature = concatBytes(fromHex(ED25519_TORSION_SUBGROUP[0] as string), new Uint8Array(32));
      const forged: RegistrationRecord = {
        ...record,
        sigPub: hex,
        deviceId: toHex(deviceIdOf(sigPub, alice.hpke.publicKey)),
        signature: toHex(signature),
      };
      expect(codeOf(() => verifyRegistration(forged))).toBe('small-order-key');
    });
  }

  it('refuses non-canonical encodings as bad-key', () => {
    // y = p + 1 (the identity, unreduced) and y = 1 with the sign bit set (x = 0 cannot be negative).
    expect(codeOf(() => assertSigningPublicKey(fromHex(`ee${'ff'.repeat(30)}7f`)))).toBe('bad-key');
    expect(codeOf(() => assertSigningPublicKey(fromHex(`01${'00'.repeat(30)}80`)))).toBe('bad-key');
  });
});

describe('Ed25519 verification is strict', () => {
  const identity = fromHex(`01${'00'.repeat(31)}`);
  const identitySignature = concatBytes(identity, new Uint8Array(32));

  it('refuses the identity-point signature under the identity key, for any message', () => {
    for (const message of [new Uint8Array(0), utf8('transfer everything'), random(100)]) {
      // Permissive (ZIP-215) verification accepts it: the attack is real.
      expect(ed25519.verify(identitySignature, message, identity, { zip215: true })).toBe(true);
      expect(verify(identitySignature, message, identity)).toBe(false);
    }
  });

  it('accepts a genuine signature and refuses it over another message', () => {
    const message = utf8('hello');
    const signature = sign(message, alice.sig.secretKey);
    expect(verify(signature, message, alice.sig.publicKey)).toBe(true);
    expect(verify(signature, utf8('hellO'), alice.sig.publicKey)).toBe(false);
    expect(verify(signature, message, other.sig.publicKey)).toBe(false);
  });

  it('refuses a malleated signature with non-canonical s + L', () => {
    const message = utf8('pay 10');
    const signature = sign(message, alice.sig.secretKey);
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i] as number);
    let t = s + L;
    const malleated = signature.slice();
    for (let i = 32; i < 64; i++) {
      malleated[i] = Number(t & 0xffn);
      t >>= 8n;
    }
    expect(t).toBe(0n); // s + L still fits in 32 bytes
    expect(malleated).not.toEqual(signature);
    expect(verify(malleated, message, alice.sig.publicKey)).toBe(false);
  });

  it('returns false, never throws, for malformed inputs', () => {
    const message = utf8('x');
    const signature = sign(message, alice.sig.secretKey);
    expect(verify(signature.slice(0, 63), message, alice.sig.publicKey)).toBe(false);
    expect(verify(signature, message, alice.sig.publicKey.slice(0, 31))).toBe(false);
    expect(verify(null as unknown as Uint8Array, message, alice.sig.publicKey)).toBe(false);
    expect(verify(signature, 'x' as unknown as Uint8Array, alice.sig.publicKey)).toBe(false);
  });
});
