/**
 * The carrier's switch: makes a SIM key per line (and keeps a copy, as real networks
 * do), forwards every SMS — decrypting the uplink and re-encrypting the downlink, so
 * the carrier reads every SMS — and answers legal documents after checking them.
 * @module
 */
import {
  type MessagePayload,
  provisionSim,
  type RandomSource,
  type SimProvision,
  type SmsHop,
  sealHandover,
  secureRandom,
  simCommitOf,
  smsDecrypt,
  smsTranscrypt,
  toHex,
} from '../crypto/index.ts';
import type { LegalDocument, Response, SeatView } from '../game/index.ts';
import type { KeyStore } from './keyStore.ts';
import { checkDocument, type DocumentCheck, workstationOf } from './legal.ts';

/** The carrier's client. */
export class CarrierSwitch {
  readonly #store: KeyStore;
  readonly #random: RandomSource;

  constructor(store: KeyStore, random: RandomSource = secureRandom) {
    this.#store = store;
    this.#random = random;
  }

  /**
   * Makes the SIM key of an accepted provisioning the line's current key. A SIM key is
   * first kept as pending, per line and phone, so that asking twice in the same state
   * seals the same key again instead of replacing one the referee may already hold.
   */
  #sync(view: SeatView): void {
    for (const line of new Set(view.sims.map((s) => s.line))) {
      const current = view.sims.filter((s) => s.line === line).at(-1);
      if (!current) continue;
      const pending = this.#store.get(`sim-pending/${line}/${current.sealed.toDevice}`);
      if (pending && toHex(simCommitOf(pending, line)) === current.simCommit) this.#store.set(`sim/${line}`, pending);
    }
  }

  /** Provisioning records for crew lines whose phone is registered and that have no SIM yet. */
  provisions(view: SeatView): { provision: SimProvision }[] {
    this.#sync(view);
    const out: { provision: SimProvision }[] = [];
    for (const seat of Object.values(view.seats)) {
      const line = seat.account;
      if (!line) continue;
      const current = view.sims.filter((s) => s.line === line).at(-1);
      const active = (id: string) => view.devices.some((d) => d.deviceId === id && d.status === 'active');
      if (current && active(current.sealed.toDevice)) continue;
      // The newest phone on the line: a replacement registers after the phone it replaces. (The
      // referee seals a SIM only to a phone its owner controls, so a ghost "phone" is refused.)
      const phone = view.devices
        .filter((d) => d.account === line && d.kind === 'phone' && d.status === 'active')
        .at(-1);
      if (!phone) continue;
      const name = `sim-pending/${line}/${phone.deviceId}`;
      const { simKey, provision } = provisionSim(line, phone, this.#random, this.#store.get(name));
      this.#store.set(name, simKey);
      out.push({ provision });
    }
    return out;
  }

  /** Downlinks for every SMS waiting at the switch. */
  forwards(view: SeatView): { id: string; downlink: SmsHop }[] {
    this.#sync(view);
    const out: { id: string; downlink: SmsHop }[] = [];
    for (const s of view.sms) {
      if (!s.uplink || s.downlink) continue;
      const from = this.#store.get(`sim/${s.fromLine}`);
      const to = this.#store.get(`sim/${s.toLine}`);
      if (!from || !to) continue;
      try {
        out.push({ id: s.id, downlink: smsTranscrypt(s.uplink, from, to, this.#random).downlink });
      } catch {
        // Sent under a SIM this switch no longer holds: it cannot be forwarded.
      }
    }
    return out;
  }

  /** Every SMS in plaintext: what the carrier sees (an SMS under a SIM it no longer holds is left out). */
  read(view: SeatView): { id: string; fromLine: string; toLine: string; payload: MessagePayload }[] {
    this.#sync(view);
    return view.sms.flatMap((s) => {
      const key = this.#store.get(`sim/${s.fromLine}`);
      if (!s.uplink || !key) return [];
      try {
        return [{ id: s.id, fromLine: s.fromLine, toLine: s.toLine, payload: smsDecrypt(s.uplink, key) }];
      } catch {
        return [];
      }
    });
  }

  /** Checks a document the way the carrier's screen shows it. */
  check(view: SeatView, doc: LegalDocument): DocumentCheck {
    return checkDocument(view, doc);
  }

  /** The answer to a document; a wiretap hands over the tapped line's SIM key sealed to the investigator. */
  response(view: SeatView, doc: LegalDocument, comply: boolean): Response {
    if (!comply) return { documentId: doc.id, comply: false, reason: this.check(view, doc).detail };
    if (doc.type !== 'wiretap-sms') return { documentId: doc.id, comply: true };
    this.#sync(view);
    const simKey = this.#store.get(`sim/${doc.target}`);
    const workstation = workstationOf(view);
    if (!simKey || !workstation) throw new Error('cannot hand over: no SIM key or no investigator device');
    const handover = sealHandover(
      simKey,
      { kind: 'sim-key', reference: doc.id, subject: doc.target },
      workstation,
      this.#random,
    );
    return { documentId: doc.id, comply: true, handover };
  }
}
