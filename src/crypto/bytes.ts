import { ensure } from './errors.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Concatenates byte strings.
 * @param parts - the byte strings, in order
 * @returns a new array holding all of them
 */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Compares two byte strings in time that depends only on their lengths.
 * @param a - first byte string
 * @param b - second byte string
 * @returns true when both have the same length and content
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/**
 * Encodes a non-negative integer as `n` big-endian bytes (RFC 9180 §3 `I2OSP`).
 * @param value - the integer, 0 ≤ value < 2^(8n) and ≤ 2^53 − 1
 * @param n - the output length in bytes
 */
export function i2osp(value: number, n: number): Uint8Array {
  ensure(Number.isSafeInteger(value) && value >= 0, 'bad-input', `I2OSP: ${value} is not a non-negative integer`);
  ensure(n >= 7 || value < 2 ** (8 * n), 'bad-input', `I2OSP: ${value} does not fit in ${n} bytes`);
  const out = new Uint8Array(n);
  let v = value;
  for (let i = n - 1; i >= 0 && v > 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

/** Big-endian 32-bit encoding of `value` (the length prefix of {@link frame}). */
export function u32be(value: number): Uint8Array {
  ensure(Number.isInteger(value) && value >= 0 && value <= 0xffffffff, 'bad-input', `u32: ${value} is out of range`);
  return i2osp(value, 4);
}

/**
 * UTF-8 encoding of a string.
 * @param text - any well-formed string
 */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Strict UTF-8 decoding: malformed input is refused, not replaced.
 * @param bytes - UTF-8 bytes
 */
export function fromUtf8(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    ensure(false, 'bad-input', 'bytes are not valid UTF-8');
  }
}

/**
 * Checks that `value` is a byte array of exactly `length` bytes (when given).
 * @param value - the candidate
 * @param length - the required length, if any
 * @param name - the field name used in the error
 */
export function assertBytes(value: unknown, length: number | undefined, name: string): asserts value is Uint8Array {
  ensure(value instanceof Uint8Array, 'bad-input', `${name} must be a Uint8Array`);
  ensure(
    length === undefined || value.length === length,
    'bad-length',
    `${name} must be ${length} bytes, got ${value.length}`,
  );
}
