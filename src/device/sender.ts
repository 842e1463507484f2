/**
 * A crew member's phone: makes its keys, opens its SIM, composes on either channel,
 * reads what reaches it, checks the key-transparency log and safety codes, backs up
 * its history, and proves receipt. It turns the seat's filtered view into move
 * arguments; its secrets stay in its key store.
 * @module
 */
import {
  auditAccount,
  type Backup,
  type BackupItem,
  type DeviceKeys,
  devicePublicKeys,
  type Envelope,
  fromHex,
  hopKeyOf,
  isDeviceLogged,
  type MessagePayload,
  openEnvelope,
  openHandover,
  type RandomSource,
  type RegistrationRecord,
  receiveSim,
  type SmsHop,
  safetyCode,
  sealBackup,
  sealEnvelope,
  sealHandover,
  secureRandom,
  signRegistration,
  smsDecrypt,
  smsUplink,
  toHex,
  type WrapTarget,
} from '../crypto/index.ts';
import type { ProofArgs, SeatView } from '../game/index.ts';
import { type KeyStore, loadOrCreateDevice } from './keyStore.ts';

/** A message this phone could read. */
export interface InboxItem {
  readonly kind: 'message' | 'sms';
  readonly id: string;
  readonly day: number;
  readonly from: string;
  readonly payload: MessagePayload;
  /** The key that proves receipt: the content root, or the downlink hop key. */
  readonly key: string;
}

/** The phone of one crew member. */
export class SenderDevice {
  readonly account: string;
  readonly phone: DeviceKeys;
  readonly #store: KeyStore;
  readonly #random: RandomSource;
  /** Items already opened (or found unreadable), by id: opening costs a DH and a signature check. */
  readonly #opened = new Map<string, InboxItem | null>();

  /**
   * @param account - the member's phone number (account and line)
   * @param store - this seat's key store
   * @param random - randomness for keys and nonces
   */
  constructor(account: string, store: KeyStore, random: RandomSource = secureRandom) {
    this.account = account;
    this.#store = store;
    this.#random = random;
    this.phone = loadOrCreateDevice(store, 'phone', random);
  }

  /**
   * This device's self-signed registration.
   * @param day - today
   * @param kind - "phone" (the default) or "laptop"
   */
  registration(day: number, kind: 'phone' | 'laptop' = 'phone'): RegistrationRecord {
    return signRegistration(this.phone, this.account, kind, day);
  }

  /** Device ids this member registered itself: its own knowledge of its account. */
  knownDevices(): string[] {
    return [toHex(this.phone.deviceId)];
  }

  /** Opens the SIM the carrier sealed to this phone, once. */
  simKey(view: SeatView): Uint8Array | undefined {
    const stored = this.#store.get('sim');
    if (stored) return stored;
    const mine = toHex(this.phone.deviceId);
    const provision = view.sims.find((p) => p.line === this.account && p.sealed.toDevice === mine);
    if (!provision) return undefined;
    const key = receiveSim(provision, this.phone);
    this.#store.set('sim', key);
    return key;
  }

  /** Devices to wrap to: each recipient's directory devices and this account's other devices. */
  wrapTargets(view: SeatView, recipients: readonly string[]): WrapTarget[] {
    const mine = toHex(this.phone.deviceId);
    return view.devices.filter((d) => {
      if (d.status !== 'active' || d.deviceId === mine || d.discoveredDay !== undefined) return false;
      if (d.account !== this.account && !recipients.includes(d.account)) return false;
      // With key transparency the client refuses a device the public log does not show.
      return !view.options.keyTransparency || isDeviceLogged(view.kt.log, d.account, d);
    });
  }

  /** Seals a secure message; the root stays on this phone. */
  composeSecure(view: SeatView, recipients: readonly string[], payload: MessagePayload): { envelope: Envelope } {
    const { envelope, root } = sealEnvelope(
      {
        day: view.day,
        fromAccount: this.account,
        device: this.phone,
        recipients,
        targets: this.wrapTargets(view, recipients),
        payload,
      },
      this.#random,
    );
    this.#store.set(`root/${envelope.id}`, root);
    return { envelope };
  }

