import { chacha20 } from '@noble/ciphers/chacha.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes as nobleRandomBytes } from '@noble/hashes/utils.js';
import { ensure } from './errors.ts';
import { frame } from './frame.ts';
import { SUITE } from './suite.ts';

/**
 * A source of random bytes. Production code uses {@link secureRandom} (the
 * platform CSPRNG through noble's `randomBytes`); tests, published vectors and the
 * simulator pass a {@link seededRandom} so their output can be reproduced.
 */
export type RandomSource = (length: number) => Uint8Array;

/** The platform's cryptographically secure generator (`crypto.getRandomValues`). */
export const secureRandom: RandomSource = (length) => nobleRandomBytes(length);

/**
 * A deterministic generator for tests, vectors and simulations only: the ChaCha20
 * keystream (RFC 8439 §2.4) under key SHA-256(frame(suite, "seeded-random", seed)).
 * Never use it for keys that protect anything.
 * @param seed - any bytes or text; the same seed gives the same stream
 */
export function seededRandom(seed: Uint8Array | string): RandomSource {
  const key = sha256(frame(SUITE, 'seeded-random', seed));
  const nonce = new Uint8Array(12);
  let counter = 0;
  let buffer = new Uint8Array(0);
  let offset = 0;
  return (length) => {
    ensure(Number.isInteger(length) && length >= 0, 'bad-input', 'random length must be a non-negative integer');
    const out = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      if (offset === buffer.length) {
        buffer = chacha20(key, nonce, new Uint8Array(64 * 16), undefined, counter);
        counter += 16;
        offset = 0;
      }
      const take = Math.min(length - filled, buffer.length - offset);
      out.set(buffer.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
    }
    return out;
  };
}
