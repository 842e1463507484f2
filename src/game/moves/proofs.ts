/**
 * Proof by key, never by claim (game.md §6): the referee's side of the sender's
 * `proveReceipt` and the investigator's `fileEvidence`. It checks where a key may
 * lawfully have come from, then decrypts public ciphertext with it through the crypto
 * verifiers. A refusal is recorded with its reason; the proof moves never return
 * INVALID_MOVE, because boardgame.io prints a refused move's arguments — the key — in
 * the server log.
 * @module
 */
import {
  type ProofResult,
  verifyBackupKeyProof,
  verifyContentKeyProof,
  verifyDeviceKeyProof,
  verifyHopKeyProof,
  verifySimKeyProof,
} from '../../crypto/index.ts';
import { anyBasis, lawfulBasis } from '../legal.ts';
import { payloadText, reveals } from '../plan.ts';
import { deviceById, nextSeq } from '../state.ts';
import type { GameState, KeyKind, ProofRecord, SeatId } from '../types.ts';
import { isRecord } from './define.ts';

/** The item a proof is about. */
export interface ProofItem {
  readonly kind: 'message' | 'sms' | 'backup';
  readonly id: string;
}

/** Arguments of a proof move. */
export interface ProofArgs {
  readonly item: ProofItem;
  readonly keyKind: KeyKind;
  readonly key: string;
  /** Device key proofs: which registered device the key is for. */
  readonly deviceId?: string;
  /** SIM key proofs: which line the key is for. */
  readonly line?: string;
}

/** A verifier's result, with the plaintext as text. */
export type Verdict = ProofResult<string>;

/**
 * Records the referee's verdict on a proof, with what it revealed of the plan.
 * @param G - game state
 * @param by - the seat that submitted the key
 * @param purpose - receipt (crew) or evidence (investigator)
 * @param args - the proof
 * @param verdict - the crypto verifier's result
 */
export function recordProof(
  G: GameState,
  by: SeatId,
  purpose: ProofRecord['purpose'],
  args: ProofArgs,
  verdict: Verdict,
): ProofRecord {
  const plan = G.secret.plan;
  const shown = verdict.ok && plan ? reveals(verdict.plaintext, plan) : { place: false, time: false };
  const proof: ProofRecord = {
    seq: nextSeq(G),
    day: G.day,
    by,
    purpose,
    item: { kind: args.item.kind, id: String(args.item.id) },
    keyKind: args.keyKind,
    accepted: verdict.ok,
    ...(verdict.ok ? { plaintext: verdict.plaintext } : { reason: verdict.detail }),
    revealsPlace: shown.place,
    revealsTime: shown.time,
  };
  G.proofs.push(proof);
  return proof;
}

function refused(detail: string): Verdict {
  return { ok: false, reason: 'malformed-item', detail };
}

function asText<T extends { text: string }>(r: ProofResult<T>): Verdict {
  return r.ok ? { ok: true, plaintext: payloadText(r.plaintext) } : r;
}

/** A proof argument of the right shape (anything else is ignored, never answered with an error). */
export function wellFormed(args: unknown): args is ProofArgs {
  return isRecord(args) && isRecord(args.item) && typeof args.item.id === 'string' && typeof args.keyKind === 'string';
}

/** A crew member proves receipt: the content key of a message to them, or an SMS downlink hop key. */
export function receiptVerdict(G: GameState, seat: SeatId, args: ProofArgs): Verdict {
  const account = G.seats[seat]?.account;
  if (args.item.kind === 'message' && args.keyKind === 'content') {
    const m = G.messages.find((x) => x.envelope.id === args.item.id);
    if (!m || !account || !m.envelope.recipients.includes(account)) return refused('no message to you has that id');
    return asText(verifyContentKeyProof(m.envelope, args.key));
  }
  if (args.item.kind === 'sms' && args.keyKind === 'hop') {
    const s = G.sms.find((x) => x.id === args.item.id);
    if (!s?.downlink || s.toLine !== account) return refused('no delivered SMS to you has that id');
    return asText(verifyHopKeyProof(s.downlink, args.key));
  }
  return refused('receipt is proved with a message content key or an SMS downlink hop key');
}

/** Where the investigator's key could lawfully have come from, or why it could not. */
export function evidenceVerdict(G: GameState, args: ProofArgs): Verdict {
  const inadmissible = (why: string): Verdict => ({
    ok: false,
    reason: 'malformed-item',
    detail: `inadmissible: ${why}`,
  });
  if (args.keyKind === 'device' && args.item.kind === 'message') {
    const m = G.messages.find((x) => x.envelope.id === args.item.id);
    const d = deviceById(G, String(args.deviceId));
    if (!m || !d) return refused('unknown message or device');
    const ghost = G.documents.find((x) => x.type === 'technical-assistance' && x.ghost?.deviceId === d.deviceId);
    const seized = G.documents.find((x) => x.type === 'warrant-device' && x.seizedDevice === d.deviceId);
    const basis = ghost ?? seized;
    if (basis?.status !== 'complied') return inadmissible('no order put this device in your hands');
    if (basis.informal || !basis.lawful) return inadmissible('the device was obtained through an informal request');
    if (seized && seized.unlockedDay === undefined) return inadmissible('the seized device is still locked');
    return asText(verifyDeviceKeyProof(m.envelope, d, args.key));
  }
  if (args.keyKind === 'sim' && args.item.kind === 'sms') {
    const s = G.sms.find((x) => x.id === args.item.id);
    const line = String(args.line);
    const provisions = G.sims.filter((p) => p.line === line);
    if (!s || provisions.length === 0) return refused('unknown SMS or line');
    if (!lawfulBasis(G, 'wiretap-sms', line, s.day)) {
      return anyBasis(G, 'wiretap-sms', line, s.day)
        ? inadmissible('the SIM key was obtained through an informal request')
        : inadmissible(`no complied wiretap order on ${line} covers day ${s.day}`);
    }
    const hop = s.fromLine === line ? s.uplink : s.downlink;
    if (!hop) return refused('that SMS was never delivered on this line');
    // A line may have had several SIMs (a replaced phone): the key must match one of them.
    const verdicts = provisions.map((p) => asText(verifySimKeyProof(hop, line, args.key, p.simCommit)));
    return verdicts.find((v) => v.ok) ?? (verdicts.at(-1) as Verdict);
  }
  if (args.keyKind === 'backup' && args.item.kind === 'backup') {
    const b = G.backups.find((x) => x.backup.id === args.item.id);
    if (!b) return refused('unknown backup');
    if (!lawfulBasis(G, 'warrant-backup', b.backup.account, G.day)) {
      return anyBasis(G, 'warrant-backup', b.backup.account, G.day)
        ? inadmissible('the backups were obtained through an informal request')
        : inadmissible(`no complied search warrant covers the backups of ${b.backup.account}`);
    }
    const r = verifyBackupKeyProof(b.backup, args.key);
    return r.ok ? { ok: true, plaintext: r.plaintext.map((i) => payloadText(i.payload)).join('\n') } : r;
  }
  return inadmissible('evidence needs a device, SIM or backup key obtained under an order of the right type');
}
