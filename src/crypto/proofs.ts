/**
 * The referee's proof verifiers (game.md §6, docs/protocol.md §12): the only way to
 * win is to hand the referee a key that decrypts public ciphertext. Each verifier
 * takes an item from the public record and a submitted key and returns the
 * plaintext, or the reason it refused — it never throws, so the game never answers a
 * submitted key with an error that would print it (boardgameio-notes.md).
 *
 * These check the cryptography only; whether a key was lawfully obtained (a complied
 * order of the right type covering the right day) is the game's rule check.
 * @module
 */

import { type BackupItem, openBackup } from './backup.ts';
import { equalBytes } from './bytes.ts';
import { type DecodedEnvelope, decodeEnvelope, openWithRoot, unwrapRoot } from './envelope.ts';
import { CryptoError, type CryptoErrorCode } from './errors.ts';
import { fromHex, type Hex } from './hex.ts';
import { x25519PublicKey } from './hpke/index.ts';
import type { MessagePayload } from './payload.ts';
import { decodeSmsHop, hopKeyOf, openHopWithKey, simCommitOf } from './sms.ts';
import { ID_BYTES, KEY_BYTES } from './suite.ts';

/** Why a proof was refused. */
export type ProofRefusal =
  | 'malformed-item'
  | 'malformed-key'
  | 'key-mismatch'
  | 'device-mismatch'
  | 'not-addressed'
  | 'wrong-line'
  | 'decrypt-failed'
  | 'bad-plaintext';

/** The referee's verdict: the plaintext the key opened, or why it opened nothing. */
export type ProofResult<T> =
  | { readonly ok: true; readonly plaintext: T }
  | { readonly ok: false; readonly reason: ProofRefusal; readonly detail: string };

const REFUSAL_OF: Partial<Record<CryptoErrorCode, ProofRefusal>> = {
  'commitment-mismatch': 'key-mismatch',
  'decrypt-failed': 'decrypt-failed',
  'not-addressed': 'not-addressed',
  'low-order-key': 'malformed-key',
};

function refuse<T>(reason: ProofRefusal, detail: string): ProofResult<T> {
  return { ok: false, reason, detail };
}

/** Runs a check, turning any thrown error into a refusal with `fallback` as reason. */
function attempt<T>(fallback: ProofRefusal, run: () => T): ProofResult<T> {
  try {
    return { ok: true, plaintext: run() };
  } catch (e) {
    if (e instanceof CryptoError) return refuse(REFUSAL_OF[e.code] ?? fallback, e.message);
    return refuse(fallback, 'unexpected error');
  }
}

function decodeKey(key: unknown, length: number): Uint8Array | undefined {
  try {
    return fromHex(key, length, 'key');
  } catch {
    return undefined;
  }
}

function decodeItem<T>(decode: () => T): T | undefined {
  try {
    return decode();
  } catch {
    return undefined;
  }
}

/**
 * Content key proof `(messageId, root)`: checks the root against the message's
 * commitment, then decrypts.
 * @param envelope - the stored envelope
 * @param root - the submitted root (hex)
 */
export function verifyContentKeyProof(envelope: unknown, root: unknown): ProofResult<MessagePayload> {
  const decoded = decodeItem(() => decodeEnvelope(envelope));
  if (!decoded) return refuse('malformed-item', 'the message is not a well-formed envelope');
  const key = decodeKey(root, KEY_BYTES);
  if (!key) return refuse('malformed-key', 'a content key is 32 bytes of lowercase hex');
  return attempt('bad-plaintext', () => openWithRoot(decoded, key));
}

/**
 * Device private key proof: the submitted X25519 secret must derive the registered
 * public key of the named device, which must have a wrap in the message; the wrap
 * is opened, the root checked against the commitment, the body decrypted.
 * @param envelope - the stored envelope
 * @param device - the registered device the key is claimed for
 * @param hpkeSecret - the submitted X25519 secret key (hex)
 */
