import { ensure } from './errors.ts';

/** A lowercase hexadecimal string, as carried in JSON on the wire and in game state. */
export type Hex = string;

const HEX_DIGITS = '0123456789abcdef';
const LOWER_HEX = /^(?:[0-9a-f]{2})*$/;

/**
 * Encodes bytes as lowercase hex.
 * @param bytes - any byte string
 */
export function toHex(bytes: Uint8Array): Hex {
  let out = '';
  for (const b of bytes) out += (HEX_DIGITS[b >> 4] as string) + (HEX_DIGITS[b & 15] as string);
  return out;
}

/**
 * Decodes strict lowercase hex: uppercase, odd length, any other character, or a
 * length other than `byteLength` (when given) are refused, so that every accepted
 * string round-trips exactly through {@link toHex}.
 * @param text - the hex string
 * @param byteLength - the exact number of bytes the field must hold, if fixed
 * @param name - the field name used in the error
 */
export function fromHex(text: unknown, byteLength?: number, name = 'hex'): Uint8Array {
  ensure(typeof text === 'string', 'bad-hex', `${name} must be a string`);
  ensure(LOWER_HEX.test(text), 'bad-hex', `${name} must be lowercase hex of even length`);
  ensure(
    byteLength === undefined || text.length === byteLength * 2,
    'bad-length',
    `${name} must be ${byteLength} bytes (${(byteLength ?? 0) * 2} hex digits), got ${text.length} digits`,
  );
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * True when `text` is strict lowercase hex of `byteLength` bytes (any length if omitted).
 * @param text - the candidate
 * @param byteLength - the required number of bytes
 */
export function isHex(text: unknown, byteLength?: number): text is Hex {
  return (
    typeof text === 'string' && LOWER_HEX.test(text) && (byteLength === undefined || text.length === byteLength * 2)
  );
}
