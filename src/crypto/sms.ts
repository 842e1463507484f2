/**
 * SMS, hop by hop (docs/protocol.md §7): the carrier makes a SIM key (Ki) per line
 * and keeps a copy, as real networks do (3GPP TS 33.102 §6.3: the network holds K).
 * The phone encrypts to the carrier under its own line's key; the carrier decrypts,
 * sees the plaintext, and re-encrypts under the recipient line's key.
 * @module
 */

import { xopen, xseal } from './aead.ts';
import { equalBytes, utf8 } from './bytes.ts';
import type { DeviceKeys } from './device.ts';
import { ensure } from './errors.ts';
import { frame } from './frame.ts';
import { type Handover, openHandover, sealHandover } from './handover.ts';
import { fromHex, type Hex, toHex } from './hex.ts';
import { deriveKey } from './kdf.ts';
import { assertCount, assertName } from './names.ts';
import { decodePayload, encodePayload, type MessagePayload } from './payload.ts';
import { type RandomSource, secureRandom } from './random.ts';
import { ID_BYTES, KEY_BYTES, MAX_MESSAGE_PLAINTEXT, SUITE, TAG_BYTES, XNONCE_BYTES } from './suite.ts';

/** Which hop an SMS ciphertext is on: phone → carrier or carrier → phone. */
export type SmsDirection = 'up' | 'down';

/** What the carrier publishes when it provisions a line, and the SIM sealed to the phone. */
export interface SimProvision {
  readonly line: string;
  readonly simCommit: Hex;
  readonly sealed: Handover;
}

/** One hop of an SMS: its ciphertext and the header it is bound to. */
export interface SmsHop {
  readonly id: Hex;
  readonly direction: SmsDirection;
  readonly day: number;
  readonly fromLine: string;
  readonly toLine: string;
  readonly nonce: Hex;
  readonly commit: Hex;
  readonly body: Hex;
}

/** A hop whose every field has been strictly decoded. */
export interface DecodedSmsHop {
  readonly id: Uint8Array;
  readonly direction: SmsDirection;
  readonly day: number;
  readonly fromLine: string;
  readonly toLine: string;
  readonly nonce: Uint8Array;
  readonly commit: Uint8Array;
  readonly body: Uint8Array;
  readonly header: Uint8Array;
}

/** simCommit = HKDF(Ki, salt = line, info = frame(suite, "sim-commitment"), 32). */
export function simCommitOf(simKey: Uint8Array, line: string): Uint8Array {
  return deriveKey(simKey, utf8(line), 'sim-commitment');
}

/** Hop key = HKDF(Ki, salt = id, info = frame(suite, "sms-up" | "sms-down"), 32). */
export function hopKeyOf(simKey: Uint8Array, id: Uint8Array, direction: SmsDirection): Uint8Array {
  return deriveKey(simKey, id, direction === 'up' ? 'sms-up' : 'sms-down');
}

/** Per-hop commitment = HKDF(hopKey, salt = id, info = frame(suite, "hop-commitment"), 32). */
export function hopCommitOf(hopKey: Uint8Array, id: Uint8Array): Uint8Array {
  return deriveKey(hopKey, id, 'hop-commitment');
}

/**
 * The carrier's client provisions a line: a fresh 32-byte Ki, sealed to the phone
 * (handover kind "sim-key", reference "provision"), and a public commitment.
 * @param line - the line's number
 * @param phone - the phone's device id and X25519 public key
 * @param random - random source
 * @param simKey - the Ki to provision (default: a fresh one), so a client that must
 *   answer the same state twice can seal the same key again
 * @returns the SIM key (the carrier keeps it) and the public provisioning record
 */
export function provisionSim(
  line: string,
  phone: { readonly deviceId: Hex; readonly hpkePub: Hex },
  random: RandomSource = secureRandom,
  simKey: Uint8Array = random(KEY_BYTES),
): { simKey: Uint8Array; provision: SimProvision } {
  assertName(line, 'line');
  ensure(simKey.length === KEY_BYTES, 'bad-input', `a SIM key is ${KEY_BYTES} bytes`);
  const sealed = sealHandover(simKey, { kind: 'sim-key', reference: 'provision', subject: line }, phone, random);
  return { simKey, provision: { line, simCommit: toHex(simCommitOf(simKey, line)), sealed } };
}

/**
 * The phone opens its SIM and checks it against the carrier's published commitment.
 * @param provision - the provisioning record
 * @param device - the phone's keys
 */
export function receiveSim(provision: SimProvision, device: DeviceKeys): Uint8Array {
  const simKey = openHandover(provision.sealed, device);
  const commit = fromHex(provision.simCommit, KEY_BYTES, 'simCommit');
  ensure(
    equalBytes(simCommitOf(simKey, provision.line), commit),
    'commitment-mismatch',
    'SIM key does not match its commitment',
  );
  return simKey;
}

function hopHeader(h: Omit<DecodedSmsHop, 'body' | 'header'>): Uint8Array {
  return frame(SUITE, 'sms', h.direction, h.id, h.day, h.fromLine, h.toLine, h.nonce, h.commit);
}

