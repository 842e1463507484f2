import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes } from './bytes.ts';
import { ensure } from './errors.ts';
import { frame } from './frame.ts';
import { fromHex, type Hex, toHex } from './hex.ts';
import type { X25519KeyPair } from './hpke/index.ts';
import { assertCount, assertName } from './names.ts';
import { type RandomSource, secureRandom } from './random.ts';
import {
  assertSigningPublicKey,
  generateSigningKeyPair,
  SIGNATURE_BYTES,
  type SigningKeyPair,
  sign,
  verify,
} from './signature.ts';
import { ID_BYTES, KEY_BYTES, SUITE } from './suite.ts';
import { assertHpkePublicKey, generateHpkeKeyPair } from './x25519.ts';

/**
 * A device's private key material. It never leaves the client that made it
 * (architecture.md, "the one principle"): only {@link DevicePublicKeys} do.
 */
export interface DeviceKeys {
  readonly deviceId: Uint8Array;
  readonly hpke: X25519KeyPair;
  readonly sig: SigningKeyPair;
}

/** A device's public keys as carried on the wire and in game state (lowercase hex). */
export interface DevicePublicKeys {
  readonly deviceId: Hex;
  readonly hpkePub: Hex;
  readonly sigPub: Hex;
}

/** A device registration (docs/protocol.md §5): public, self-signed, checked by the referee. */
export interface RegistrationRecord extends DevicePublicKeys {
  readonly account: string;
  readonly kind: string;
  readonly day: number;
  readonly signature: Hex;
}

/**
 * deviceId = first 16 bytes of SHA-256(frame(suite, "device", sigPub, hpkePub)).
 * @param sigPub - the device's Ed25519 public key
 * @param hpkePub - the device's X25519 public key
 */
export function deviceIdOf(sigPub: Uint8Array, hpkePub: Uint8Array): Uint8Array {
  return sha256(frame(SUITE, 'device', sigPub, hpkePub)).slice(0, ID_BYTES);
}

/**
 * Makes a new device: an X25519 key pair for HPKE and an Ed25519 signing key pair.
 * @param random - the random source (default: the platform CSPRNG)
 */
export function createDevice(random: RandomSource = secureRandom): DeviceKeys {
  const hpke = generateHpkeKeyPair(random);
  const sig = generateSigningKeyPair(random);
  return { deviceId: deviceIdOf(sig.publicKey, hpke.publicKey), hpke, sig };
}

/**
 * Rebuilds a device from its two stored secret keys (the public keys and id are derived).
 * @param hpkeSecret - the 32-byte X25519 secret key
 * @param sigSecret - the 32-byte Ed25519 secret key
 */
export function deviceFromSecrets(hpkeSecret: Uint8Array, sigSecret: Uint8Array): DeviceKeys {
  let call = 0;
  const replay: RandomSource = () => (call++ === 0 ? hpkeSecret : sigSecret).slice();
  return createDevice(replay);
}

/** The public half of a device, hex-encoded for the wire. */
export function devicePublicKeys(device: DeviceKeys): DevicePublicKeys {
  return {
    deviceId: toHex(device.deviceId),
    hpkePub: toHex(device.hpke.publicKey),
    sigPub: toHex(device.sig.publicKey),
  };
}

function registrationBytes(account: string, deviceId: Uint8Array, hpkePub: Uint8Array, sigPub: Uint8Array): Uint8Array {
  return frame(SUITE, 'register', account, deviceId, hpkePub, sigPub);
}

/**
 * Signs a registration: Ed25519 by the device itself over
 * frame(suite, "register", account, deviceId, hpkePub, sigPub).
 * @param device - the device's keys
 * @param account - the owning account (e.g. a phone number)
 * @param kind - what the device is ("phone", "laptop", "workstation", …)
 * @param day - the game day it was registered on
 */
export function signRegistration(device: DeviceKeys, account: string, kind: string, day: number): RegistrationRecord {
  assertName(account, 'account');
  assertName(kind, 'device kind');
  assertCount(day, 'day');
  const signature = sign(
    registrationBytes(account, device.deviceId, device.hpke.publicKey, device.sig.publicKey),
    device.sig.secretKey,
  );
  return { account, kind, day, ...devicePublicKeys(device), signature: toHex(signature) };
}

/**
 * Verifies a registration record from an untrusted source: strict hex, both public
 * keys valid (no low-order X25519 key, no small-order Ed25519 key), the deviceId
 * derived from them, and the self-signature.
 * @param record - the record as received
 * @throws CryptoError naming the first problem found
 */
export function verifyRegistration(record: RegistrationRecord): void {
  ensure(typeof record === 'object' && record !== null, 'bad-input', 'registration must be an object');
  assertName(record.account, 'account');
  assertName(record.kind, 'device kind');
  assertCount(record.day, 'day');
  const deviceId = fromHex(record.deviceId, ID_BYTES, 'deviceId');
  const hpkePub = fromHex(record.hpkePub, KEY_BYTES, 'hpkePub');
  const sigPub = fromHex(record.sigPub, KEY_BYTES, 'sigPub');
  const signature = fromHex(record.signature, SIGNATURE_BYTES, 'signature');
  assertHpkePublicKey(hpkePub);
  assertSigningPublicKey(sigPub);
  ensure(equalBytes(deviceId, deviceIdOf(sigPub, hpkePub)), 'bad-input', 'deviceId does not match the public keys');
  ensure(
    verify(signature, registrationBytes(record.account, deviceId, hpkePub, sigPub), sigPub),
    'bad-signature',
    'registration self-signature does not verify',
  );
}
