/**
 * The secure-messenger envelope (docs/protocol.md §6): one message, end to end.
 * A fresh root per message is HPKE-wrapped to every device the sender chose; the
 * body is XChaCha20-Poly1305 under a key derived from the root; a commitment to the
 * root sits in the signed header so no one can later show a second key that also
 * "opens" the body (the AEAD alone is not key-committing).
 * @module
 */

import { xopen, xseal } from './aead.ts';
import { assertBytes, equalBytes } from './bytes.ts';
import type { DeviceKeys } from './device.ts';
import { CryptoError, ensure } from './errors.ts';
import { frame, frameList } from './frame.ts';
import { fromHex, type Hex, toHex } from './hex.ts';
import { open as hpkeOpen, seal as hpkeSeal, type X25519KeyPair } from './hpke/index.ts';
import { deriveKey } from './kdf.ts';
import { assertCount, assertName, compareNames } from './names.ts';
import { decodePayload, encodePayload, type MessagePayload } from './payload.ts';
import { type RandomSource, secureRandom } from './random.ts';
import { SIGNATURE_BYTES, sign, verify } from './signature.ts';
import { ID_BYTES, KEY_BYTES, MAX_MESSAGE_PLAINTEXT, SUITE, TAG_BYTES, XNONCE_BYTES } from './suite.ts';
import { assertHpkePublicKey } from './x25519.ts';

/** Most recipient accounts one message may name. */
export const MAX_RECIPIENTS = 16;
/** Most device wraps one message may carry. */
export const MAX_WRAPS = 64;
const WRAP_CT_BYTES = KEY_BYTES + TAG_BYTES;

/** The root HPKE-sealed to one device. */
export interface EnvelopeWrap {
  readonly account: string;
  readonly device: Hex;
  readonly enc: Hex;
  readonly ct: Hex;
}

/** A sealed message as carried on the wire and stored by the referee. */
export interface Envelope {
  readonly id: Hex;
  readonly day: number;
  readonly fromAccount: string;
  readonly fromDevice: Hex;
  readonly recipients: readonly string[];
  readonly nonce: Hex;
  readonly commit: Hex;
  readonly wraps: readonly EnvelopeWrap[];
  readonly body: Hex;
  readonly signature: Hex;
}

/** A device to wrap the root to, as the directory lists it. */
export interface WrapTarget {
  readonly account: string;
  readonly deviceId: Hex;
  readonly hpkePub: Hex;
}

/** What the sender's client supplies to seal a message. */
export interface SealInput {
  readonly day: number;
  readonly fromAccount: string;
  readonly device: DeviceKeys;
  readonly recipients: readonly string[];
  readonly targets: readonly WrapTarget[];
  readonly payload: MessagePayload;
}

interface DecodedWrap {
  readonly account: string;
  readonly device: Uint8Array;
  readonly enc: Uint8Array;
  readonly ct: Uint8Array;
}

/** An envelope whose every field has been strictly decoded and checked for shape. */
export interface DecodedEnvelope {
  readonly id: Uint8Array;
  readonly day: number;
  readonly fromAccount: string;
  readonly fromDevice: Uint8Array;
  readonly recipients: readonly string[];
  readonly nonce: Uint8Array;
  readonly commit: Uint8Array;
  readonly wraps: readonly DecodedWrap[];
  readonly body: Uint8Array;
  readonly signature: Uint8Array;
  readonly header: Uint8Array;
}

/** encKey = HKDF(root, salt = id, info = frame(suite, "content-key"), 32). */
export function contentKeyOf(root: Uint8Array, id: Uint8Array): Uint8Array {
  return deriveKey(root, id, 'content-key');
}

/** commit = HKDF(root, salt = id, info = frame(suite, "key-commitment"), 32). */
export function commitmentOf(root: Uint8Array, id: Uint8Array): Uint8Array {
  return deriveKey(root, id, 'key-commitment');
}

