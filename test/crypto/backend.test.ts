/**
 * The two crypto backends (src/crypto/backend.ts): noble, the reference and the
 * browser's, and node:crypto (src/crypto/nodeBackend.ts). They must agree byte for
 * byte on every output and verdict for verdict on every check, so that a message made
 * in a browser opens on a server and a signature refused in one is refused in the other.
 */
import * as nodeCrypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ED25519_TORSION_SUBGROUP, ed25519, x25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CryptoBackend,
  getCryptoBackend,
  nobleBackend,
  setCryptoBackend,
  withCryptoBackend,
} from '../../src/crypto/backend.ts';
import { concatBytes, utf8 } from '../../src/crypto/bytes.ts';
import {
  createDevice,
  type DeviceKeys,
  devicePublicKeys,
  signRegistration,
  verifyRegistration,
} from '../../src/crypto/device.ts';
import { openEnvelope, sealEnvelope, type WrapTarget } from '../../src/crypto/envelope.ts';
import { CryptoError } from '../../src/crypto/errors.ts';
import { fromHex, toHex } from '../../src/crypto/hex.ts';
import {
  aeadOpenAt,
  aeadSealAt,
  dh,
  open as hpkeOpen,
  seal as hpkeSeal,
  x25519PublicKey,
} from '../../src/crypto/hpke/index.ts';
import { KeyCache } from '../../src/crypto/keyCache.ts';
import { createNodeBackend, installNativeCrypto } from '../../src/crypto/nodeBackend.ts';
import { seededRandom } from '../../src/crypto/random.ts';
import { assertSigningPublicKey, sign, verify } from '../../src/crypto/signature.ts';
import { assertHpkePublicKey } from '../../src/crypto/x25519.ts';
import { checkVector, isOurSuite, readVectorFile } from '../support/hpkeVectors.ts';
import { buildProtocolVectors } from '../support/protocolVectors.ts';

const here = dirname(fileURLToPath(import.meta.url));
const native = createNodeBackend(nodeCrypto);
const BACKENDS: readonly CryptoBackend[] = [nobleBackend, native];

afterEach(() => {
  setCryptoBackend(nobleBackend);
});

/** fast-check settings: fixed seeds, so a failure reproduces. */
const runs = (seed: number, numRuns = 150) => ({ seed, numRuns });
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

/** The output as hex, or the CryptoError code it threw (anything else fails the test). */
function outcome(run: () => Uint8Array | boolean): string {
  try {
    const out = run();
    return typeof out === 'boolean' ? String(out) : toHex(out);
  } catch (e) {
    expect(e).toBeInstanceOf(CryptoError);
    return `error:${(e as CryptoError).code}`;
  }
}

/** 'true' when the check passes, else the CryptoError code it threw. */
const verdictOf = (run: () => void): string =>
  outcome(() => {
    run();
    return true;
  });

/** The same computation under each backend. */
const underEach = <T>(run: () => T): T[] => BACKENDS.map((b) => withCryptoBackend(b, run));

const P = 2n ** 255n - 19n;
const L = ed25519.Point.Fn.ORDER;
function le32(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = n;
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
function numberLE(b: Uint8Array): bigint {
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i] as number);
  return n;
}

