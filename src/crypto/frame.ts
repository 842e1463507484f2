import { concatBytes, u32be, utf8 } from './bytes.ts';
import { ensure } from './errors.ts';

/**
 * One field of a canonical frame: raw bytes, a string (encoded as UTF-8), or a
 * non-negative integer below 2^32 (encoded as 4 big-endian bytes).
 */
export type FrameField = Uint8Array | string | number;

function fieldBytes(field: FrameField): Uint8Array {
  if (field instanceof Uint8Array) return field;
  if (typeof field === 'string') return utf8(field);
  ensure(Number.isInteger(field), 'bad-input', `frame field ${field} is not an integer`);
  return u32be(field);
}

/**
 * Canonical framing (docs/protocol.md §2): the concatenation of
 * `u32be(len(field)) || field` for every field. Every byte string that is hashed,
 * signed, used as AAD or as KDF info is built this way — never JSON — so two
 * different field lists can never produce the same bytes.
 * @param fields - the fields, in order
 */
export function frame(...fields: readonly FrameField[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of fields) {
    const bytes = fieldBytes(f);
    parts.push(u32be(bytes.length), bytes);
  }
  return concatBytes(...parts);
}

/**
 * A framed list, used as a single field of an outer frame:
 * `u32be(count) || frame(items…)`. The count makes an empty list and a list of one
 * empty item distinct.
 * @param items - the list's items, in their canonical order
 */
export function frameList(items: readonly FrameField[]): Uint8Array {
  return concatBytes(u32be(items.length), frame(...items));
}
