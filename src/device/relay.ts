/**
 * The relay operator's desk: its log-signing key, the escrowed backup keys it makes
 * and keeps (the 2013 iCloud arrangement), the nightly signed log head, and its
 * answers to legal documents — including adding a ghost, hidden or not.
 * @module
 */

import {
  generateBackupKey,
  type Handover,
  type KtHead,
  type RandomSource,
  type SigningKeyPair,
  sealHandover,
  secureRandom,
  signKtHead,
  toHex,
} from '../crypto/index.ts';
import type { LegalDocument, Response, SeatView } from '../game/index.ts';
import { type KeyStore, loadOrCreateSigningKey } from './keyStore.ts';
import { checkDocument, type DocumentCheck, workstationOf } from './legal.ts';

/** The relay's client. */
export class RelayDesk {
  readonly #store: KeyStore;
  readonly #random: RandomSource;
  readonly logKey: SigningKeyPair;

  constructor(store: KeyStore, random: RandomSource = secureRandom) {
    this.#store = store;
    this.#random = random;
    this.logKey = loadOrCreateSigningKey(store, 'log', random);
  }

  /** The log key to publish in setup. */
  publication(): { pub: string } {
    return { pub: toHex(this.logKey.publicKey) };
  }

  /** Escrow for each crew account with escrowed backups and no escrow yet: a key per account, sealed to its devices. */
  escrows(view: SeatView): { account: string; handovers: Handover[] }[] {
    const out: { account: string; handovers: Handover[] }[] = [];
    for (const seat of Object.values(view.seats)) {
      const account = seat.account;
      if (!account || view.backupMode[seat.id] !== 'escrowed') continue;
      if (view.escrow.some((e) => e.handover.subject === account)) continue;
      const devices = view.devices.filter(
        (d) => d.account === account && d.status === 'active' && d.addedBy !== 'relay',
      );
      if (devices.length === 0) continue;
      const key = this.#store.get(`backup/${account}`) ?? generateBackupKey(this.#random);
      this.#store.set(`backup/${account}`, key);
      const handovers = devices.map((d) =>
        sealHandover(key, { kind: 'backup-key', reference: 'escrow', subject: account }, d, this.#random),
      );
      out.push({ account, handovers });
    }
    return out;
  }

  /** Today's signed log head. */
  signHead(view: SeatView): { head: KtHead } {
    return { head: signKtHead(view.kt.log, view.day, this.logKey.secretKey) };
  }

  /** Checks a document the way the relay's screen shows it. */
  check(view: SeatView, doc: LegalDocument): DocumentCheck {
    return checkDocument(view, doc);
  }

  /**
   * The answer to a document. A backup warrant hands over the escrowed key, if the relay has it.
   * @param ghost - for technical assistance: hide the ghost, and whether to log it
   */
  response(
    view: SeatView,
    doc: LegalDocument,
    comply: boolean,
    ghost: { hide?: boolean; log?: boolean } = {},
  ): Response {
    if (!comply) return { documentId: doc.id, comply: false, reason: this.check(view, doc).detail };
    if (doc.type === 'technical-assistance') {
      return { documentId: doc.id, comply: true, ghostHidden: ghost.hide === true, ghostLogged: ghost.log !== false };
    }
    const key = doc.type === 'warrant-backup' ? this.#store.get(`backup/${doc.target}`) : undefined;
    const workstation = workstationOf(view);
    if (!key || !workstation) return { documentId: doc.id, comply: true };
    const handover = sealHandover(
      key,
      { kind: 'backup-key', reference: doc.id, subject: doc.target },
      workstation,
      this.#random,
    );
    return { documentId: doc.id, comply: true, handover };
  }

  /** The escrowed backup key of an account, if the relay holds it (hex, for tests and the debrief). */
  escrowedKey(account: string): string | undefined {
    const key = this.#store.get(`backup/${account}`);
    return key ? toHex(key) : undefined;
  }
}