/** HPKE info for one wrap: frame(suite, "wrap", id, fromAccount, fromDevice, toAccount, toDevice). */
function wrapInfo(
  id: Uint8Array,
  fromAccount: string,
  fromDevice: Uint8Array,
  toAccount: string,
  toDevice: Uint8Array,
) {
  return frame(SUITE, 'wrap', id, fromAccount, fromDevice, toAccount, toDevice);
}

function compareWraps(a: { account: string; device: Hex }, b: { account: string; device: Hex }): number {
  return compareNames(a.account, b.account) || compareNames(a.device, b.device);
}

/** Header = frame(suite, "msg", id, day, from, fromDevice, recipients, nonce, commit, wraps). */
function headerBytes(e: Omit<DecodedEnvelope, 'header' | 'body' | 'signature'>): Uint8Array {
  return frame(
    SUITE,
    'msg',
    e.id,
    e.day,
    e.fromAccount,
    e.fromDevice,
    frameList(e.recipients),
    e.nonce,
    e.commit,
    frameList(e.wraps.map((w) => frame(w.account, w.device, w.enc, w.ct))),
  );
}

function signedBytes(header: Uint8Array, body: Uint8Array): Uint8Array {
  return frame(SUITE, 'sig', header, body);
}

/**
 * Seals a message to a chosen set of devices and signs it with the sending device.
 * Returns the envelope and the root, which the sender's client may keep (it is the
 * "content key" a crew member submits as proof of receipt).
 * @param input - sender, recipients, the devices to wrap to, the payload
 * @param random - the random source for the root, id, nonce and ephemeral keys
 */
export function sealEnvelope(
  input: SealInput,
  random: RandomSource = secureRandom,
): { envelope: Envelope; root: Uint8Array } {
  assertCount(input.day, 'day');
  assertName(input.fromAccount, 'fromAccount');
  const recipients = [...new Set(input.recipients)].sort(compareNames);
  ensure(recipients.length > 0 && recipients.length <= MAX_RECIPIENTS, 'bad-input', 'a message needs 1–16 recipients');
  for (const r of recipients) assertName(r, 'recipient');
  const allowed = new Set([...recipients, input.fromAccount]);
  const targets = [...input.targets].sort((a, b) =>
    compareWraps({ account: a.account, device: a.deviceId }, { account: b.account, device: b.deviceId }),
  );
  ensure(targets.length > 0 && targets.length <= MAX_WRAPS, 'bad-input', `a message needs 1–${MAX_WRAPS} devices`);
  for (const [i, t] of targets.entries()) {
    ensure(allowed.has(t.account), 'bad-input', `device of ${t.account} is neither a recipient's nor the sender's`);
    const prev = targets[i - 1];
    ensure(
      !prev ||
        compareWraps({ account: prev.account, device: prev.deviceId }, { account: t.account, device: t.deviceId }) !==
          0,
      'bad-input',
      'a device is listed twice',
    );
  }
  const plaintext = encodePayload(input.payload);

  const id = random(ID_BYTES);
  const root = random(KEY_BYTES);
  const nonce = random(XNONCE_BYTES);
  const commit = commitmentOf(root, id);
  const fromDevice = input.device.deviceId;
  const wraps: DecodedWrap[] = targets.map((t) => {
    const device = fromHex(t.deviceId, ID_BYTES, 'target deviceId');
    const hpkePub = fromHex(t.hpkePub, KEY_BYTES, 'target hpkePub');
    const { enc, ct } = hpkeSeal(
      hpkePub,
      wrapInfo(id, input.fromAccount, fromDevice, t.account, device),
      commit,
      root,
      {
        random,
      },
    );
    return { account: t.account, device, enc, ct };
  });
  const fields = { id, day: input.day, fromAccount: input.fromAccount, fromDevice, recipients, nonce, commit, wraps };
  const header = headerBytes(fields);
  const body = xseal(contentKeyOf(root, id), nonce, header, plaintext);
  const signature = sign(signedBytes(header, body), input.device.sig.secretKey);
  const envelope: Envelope = {
    id: toHex(id),
    day: input.day,
    fromAccount: input.fromAccount,
    fromDevice: toHex(fromDevice),
    recipients,
    nonce: toHex(nonce),
    commit: toHex(commit),
    wraps: wraps.map((w) => ({ account: w.account, device: toHex(w.device), enc: toHex(w.enc), ct: toHex(w.ct) })),
    body: toHex(body),
    signature: toHex(signature),
  };
  return { envelope, root };
}

