/**
 * A boardgame.io client for one seat over socket.io (same origin), as React state.
 * The game is built without entropy: every move runs on the server only.
 * @module
 */
import { Client } from 'boardgame.io/client';
import { SocketIO } from 'boardgame.io/multiplayer';
import { useEffect, useState } from 'react';
import { createGame, type SeatView } from '../game/index.ts';
import type { SeatCredentials } from './api.ts';

const GAME = createGame();

type GameClient = ReturnType<typeof Client>;

/** A seat's connection state as boardgame.io reports it. */
export interface SeatPresence {
  readonly id: number;
  readonly name?: string;
  readonly isConnected?: boolean;
  /** The server's seat data; this server marks bot seats with `bot: true`. */
  readonly data?: { readonly bot?: unknown };
}

/** What the table needs from the client. */
export interface GameSnapshot {
  /** `connecting`: no state from the server yet; `offline`: the socket dropped after a sync. */
  readonly status: 'connecting' | 'online' | 'offline';
  /** The server has sent this seat's view (absent until the first sync). */
  readonly view?: SeatView;
  readonly phase?: string;
  readonly gameover: boolean;
  readonly presence: readonly SeatPresence[];
  /** Sends a move (the referee decides; nothing changes here until it answers). */
  readonly move: (name: string, args: unknown) => void;
}

/**
 * Connects one seat and follows it until the component unmounts.
 * @param seat - match, player and credentials from this browser's storage
 */
export function useGameClient(seat: SeatCredentials): GameSnapshot {
  const { matchID, playerID, credentials } = seat;
  const [client, setClient] = useState<GameClient | undefined>();
  const [, setVersion] = useState(0);

  useEffect(() => {
    const c = Client({
      game: GAME,
      multiplayer: SocketIO({ server: window.location.origin }),
      matchID,
      playerID,
      credentials,
      debug: false,
    });
    // One subscription for the client's whole life (boardgame.io issue #1137).
    const unsubscribe = c.subscribe(() => setVersion((v) => v + 1));
    c.start();
    setClient(c);
    return () => {
      unsubscribe();
      c.stop();
    };
  }, [matchID, playerID, credentials]);

  const state = client?.getState() ?? null;
  return {
    status: state === null ? 'connecting' : state.isConnected ? 'online' : 'offline',
    ...(state ? { view: state.G as SeatView, phase: state.ctx.phase } : {}),
    gameover: state?.ctx.gameover !== undefined && state?.ctx.gameover !== null,
    presence: (client?.matchData ?? []) as SeatPresence[],
    move: (name, args) => client?.moves[name]?.(args),
  };
}
