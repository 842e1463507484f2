/**
 * The sender's moves (game.md §5, Sender). The client encrypts; these moves carry
 * ciphertext in and check shape and signatures — never plaintext.
 * @module
 */
import {
  type Backup,
  decodeSmsHop,
  type Envelope,
  type Handover,
  isHex,
  type RegistrationRecord,
  type SmsHop,
  verifyEnvelope,
} from '../../crypto/index.ts';
import { messageAccess, smsAccess } from '../access.ts';
import { crewByAccount, deviceById, grant, logEvent, nextSeq, score, seatOf } from '../state.ts';
import type { GameState, Seat, SeatId } from '../types.ts';
import { workstation } from './compliance.ts';
import { INVALID_MOVE, isRecord, move } from './define.ts';
import { addDevice, removeDevice } from './devices.ts';
import { type ProofArgs, receiptVerdict, recordProof, wellFormed } from './proofs.ts';

function seat(G: GameState, id: SeatId): Seat {
  return G.seats[id] as Seat;
}

function underLimit(G: GameState, id: SeatId): boolean {
  return (G.sent[id] ?? 0) < G.options.messagesPerDay;
}

/** Send a secure message: an envelope sealed by the sender's client. */
export const sendSecure = move<{ envelope: Envelope }>(({ G, playerID }, args) => {
  const me = seat(G, playerID);
  if (!isRecord(args) || !me.account || !me.hasMessenger || !underLimit(G, playerID)) return INVALID_MOVE;
  const envelope = args.envelope;
  if (!isRecord(envelope) || envelope.fromAccount !== me.account) return INVALID_MOVE;
  const device = deviceById(G, String(envelope.fromDevice));
  if (!device || device.controller !== playerID || device.status !== 'active') return INVALID_MOVE;
  let decoded: ReturnType<typeof verifyEnvelope>;
  try {
    decoded = verifyEnvelope(envelope, device.sigPub);
  } catch {
    return INVALID_MOVE;
  }
  const recipients = decoded.recipients.map((a) => crewByAccount(G, a));
  if (recipients.some((r) => !r || r.id === playerID || !r.hasMessenger)) return INVALID_MOVE;
  const size = envelope.body.length / 2;
  const access = messageAccess(
    G,
    playerID,
    me.account,
    decoded.recipients,
    envelope.wraps.map((w) => w.device),
  );
  G.messages.push({ seq: nextSeq(G), day: G.day, from: playerID, envelope, size, ...access });
  G.sent[playerID] = (G.sent[playerID] ?? 0) + 1;
  score(G, seatOf(G, 'relay').id, 1);
  logEvent(G, `${me.name} sent a secure message (${size} bytes of ciphertext) through the relay.`);
});

/** Send an SMS: the uplink hop, encrypted by the phone under its own SIM key. */
export const sendSms = move<{ uplink: SmsHop }>(({ G, playerID }, args) => {
  const me = seat(G, playerID);
  if (!isRecord(args) || !me.account || !underLimit(G, playerID)) return INVALID_MOVE;
  // The SIM is in the phone: a member whose phone was seized has no line until a new phone gets a new SIM.
  const phone = G.devices.find((d) => d.controller === playerID && d.kind === 'phone' && d.status === 'active');
  const sim = G.sims.filter((s) => s.line === me.account).at(-1);
  if (!phone || sim?.sealed.toDevice !== phone.deviceId) return INVALID_MOVE;
  let hop: ReturnType<typeof decodeSmsHop>;
  try {
    hop = decodeSmsHop(args.uplink);
  } catch {
    return INVALID_MOVE;
  }
  const to = crewByAccount(G, hop.toLine);
  if (hop.direction !== 'up' || hop.fromLine !== me.account || !to || to.id === playerID || hop.day !== G.day) {
    return INVALID_MOVE;
  }
  const uplink = args.uplink;
  if (G.sms.some((s) => s.id === uplink.id)) return INVALID_MOVE;
  const access = smsAccess(G, playerID, hop.fromLine, hop.toLine);
  G.sms.push({
    seq: nextSeq(G),
    id: uplink.id,
    day: G.day,
    from: playerID,
    fromLine: hop.fromLine,
    toLine: hop.toLine,
    uplink,
    size: hop.body.length,
    ...access,
  });
  G.sent[playerID] = (G.sent[playerID] ?? 0) + 1;
  logEvent(G, `${me.name} sent an SMS; the carrier's switch will forward it.`);
});