describe('the backend switch', () => {
  it('defaults to noble and is restored after each test', () => {
    expect(getCryptoBackend()).toBe(nobleBackend);
    expect(getCryptoBackend().name).toBe('noble');
  });

  it('installNativeCrypto installs the node backend and returns the previous one', () => {
    expect(installNativeCrypto(nodeCrypto)).toBe(nobleBackend);
    expect(getCryptoBackend().name).toBe('node');
  });

  it('withCryptoBackend restores the previous backend even when the work throws', () => {
    expect(() =>
      withCryptoBackend(native, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(getCryptoBackend()).toBe(nobleBackend);
  });

  it('native outputs are plain Uint8Arrays, never Buffers (Buffer.slice would alias)', () => {
    const k = seededRandom('plain')(32);
    const outputs = [
      native.x25519Base(k),
      native.x25519(k, nobleBackend.x25519Base(k)),
      native.ed25519PublicKey(k),
      native.ed25519Sign(utf8('m'), k),
      native.chacha20poly1305Seal(k, k.subarray(0, 12), utf8('a'), utf8('p')),
      native.hkdfExtract(new Uint8Array(0), k),
      native.hkdfExpand(k, utf8('i'), 42),
    ];
    for (const out of outputs) expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype);
  });
});

describe('X25519: byte-for-byte equal', () => {
  it('x25519(k, u) on random scalars and u-coordinates (top bit set or not)', () => {
    fc.assert(
      fc.property(bytes(32), bytes(32), (k, u) => {
        expect(outcome(() => native.x25519(k, u))).toBe(outcome(() => nobleBackend.x25519(k, u)));
      }),
      runs(7748),
    );
  });

  it('x25519(k, u) on non-canonical u = p + i (i < 19), with and without the top bit', () => {
    fc.assert(
      fc.property(bytes(32), fc.integer({ min: 0, max: 18 }), fc.boolean(), (k, i, top) => {
        const u = le32(P + BigInt(i) + (top ? 2n ** 255n : 0n));
        const out = outcome(() => nobleBackend.x25519(k, u));
        expect(outcome(() => native.x25519(k, u))).toBe(out);
        // Reduced mod p, as RFC 7748 §5 asks: the same as the canonical u = i.
        expect(outcome(() => nobleBackend.x25519(k, le32(BigInt(i))))).toBe(out);
      }),
      runs(5, 60),
    );
  });

  // The low-order u-coordinates of Curve25519 (and p, p + 1), each also with the top bit set.
  const lowOrder = [
    '0000000000000000000000000000000000000000000000000000000000000000',
    '0100000000000000000000000000000000000000000000000000000000000000',
    'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
    '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  ].flatMap((hex) => {
    const high = fromHex(hex);
    high[31] = (high[31] as number) | 0x80;
    return [hex, toHex(high)];
  });

  it.each(lowOrder)('low-order u %s: both refuse with low-order-key', (hex) => {
    const random = seededRandom(`low-order ${hex}`);
    for (let i = 0; i < 4; i++) {
      const k = random(32);
      for (const b of BACKENDS) expect(outcome(() => b.x25519(k, fromHex(hex)))).toBe('error:low-order-key');
      // Through the HPKE DH and the registration check as well.
      expect(underEach(() => outcome(() => dh(k, fromHex(hex))))).toEqual([
        'error:low-order-key',
        'error:low-order-key',
      ]);
    }
    const expected = numberLE(fromHex(hex)) < P ? 'error:low-order-key' : 'error:bad-key';
    expect(underEach(() => verdictOf(() => assertHpkePublicKey(fromHex(hex))))).toEqual([expected, expected]);
  });

  it('x25519Base(k) on random scalars equals noble’s and X25519(k, 9)', () => {
    const nine = le32(9n);
    fc.assert(
      fc.property(bytes(32), (k) => {
        const pub = toHex(nobleBackend.x25519Base(k));
        expect(toHex(native.x25519Base(k))).toBe(pub);
        expect(toHex(native.x25519(k, nine))).toBe(pub);
        expect(toHex(x25519.getPublicKey(k))).toBe(pub);
      }),
      runs(9),
    );
  });

  it('a shared secret computed on one backend matches the other’s', () => {
    fc.assert(
      fc.property(bytes(32), bytes(32), (a, b) => {
        const aPub = withCryptoBackend(nobleBackend, () => x25519PublicKey(a));
        const bPub = withCryptoBackend(native, () => x25519PublicKey(b));
        expect(toHex(withCryptoBackend(native, () => dh(a, bPub)))).toBe(
          toHex(withCryptoBackend(nobleBackend, () => dh(b, aPub))),
        );
      }),
      runs(61, 60),
    );
  });

  it('the native secret-key cache follows the bytes, not just the array', () => {
    const k = seededRandom('mutate')(32);
    const before = toHex(native.x25519Base(k));
    k[0] = (k[0] as number) ^ 0x40;
    expect(toHex(native.x25519Base(k))).toBe(toHex(nobleBackend.x25519Base(k)));
    expect(toHex(native.x25519Base(k))).not.toBe(before);
    const s = seededRandom('mutate ed')(32);
    const sig1 = toHex(native.ed25519Sign(utf8('x'), s));
    s[5] = (s[5] as number) ^ 1;
    expect(toHex(native.ed25519Sign(utf8('x'), s))).toBe(toHex(nobleBackend.ed25519Sign(utf8('x'), s)));
    expect(toHex(native.ed25519Sign(utf8('x'), s))).not.toBe(sig1);
  });
});

