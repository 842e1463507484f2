/**
 * Contact verification (docs/protocol.md §10): a safety code over an account's device
 * list. One side computes it over the directory's view, the other over what the
 * account owner's own client knows; a ghost device makes them differ.
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes, utf8 } from './bytes.ts';
import type { DevicePublicKeys } from './device.ts';
import { frame, frameList } from './frame.ts';
import { fromHex } from './hex.ts';
import { assertName, compareNames } from './names.ts';
import { ID_BYTES, KEY_BYTES, SUITE } from './suite.ts';

const GROUPS = 6;
const GROUP_BYTES = 5;

/**
 * The safety code of an account's device list: SHA-256(frame(suite, "safety-code",
 * account, list of frame(deviceId, hpkePub, sigPub) sorted by deviceId)), shown as six
 * groups of five digits (each group: 5 bytes, big-endian, mod 100000).
 * @param account - the account
 * @param devices - its devices (order does not matter)
 */
export function safetyCode(account: string, devices: readonly DevicePublicKeys[]): string {
  assertName(account, 'account');
  const sorted = [...devices].sort((a, b) => compareNames(a.deviceId, b.deviceId));
  const digest = sha256(
    frame(
      SUITE,
      'safety-code',
      account,
      frameList(
        sorted.map((d) =>
          frame(
            fromHex(d.deviceId, ID_BYTES, 'deviceId'),
            fromHex(d.hpkePub, KEY_BYTES, 'hpkePub'),
            fromHex(d.sigPub, KEY_BYTES, 'sigPub'),
          ),
        ),
      ),
    ),
  );
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let n = 0;
    for (let i = 0; i < GROUP_BYTES; i++) n = n * 256 + (digest[g * GROUP_BYTES + i] as number);
    groups.push(String(n % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}

/**
 * Compares two safety codes in constant time.
 * @param a - one side's code
 * @param b - the other side's code
 */
export function safetyCodesMatch(a: string, b: string): boolean {
  return equalBytes(utf8(a), utf8(b));
}
