/**
 * Wire and byte codecs: strict lowercase hex (protocol.md, "Encoding on the wire"),
 * canonical framing (protocol.md, "Canonical framing") and the byte helpers under them.
 */
import { describe, expect, it } from 'vitest';
import { equalBytes, i2osp, u32be } from '../../src/crypto/bytes.ts';
import { frame, frameList } from '../../src/crypto/frame.ts';
import { fromHex, isHex, toHex } from '../../src/crypto/hex.ts';
import { seededRandom } from '../../src/crypto/random.ts';
import { codeOf } from '../support/codeOf.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('hex codec', () => {
  it('encodes bytes as lowercase hex, two digits per byte', () => {
    expect(toHex(bytes(0x00, 0x0f, 0xa0, 0xff))).toBe('000fa0ff');
    expect(toHex(new Uint8Array(0))).toBe('');
  });

  it('round-trips every byte value and random strings of many lengths', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromHex(toHex(all))).toEqual(all);
    const random = seededRandom('codec round trip');
    for (let length = 0; length < 70; length++) {
      const b = random(length);
      const text = toHex(b);
      expect(text).toMatch(/^[0-9a-f]*$/);
      expect(fromHex(text, length)).toEqual(b);
    }
  });

  it('refuses uppercase digits, even mixed into otherwise valid hex', () => {
    expect(codeOf(() => fromHex('AB'))).toBe('bad-hex');
    expect(codeOf(() => fromHex('aB'))).toBe('bad-hex');
    expect(codeOf(() => fromHex(toHex(bytes(0xde, 0xad)).toUpperCase(), 2))).toBe('bad-hex');
  });

  it('refuses an odd number of digits', () => {
    expect(codeOf(() => fromHex('abc'))).toBe('bad-hex');
    expect(codeOf(() => fromHex('0'))).toBe('bad-hex');
  });

  it('refuses non-hex characters, prefixes and whitespace', () => {
    for (const text of ['zz', '0x00', 'ab ', ' ab', 'ab\n', 'a-', 'éé', '+1', '１２']) {
      expect(
        codeOf(() => fromHex(text)),
        JSON.stringify(text),
      ).toBe('bad-hex');
    }
  });

  it('refuses anything that is not a string', () => {
    for (const value of [undefined, null, 12, 0xab, bytes(0xab), ['ab'], { toString: () => 'ab' }]) {
      expect(codeOf(() => fromHex(value))).toBe('bad-hex');
    }
  });

  it('refuses the wrong length for a fixed-size field, in either direction', () => {
    expect(codeOf(() => fromHex('00'.repeat(31), 32))).toBe('bad-length');
    expect(codeOf(() => fromHex('00'.repeat(33), 32))).toBe('bad-length');
    expect(codeOf(() => fromHex('', 16))).toBe('bad-length');
    expect(fromHex('00'.repeat(32), 32)).toHaveLength(32);
  });

  it('names the field in the error message', () => {
    expect(() => fromHex('00', 32, 'hpkePub')).toThrow(/hpkePub/);
  });

  it('isHex agrees with fromHex without throwing', () => {
    expect(isHex('00ff', 2)).toBe(true);
    expect(isHex('00ff')).toBe(true);
    expect(isHex('')).toBe(true);
    expect(isHex('00FF', 2)).toBe(false);
    expect(isHex('00f', undefined)).toBe(false);
    expect(isHex('00ff', 3)).toBe(false);
    expect(isHex(255)).toBe(false);
    expect(isHex(null)).toBe(false);
  });
});

