/**
 * Contact verification (protocol.md, "Key transparency"): a safety code over an
 * account's device list; a ghost device makes the two sides' codes differ.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { createDevice, type DevicePublicKeys, devicePublicKeys } from '../../src/crypto/device.ts';
import { frame, frameList } from '../../src/crypto/frame.ts';
import { fromHex } from '../../src/crypto/hex.ts';
import { seededRandom } from '../../src/crypto/random.ts';
import { safetyCode, safetyCodesMatch } from '../../src/crypto/safetyCode.ts';
import { codeOf } from '../support/codeOf.ts';

const random = seededRandom('safety code tests');
const ACCOUNT = '+1-555-0100';
const [phone, laptop, tablet, ghost] = Array.from({ length: 4 }, () => devicePublicKeys(createDevice(random))) as [
  DevicePublicKeys,
  DevicePublicKeys,
  DevicePublicKeys,
  DevicePublicKeys,
];
const code = safetyCode(ACCOUNT, [phone, laptop, tablet]);

describe('safetyCode', () => {
  it('is six groups of five digits', () => {
    expect(code).toMatch(/^\d{5}( \d{5}){5}$/);
  });

  it('is SHA-256 over the framed, sorted device list, 5 bytes per group mod 100000', () => {
    const sorted = [phone, laptop, tablet].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
    const digest = sha256(
      frame(
        'going-dark/v1',
        'safety-code',
        ACCOUNT,
        frameList(sorted.map((d) => frame(fromHex(d.deviceId), fromHex(d.hpkePub), fromHex(d.sigPub)))),
      ),
    );
    const groups = Array.from({ length: 6 }, (_, g) => {
      let n = 0n;
      for (let i = 0; i < 5; i++) n = n * 256n + BigInt(digest[g * 5 + i] as number);
      return String(n % 100000n).padStart(5, '0');
    });
    expect(code).toBe(groups.join(' '));
  });

  it('does not depend on the order the devices are listed in', () => {
    expect(safetyCode(ACCOUNT, [tablet, phone, laptop])).toBe(code);
    expect(safetyCode(ACCOUNT, [laptop, tablet, phone])).toBe(code);
  });

  it('changes when a ghost device is added', () => {
    expect(safetyCode(ACCOUNT, [phone, laptop, tablet, ghost])).not.toBe(code);
  });

  it('changes when a device is missing', () => {
    expect(safetyCode(ACCOUNT, [phone, laptop])).not.toBe(code);
  });

  it('changes when a device keeps its id but its keys are swapped for a ghost’s', () => {
    expect(safetyCode(ACCOUNT, [phone, laptop, { ...tablet, hpkePub: ghost.hpkePub }])).not.toBe(code);
    expect(safetyCode(ACCOUNT, [phone, laptop, { ...tablet, sigPub: ghost.sigPub }])).not.toBe(code);
  });

  it('changes with the account', () => {
    expect(safetyCode('+1-555-0101', [phone, laptop, tablet])).not.toBe(code);
  });

  it('is defined for an account with no devices, and differs from one with a device', () => {
    const none = safetyCode(ACCOUNT, []);
    expect(none).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(none).not.toBe(safetyCode(ACCOUNT, [phone]));
  });

  it('refuses malformed device records and account names', () => {
    expect(codeOf(() => safetyCode(ACCOUNT, [{ ...phone, deviceId: phone.deviceId.toUpperCase() }]))).toBe('bad-hex');
    expect(codeOf(() => safetyCode(ACCOUNT, [{ ...phone, hpkePub: phone.hpkePub.slice(2) }]))).toBe('bad-length');
    expect(codeOf(() => safetyCode('', [phone]))).toBe('bad-input');
  });
});

describe('safetyCodesMatch', () => {
  it('is true for the same device list however each side ordered it', () => {
    const directoryView = safetyCode(ACCOUNT, [tablet, laptop, phone]);
    const ownersView = safetyCode(ACCOUNT, [phone, laptop, tablet]);
    expect(safetyCodesMatch(directoryView, ownersView)).toBe(true);
  });

  it('is false when the directory shows a ghost the owner does not know', () => {
    const directoryView = safetyCode(ACCOUNT, [phone, laptop, tablet, ghost]);
    expect(safetyCodesMatch(directoryView, code)).toBe(false);
  });

  it('is false for a single differing digit, a prefix, or an empty code', () => {
    const lastDigit = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    expect(safetyCodesMatch(code, lastDigit)).toBe(false);
    expect(safetyCodesMatch(code, code.slice(0, 5))).toBe(false);
    expect(safetyCodesMatch(code, '')).toBe(false);
    expect(safetyCodesMatch(code, code)).toBe(true);
  });
});
