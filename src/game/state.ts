/**
 * Small helpers over the game state shared by the moves: finding seats, numbering
 * records, writing the public event log, updating scores.
 * @module
 */
import type { DeviceEntry, GameState, Role, Seat, SeatId } from './types.ts';

/** The seat that plays a single-seat role. */
export function seatOf(G: GameState, role: Exclude<Role, 'sender'>): Seat {
  const seat = Object.values(G.seats).find((s) => s.role === role);
  if (!seat) throw new Error(`no ${role} seat`);
  return seat;
}

/** The crew's seats, planner first. */
export function crewSeats(G: GameState): Seat[] {
  return Object.values(G.seats).filter((s) => s.role === 'sender');
}

/** The crew seat whose account (and line) is `account`. */
export function crewByAccount(G: GameState, account: string): Seat | undefined {
  return crewSeats(G).find((s) => s.account === account);
}

/** The next record number. */
export function nextSeq(G: GameState): number {
  return G.nextSeq++;
}

/**
 * Appends a line to the human-readable event log.
 * @param G - game state
 * @param text - what happened, in plain words
 * @param audience - seats that may see it (absent: everyone)
 */
export function logEvent(G: GameState, text: string, audience?: SeatId[]): void {
  G.events.push(audience ? { seq: nextSeq(G), day: G.day, text, audience } : { seq: nextSeq(G), day: G.day, text });
}

/** Adds `points` to a seat's score. */
export function score(G: GameState, seat: SeatId, points: number): void {
  G.scores[seat] = (G.scores[seat] ?? 0) + points;
}

/** Active devices of an account. */
export function activeDevices(G: GameState, account: string): DeviceEntry[] {
  return G.devices.filter((d) => d.account === account && d.status === 'active');
}

/** The device entry with this id, if registered. */
export function deviceById(G: GameState, deviceId: string): DeviceEntry | undefined {
  return G.devices.find((d) => d.deviceId === deviceId);
}

/** Adds a seat to an access list once. */
export function grant(list: SeatId[], seat: SeatId): void {
  if (!list.includes(seat)) list.push(seat);
}

/** The investigator's workstation account name. */
export const INVESTIGATOR_ACCOUNT = 'investigator';
