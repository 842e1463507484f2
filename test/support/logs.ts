/** Reading match logs in tests: which entries are moves, and a move's identity. */
import type { LogEntry } from 'boardgame.io';

/** The moves of a log (not the events they set off, which share their state id). */
export function movesOf(log: readonly LogEntry[]): LogEntry[] {
  return log.filter((e) => e.action.type === 'MAKE_MOVE');
}

/**
 * A move's identity: the state it applied to, the move and its seat (the log a seat or a
 * spectator is sent hides other seats' arguments: every move is `redact: true`).
 */
export function moveKey(e: LogEntry): string {
  return JSON.stringify([e._stateID, e.action.payload?.type, e.action.payload?.playerID]);
}