describe('Ed25519: identical keys and signatures', () => {
  it('public keys from random secrets', () => {
    fc.assert(
      fc.property(bytes(32), (secret) => {
        expect(toHex(native.ed25519PublicKey(secret))).toBe(toHex(nobleBackend.ed25519PublicKey(secret)));
      }),
      runs(8032),
    );
  });

  it('deterministic signatures (RFC 8032) on random keys and messages', () => {
    fc.assert(
      fc.property(bytes(32), fc.uint8Array({ maxLength: 700 }), (secret, message) => {
        const [a, b] = underEach(() => toHex(sign(message, secret)));
        expect(a).toBe(b);
      }),
      runs(25519),
    );
  });
});

describe('Ed25519: identical verdicts', () => {
  const random = seededRandom('verdicts');
  const secret = random(32);
  const publicKey = ed25519.getPublicKey(secret);
  const message = utf8('meet at the pier');
  const good = ed25519.sign(message, secret);
  const { scalar: a } = ed25519.utils.getExtendedPublicKey(secret);

  /** verify() under both backends: the verdicts, which must agree. */
  function verdicts(signature: Uint8Array, msg: Uint8Array, key: Uint8Array): boolean {
    const [onNoble, onNode] = underEach(() => verify(signature, msg, key));
    expect(onNode).toBe(onNoble);
    return onNoble as boolean;
  }
  /** The raw backend verifications (no strict checks in front) also agree. */
  function rawVerdicts(signature: Uint8Array, msg: Uint8Array, key: Uint8Array): boolean {
    const n = nobleBackend.ed25519Verify(signature, msg, key);
    expect(native.ed25519Verify(signature, msg, key)).toBe(n);
    return n;
  }
  /** A signature by `a` over `msg` for the key bytes `key`, with nonce point R = [r]B + T. */
  function craft(msg: Uint8Array, key: Uint8Array, r: bigint, torsion?: string): Uint8Array {
    let R = ed25519.Point.BASE.multiply(r);
    if (torsion) R = R.add(ed25519.Point.fromHex(torsion));
    const rBytes = R.toBytes();
    const k = numberLE(sha512(concatBytes(rBytes, key, msg))) % L;
    return concatBytes(rBytes, le32((r + k * a) % L));
  }

  it('a valid signature verifies on both', () => {
    expect(verdicts(good, message, publicKey)).toBe(true);
    expect(rawVerdicts(good, message, publicKey)).toBe(true);
  });

  it('tampered signatures and messages are refused by both', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 64 * 8 + message.length * 8 - 1 }), (bit) => {
        const sig = good.slice();
        const msg = message.slice();
        if (bit < 512) sig[bit >> 3] = (sig[bit >> 3] as number) ^ (1 << (bit & 7));
        else msg[(bit - 512) >> 3] = (msg[(bit - 512) >> 3] as number) ^ (1 << (bit & 7));
        expect(verdicts(sig, msg, publicKey)).toBe(false);
        expect(rawVerdicts(sig, msg, publicKey)).toBe(false);
      }),
      runs(64),
    );
  });

  it('random signatures and keys: the same verdict (false)', () => {
    fc.assert(
      fc.property(bytes(64), bytes(32), (sig, key) => {
        expect(verdicts(sig, message, key)).toBe(false);
      }),
      runs(65, 100),
    );
  });

  it('non-canonical s (s + L, s = L, s ≥ 2^253) is refused by both', () => {
    const s = numberLE(good.subarray(32));
    for (const bad of [s + L, L, s + 2n ** 253n, 2n ** 256n - 1n]) {
      const sig = concatBytes(good.subarray(0, 32), le32(bad));
      expect(verdicts(sig, message, publicKey)).toBe(false);
    }
  });

  it('non-canonical R (y ≥ p, or x = 0 with the sign bit) is refused by both', () => {
    const rs = [
      le32(P + 1n), // the identity, unreduced
      le32(P + 1n + 2n ** 255n),
      fromHex(`01${'00'.repeat(30)}80`), // y = 1, "negative zero"
      fromHex(`ec${'ff'.repeat(31)}`), // y = p − 1, "negative zero"
      le32(P + 3n),
      le32(2n ** 255n - 1n),
    ];
    for (const r of rs) {
      expect(verdicts(concatBytes(r, good.subarray(32)), message, publicKey)).toBe(false);
      // Even a signature made for that R: the canonical re-encoding of R′ never matches.
      const k = numberLE(sha512(concatBytes(r, publicKey, message))) % L;
      expect(verdicts(concatBytes(r, le32((k * a) % L)), message, publicKey)).toBe(false);
    }
  });

  it('non-canonical A (y + p for every y < 19, either sign) is refused by both, as bad-key', () => {
    for (let y = 0n; y < 19n; y++) {
      for (const sign of [0n, 2n ** 255n]) {
        const key = le32(P + y + sign);
        expect(verdicts(good, message, key)).toBe(false);
        expect(underEach(() => verdictOf(() => assertSigningPublicKey(key)))).toEqual([
          'error:bad-key',
          'error:bad-key',
        ]);
      }
    }
  });

  it.each(ED25519_TORSION_SUBGROUP.map((hex, i) => [i, hex] as const))(
    'small-order key #%i is refused by both, even with a signature the raw equation accepts',
    (_, hex) => {
      const key = fromHex(hex);
      const identitySig = concatBytes(fromHex(ED25519_TORSION_SUBGROUP[0] as string), new Uint8Array(32));
      for (const sig of [identitySig, good]) expect(verdicts(sig, message, key)).toBe(false);
      // R = identity, s = 0: [0]B − [k]A is the identity only when [k]A is, e.g. for A = identity.
      rawVerdicts(identitySig, message, key);
    },
  );

  it('the identity-point signature under the identity key is refused by both, for any message', () => {
    const identity = fromHex(ED25519_TORSION_SUBGROUP[0] as string);
    const identitySig = concatBytes(identity, new Uint8Array(32));
    for (const msg of [new Uint8Array(0), utf8('transfer everything'), random(100)]) {
      expect(verdicts(identitySig, msg, identity)).toBe(false);
      // The raw cofactorless equation holds — which is why the key check stands in front.
      expect(rawVerdicts(identitySig, msg, identity)).toBe(true);
    }
  });

  it('an R with a small-order component is refused by both (noble’s cofactored verify accepts it)', () => {
    for (const [i, torsion] of ED25519_TORSION_SUBGROUP.entries()) {
      const r = (numberLE(random(64)) % (L - 1n)) + 1n;
      const sig = craft(message, publicKey, r, torsion);
      const expected = i === 0; // the identity adds nothing
      expect(verdicts(sig, message, publicKey)).toBe(expected);
      expect(rawVerdicts(sig, message, publicKey)).toBe(expected);
      expect(ed25519.verify(sig, message, publicKey, { zip215: false })).toBe(true);
    }
  });

  it('a key with a small-order component: both accept exactly when [k]T = 0 (noble’s cofactored verify always)', () => {
    const torsion = ed25519.Point.fromHex(ED25519_TORSION_SUBGROUP[1] as string); // order 8
    const key = ed25519.Point.BASE.multiply(a).add(torsion).toBytes();
    expect(underEach(() => verdictOf(() => assertSigningPublicKey(key)))).toEqual(['true', 'true']);
    let accepted = 0;
    for (let i = 0; i < 32; i++) {
      const msg = utf8(`message ${i}`);
      const r = (numberLE(random(64)) % (L - 1n)) + 1n;
      const sig = craft(msg, key, r);
      const rBytes = sig.subarray(0, 32);
      const k = numberLE(sha512(concatBytes(rBytes, key, msg))) % L;
      const verdict = verdicts(sig, msg, key);
      expect(rawVerdicts(sig, msg, key)).toBe(verdict);
      expect(verdict).toBe(k % 8n === 0n);
      expect(ed25519.verify(sig, msg, key, { zip215: false })).toBe(true);
      if (verdict) accepted++;
    }
    expect(accepted).toBeLessThan(32);
  });

  it('registrations made on either backend verify on both', () => {
    const devices = underEach(() => createDevice(seededRandom('registration')));
    expect(toHex((devices[0] as DeviceKeys).sig.publicKey)).toBe(toHex((devices[1] as DeviceKeys).sig.publicKey));
    for (const maker of BACKENDS) {
      const record = withCryptoBackend(maker, () => signRegistration(devices[0] as DeviceKeys, 'alice', 'phone', 1));
      expect(underEach(() => verdictOf(() => verifyRegistration(record)))).toEqual(['true', 'true']);
      const forged = { ...record, account: 'mallory' };
      expect(underEach(() => verdictOf(() => verifyRegistration(forged)))).toEqual([
        'error:bad-signature',
        'error:bad-signature',
      ]);
    }
  });
});

