/**
 * Winning (game.md §7): the investigator wins as soon as admissible evidence proves
 * the plan's place and time; the crew wins if every member other than the planner
 * proved receipt by the end of the last day and the investigator did not; otherwise
 * the deal falls through (a draw).
 * @module
 */
import { crewSeats, logEvent, score } from './state.ts';

/** Points for the side that wins (the debrief ranks seats within their role). */
const WIN_POINTS = 5;

import type { GameState, ProofRecord, SeatId } from './types.ts';

/** Whether accepted proofs (at most three items suffice: place and time) reveal the plan. */
function coversPlan(proofs: readonly ProofRecord[]): boolean {
  return proofs.some((p) => p.revealsPlace) && proofs.some((p) => p.revealsTime);
}

/** Accepted proofs of one purpose by one seat. */
export function acceptedProofs(G: GameState, by: SeatId, purpose: ProofRecord['purpose']): ProofRecord[] {
  return G.proofs.filter((p) => p.by === by && p.purpose === purpose && p.accepted);
}

/** True once the seat has proved receipt of both parts of the plan. */
export function hasProvedReceipt(G: GameState, seat: SeatId): boolean {
  return coversPlan(acceptedProofs(G, seat, 'receipt'));
}

/** Ends the game for the investigator when its admissible evidence covers the plan. */
export function checkInvestigatorWin(G: GameState, investigator: SeatId): void {
  if (G.outcome || !coversPlan(acceptedProofs(G, investigator, 'evidence'))) return;
  G.outcome = { winner: 'investigator', day: G.day, reason: 'admissible evidence proved the place and time' };
  score(G, investigator, WIN_POINTS);
  logEvent(G, 'The investigator proved the plan with lawfully obtained keys. The investigator wins.');
}

/** At the end of the last day: crew win or draw. */
export function settleLastDay(G: GameState): void {
  if (G.outcome || G.day < G.options.days) return;
  const others = crewSeats(G).filter((s) => !s.planner);
  if (others.every((s) => hasProvedReceipt(G, s.id))) {
    G.outcome = { winner: 'crew', day: G.day, reason: 'every crew member proved receipt of the plan' };
    for (const s of crewSeats(G)) score(G, s.id, WIN_POINTS);
    logEvent(G, 'Every crew member proved they received the plan, unread by the investigator. The crew wins.');
  } else {
    G.outcome = { winner: 'draw', day: G.day, reason: 'the plan did not reach the whole crew, and was not proved' };
    logEvent(G, 'The deal fell through: the plan neither reached the whole crew nor was proved. A draw.');
  }
}
