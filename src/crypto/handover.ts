/**
 * Handovers (docs/protocol.md §8, §9): a secret — a SIM key under a wiretap order, a
 * backup key under a warrant, an escrowed backup key to an account's own device — is
 * HPKE-sealed to one device, with what it is and why bound into the HPKE info, so it
 * cannot be replayed as the answer to another order.
 * @module
 */
import { assertBytes } from './bytes.ts';
import type { DeviceKeys } from './device.ts';
import { frame } from './frame.ts';
import { fromHex, type Hex, toHex } from './hex.ts';
import { open as hpkeOpen, seal as hpkeSeal } from './hpke/index.ts';
import { assertName } from './names.ts';
import { type RandomSource, secureRandom } from './random.ts';
import { ID_BYTES, KEY_BYTES, SUITE, TAG_BYTES } from './suite.ts';

/** What a handover carries, bound into its HPKE info. */
export interface HandoverLabel {
  /** The kind of secret, e.g. "sim-key", "backup-key". */
  readonly kind: string;
  /** The order, request or account it answers to. */
  readonly reference: string;
  /** The line, account or backup the secret belongs to. */
  readonly subject: string;
}

/** A sealed 32-byte secret addressed to one device. */
export interface Handover extends HandoverLabel {
  readonly toDevice: Hex;
  readonly enc: Hex;
  readonly ct: Hex;
}

function handoverInfo(label: HandoverLabel, toDevice: Uint8Array): Uint8Array {
  return frame(SUITE, 'handover', label.kind, label.reference, label.subject, toDevice);
}

/**
 * Seals a 32-byte secret to a device: HPKE base mode with
 * info = frame(suite, "handover", kind, reference, subject, toDevice).
 * @param secret - the 32-byte key handed over
 * @param label - what it is and why
 * @param to - the receiving device's id and X25519 public key (hex)
 * @param random - random source for the ephemeral key
 */
export function sealHandover(
  secret: Uint8Array,
  label: HandoverLabel,
  to: { readonly deviceId: Hex; readonly hpkePub: Hex },
  random: RandomSource = secureRandom,
): Handover {
  assertBytes(secret, KEY_BYTES, 'handover secret');
  assertName(label.kind, 'handover kind');
  assertName(label.reference, 'handover reference');
  assertName(label.subject, 'handover subject');
  const toDevice = fromHex(to.deviceId, ID_BYTES, 'deviceId');
  const pub = fromHex(to.hpkePub, KEY_BYTES, 'hpkePub');
  const { enc, ct } = hpkeSeal(pub, handoverInfo(label, toDevice), new Uint8Array(0), secret, { random });
  return {
    kind: label.kind,
    reference: label.reference,
    subject: label.subject,
    toDevice: toHex(toDevice),
    enc: toHex(enc),
    ct: toHex(ct),
  };
}

/**
 * Opens a handover addressed to this device.
 * @param handover - the sealed handover
 * @param device - the receiving device's keys
 * @throws CryptoError `decrypt-failed` if it was not sealed to this device or was altered
 */
export function openHandover(handover: Handover, device: DeviceKeys): Uint8Array {
  const toDevice = fromHex(handover.toDevice, ID_BYTES, 'toDevice');
  const enc = fromHex(handover.enc, KEY_BYTES, 'enc');
  const ct = fromHex(handover.ct, KEY_BYTES + TAG_BYTES, 'ct');
  return hpkeOpen(device.hpke, enc, handoverInfo(handover, toDevice), new Uint8Array(0), ct);
}
