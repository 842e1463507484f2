/**
 * The investigator's moves (game.md §5, Investigator): apply to the judge (or serve a
 * subpoena), ask informally, and file evidence — the only way to win, by key.
 * @module
 */
import type { RegistrationRecord } from '../../crypto/index.ts';
import { DOCUMENTS, documentTypes } from '../legal.ts';
import { checkInvestigatorWin } from '../outcome.ts';
import { crewByAccount, INVESTIGATOR_ACCOUNT, logEvent, nextSeq, seatOf } from '../state.ts';
import type { DocumentType, GameState, LegalDocument, Provider, SeatId } from '../types.ts';
import { INVALID_MOVE, isRecord, move } from './define.ts';
import { addDevice, validRegistration } from './devices.ts';
import { evidenceVerdict, type ProofArgs, recordProof, wellFormed } from './proofs.ts';

/** An application or request. */
export interface Application {
  readonly type: DocumentType;
  readonly target: string;
  /** For documents that can be served on either provider. */
  readonly provider?: Provider;
  /** Technical assistance: the ghost device the investigator's client made for the target account. */
  readonly ghost?: RegistrationRecord;
}

function draft(G: GameState, args: unknown, informal: boolean): LegalDocument | undefined {
  if (!isRecord(args)) return undefined;
  const a = args as unknown as Application;
  if (!documentTypes(G.options).includes(a.type) || !crewByAccount(G, String(a.target))) return undefined;
  const kind = DOCUMENTS[a.type];
  const provider = a.provider ?? kind.providers[0];
  if (!provider || !kind.providers.includes(provider)) return undefined;
  if (informal && provider === 'investigator') return undefined;
  let ghost: RegistrationRecord | undefined;
  if (a.type === 'technical-assistance') {
    const record = isRecord(a.ghost) ? { ...a.ghost, day: G.day } : undefined;
    if (!validRegistration(G, record, a.target)) return undefined;
    if (G.documents.some((d) => d.ghost?.deviceId === record.deviceId)) return undefined;
    ghost = record;
  }
  const seq = nextSeq(G);
  const pending = kind.needsJudge && !informal;
  return {
    id: `doc-${seq}`,
    seq,
    type: a.type,
    provider,
    target: a.target,
    day: G.day,
    leads: G.leads,
    informal,
    ...(ghost ? { ghost } : {}),
    status: pending ? 'pending' : 'granted',
    ...(pending ? {} : { dueDay: G.day + 1 }),
  };
}

function audience(G: GameState, doc: LegalDocument): SeatId[] {
  const seats = [seatOf(G, 'investigator').id, seatOf(G, 'judge').id];
  if (doc.provider !== 'investigator') seats.push(seatOf(G, doc.provider).id);
  return seats;
}

/** Apply to the judge, or serve a subpoena (which needs no judge). */
export const apply = move<Application>(({ G }, args) => {
  const doc = draft(G, args, false);
  if (!doc) return INVALID_MOVE;
  G.documents.push(doc);
  const kind = DOCUMENTS[doc.type];
  logEvent(
    G,
    kind.needsJudge
      ? `The investigator applied for a ${kind.title} on ${doc.target} with ${doc.leads} lead(s).`
      : `The investigator served a ${kind.title} on the ${doc.provider} for ${doc.target}.`,
    audience(G, doc),
  );
});

/** Ask a provider informally, without any order: compliance is unlawful and its fruit inadmissible. */
export const askInformally = move<Application>(({ G }, args) => {
  const doc = draft(G, args, true);
  if (!doc) return INVALID_MOVE;
  G.documents.push(doc);
  logEvent(
    G,
    `The investigator asked the ${doc.provider} informally for ${DOCUMENTS[doc.type].yields}.`,
    audience(G, doc),
  );
});

/** Register the investigator's own workstation (setup). */
export const registerWorkstation = move<{ record: RegistrationRecord }>(({ G, playerID }, args) => {
  if (!isRecord(args) || G.devices.some((d) => d.controller === playerID)) return INVALID_MOVE;
  return addDevice(G, playerID, INVESTIGATOR_ACCOUNT, args.record);
});

/**
 * File evidence: hand the referee a key the investigator lawfully holds. An accepted
 * item read for the first time is also a lead (game.md §5).
 */
export const fileEvidence = move<ProofArgs>(({ G, playerID }, args) => {
  if (!wellFormed(args)) return;
  const firstTime = !G.proofs.some((p) => p.purpose === 'evidence' && p.accepted && p.item.id === args.item.id);
  const proof = recordProof(G, playerID, 'evidence', args, evidenceVerdict(G, args));
  if (proof.accepted && firstTime) {
    G.leads++;
    logEvent(G, 'The investigator filed evidence: a crew message, read with a lawfully obtained key.');
  } else if (!proof.accepted) {
    logEvent(G, `Evidence refused: ${proof.reason}`, [playerID, seatOf(G, 'judge').id]);
  }
  checkInvestigatorWin(G, playerID);
});

/** The investigator's day moves. */
export const investigatorMoves = { apply, askInformally, fileEvidence };
