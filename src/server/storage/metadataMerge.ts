/**
 * How a match's stored metadata takes a write that was computed from an older read. The
 * boardgame.io master rewrites the whole metadata after reading it (a move: `updatedAt`,
 * `gameover`; a connection: a seat's `isConnected`), and the lobby writes it when a person
 * takes a seat. Those writes interleave — across processes, and even in one — so the
 * store keeps what only ever moves forward: a taken seat stays taken (its name and
 * credentials are never dropped by a write that lacks them) and an ended game stays ended.
 * Nothing in this server frees a seat or revives a game (the built-in lobby, whose
 * `leave` would, is closed: api.ts).
 * @module
 */
import type { Server } from 'boardgame.io';

/** The metadata to store when `incoming` is written over `stored`. */
export function mergeMetadata(stored: Server.MatchData | undefined, incoming: Server.MatchData): Server.MatchData {
  if (!stored) return incoming;
  const players: Server.MatchData['players'] = { ...incoming.players };
  for (const [id, was] of Object.entries(stored.players)) {
    const now = players[Number(id)];
    if (now && was.credentials && !now.credentials) {
      players[Number(id)] = { ...now, credentials: was.credentials, ...(was.name ? { name: was.name } : {}) };
    }
  }
  const merged: Server.MatchData = { ...incoming, players };
  if (stored.gameover !== undefined && stored.gameover !== null && (incoming.gameover ?? undefined) === undefined) {
    merged.gameover = stored.gameover;
  }
  if (Number.isFinite(stored.updatedAt) && !(incoming.updatedAt >= stored.updatedAt))
    merged.updatedAt = stored.updatedAt;
  return merged;
}
