/**
 * The investigator's workstation: its own device, the ghost devices it makes for
 * technical-assistance applications, the handovers it opens (SIM keys, backup keys,
 * a seized phone's keys), and the evidence it assembles — each item with the one key
 * that lawfully opens it.
 * @module
 */
import {
  createDevice,
  type DeviceKeys,
  decodeEnvelope,
  deviceFromSecrets,
  fromHex,
  type MessagePayload,
  openBackup,
  openHandover,
  openWithRoot,
  type RandomSource,
  type RegistrationRecord,
  secureRandom,
  signRegistration,
  smsDecrypt,
  toHex,
  unwrapRoot,
  x25519PublicKey,
} from '../crypto/index.ts';
import type { ProofArgs, SeatView } from '../game/index.ts';
import { type KeyStore, loadOrCreateDevice, saveDevice } from './keyStore.ts';

/** One item the workstation can read, with the proof that files it. */
export interface Readable {
  readonly proof: ProofArgs;
  readonly text: string;
}

function textOf(p: MessagePayload): string {
  return p.plan ? `${p.text}\n${p.plan.place}\n${p.plan.time}` : p.text;
}

/** The investigator's client. */
export class Workstation {
  readonly device: DeviceKeys;
  readonly #store: KeyStore;
  readonly #random: RandomSource;
  /** Decryption attempts already made, by item and key: each costs a DH or more. */
  readonly #tried = new Map<string, Readable | null>();
  /** Handovers already opened, by ciphertext. */
  readonly #handovers = new Map<string, Uint8Array>();

  constructor(store: KeyStore, random: RandomSource = secureRandom) {
    this.#store = store;
    this.#random = random;
    this.device = loadOrCreateDevice(store, 'workstation', random);
  }

  /** The workstation's registration (account "investigator"). */
  registration(day: number): RegistrationRecord {
    return signRegistration(this.device, 'investigator', 'workstation', day);
  }

  /** Makes a ghost device for a target account; its keys stay here. */
  ghostFor(account: string, day: number): RegistrationRecord {
    const ghost = createDevice(this.#random);
    saveDevice(this.#store, `ghost/${toHex(ghost.deviceId)}`, ghost);
    return signRegistration(ghost, account, 'phone', day);
  }

  #ghost(deviceId: string): DeviceKeys | undefined {
    const hpke = this.#store.get(`ghost/${deviceId}/hpke`);
    const sig = this.#store.get(`ghost/${deviceId}/sig`);
    return hpke && sig ? deviceFromSecrets(hpke, sig) : undefined;
  }

  /** Runs a decryption once per cache key; a failure is remembered as null. */
  #once(key: string, attempt: () => Readable): Readable | null {
    if (!this.#tried.has(key)) {
      let result: Readable | null = null;
      try {
        result = attempt();
      } catch {
        // Not readable with this key: remember that too.
      }
      this.#tried.set(key, result);
    }
    return this.#tried.get(key) ?? null;
  }

  /** Secrets handed over to this workstation, by document id (each opened once). */
  handoverKeys(view: SeatView): Map<string, { kind: string; subject: string; key: Uint8Array }> {
    const keys = new Map<string, { kind: string; subject: string; key: Uint8Array }>();
    for (const h of view.handovers) {
      if (h.handover.toDevice !== toHex(this.device.deviceId)) continue;
      const opened = this.#handovers.get(h.handover.ct) ?? this.#openHandover(h.handover);
      if (opened) keys.set(h.documentId, { kind: h.handover.kind, subject: h.handover.subject, key: opened });
    }
    return keys;
  }

  #openHandover(handover: SeatView['handovers'][number]['handover']): Uint8Array | undefined {
    try {
      const key = openHandover(handover, this.device);
      this.#handovers.set(handover.ct, key);
      return key;
    } catch {
      return undefined; // A handover that does not open is useless, not fatal.
    }
  }

  /** Every item this workstation can read, each with its evidence proof. */
  readable(view: SeatView): Readable[] {
    const out: Readable[] = [];
    const keys = [...this.handoverKeys(view).values()];
    // Device keys: ghosts made here, and seized phones whose keys were extracted.
    const deviceKeys = new Map<string, Uint8Array>();
    for (const d of view.devices) {
      const ghost = this.#ghost(d.deviceId);
      if (ghost) deviceKeys.set(d.deviceId, ghost.hpke.secretKey);
    }
    for (const k of keys) if (k.kind === 'device-key') deviceKeys.set(k.subject, k.key);
    for (const m of view.messages) {
      const envelope = m.envelope;
      if (!envelope) continue;
      for (const w of envelope.wraps) {
        const secretKey = deviceKeys.get(w.device);
        if (!secretKey) continue;
        const found = this.#once(`message ${envelope.id} ${w.device}`, () => {
          const decoded = decodeEnvelope(envelope);
          const pair = { secretKey, publicKey: x25519PublicKey(secretKey) };
          const payload = openWithRoot(decoded, unwrapRoot(decoded, w.account, fromHex(w.device, 16), pair));
          const proof = {
            item: { kind: 'message', id: envelope.id },
            keyKind: 'device',
            key: toHex(secretKey),
            deviceId: w.device,
          } as const;
          return { proof, text: textOf(payload) };
        });
        if (found) {
          out.push(found);
          break;
        }
      }
    }
    for (const k of keys.filter((x) => x.kind === 'sim-key')) {
      for (const s of view.sms) {
        const hop = s.fromLine === k.subject ? s.uplink : s.toLine === k.subject ? s.downlink : undefined;
        if (!hop) continue;
        const found = this.#once(`sms ${s.id} ${hop.direction} ${toHex(k.key)}`, () => ({
          proof: { item: { kind: 'sms', id: s.id }, keyKind: 'sim', key: toHex(k.key), line: k.subject },
          text: textOf(smsDecrypt(hop, k.key)),
        }));
        if (found) out.push(found);
      }
    }
    for (const k of keys.filter((x) => x.kind === 'backup-key')) {
      for (const b of view.backups) {
        if (b.backup.account !== k.subject) continue;
        const found = this.#once(`backup ${b.backup.id} ${toHex(k.key)}`, () => ({
          proof: { item: { kind: 'backup', id: b.backup.id }, keyKind: 'backup', key: toHex(k.key) },
          text: openBackup(b.backup, k.key)
            .map((i) => textOf(i.payload))
            .join('\n'),
        }));
        if (found) out.push(found);
      }
    }
    return out;
  }
}