  /** Encrypts an SMS for the uplink under this line's SIM key. */
  composeSms(view: SeatView, toLine: string, payload: MessagePayload): { uplink: SmsHop } {
    const simKey = this.simKey(view);
    if (!simKey) throw new Error('no SIM yet');
    const { hop } = smsUplink({ day: view.day, fromLine: this.account, toLine, simKey, payload }, this.#random);
    return { uplink: hop };
  }

  /** Everything that reached this phone and opens with its keys. */
  inbox(view: SeatView): InboxItem[] {
    const items: InboxItem[] = [];
    for (const m of view.messages) {
      const e = m.envelope;
      if (!e || e.fromAccount === this.account || !e.recipients.includes(this.account)) continue;
      const cached = this.#opened.get(e.id);
      if (cached !== undefined) {
        if (cached) items.push(cached);
        continue;
      }
      const sender = view.devices.find((d) => d.deviceId === e.fromDevice);
      if (!sender) continue;
      let item: InboxItem | null = null;
      try {
        const { payload, root } = openEnvelope(e, { account: this.account, device: this.phone }, sender.sigPub);
        item = { kind: 'message', id: e.id, day: m.day, from: e.fromAccount, payload, key: toHex(root) };
        items.push(item);
      } catch {
        // Not wrapped to this phone (sent before it was added) or tampered: unreadable here.
      }
      this.#opened.set(e.id, item);
    }
    const sim = this.simKey(view);
    for (const s of view.sms) {
      if (!sim || !s.downlink || s.toLine !== this.account) continue;
      const cached = this.#opened.get(s.id);
      if (cached !== undefined) {
        if (cached) items.push(cached);
        continue;
      }
      let item: InboxItem | null = null;
      try {
        const payload = smsDecrypt(s.downlink, sim);
        const key = toHex(hopKeyOf(sim, fromHex(s.id, 16), 'down'));
        item = { kind: 'sms', id: s.id, day: s.day, from: s.fromLine, payload, key };
        items.push(item);
      } catch {
        // Not for this SIM.
      }
      this.#opened.set(s.id, item);
    }
    return items;
  }

  /** The proof of receipt for one inbox item. */
  receiptProof(item: InboxItem): ProofArgs {
    return {
      item: { kind: item.kind, id: item.id },
      keyKind: item.kind === 'message' ? 'content' : 'hop',
      key: item.key,
    };
  }

  /** Key transparency: devices the log added to this account that this member never registered. */
  audit(view: SeatView): string[] {
    if (!view.options.keyTransparency) return [];
    return auditAccount(view.kt.log, this.account, this.knownDevices()).map((e) => e.deviceId);
  }

  /** The safety code of another account as the directory serves it to this phone. */
  codeSeen(view: SeatView, account: string): string {
    return safetyCode(
      account,
      view.devices.filter((d) => d.account === account && d.status === 'active'),
    );
  }

  /** The safety code of this account from this member's own knowledge. */
  codeOwn(): string {
    return safetyCode(this.account, [devicePublicKeys(this.phone)]);
  }

  /** The backup key: escrowed (opened from the relay's handover) or device-held (made here). */
  backupKey(view: SeatView): Uint8Array | undefined {
    const mode = view.you ? view.backupMode[view.you] : undefined;
    if (mode === 'device') {
      const own = this.#store.get('backup/device') ?? this.#random(32);
      this.#store.set('backup/device', own);
      return own;
    }
    if (mode !== 'escrowed') return undefined;
    const handover = view.escrow.find((h) => h.handover.toDevice === toHex(this.phone.deviceId));
    return handover ? openHandover(handover.handover, this.phone) : undefined;
  }

  /** Seals this phone's readable history as a backup, if backups are on. */
  backup(view: SeatView): { backup: Backup } | undefined {
    const key = this.backupKey(view);
    if (!key) return undefined;
    const items: BackupItem[] = this.inbox(view).map((i) => ({
      messageId: i.id,
      channel: i.kind === 'message' ? 'secure' : 'sms',
      from: i.from,
      day: i.day,
      payload: i.payload,
    }));
    const backup = sealBackup(
      { account: this.account, device: toHex(this.phone.deviceId), day: view.day, backupKey: key, items },
      this.#random,
    );
    return { backup };
  }

  /** A seized, unlocked phone: its keys, extracted for the investigator (no choice here). */
  surrender(view: SeatView): { documentId: string; handover: ReturnType<typeof sealHandover> } | undefined {
    const doc = view.documents.find(
      (d) => d.seizedDevice === toHex(this.phone.deviceId) && d.unlockedDay !== undefined,
    );
    if (!doc || view.handovers.some((h) => h.documentId === doc.id)) return undefined;
    const workstation = view.devices.find((d) => d.account === 'investigator');
    if (!workstation) return undefined;
    const handover = sealHandover(
      this.phone.hpke.secretKey,
      { kind: 'device-key', reference: doc.id, subject: toHex(this.phone.deviceId) },
      workstation,
      this.#random,
    );
    return { documentId: doc.id, handover };
  }
}
