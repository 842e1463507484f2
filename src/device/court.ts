/**
 * The judge's court signer: holds the court's signing key and turns a ruling into a
 * signed order (type, target, valid days).
 * @module
 */
import { type RandomSource, type SigningKeyPair, secureRandom, signOrder, toHex } from '../crypto/index.ts';
import type { LegalDocument, Ruling, SeatView } from '../game/index.ts';
import { type KeyStore, loadOrCreateSigningKey } from './keyStore.ts';

/** The judge's client. */
export class CourtSigner {
  readonly key: SigningKeyPair;

  constructor(store: KeyStore, random: RandomSource = secureRandom) {
    this.key = loadOrCreateSigningKey(store, 'court', random);
  }

  /** The court key to publish in setup. */
  publication(): { pub: string } {
    return { pub: toHex(this.key.publicKey) };
  }

  /** A ruling; a grant carries an order signed for the rest of the game. */
  ruling(view: SeatView, doc: LegalDocument, grant: boolean, reason?: string): Ruling {
    if (!grant)
      return { documentId: doc.id, grant: false, reason: reason ?? 'the application does not meet the standard' };
    const order = signOrder(
      { id: doc.id, type: doc.type, target: doc.target, validFromDay: view.day, validToDay: view.options.days },
      this.key.secretKey,
    );
    return { documentId: doc.id, grant: true, order };
  }
}
