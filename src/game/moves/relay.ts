/**
 * The relay operator's moves (game.md §5, Relay operator): its client keeps the
 * directory, signs the key-transparency log head, escrows backup keys where backups
 * are escrowed, and answers legal documents — including the order to add a ghost,
 * which it may contest.
 * @module
 */
import {
  assertSigningPublicKey,
  fromHex,
  type Handover,
  isHex,
  type KtHead,
  verifyKtHead,
} from '../../crypto/index.ts';
import { activeDevices, crewByAccount, logEvent, nextSeq, seatOf } from '../state.ts';
import { respond } from './compliance.ts';
import { INVALID_MOVE, isRecord, move } from './define.ts';

/** True when `pub` is a valid Ed25519 public key in hex. */
export function validSigningKey(pub: unknown): pub is string {
  if (!isHex(pub, 32)) return false;
  try {
    assertSigningPublicKey(fromHex(pub, 32));
    return true;
  } catch {
    return false;
  }
}

/** Publish the relay's log-signing key (setup). */
export const publishLogKey = move<{ pub: string }>(({ G }, args) => {
  if (!isRecord(args) || G.relayLogPub || !validSigningKey(args.pub)) return INVALID_MOVE;
  G.relayLogPub = args.pub;
  logEvent(G, 'The relay operator published its log-signing key.');
});

/** Seal an account's escrowed backup key to each of its devices (the relay keeps a copy). */
export const escrowBackupKey = move<{ account: string; handovers: Handover[] }>(({ G, playerID }, args) => {
  if (!isRecord(args) || !Array.isArray(args.handovers)) return INVALID_MOVE;
  const owner = crewByAccount(G, String(args.account));
  if (!owner || G.escrow.some((e) => e.handover.subject === owner.account)) return INVALID_MOVE;
  const devices = new Set(activeDevices(G, String(owner.account)).map((d) => d.deviceId));
  const valid = args.handovers.every(
    (h) =>
      isRecord(h) &&
      h.kind === 'backup-key' &&
      h.reference === 'escrow' &&
      h.subject === owner.account &&
      devices.has(String(h.toDevice)) &&
      isHex(h.enc, 32) &&
      isHex(h.ct, 48),
  );
  if (!valid || args.handovers.length === 0) return INVALID_MOVE;
  for (const handover of args.handovers) {
    G.escrow.push({ seq: nextSeq(G), documentId: 'escrow', from: playerID, to: owner.id, handover });
  }
  logEvent(G, `The relay escrowed ${owner.name}'s backup key (and kept a copy).`, [playerID, owner.id]);
});

/** Sign the key-transparency log head (each day, before the night). */
export const signLogHead = move<{ head: KtHead }>(({ G }, args) => {
  if (!G.options.keyTransparency || !isRecord(args) || !isRecord(args.head) || !G.relayLogPub) return INVALID_MOVE;
  const head = args.head as unknown as KtHead;
  if (head.day !== G.day || !verifyKtHead(head, G.relayLogPub, G.kt.log).ok) return INVALID_MOVE;
  G.kt.heads.push(head);
});

/** Answer a legal document served on the relay. */
export const relayRespond = move<unknown>(({ G, playerID }, args) => respond(G, playerID, 'relay', args));

/** Contest a technical-assistance order: the court decides at night; it costs a day. */
export const contest = move<{ documentId: string }>(({ G, playerID }, args) => {
  if (!isRecord(args)) return INVALID_MOVE;
  const doc = G.documents.find((d) => d.id === args.documentId);
  if (doc?.type !== 'technical-assistance' || doc.informal || doc.status !== 'granted') return INVALID_MOVE;
  doc.status = 'contested';
  logEvent(G, 'The relay operator contested a technical-assistance order; the court will decide tonight.', [
    playerID,
    seatOf(G, 'investigator').id,
    seatOf(G, 'judge').id,
  ]);
});

/** The relay's day moves. */
export const relayMoves = { escrowBackupKey, signLogHead, respond: relayRespond, contest };
