import { x25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CryptoError } from '../../src/crypto/errors.ts';
import { fromHex, toHex } from '../../src/crypto/hex.ts';
import { x25519Ladder } from '../../src/crypto/x25519Ladder.ts';

const h = (s: string) => fromHex(s);

function nobleOrError(k: Uint8Array, u: Uint8Array): string {
  try {
    return toHex(x25519.getSharedSecret(k, u));
  } catch {
    return 'error';
  }
}

function oursOrError(k: Uint8Array, u: Uint8Array): string {
  try {
    return toHex(x25519Ladder(k, u));
  } catch (e) {
    expect(e).toBeInstanceOf(CryptoError);
    expect((e as CryptoError).code).toBe('low-order-key');
    return 'error';
  }
}

describe('X25519 ladder (RFC 7748)', () => {
  it.each([
    [
      'a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4',
      'e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c',
      'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552',
    ],
    [
      '4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d',
      'e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493',
      '95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957',
    ],
  ])('§5.2 vector: X25519(%s, %s)', (k, u, out) => {
    expect(toHex(x25519Ladder(h(k), h(u)))).toBe(out);
    expect(toHex(x25519.getSharedSecret(h(k), h(u)))).toBe(out);
  });

  it('§5.2 iterated vector after 1 and 1,000 iterations', () => {
    let k = h(`09${'00'.repeat(31)}`);
    let u = k;
    for (let i = 1; i <= 1000; i++) {
      const next = x25519Ladder(k, u);
      u = k;
      k = next;
      if (i === 1) expect(toHex(k)).toBe('422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079');
    }
    expect(toHex(k)).toBe('684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51');
  });

  it('§6.1 Diffie–Hellman vector', () => {
    const aliceSk = h('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    const bobSk = h('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb');
    const alicePk = h('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
    const bobPk = h('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
    const shared = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';
    const base = h(`09${'00'.repeat(31)}`);
    expect(toHex(x25519Ladder(aliceSk, base))).toBe(toHex(alicePk));
    expect(toHex(x25519Ladder(bobSk, base))).toBe(toHex(bobPk));
    expect(toHex(x25519Ladder(aliceSk, bobPk))).toBe(shared);
    expect(toHex(x25519Ladder(bobSk, alicePk))).toBe(shared);
  });

  it('refuses every low-order point (all-zero output, §6.1)', () => {
    const p = (1n << 255n) - 19n;
    const le = (n: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 255n));
    const lowOrder = [
      0n,
      1n,
      p - 1n,
      p,
      p + 1n,
      0x57119fd0dd4e22d8868e1c58c45c44045bef839c55b1d0b1248c50a3bc959c5fn,
      0x00b8495f16056286fdb1329ceb8d09da6ac49ff1fae35616aeb8413b7c7aebe0n,
    ];
    const k = h('a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4');
    for (const u of lowOrder) {
      expect(() => x25519Ladder(k, le(u))).toThrow(CryptoError);
      expect(nobleOrError(k, le(u))).toBe('error');
    }
  });

  it('agrees with noble on random scalars and u-coordinates, canonical or not', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (k, u) => {
          expect(oursOrError(k, u)).toBe(nobleOrError(k, u));
        },
      ),
      { numRuns: 300, seed: 20261128 },
    );
  });

  it('agrees with noble on real public keys', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (a, b) => {
          const pub = x25519.getPublicKey(b);
          expect(toHex(x25519Ladder(a, pub))).toBe(toHex(x25519.getSharedSecret(a, pub)));
        },
      ),
      { numRuns: 200, seed: 7748 },
    );
  });

  it('refuses inputs of the wrong length', () => {
    expect(() => x25519Ladder(new Uint8Array(31), new Uint8Array(32))).toThrow(CryptoError);
    expect(() => x25519Ladder(new Uint8Array(32), new Uint8Array(33))).toThrow(CryptoError);
  });
});
