/**
 * The key-transparency log (docs/protocol.md §11): every directory change appended to
 * a public hash chain, its head signed by the relay each night. Devices audit their
 * own account; senders refuse to wrap to a device the log does not show.
 * @module
 */
import { ensure } from './errors.ts';
import { frame } from './frame.ts';
import { fromHex, type Hex, toHex } from './hex.ts';
import { hashFrame } from './kdf.ts';
import { assertCount, assertName } from './names.ts';
import { SIGNATURE_BYTES, sign, verify } from './signature.ts';
import { ID_BYTES, KEY_BYTES, SUITE } from './suite.ts';

/** A directory change: a device added to or removed from an account. */
export type KtOp = 'add' | 'remove';

/** The content of one log entry. */
export interface KtChange {
  readonly day: number;
  readonly account: string;
  readonly op: KtOp;
  readonly deviceId: Hex;
  readonly hpkePub: Hex;
  readonly sigPub: Hex;
}

/** One entry of the hash chain. */
export interface KtEntry extends KtChange {
  readonly seq: number;
  readonly prevHash: Hex;
  readonly hash: Hex;
}

/** A signed log head: the relay vouches that the log had `size` entries ending in `hash`. */
export interface KtHead {
  readonly size: number;
  readonly hash: Hex;
  readonly day: number;
  readonly signature: Hex;
}

/** The outcome of a chain check. */
export type KtCheck = { readonly ok: true } | { readonly ok: false; readonly seq: number; readonly reason: string };

/** prevHash of the first entry: 32 zero bytes. */
export const KT_GENESIS = toHex(new Uint8Array(KEY_BYTES));

/**
 * entry hash = SHA-256(frame(suite, "kt", seq, day, account, op, deviceId, hpkePub,
 * sigPub, prevHash)).
 */
function entryHash(seq: number, c: KtChange, prevHash: Hex): Hex {
  return toHex(
    hashFrame(
      SUITE,
      'kt',
      seq,
      c.day,
      c.account,
      c.op,
      fromHex(c.deviceId, ID_BYTES, 'deviceId'),
      fromHex(c.hpkePub, KEY_BYTES, 'hpkePub'),
      fromHex(c.sigPub, KEY_BYTES, 'sigPub'),
      fromHex(prevHash, KEY_BYTES, 'prevHash'),
    ),
  );
}

function assertChange(c: KtChange): void {
  assertCount(c.day, 'day');
  assertName(c.account, 'account');
  ensure(c.op === 'add' || c.op === 'remove', 'bad-input', 'op must be "add" or "remove"');
}

/**
 * Appends a change to the log (the relay's client does this for every directory change).
 * @param log - the log so far (assumed verified)
 * @param change - the directory change
 * @returns the new entry
 */
export function appendKtEntry(log: readonly KtEntry[], change: KtChange): KtEntry {
  assertChange(change);
  const seq = log.length;
  const prevHash = log.at(-1)?.hash ?? KT_GENESIS;
  const { day, account, op, deviceId, hpkePub, sigPub } = change;
  return { seq, day, account, op, deviceId, hpkePub, sigPub, prevHash, hash: entryHash(seq, change, prevHash) };
}

/**
 * Verifies the whole chain: sequence numbers 0, 1, 2…, each prevHash the previous
 * entry's hash, each hash recomputed. An edited, reordered, dropped or inserted entry fails.
 * @param log - the entries as published
 */
export function verifyKtChain(log: readonly KtEntry[]): KtCheck {
  let prev = KT_GENESIS;
  for (const [i, e] of log.entries()) {
    try {
      assertChange(e);
      if (e.seq !== i) return { ok: false, seq: i, reason: `entry ${i} has sequence number ${e.seq}` };
      if (e.prevHash !== prev) return { ok: false, seq: i, reason: `entry ${i} does not chain to the entry before it` };
      if (entryHash(i, e, e.prevHash) !== e.hash)
        return { ok: false, seq: i, reason: `entry ${i} hash does not match its content` };
    } catch (err) {
      return { ok: false, seq: i, reason: `entry ${i} is malformed: ${(err as Error).message}` };
    }
    prev = e.hash;
  }
  return { ok: true };
}

