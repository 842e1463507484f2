/**
 * Cloud backups (docs/protocol.md §8): a device's readable message history,
 * encrypted under a key derived from the account's backup key and the backup id,
 * with a published commitment to that key. Where backups are escrowed the relay's
 * client makes the backup key and seals it to each of the account's devices — and so
 * can hand it over under a warrant (18 U.S.C. 2703(a)); device-held keys never
 * reach the relay.
 * @module
 */

import { xopen, xseal } from './aead.ts';
import { assertBytes, equalBytes, fromUtf8, utf8 } from './bytes.ts';
import { CryptoError, ensure } from './errors.ts';
import { frame } from './frame.ts';
import { fromHex, type Hex, isHex, toHex } from './hex.ts';
import { deriveKey } from './kdf.ts';
import { assertCount, assertName } from './names.ts';
import type { MessagePayload } from './payload.ts';
import { type RandomSource, secureRandom } from './random.ts';
import { ID_BYTES, KEY_BYTES, SUITE, TAG_BYTES, XNONCE_BYTES } from './suite.ts';

/** Largest backup plaintext accepted (64 KiB). */
export const MAX_BACKUP_PLAINTEXT = 64 * 1024;

/** One readable message in a device's history. */
export interface BackupItem {
  readonly messageId: Hex;
  readonly channel: 'secure' | 'sms';
  readonly from: string;
  readonly day: number;
  readonly payload: MessagePayload;
}

/** A sealed backup as stored by the relay. */
export interface Backup {
  readonly id: Hex;
  readonly account: string;
  readonly device: Hex;
  readonly day: number;
  readonly nonce: Hex;
  readonly commit: Hex;
  readonly body: Hex;
}

/** Backup encryption key = HKDF(backupKey, salt = id, info = frame(suite, "backup"), 32). */
export function backupEncryptionKeyOf(backupKey: Uint8Array, id: Uint8Array): Uint8Array {
  return deriveKey(backupKey, id, 'backup');
}

/** Backup commitment = HKDF(backupKey, salt = id, info = frame(suite, "backup-commitment"), 32). */
export function backupCommitmentOf(backupKey: Uint8Array, id: Uint8Array): Uint8Array {
  return deriveKey(backupKey, id, 'backup-commitment');
}

function backupHeader(b: {
  id: Uint8Array;
  account: string;
  device: Uint8Array;
  day: number;
  nonce: Uint8Array;
  commit: Uint8Array;
}) {
  return frame(SUITE, 'backup', b.id, b.account, b.device, b.day, b.nonce, b.commit);
}

/**
 * Makes a fresh 32-byte backup key (by the relay's client when escrowed, by a device
 * when device-held).
 * @param random - random source
 */
export function generateBackupKey(random: RandomSource = secureRandom): Uint8Array {
  return random(KEY_BYTES);
}

/**
 * Seals a device's history under the backup key.
 * @param input - account, device id (hex), day, backup key and history
 * @param random - random source for the id and nonce
 */
export function sealBackup(
  input: { account: string; device: Hex; day: number; backupKey: Uint8Array; items: readonly BackupItem[] },
  random: RandomSource = secureRandom,
): Backup {
  assertName(input.account, 'account');
  assertCount(input.day, 'day');
  assertBytes(input.backupKey, KEY_BYTES, 'backup key');
  const device = fromHex(input.device, ID_BYTES, 'device');
  const plaintext = utf8(JSON.stringify(input.items.map(canonicalItem)));
  ensure(plaintext.length <= MAX_BACKUP_PLAINTEXT, 'too-large', 'backup exceeds 64 KiB');
  const id = random(ID_BYTES);
  const nonce = random(XNONCE_BYTES);
  const commit = backupCommitmentOf(input.backupKey, id);
  const header = backupHeader({ id, account: input.account, device, day: input.day, nonce, commit });
  const body = xseal(backupEncryptionKeyOf(input.backupKey, id), nonce, header, plaintext);
  return {
    id: toHex(id),
    account: input.account,
    device: input.device,
    day: input.day,
    nonce: toHex(nonce),
    commit: toHex(commit),
    body: toHex(body),
  };
}

function canonicalItem(item: BackupItem): BackupItem {
  const payload = item.payload.plan
    ? { text: item.payload.text, plan: { place: item.payload.plan.place, time: item.payload.plan.time } }
    : { text: item.payload.text };
  return { messageId: item.messageId, channel: item.channel, from: item.from, day: item.day, payload };
}

function parseItems(plaintext: Uint8Array): BackupItem[] {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(plaintext));
  } catch {
    throw new CryptoError('bad-input', 'backup plaintext is not JSON');
  }
  ensure(Array.isArray(value), 'bad-input', 'backup plaintext is not a list');
  return value.map((raw: unknown) => {
    ensure(typeof raw === 'object' && raw !== null, 'bad-input', 'backup item is not an object');
    const i = raw as Record<string, unknown>;
    const p = i.payload as Record<string, unknown> | undefined;
    const plan = p?.plan as Record<string, unknown> | undefined;
    ensure(
      isHex(i.messageId, ID_BYTES) &&
        (i.channel === 'secure' || i.channel === 'sms') &&
        typeof i.from === 'string' &&
        typeof i.day === 'number' &&
        typeof p?.text === 'string' &&
        (plan === undefined || (typeof plan.place === 'string' && typeof plan.time === 'string')),
      'bad-input',
      'backup item has the wrong shape',
    );
    return canonicalItem(i as unknown as BackupItem);
  });
}

/**
 * Opens a backup with a candidate backup key, checking the commitment first.
 * @param value - the backup as stored
 * @param backupKey - the candidate 32-byte key
 * @throws CryptoError `commitment-mismatch`, `decrypt-failed` or `bad-input`
 */
export function openBackup(value: unknown, backupKey: Uint8Array): BackupItem[] {
  ensure(typeof value === 'object' && value !== null, 'bad-input', 'backup must be an object');
  const b = value as Partial<Record<keyof Backup, unknown>>;
  const id = fromHex(b.id, ID_BYTES, 'id');
  assertName(b.account, 'account');
  assertCount(b.day, 'day');
  const device = fromHex(b.device, ID_BYTES, 'device');
  const nonce = fromHex(b.nonce, XNONCE_BYTES, 'nonce');
  const commit = fromHex(b.commit, KEY_BYTES, 'commit');
  const body = fromHex(b.body, undefined, 'body');
  ensure(body.length >= TAG_BYTES, 'bad-length', 'backup body shorter than the tag');
  ensure(body.length <= MAX_BACKUP_PLAINTEXT + TAG_BYTES, 'too-large', 'backup body too large');
  ensure(
    backupKey instanceof Uint8Array && backupKey.length === KEY_BYTES,
    'bad-length',
    'backup key must be 32 bytes',
  );
  ensure(
    equalBytes(backupCommitmentOf(backupKey, id), commit),
    'commitment-mismatch',
    'key does not match the backup commitment',
  );
  const header = backupHeader({ id, account: b.account, device, day: b.day, nonce, commit });
  return parseItems(xopen(backupEncryptionKeyOf(backupKey, id), nonce, header, body));
}