/**
 * Decodes an envelope from an untrusted source, checking every field's type, hex and
 * length, the canonical order of recipients and wraps, and the size limits. It does
 * not check the signature: see {@link verifyEnvelope}.
 * @param value - the envelope as received
 * @throws CryptoError naming the first problem found
 */
export function decodeEnvelope(value: unknown): DecodedEnvelope {
  ensure(typeof value === 'object' && value !== null, 'bad-input', 'envelope must be an object');
  const e = value as Partial<Record<keyof Envelope, unknown>>;
  const id = fromHex(e.id, ID_BYTES, 'id');
  assertCount(e.day, 'day');
  assertName(e.fromAccount, 'fromAccount');
  const fromDevice = fromHex(e.fromDevice, ID_BYTES, 'fromDevice');
  ensure(Array.isArray(e.recipients), 'bad-input', 'recipients must be an array');
  const recipients = e.recipients as unknown[];
  ensure(recipients.length > 0 && recipients.length <= MAX_RECIPIENTS, 'bad-input', 'a message needs 1–16 recipients');
  recipients.forEach((r, i) => {
    assertName(r, 'recipient');
    ensure(
      i === 0 || compareNames(recipients[i - 1] as string, r) < 0,
      'bad-input',
      'recipients must be sorted and unique',
    );
  });
  const nonce = fromHex(e.nonce, XNONCE_BYTES, 'nonce');
  const commit = fromHex(e.commit, KEY_BYTES, 'commit');
  ensure(Array.isArray(e.wraps), 'bad-input', 'wraps must be an array');
  const rawWraps = e.wraps as unknown[];
  ensure(rawWraps.length > 0 && rawWraps.length <= MAX_WRAPS, 'bad-input', `a message needs 1–${MAX_WRAPS} wraps`);
  const allowed = new Set([...(recipients as string[]), e.fromAccount]);
  const wraps = rawWraps.map((raw, i): DecodedWrap => {
    ensure(typeof raw === 'object' && raw !== null, 'bad-input', 'wrap must be an object');
    const w = raw as Partial<Record<keyof EnvelopeWrap, unknown>>;
    assertName(w.account, 'wrap account');
    ensure(allowed.has(w.account), 'bad-input', 'wrap for an account that is neither recipient nor sender');
    const device = fromHex(w.device, ID_BYTES, 'wrap device');
    const prev = rawWraps[i - 1] as EnvelopeWrap | undefined;
    ensure(!prev || compareWraps(prev, w as EnvelopeWrap) < 0, 'bad-input', 'wraps must be sorted and unique');
    return {
      account: w.account,
      device,
      enc: fromHex(w.enc, KEY_BYTES, 'wrap enc'),
      ct: fromHex(w.ct, WRAP_CT_BYTES, 'wrap ct'),
    };
  });
  const body = fromHex(e.body, undefined, 'body');
  ensure(body.length >= TAG_BYTES, 'bad-length', 'body shorter than the tag');
  ensure(body.length <= MAX_MESSAGE_PLAINTEXT + TAG_BYTES, 'too-large', 'body too large');
  const signature = fromHex(e.signature, SIGNATURE_BYTES, 'signature');
  const fields = {
    id,
    day: e.day,
    fromAccount: e.fromAccount,
    fromDevice,
    recipients: recipients as string[],
    nonce,
    commit,
    wraps,
  };
  return { ...fields, body, signature, header: headerBytes(fields) };
}

