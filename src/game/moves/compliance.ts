/**
 * A provider (carrier or relay) answers a legal document: its client checks the
 * court's signature, the type, target and days (crypto `checkOrder`) and shows the
 * player; the referee then decides what compliance lawfully yields and charges
 * unlawful compliance (game.md §5).
 * @module
 */
import { checkOrder, type Handover, isHex } from '../../crypto/index.ts';
import { crewByAccount, grant, INVESTIGATOR_ACCOUNT, logEvent, nextSeq, score, seatOf } from '../state.ts';
import type { GameState, LegalDocument, Provider, SeatId } from '../types.ts';
import { INVALID_MOVE, isRecord } from './define.ts';
import { addGhost } from './devices.ts';

/** A provider's answer. */
export interface Response {
  readonly documentId: string;
  readonly comply: boolean;
  /** The sealed secret the document yields (SIM key, escrowed backup key). */
  readonly handover?: Handover;
  /** Technical assistance: hide the ghost from the owner's own device list. */
  readonly ghostHidden?: boolean;
  /** Technical assistance with key transparency: record the ghost in the log. */
  readonly ghostLogged?: boolean;
  readonly reason?: string;
}

/** The investigator's workstation, to which handovers are sealed. */
export function workstation(G: GameState) {
  const investigator = seatOf(G, 'investigator').id;
  return G.devices.find(
    (d) => d.controller === investigator && d.account === INVESTIGATOR_ACCOUNT && d.status === 'active',
  );
}

function validHandover(G: GameState, value: unknown, kind: string, doc: LegalDocument): value is Handover {
  if (!isRecord(value)) return false;
  const h = value as unknown as Handover;
  return (
    h.kind === kind &&
    h.reference === doc.id &&
    h.subject === doc.target &&
    h.toDevice === workstation(G)?.deviceId &&
    isHex(h.enc, 32) &&
    isHex(h.ct, 48)
  );
}

/** Whether compliance with this document is lawful today. */
function isLawful(G: GameState, doc: LegalDocument): boolean {
  if (doc.informal) return false;
  if (doc.type === 'subpoena') return true;
  if (!doc.order || !G.courtPub) return false;
  return checkOrder(doc.order, G.courtPub, { types: [doc.type], target: doc.target, day: G.day }).ok;
}

function pastItemsMeta(G: GameState, doc: LegalDocument, investigator: SeatId): number {
  let shown = 0;
  if (doc.provider === 'carrier') {
    for (const s of G.sms) {
      if (s.fromLine === doc.target || s.toLine === doc.target) {
        grant(s.meta, investigator);
        shown++;
      }
    }
  } else {
    for (const m of G.messages) {
      if (m.envelope.fromAccount === doc.target || m.envelope.recipients.includes(doc.target)) {
        grant(m.meta, investigator);
        shown++;
      }
    }
  }
  return shown;
}

/** Lead sources (game.md §5): the first time each provider's records show crew contact. */
export function countLead(G: GameState, source: string): void {
  if (G.leadSources.includes(source)) return;
  G.leadSources.push(source);
  G.leads++;
  logEvent(G, `The investigator gained a lead (${source}).`, [seatOf(G, 'investigator').id, seatOf(G, 'judge').id]);
}

/** What complying yields; INVALID_MOVE when a required handover is missing or wrong. */
function deliver(G: GameState, doc: LegalDocument, r: Response, from: SeatId): undefined | typeof INVALID_MOVE {
  const investigator = seatOf(G, 'investigator').id;
  const target = crewByAccount(G, doc.target);
  switch (doc.type) {
    case 'subpoena': {
      const count = G.devices.filter((d) => d.account === doc.target && d.status === 'active').length;
      logEvent(G, `Subscriber information for ${doc.target}: ${target?.name ?? 'unknown'}, ${count} device(s).`, [
        investigator,
      ]);
      return;
    }
    case 'records-2703d':
      if (pastItemsMeta(G, doc, investigator) > 0) countLead(G, `${doc.provider} records`);
      return;
    case 'wiretap-sms':
    case 'warrant-backup': {
      const kind = doc.type === 'wiretap-sms' ? 'sim-key' : 'backup-key';
      const escrowed = doc.type === 'wiretap-sms' || (target && G.backupMode[target.id] === 'escrowed');
      if (escrowed && !validHandover(G, r.handover, kind, doc)) return INVALID_MOVE;
      if (escrowed && r.handover) {
        G.handovers.push({ seq: nextSeq(G), documentId: doc.id, from, to: investigator, handover: r.handover });
      }
      if (doc.type === 'warrant-backup') {
        for (const b of G.backups) if (b.backup.account === doc.target) grant(b.full, investigator);
      }
      return;
    }
    case 'technical-assistance': {
      if (!doc.ghost || !target) return INVALID_MOVE;
      const hidden = G.options.ghostHiding && r.ghostHidden === true;
      const logged = !G.options.keyTransparency || r.ghostLogged !== false;
      addGhost(G, target.id, investigator, doc.ghost, hidden, logged);
      doc.ghostHidden = hidden;
      doc.ghostLogged = logged;
      return;
    }
    default:
      return;
  }
}

/**
 * The carrier's or relay's answer to a document served on it.
 * @param G - game state
 * @param seat - the answering seat
 * @param provider - its role
 * @param args - the answer
 */
export function respond(
  G: GameState,
  seat: SeatId,
  provider: Provider,
  args: unknown,
): undefined | typeof INVALID_MOVE {
  if (!isRecord(args) || typeof args.comply !== 'boolean') return INVALID_MOVE;
  const r = args as unknown as Response;
  const doc = G.documents.find((d) => d.id === r.documentId && d.provider === provider);
  if (!doc || !(doc.status === 'granted' || doc.status === 'declined')) return INVALID_MOVE;
  const name = G.seats[seat]?.name;
  const title = doc.informal ? 'an informal request' : `a ${doc.type} document`;
  if (!r.comply) {
    doc.status = 'declined';
    doc.reason = typeof r.reason === 'string' ? r.reason.slice(0, 200) : 'declined';
    logEvent(G, `${name} declined ${title} on ${doc.target}.`, [seat, seatOf(G, 'investigator').id]);
    return;
  }
  const lawful = isLawful(G, doc);
  if (deliver(G, doc, r, seat) === INVALID_MOVE) return INVALID_MOVE;
  doc.status = 'complied';
  doc.lawful = lawful;
  doc.decidedDay = G.day;
  if (!lawful) score(G, seat, -3);
  logEvent(G, `${name} complied with ${title} on ${doc.target}${lawful ? '' : ' — unlawfully'}.`, [
    seat,
    seatOf(G, 'investigator').id,
    seatOf(G, 'judge').id,
  ]);
}