describe('frame', () => {
  it('prefixes each field with its length as 4 big-endian bytes', () => {
    expect(frame(bytes(0xaa, 0xbb), bytes(0xcc))).toEqual(bytes(0, 0, 0, 2, 0xaa, 0xbb, 0, 0, 0, 1, 0xcc));
  });

  it('encodes strings as UTF-8 and counts bytes, not characters', () => {
    expect(frame('hi')).toEqual(bytes(0, 0, 0, 2, 0x68, 0x69));
    // 'é' is two UTF-8 bytes, '€' three.
    expect(frame('é€')).toEqual(bytes(0, 0, 0, 5, 0xc3, 0xa9, 0xe2, 0x82, 0xac));
  });

  it('encodes numbers as a 4-byte big-endian field', () => {
    expect(frame(1)).toEqual(bytes(0, 0, 0, 4, 0, 0, 0, 1));
    expect(frame(0x01020304)).toEqual(bytes(0, 0, 0, 4, 1, 2, 3, 4));
    expect(frame(0xffffffff)).toEqual(bytes(0, 0, 0, 4, 0xff, 0xff, 0xff, 0xff));
  });

  it('distinguishes a number from the string of its digits and from raw bytes', () => {
    expect(equalBytes(frame(7), frame('7'))).toBe(false);
    expect(equalBytes(frame(7), frame(bytes(0, 0, 0, 7)))).toBe(true); // a number is exactly its u32be bytes
  });

  it('frames an empty field as a bare zero length', () => {
    expect(frame('')).toEqual(bytes(0, 0, 0, 0));
    expect(frame()).toEqual(new Uint8Array(0));
  });

  it('never lets a field boundary move: ["ab","c"] and ["a","bc"] differ', () => {
    expect(equalBytes(frame('ab', 'c'), frame('a', 'bc'))).toBe(false);
    expect(equalBytes(frame('abc'), frame('ab', 'c'))).toBe(false);
    expect(equalBytes(frame('', 'a'), frame('a', ''))).toBe(false);
  });

  it('refuses numbers that are not u32 integers', () => {
    for (const n of [-1, 1.5, 2 ** 32, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(
        codeOf(() => frame(n)),
        String(n),
      ).toBe('bad-input');
    }
  });
});

describe('frameList', () => {
  it('is the item count followed by the framed items', () => {
    expect(frameList(['a', bytes(0xff)])).toEqual(bytes(0, 0, 0, 2, 0, 0, 0, 1, 0x61, 0, 0, 0, 1, 0xff));
  });

  it('makes an empty list and a list of one empty item different', () => {
    expect(frameList([])).toEqual(bytes(0, 0, 0, 0));
    expect(frameList([''])).toEqual(bytes(0, 0, 0, 1, 0, 0, 0, 0));
    expect(equalBytes(frameList([]), frameList(['']))).toBe(false);
    expect(equalBytes(frameList(['']), frameList(['', '']))).toBe(false);
  });

  it('keeps item boundaries when nested in an outer frame', () => {
    expect(equalBytes(frame(frameList(['ab', 'c'])), frame(frameList(['a', 'bc'])))).toBe(false);
    expect(equalBytes(frame(frameList(['a']), 'b'), frame(frameList(['a', 'b'])))).toBe(false);
  });
});

describe('equalBytes', () => {
  it('is true only for equal length and content', () => {
    expect(equalBytes(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true);
    expect(equalBytes(new Uint8Array(0), new Uint8Array(0))).toBe(true);
    expect(equalBytes(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false);
    expect(equalBytes(bytes(0, 2, 3), bytes(1, 2, 3))).toBe(false);
    expect(equalBytes(bytes(1, 2), bytes(1, 2, 0))).toBe(false);
    expect(equalBytes(bytes(1, 2, 0), bytes(1, 2))).toBe(false);
  });
});

describe('i2osp and u32be', () => {
  it('writes big-endian bytes of exactly the requested length', () => {
    expect(i2osp(0, 2)).toEqual(bytes(0, 0));
    expect(i2osp(0x0102, 2)).toEqual(bytes(1, 2));
    expect(i2osp(255, 1)).toEqual(bytes(255));
    expect(i2osp(0x010203, 4)).toEqual(bytes(0, 1, 2, 3));
    expect(i2osp(2 ** 53 - 1, 8)).toEqual(bytes(0x00, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
    expect(i2osp(0, 0)).toEqual(new Uint8Array(0));
  });

  it('refuses a value that does not fit in n bytes', () => {
    expect(codeOf(() => i2osp(256, 1))).toBe('bad-input');
    expect(codeOf(() => i2osp(65536, 2))).toBe('bad-input');
    expect(codeOf(() => i2osp(1, 0))).toBe('bad-input');
    expect(codeOf(() => i2osp(2 ** 48, 6))).toBe('bad-input');
  });

  it('refuses negative, fractional and unsafe integers', () => {
    expect(codeOf(() => i2osp(-1, 4))).toBe('bad-input');
    expect(codeOf(() => i2osp(1.5, 4))).toBe('bad-input');
    expect(codeOf(() => i2osp(2 ** 53, 8))).toBe('bad-input');
    expect(codeOf(() => i2osp(Number.NaN, 4))).toBe('bad-input');
  });

  it('u32be covers exactly 0 … 2^32 − 1', () => {
    expect(u32be(0)).toEqual(bytes(0, 0, 0, 0));
    expect(u32be(0xffffffff)).toEqual(bytes(0xff, 0xff, 0xff, 0xff));
    expect(codeOf(() => u32be(2 ** 32))).toBe('bad-input');
    expect(codeOf(() => u32be(-1))).toBe('bad-input');
  });
});