function headBytes(size: number, hash: Uint8Array, day: number): Uint8Array {
  return frame(SUITE, 'kt-head', size, hash, day);
}

/**
 * Signs the log head (nightly, by the relay's client): Ed25519 over
 * frame(suite, "kt-head", size, hash, day).
 * @param log - the log
 * @param day - the night's day number
 * @param relaySecretKey - the relay's log-signing key
 */
export function signKtHead(log: readonly KtEntry[], day: number, relaySecretKey: Uint8Array): KtHead {
  assertCount(day, 'day');
  const hash = log.at(-1)?.hash ?? KT_GENESIS;
  const signature = sign(headBytes(log.length, fromHex(hash, KEY_BYTES), day), relaySecretKey);
  return { size: log.length, hash, day, signature: toHex(signature) };
}

/**
 * Verifies a signed head, and — when the log is given — that the log's first
 * `head.size` entries end in `head.hash` (so a later log must extend, not rewrite, it).
 * @param head - the signed head
 * @param relayPub - the relay's published log key (hex)
 * @param log - the log to check against, if any
 */
export function verifyKtHead(head: KtHead, relayPub: Hex, log?: readonly KtEntry[]): KtCheck {
  try {
    assertCount(head.size, 'size');
    assertCount(head.day, 'day');
    const hash = fromHex(head.hash, KEY_BYTES, 'hash');
    const signature = fromHex(head.signature, SIGNATURE_BYTES, 'signature');
    if (!verify(signature, headBytes(head.size, hash, head.day), fromHex(relayPub, KEY_BYTES, 'relayPub'))) {
      return { ok: false, seq: head.size, reason: 'head signature does not verify' };
    }
  } catch (err) {
    return { ok: false, seq: 0, reason: `head is malformed: ${(err as Error).message}` };
  }
  if (!log) return { ok: true };
  if (log.length < head.size) return { ok: false, seq: log.length, reason: 'log is shorter than the signed head' };
  const chain = verifyKtChain(log);
  if (!chain.ok) return chain;
  const at = head.size === 0 ? KT_GENESIS : (log[head.size - 1] as KtEntry).hash;
  if (at !== head.hash) return { ok: false, seq: head.size, reason: 'log does not extend the signed head' };
  return { ok: true };
}

/**
 * The devices the log currently shows for an account (adds not later removed).
 * @param log - a verified log
 * @param account - the account
 */
export function devicesInLog(log: readonly KtEntry[], account: string): Map<Hex, KtEntry> {
  const devices = new Map<Hex, KtEntry>();
  for (const e of log) {
    if (e.account !== account) continue;
    if (e.op === 'add') devices.set(e.deviceId, e);
    else devices.delete(e.deviceId);
  }
  return devices;
}

/**
 * True when the log currently lists this exact device (id and both keys) for the
 * account. A sender's client refuses to wrap to a device for which this is false.
 * @param log - a verified log
 * @param account - the account
 * @param device - the directory's record of the device
 */
export function isDeviceLogged(
  log: readonly KtEntry[],
  account: string,
  device: { readonly deviceId: Hex; readonly hpkePub: Hex; readonly sigPub: Hex },
): boolean {
  const e = devicesInLog(log, account).get(device.deviceId);
  return e !== undefined && e.hpkePub === device.hpkePub && e.sigPub === device.sigPub;
}

/**
 * A device's nightly self-audit: every device ever added to its own account that the
 * owner did not register — including one added and later removed — is an alert.
 * @param log - a verified log
 * @param account - the owner's account
 * @param knownDeviceIds - the devices the owner registered
 * @returns the log entries that added unknown devices
 */
export function auditAccount(log: readonly KtEntry[], account: string, knownDeviceIds: Iterable<Hex>): KtEntry[] {
  const known = new Set(knownDeviceIds);
  return log.filter((e) => e.account === account && e.op === 'add' && !known.has(e.deviceId));
}