/** Register a new device (a laptop, or a replacement phone): keys made on it. */
export const registerDevice = move<{ record: RegistrationRecord }>(({ G, playerID }, args) => {
  const me = seat(G, playerID);
  if (!isRecord(args) || !me.account) return INVALID_MOVE;
  return addDevice(G, playerID, me.account, args.record);
});

/** Remove one of this account's devices from the directory. */
export const dropDevice = move<{ deviceId: string }>(({ G, playerID }, args) => {
  if (!isRecord(args)) return INVALID_MOVE;
  return removeDevice(G, playerID, String(args.deviceId));
});

/** Choose the cloud-backup setting (game.md §5: off, escrowed, or device-held). */
export const setBackupMode = move<{ mode: 'off' | 'escrowed' | 'device' }>(({ G, playerID }, args) => {
  if (!isRecord(args) || !['off', 'escrowed', 'device'].includes(String(args.mode))) return INVALID_MOVE;
  if (args.mode === 'device' && !G.options.deviceHeldBackups) return INVALID_MOVE;
  if (args.mode !== 'off' && !seat(G, playerID).hasMessenger) return INVALID_MOVE;
  G.backupMode[playerID] = args.mode;
  logEvent(G, `${seat(G, playerID).name} set cloud backup to ${args.mode}.`, [playerID, seatOf(G, 'relay').id]);
});

/** Upload a backup of this device's readable history, sealed by the device. */
export const uploadBackup = move<{ backup: Backup }>(({ G, playerID }, args) => {
  const me = seat(G, playerID);
  if (!isRecord(args) || !isRecord(args.backup) || G.backupMode[playerID] === 'off') return INVALID_MOVE;
  const backup = args.backup;
  const device = deviceById(G, String(backup.device));
  if (backup.account !== me.account || !device || device.controller !== playerID || backup.day !== G.day) {
    return INVALID_MOVE;
  }
  const full = [playerID, seatOf(G, 'relay').id];
  G.backups.push({ seq: nextSeq(G), owner: playerID, backup, full });
  logEvent(G, `${me.name}'s phone uploaded a backup to the relay.`, [playerID, seatOf(G, 'relay').id]);
});

/** Ask to compare safety codes with another crew member (contact verification). */
export const requestVerification = move<{ of: SeatId; code: string }>(({ G, playerID }, args) => {
  if (!G.options.contactVerification || !isRecord(args)) return INVALID_MOVE;
  const other = G.seats[String(args.of)];
  if (other?.role !== 'sender' || other.id === playerID || typeof args.code !== 'string') return INVALID_MOVE;
  G.verifications.push({ id: `check-${nextSeq(G)}`, by: playerID, of: other.id, day: G.day, codeSeen: args.code });
  logEvent(G, `${seat(G, playerID).name} asked ${other.name} to compare safety codes.`, [playerID, other.id]);
});

/** Answer a verification request with the code this member's own client computes. */
export const answerVerification = move<{ id: string; code: string }>(({ G, playerID }, args) => {
  if (!isRecord(args) || typeof args.code !== 'string') return INVALID_MOVE;
  const check = G.verifications.find((v) => v.id === args.id && v.of === playerID && v.codeOwn === undefined);
  if (!check) return INVALID_MOVE;
  check.codeOwn = args.code;
  check.match = check.codeOwn === check.codeSeen;
  const names = `${seat(G, check.by).name} and ${seat(G, playerID).name}`;
  logEvent(G, check.match ? `Safety codes of ${names} match.` : `Safety codes of ${names} DO NOT match.`, [
    check.by,
    playerID,
  ]);
  if (!check.match) exposeGhosts(G, playerID, 'a safety-code mismatch');
});

