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

  /** Secrets handed over to this workstation, by document id. */
  handoverKeys(view: SeatView): Map<string, { kind: string; subject: string; key: Uint8Array }> {
    const keys = new Map<string, { kind: string; subject: string; key: Uint8Array }>();
    for (const h of view.handovers) {
      if (h.handover.toDevice !== toHex(this.device.deviceId)) continue;
      try {
        keys.set(h.documentId, {
          kind: h.handover.kind,
          subject: h.handover.subject,
          key: openHandover(h.handover, this.device),
        });
      } catch {
        // A handover that does not open is useless, not fatal.
      }
    }
    return keys;
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
      if (!m.envelope) continue;
      const decoded = decodeEnvelope(m.envelope);
      for (const w of m.envelope.wraps) {
        const secretKey = deviceKeys.get(w.device);
        if (!secretKey) continue;
        try {
          const pair = { secretKey, publicKey: x25519PublicKey(secretKey) };
          const payload = openWithRoot(decoded, unwrapRoot(decoded, w.account, fromHex(w.device, 16), pair));
          out.push({
            proof: {
              item: { kind: 'message', id: m.envelope.id },
              keyKind: 'device',
              key: toHex(secretKey),
              deviceId: w.device,
            },
            text: textOf(payload),
          });
          break;
        } catch {
          // This wrap does not open with that key.
        }
      }
    }
    for (const k of keys.filter((x) => x.kind === 'sim-key')) {
      for (const s of view.sms) {
        const hop = s.fromLine === k.subject ? s.uplink : s.toLine === k.subject ? s.downlink : undefined;
        if (!hop) continue;
        try {
          const payload = smsDecrypt(hop, k.key);
          out.push({
            proof: { item: { kind: 'sms', id: s.id }, keyKind: 'sim', key: toHex(k.key), line: k.subject },
            text: textOf(payload),
          });
        } catch {
          // Not readable with this SIM key.
        }
      }
    }
    for (const k of keys.filter((x) => x.kind === 'backup-key')) {
      for (const b of view.backups) {
        if (b.backup.account !== k.subject) continue;
        try {
          const items = openBackup(b.backup, k.key);
          out.push({
            proof: { item: { kind: 'backup', id: b.backup.id }, keyKind: 'backup', key: toHex(k.key) },
            text: items.map((i) => textOf(i.payload)).join('\n'),
          });
        } catch {
          // Not this backup's key.
        }
      }
    }
    return out;
  }
}
