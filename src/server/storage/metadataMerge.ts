/**
 * How a match's stored metadata takes a write that was computed from an older read. The
 * boardgame.io master rewrites the whole metadata after reading it (a move: `updatedAt`,
 * `gameover`; a connection: a seat's `isConnected`), and the lobby writes it when a person
 * takes a seat. Those writes interleave — across processes, and even in one — so the
 * store keeps what only ever moves forward: a taken seat stays taken (its name and
 * credentials are never dropped by a write that lacks them) and an ended game stays ended;
 * and a move's write leaves the seats' connection flags as stored.
 * Nothing in this server frees a seat or revives a game (the built-in lobby, whose
 * `leave` would, is closed: api.ts).
 * @module
 */
import type { Server } from 'boardgame.io';

/** The metadata to store when `incoming` is written over `stored`. */
export function mergeMetadata(stored: Server.MatchData | undefined, incoming: Server.MatchData): Server.MatchData {
  if (!stored) return incoming;
  // A move's write (the master raises `updatedAt`) never means to change who is connected:
  // it keeps the stored connection flags, which a connection may have changed meanwhile.
  const moveWrite = Number.isFinite(stored.updatedAt) && incoming.updatedAt > stored.updatedAt;
  const players: Server.MatchData['players'] = { ...incoming.players };
  for (const [id, was] of Object.entries(stored.players)) {
    let now = players[Number(id)];
    if (!now) continue;
    if (was.credentials && !now.credentials) {
      now = { ...now, credentials: was.credentials, ...(was.name ? { name: was.name } : {}) };
    }
    if (moveWrite && now.isConnected !== was.isConnected) {
      const { isConnected: _, ...rest } = now;
      now = was.isConnected === undefined ? rest : { ...rest, isConnected: was.isConnected };
    }
    players[Number(id)] = now;
  }
  const merged: Server.MatchData = { ...incoming, players };
  if (stored.gameover !== undefined && stored.gameover !== null && (incoming.gameover ?? undefined) === undefined) {
    merged.gameover = stored.gameover;
  }
  if (Number.isFinite(stored.updatedAt) && !(incoming.updatedAt >= stored.updatedAt))
    merged.updatedAt = stored.updatedAt;
  return merged;
}