describe('ChaCha20-Poly1305 (HPKE’s AEAD): identical ciphertexts', () => {
  it('seal is byte-for-byte equal; each backend opens the other’s; tampering fails on both', () => {
    fc.assert(
      fc.property(
        bytes(32),
        bytes(12),
        fc.uint8Array({ maxLength: 80 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.nat(),
        (key, nonce, aad, plaintext, flip) => {
          const ct = nobleBackend.chacha20poly1305Seal(key, nonce, aad, plaintext);
          expect(toHex(native.chacha20poly1305Seal(key, nonce, aad, plaintext))).toBe(toHex(ct));
          for (const b of BACKENDS) expect(toHex(b.chacha20poly1305Open(key, nonce, aad, ct))).toBe(toHex(plaintext));
          const bad = ct.slice();
          bad[flip % bad.length] = (bad[flip % bad.length] as number) ^ 1;
          for (const b of BACKENDS)
            expect(outcome(() => b.chacha20poly1305Open(key, nonce, aad, bad))).toBe('error:decrypt-failed');
          const wrongAad = concatBytes(aad, Uint8Array.of(0));
          for (const b of BACKENDS)
            expect(outcome(() => b.chacha20poly1305Open(key, nonce, wrongAad, ct))).toBe('error:decrypt-failed');
        },
      ),
      runs(8439),
    );
  });

  it('aeadSealAt / aeadOpenAt agree across backends, and a short ciphertext is refused the same way', () => {
    const values = { key: seededRandom('aead')(32), baseNonce: seededRandom('nonce')(12) };
    const aad = utf8('aad');
    const cts = underEach(() => toHex(aeadSealAt(values, 5, aad, utf8('root'))));
    expect(cts[1]).toBe(cts[0]);
    const ct = fromHex(cts[0] as string);
    expect(underEach(() => outcome(() => aeadOpenAt(values, 5, aad, ct)))).toEqual([
      toHex(utf8('root')),
      toHex(utf8('root')),
    ]);
    expect(underEach(() => outcome(() => aeadOpenAt(values, 6, aad, ct)))).toEqual([
      'error:decrypt-failed',
      'error:decrypt-failed',
    ]);
    expect(underEach(() => outcome(() => aeadOpenAt(values, 5, aad, ct.subarray(0, 15))))).toEqual([
      'error:bad-length',
      'error:bad-length',
    ]);
  });
});

describe('HKDF-SHA256: identical output', () => {
  it('extract and expand on random inputs, empty salt included', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 80 }),
        fc.uint8Array({ maxLength: 80 }),
        fc.uint8Array({ maxLength: 80 }),
        fc.integer({ min: 1, max: 300 }),
        (salt, ikm, info, length) => {
          const prk = nobleBackend.hkdfExtract(salt, ikm);
          expect(toHex(native.hkdfExtract(salt, ikm))).toBe(toHex(prk));
          expect(toHex(native.hkdfExpand(prk, info, length))).toBe(toHex(nobleBackend.hkdfExpand(prk, info, length)));
        },
      ),
      runs(5869),
    );
  });

  it('the longest expansion (255 × 32 bytes) and the refusal beyond it', () => {
    const prk = seededRandom('prk')(32);
    expect(toHex(native.hkdfExpand(prk, utf8('x'), 255 * 32))).toBe(
      toHex(nobleBackend.hkdfExpand(prk, utf8('x'), 255 * 32)),
    );
    expect(() => nobleBackend.hkdfExpand(prk, utf8('x'), 255 * 32 + 1)).toThrow();
    expect(() => native.hkdfExpand(prk, utf8('x'), 255 * 32 + 1)).toThrow();
  });
});

