/**
 * Random sources (src/crypto/random.ts): the seeded generator that makes tests, vectors
 * and simulations reproducible, and the platform CSPRNG used for everything else.
 */
import { chacha20 } from '@noble/ciphers/chacha.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, equalBytes, utf8 } from '../../src/crypto/bytes.ts';
import { frame } from '../../src/crypto/frame.ts';
import { toHex } from '../../src/crypto/hex.ts';
import { type RandomSource, secureRandom, seededRandom } from '../../src/crypto/random.ts';
import { codeOf } from '../support/codeOf.ts';

/** Reads `lengths` in turn from a fresh generator for `seed` and concatenates them. */
function readInChunks(seed: string, lengths: readonly number[]): Uint8Array {
  const random = seededRandom(seed);
  return concatBytes(...lengths.map((n) => random(n)));
}

describe('seededRandom', () => {
  it('gives the same stream for the same seed', () => {
    expect(seededRandom('alpha')(64)).toEqual(seededRandom('alpha')(64));
  });

  it('gives different streams for different seeds, even seeds that differ in one character', () => {
    const a = toHex(seededRandom('seed-1')(32));
    const b = toHex(seededRandom('seed-2')(32));
    const c = toHex(seededRandom('seed-1 ')(32));
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('treats a text seed as its UTF-8 bytes', () => {
    expect(seededRandom(utf8('héllo'))(32)).toEqual(seededRandom('héllo')(32));
  });

  it('continues the stream across calls rather than repeating it', () => {
    const random = seededRandom('continue');
    const first = random(32);
    const second = random(32);
    expect(second).not.toEqual(first);
    expect(concatBytes(first, second)).toEqual(seededRandom('continue')(64));
  });

  it('splits consistently: reading 10 then 22 bytes equals reading 32', () => {
    expect(readInChunks('split', [10, 22])).toEqual(readInChunks('split', [32]));
  });

  it('splits consistently across its internal buffer boundary (1024 bytes) and many odd chunks', () => {
    const whole = readInChunks('boundary', [5000]);
    expect(readInChunks('boundary', [1023, 1, 1, 1024, 2951])).toEqual(whole);
    expect(readInChunks('boundary', [1000, 48, 0, 3952])).toEqual(whole);
    const odd = Array.from({ length: 100 }, (_, i) => (i * 37) % 97);
    const total = odd.reduce((a, b) => a + b, 0);
    expect(readInChunks('boundary', odd)).toEqual(whole.slice(0, total));
  });

  it('is the ChaCha20 keystream under SHA-256(frame(suite, "seeded-random", seed)) with a zero nonce', () => {
    const key = sha256(frame('going-dark/v1', 'seeded-random', 'spec'));
    const expected = chacha20(key, new Uint8Array(12), new Uint8Array(3000));
    expect(seededRandom('spec')(3000)).toEqual(expected);
  });

  it('serves large reads in one call', () => {
    const big = seededRandom('large')(1 << 20);
    expect(big).toHaveLength(1 << 20);
    // equalBytes rather than toEqual: a deep diff of a megabyte is slow.
    expect(equalBytes(big.slice(-64), new Uint8Array(64))).toBe(false);
    expect(equalBytes(big.slice(0, 1 << 19), big.slice(1 << 19))).toBe(false);
    expect(equalBytes(readInChunks('large', [1 << 19, 1 << 19]), big)).toBe(true);
    expect(equalBytes(readInChunks('large', [(1 << 20) - 1]), big.slice(0, -1))).toBe(true);
  });

  it('looks uniformly distributed over a large sample', () => {
    const sample = seededRandom('histogram')(256 * 1000);
    const counts = new Array<number>(256).fill(0);
    for (const b of sample) counts[b] = (counts[b] as number) + 1;
    // Expected 1000 per value; 6 standard deviations (≈ 190) is a generous bound.
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(190);
  });

  it('returns an empty array for a zero-length read without advancing the stream', () => {
    const random = seededRandom('zero');
    expect(random(0)).toEqual(new Uint8Array(0));
    expect(random(16)).toEqual(seededRandom('zero')(16));
  });

  it('refuses negative or fractional lengths', () => {
    const random = seededRandom('bad');
    expect(codeOf(() => random(-1))).toBe('bad-input');
    expect(codeOf(() => random(1.5))).toBe('bad-input');
  });

  it('drives key generation reproducibly when passed as a RandomSource', () => {
    const draw = (r: RandomSource) => [r(32), r(24)].map(toHex).join('');
    expect(draw(seededRandom('keys'))).toBe(draw(seededRandom('keys')));
  });
});

describe('secureRandom', () => {
  it('returns the requested number of bytes, different each time', () => {
    const a = secureRandom(32);
    const b = secureRandom(32);
    expect(a).toHaveLength(32);
    expect(a).not.toEqual(b);
    expect(secureRandom(0)).toHaveLength(0);
  });
});
