/**
 * Clients may change the game only through moves. boardgame.io processes a raw
 * client event (`endGame`, `setPhase`, `endTurn`, …) on the master even when the
 * game disables it (boardgameio-notes.md, "Events are not enforced"); this plugin
 * declares invalid every action in which no move ran — whatever player id the action
 * claims, or none — so the master reverts it, on the socket server and in `Local()`
 * alike. Events that moves and hooks call themselves are unaffected. The one flush
 * without a move that must pass is the game's own initialisation, recognised by the
 * plugin's fresh setup data.
 *
 * What the game cannot see is which seat's connection sent an action: boardgame.io
 * runs a move as the seat named in its payload. The server must drop an action whose
 * `payload.playerID` differs from the authenticated seat (see the game server).
 * @module
 */
import type { Plugin } from 'boardgame.io';

interface GuardApi {
  moved: boolean;
}

interface GuardData {
  /** A move ran during the action just flushed. */
  readonly moved: boolean;
  /** True only in the data `setup` creates, before the first flush (initialisation). */
  readonly fresh: boolean;
  /** The flush just done was the initialisation's. */
  readonly initialising: boolean;
}

/** The event-guard plugin. */
export const MovesOnly: Plugin<GuardApi, GuardData> = {
  name: 'movesOnly',
  setup: () => ({ moved: false, fresh: true, initialising: false }),
  api: () => ({ moved: false }),
  fnWrap:
    (fn, methodType) =>
    (context, ...args) => {
      if (methodType === 'MOVE') {
        const api = (context as unknown as { movesOnly?: GuardApi }).movesOnly;
        if (api) api.moved = true;
      }
      return fn(context, ...args);
    },
  flush: ({ api, data }) => ({ moved: api?.moved ?? false, fresh: false, initialising: data?.fresh === true }),
  isInvalid: ({ data }) =>
    data?.initialising || data?.moved ? false : 'only moves may change the game; client events are refused',
};