/** Report a device the owner's audit of the key-transparency log found and never registered. */
export const reportUnknownDevice = move<{ deviceId: string }>(({ G, playerID }, args) => {
  if (!G.options.keyTransparency || !isRecord(args)) return INVALID_MOVE;
  const me = seat(G, playerID);
  const entry = G.kt.log.find((e) => e.deviceId === args.deviceId && e.account === me.account && e.op === 'add');
  const device = deviceById(G, String(args.deviceId));
  if (!entry || !device) return INVALID_MOVE;
  if (device.controller === playerID) return INVALID_MOVE;
  exposeGhosts(G, playerID, "the phone's audit of the key-transparency log", device.deviceId);
});

/** Marks ghosts on this seat's account as discovered and charges the relay (game.md §5). */
function exposeGhosts(G: GameState, owner: SeatId, how: string, only?: string): void {
  const relay = seatOf(G, 'relay').id;
  for (const d of G.devices) {
    if (d.owner !== owner || d.addedBy !== 'relay' || d.discoveredDay !== undefined) continue;
    if (only !== undefined && d.deviceId !== only) continue;
    d.discoveredDay = G.day;
    score(G, relay, -5);
    logEvent(G, `${seat(G, owner).name} discovered a device they never added, through ${how}.`);
  }
}

/** Hand over a seized, forensically unlocked device's keys (done by the device layer). */
export const surrenderDevice = move<{ documentId: string; handover: unknown }>(({ G, playerID }, args) => {
  if (!isRecord(args) || !isRecord(args.handover)) return INVALID_MOVE;
  const doc = G.documents.find((d) => d.id === args.documentId && d.type === 'warrant-device');
  const investigator = seatOf(G, 'investigator').id;
  if (!doc || doc.unlockedDay === undefined || crewByAccount(G, doc.target)?.id !== playerID) return INVALID_MOVE;
  if (G.handovers.some((h) => h.documentId === doc.id)) return INVALID_MOVE;
  const handover = args.handover as unknown as Handover;
  // Only the seized phone's own key, sealed to the workstation: anything else would use up the
  // one handover and name another device whose messages the investigator would then see.
  const sealed =
    handover.kind === 'device-key' &&
    handover.reference === doc.id &&
    handover.subject === doc.seizedDevice &&
    handover.toDevice === workstation(G)?.deviceId &&
    isHex(handover.enc, 32) &&
    isHex(handover.ct, 48);
  if (!sealed) return INVALID_MOVE;
  G.handovers.push({ seq: nextSeq(G), documentId: doc.id, from: playerID, to: investigator, handover });
  for (const m of G.messages) {
    if (m.envelope.wraps.some((w) => w.device === handover.subject)) grant(m.full, investigator);
  }
  logEvent(G, `The seized phone's keys were extracted and handed to the investigator.`, [playerID, investigator]);
});

/** Prove receipt: hand the referee the key of a message that reached this member. */
export const proveReceipt = move<ProofArgs>(({ G, playerID }, args) => {
  if (!wellFormed(args)) return;
  const proof = recordProof(G, playerID, 'receipt', args, receiptVerdict(G, playerID, args));
  const name = G.seats[playerID]?.name;
  logEvent(
    G,
    proof.accepted ? `${name} proved receipt of a message.` : `${name}'s proof of receipt was refused: ${proof.reason}`,
  );
});

/** The sender's moves for the day stage. */
export const senderMoves = {
  sendSecure,
  sendSms,
  registerDevice,
  dropDevice,
  setBackupMode,
  uploadBackup,
  requestVerification,
  answerVerification,
  reportUnknownDevice,
  surrenderDevice,
  proveReceipt,
};