function encryptHop(
  fields: { id: Uint8Array; direction: SmsDirection; day: number; fromLine: string; toLine: string },
  simKey: Uint8Array,
  plaintext: Uint8Array,
  random: RandomSource,
): { hop: SmsHop; hopKey: Uint8Array } {
  const hopKey = hopKeyOf(simKey, fields.id, fields.direction);
  const nonce = random(XNONCE_BYTES);
  const commit = hopCommitOf(hopKey, fields.id);
  const header = hopHeader({ ...fields, nonce, commit });
  const body = xseal(hopKey, nonce, header, plaintext);
  return {
    hop: { ...fields, id: toHex(fields.id), nonce: toHex(nonce), commit: toHex(commit), body: toHex(body) },
    hopKey,
  };
}

/**
 * The sending phone encrypts an SMS for the uplink hop under its own line's key.
 * @param input - day, lines, the sender's SIM key and the payload
 * @param random - random source for the id and nonce
 */
export function smsUplink(
  input: { day: number; fromLine: string; toLine: string; simKey: Uint8Array; payload: MessagePayload },
  random: RandomSource = secureRandom,
): { hop: SmsHop; hopKey: Uint8Array } {
  assertCount(input.day, 'day');
  assertName(input.fromLine, 'fromLine');
  assertName(input.toLine, 'toLine');
  const fields = {
    id: random(ID_BYTES),
    direction: 'up' as const,
    day: input.day,
    fromLine: input.fromLine,
    toLine: input.toLine,
  };
  return encryptHop(fields, input.simKey, encodePayload(input.payload), random);
}

/**
 * Decodes a hop from an untrusted source (strict hex, lengths, names, size).
 * @param value - the hop as received
 */
export function decodeSmsHop(value: unknown): DecodedSmsHop {
  ensure(typeof value === 'object' && value !== null, 'bad-input', 'SMS hop must be an object');
  const h = value as Partial<Record<keyof SmsHop, unknown>>;
  const direction = h.direction;
  ensure(direction === 'up' || direction === 'down', 'bad-input', 'direction must be "up" or "down"');
  assertCount(h.day, 'day');
  assertName(h.fromLine, 'fromLine');
  assertName(h.toLine, 'toLine');
  const fields = {
    id: fromHex(h.id, ID_BYTES, 'id'),
    direction: direction as SmsDirection,
    day: h.day,
    fromLine: h.fromLine,
    toLine: h.toLine,
    nonce: fromHex(h.nonce, XNONCE_BYTES, 'nonce'),
    commit: fromHex(h.commit, KEY_BYTES, 'commit'),
  };
  const body = fromHex(h.body, undefined, 'body');
  ensure(body.length >= TAG_BYTES, 'bad-length', 'body shorter than the tag');
  ensure(body.length <= MAX_MESSAGE_PLAINTEXT + TAG_BYTES, 'too-large', 'body too large');
  return { ...fields, body, header: hopHeader(fields) };
}

/**
 * Decrypts a hop with its hop key, after checking the key against the hop's commitment.
 * @param hop - a decoded hop
 * @param hopKey - the candidate hop key
 */
export function openHopWithKey(hop: DecodedSmsHop, hopKey: Uint8Array): MessagePayload {
  ensure(
    equalBytes(hopCommitOf(hopKey, hop.id), hop.commit),
    'commitment-mismatch',
    'hop key does not match the commitment',
  );
  return decodePayload(xopen(hopKey, hop.nonce, hop.header, hop.body));
}

/**
 * Decrypts a hop with the SIM key of the line it travels on: the sender's line for
 * the uplink, the recipient's for the downlink. The phone, the carrier and a
 * wiretap holding Ki all read it this way.
 * @param value - the hop as received
 * @param simKey - Ki of the hop's line
 */
export function smsDecrypt(value: unknown, simKey: Uint8Array): MessagePayload {
  const hop = decodeSmsHop(value);
  return openHopWithKey(hop, hopKeyOf(simKey, hop.id, hop.direction));
}

/**
 * The carrier's switch: decrypts an uplink with the sender's Ki and re-encrypts it
 * for the downlink with the recipient's Ki, keeping the message id and day.
 * @param uplink - the uplink hop
 * @param fromSimKey - Ki of the sending line
 * @param toSimKey - Ki of the receiving line
 * @param random - random source for the downlink nonce
 * @returns the plaintext the carrier sees and the downlink hop
 */
export function smsTranscrypt(
  uplink: unknown,
  fromSimKey: Uint8Array,
  toSimKey: Uint8Array,
  random: RandomSource = secureRandom,
): { payload: MessagePayload; downlink: SmsHop; hopKey: Uint8Array } {
  const up = decodeSmsHop(uplink);
  ensure(up.direction === 'up', 'bad-input', 'only an uplink hop can be transcrypted');
  const payload = openHopWithKey(up, hopKeyOf(fromSimKey, up.id, 'up'));
  const fields = { id: up.id, direction: 'down' as const, day: up.day, fromLine: up.fromLine, toLine: up.toLine };
  const { hop, hopKey } = encryptHop(fields, toSimKey, encodePayload(payload), random);
  return { payload, downlink: hop, hopKey };
}