describe('whole protocol under the native backend', () => {
  const file = join(here, '../vectors/rfc9180-x25519-sha256-chacha20poly1305-base.json');
  const vectors = readVectorFile(file).filter(isOurSuite);

  it('the file holds vectors of our suite', () => {
    expect(vectors.length).toBeGreaterThan(0);
  });

  it.each(vectors.map((v, i) => [i, v] as const))('RFC 9180 vector %i passes in every field', (_, v) => {
    setCryptoBackend(native);
    const { failures, checked } = checkVector(v);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  it('HPKE: sealed under one backend, opened under the other', () => {
    const recipient = createDevice(seededRandom('hpke recipient'));
    const info = utf8('info');
    const aad = utf8('aad');
    for (const [from, to] of [
      [nobleBackend, native],
      [native, nobleBackend],
    ] as const) {
      const { enc, ct } = withCryptoBackend(from, () =>
        hpkeSeal(recipient.hpke.publicKey, info, aad, utf8('the root')),
      );
      expect(withCryptoBackend(to, () => toHex(hpkeOpen(recipient.hpke, enc, info, aad, ct)))).toBe(
        toHex(utf8('the root')),
      );
    }
    // With the same ephemeral randomness, the two seal the same bytes.
    const sealed = underEach(() =>
      hpkeSeal(recipient.hpke.publicKey, info, aad, utf8('the root'), { random: seededRandom('eph') }),
    ).map((s) => toHex(s.enc) + toHex(s.ct));
    expect(sealed[1]).toBe(sealed[0]);
  });

  it('an envelope sealed under one backend opens under the other, and the bytes are the same', () => {
    const random = seededRandom('backend envelope');
    const sender = createDevice(random);
    const bob = createDevice(random);
    const carol = createDevice(random);
    const targets: WrapTarget[] = [
      { account: 'bob', ...devicePublicKeys(bob) },
      { account: 'carol', ...devicePublicKeys(carol) },
      { account: 'alice', ...devicePublicKeys(sender) },
    ];
    const input = {
      day: 3,
      fromAccount: 'alice',
      device: sender,
      recipients: ['bob', 'carol'],
      targets,
      payload: { text: 'Meet where we said.' },
    };
    const envelopes = underEach(() => sealEnvelope(input, seededRandom('seal')).envelope);
    expect(envelopes[1]).toEqual(envelopes[0]);
    for (const [from, to] of [
      [nobleBackend, native],
      [native, nobleBackend],
    ] as const) {
      const envelope = withCryptoBackend(from, () => sealEnvelope(input).envelope);
      for (const [account, device] of [
        ['bob', bob],
        ['carol', carol],
        ['alice', sender],
      ] as const) {
        const opened = withCryptoBackend(to, () => openEnvelope(envelope, { account, device }, sender.sig.publicKey));
        expect(opened.payload).toEqual(input.payload);
      }
    }
  });

  it('reproduces test/vectors/going-dark-v1.json byte for byte', () => {
    const recorded = JSON.parse(readFileSync(join(here, '../vectors/going-dark-v1.json'), 'utf8')) as unknown;
    setCryptoBackend(native);
    const rebuilt = JSON.parse(JSON.stringify(buildProtocolVectors())) as unknown;
    expect(rebuilt).toEqual(recorded);
  });
});

describe('KeyCache', () => {
  it('keeps at most its capacity, evicting the least recently used', () => {
    const cache = new KeyCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });
});