export function verifyDeviceKeyProof(
  envelope: unknown,
  device: { readonly account: string; readonly deviceId: Hex; readonly hpkePub: Hex },
  hpkeSecret: unknown,
): ProofResult<MessagePayload> {
  const decoded: DecodedEnvelope | undefined = decodeItem(() => decodeEnvelope(envelope));
  if (!decoded) return refuse('malformed-item', 'the message is not a well-formed envelope');
  const secretKey = decodeKey(hpkeSecret, KEY_BYTES);
  if (!secretKey) return refuse('malformed-key', 'a device key is 32 bytes of lowercase hex');
  const registered = decodeItem(() => ({
    deviceId: fromHex(device.deviceId, ID_BYTES),
    hpkePub: fromHex(device.hpkePub, KEY_BYTES),
  }));
  if (!registered) return refuse('malformed-item', 'the registered device record is malformed');
  const publicKey = x25519PublicKey(secretKey);
  if (!equalBytes(publicKey, registered.hpkePub)) {
    return refuse('device-mismatch', 'the key is not the private key of the registered device');
  }
  return attempt('bad-plaintext', () => {
    const root = unwrapRoot(decoded, device.account, registered.deviceId, { secretKey, publicKey });
    return openWithRoot(decoded, root);
  });
}

/**
 * SIM key proof `(line, Ki)`: Ki must match the carrier's published commitment for
 * the line, the line must be the hop's (sender's line on the uplink, recipient's on
 * the downlink); the hop key is derived and the hop decrypted.
 * @param hop - the stored SMS hop
 * @param line - the line the key is claimed for
 * @param simKey - the submitted SIM key (hex)
 * @param simCommit - the commitment the carrier published at provisioning (hex)
 */
export function verifySimKeyProof(
  hop: unknown,
  line: string,
  simKey: unknown,
  simCommit: Hex,
): ProofResult<MessagePayload> {
  const decoded = decodeItem(() => decodeSmsHop(hop));
  if (!decoded) return refuse('malformed-item', 'the SMS is not a well-formed hop');
  if (typeof line !== 'string') return refuse('malformed-item', 'the line must be a line number');
  const key = decodeKey(simKey, KEY_BYTES);
  if (!key) return refuse('malformed-key', 'a SIM key is 32 bytes of lowercase hex');
  const commit = decodeItem(() => fromHex(simCommit, KEY_BYTES));
  if (!commit) return refuse('malformed-item', 'the published SIM commitment is malformed');
  if (!equalBytes(simCommitOf(key, line), commit)) {
    return refuse('key-mismatch', 'the key does not match the SIM commitment the carrier published');
  }
  const hopLine = decoded.direction === 'up' ? decoded.fromLine : decoded.toLine;
  if (hopLine !== line) return refuse('wrong-line', `this hop travels on ${hopLine}, not ${line}`);
  return attempt('bad-plaintext', () => openHopWithKey(decoded, hopKeyOf(key, decoded.id, decoded.direction)));
}

/**
 * Hop key proof: a recipient proves receipt of an SMS with the downlink hop key.
 * @param hop - the stored SMS hop
 * @param hopKey - the submitted hop key (hex)
 */
export function verifyHopKeyProof(hop: unknown, hopKey: unknown): ProofResult<MessagePayload> {
  const decoded = decodeItem(() => decodeSmsHop(hop));
  if (!decoded) return refuse('malformed-item', 'the SMS is not a well-formed hop');
  const key = decodeKey(hopKey, KEY_BYTES);
  if (!key) return refuse('malformed-key', 'a hop key is 32 bytes of lowercase hex');
  return attempt('bad-plaintext', () => openHopWithKey(decoded, key));
}

/**
 * Backup key proof: the key must match the backup's commitment; the backup is decrypted.
 * @param backup - the stored backup
 * @param backupKey - the submitted backup key (hex)
 */
export function verifyBackupKeyProof(backup: unknown, backupKey: unknown): ProofResult<BackupItem[]> {
  const key = decodeKey(backupKey, KEY_BYTES);
  if (!key) return refuse('malformed-key', 'a backup key is 32 bytes of lowercase hex');
  return attempt('malformed-item', () => openBackup(backup, key));
}