/**
 * What the referee checks on `send`: the envelope is well-formed and signed by the
 * sending device. It cannot and does not check the plaintext.
 * @param value - the envelope as received
 * @param senderSigPub - the registered Ed25519 key of `fromDevice`
 * @returns the decoded envelope
 */
export function verifyEnvelope(value: unknown, senderSigPub: Hex | Uint8Array): DecodedEnvelope {
  const decoded = decodeEnvelope(value);
  const key = typeof senderSigPub === 'string' ? fromHex(senderSigPub, KEY_BYTES, 'senderSigPub') : senderSigPub;
  ensure(
    verify(decoded.signature, signedBytes(decoded.header, decoded.body), key),
    'bad-signature',
    'envelope signature does not verify',
  );
  return decoded;
}

/**
 * Recovers the root from this device's wrap and checks it against the commitment.
 * @param envelope - a decoded envelope
 * @param account - the device's account
 * @param deviceId - the device's id
 * @param hpke - the device's X25519 key pair
 * @throws CryptoError `not-addressed`, `decrypt-failed` or `commitment-mismatch`
 */
export function unwrapRoot(
  envelope: DecodedEnvelope,
  account: string,
  deviceId: Uint8Array,
  hpke: X25519KeyPair,
): Uint8Array {
  const wrap = envelope.wraps.find((w) => w.account === account && equalBytes(w.device, deviceId));
  if (!wrap) throw new CryptoError('not-addressed', 'the message carries no wrap for this device');
  const info = wrapInfo(envelope.id, envelope.fromAccount, envelope.fromDevice, account, deviceId);
  const root = hpkeOpen(hpke, wrap.enc, info, envelope.commit, wrap.ct);
  ensure(
    equalBytes(commitmentOf(root, envelope.id), envelope.commit),
    'commitment-mismatch',
    'wrapped root does not match the commitment',
  );
  return root;
}

/**
 * Decrypts the body with a root, after checking the root against the signed
 * commitment — a second key that also opens the body is refused here.
 * @param envelope - a decoded envelope
 * @param root - the candidate 32-byte root
 * @throws CryptoError `commitment-mismatch`, `decrypt-failed` or `bad-input`
 */
export function openWithRoot(envelope: DecodedEnvelope, root: Uint8Array): MessagePayload {
  assertBytes(root, KEY_BYTES, 'root');
  ensure(
    equalBytes(commitmentOf(root, envelope.id), envelope.commit),
    'commitment-mismatch',
    'key does not match the message commitment',
  );
  return decodePayload(xopen(contentKeyOf(root, envelope.id), envelope.nonce, envelope.header, envelope.body));
}

/**
 * Opens a message as one device: verifies the sender's signature, unwraps the root
 * from this device's wrap, checks the commitment and decrypts.
 * @param value - the envelope as received
 * @param me - this device's account and keys
 * @param senderSigPub - the sending device's registered Ed25519 key
 */
export function openEnvelope(
  value: unknown,
  me: { readonly account: string; readonly device: DeviceKeys },
  senderSigPub: Hex | Uint8Array,
): { payload: MessagePayload; root: Uint8Array } {
  const envelope = verifyEnvelope(value, senderSigPub);
  const root = unwrapRoot(envelope, me.account, me.device.deviceId, me.device.hpke);
  return { payload: openWithRoot(envelope, root), root };
}

/**
 * Checks a wrap target's public key before sealing to it (low-order keys refused).
 * @param target - the directory's record of the device
 */
export function assertWrapTarget(target: WrapTarget): void {
  assertName(target.account, 'target account');
  fromHex(target.deviceId, ID_BYTES, 'target deviceId');
  assertHpkePublicKey(fromHex(target.hpkePub, KEY_BYTES, 'target hpkePub'));
}
