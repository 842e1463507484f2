/**
 * Clients may change the game only through moves. boardgame.io processes a raw
 * client event (`endGame`, `setPhase`, `endTurn`, …) on the master even when the
 * game disables it (boardgameio-notes.md, "Events are not enforced"); this plugin
 * declares any action in which no move ran invalid, so the master reverts it — on
 * the socket server and in `Local()` alike. Events that moves and hooks call
 * themselves are unaffected.
 * @module
 */
import type { Plugin } from 'boardgame.io';

interface GuardApi {
  moved: boolean;
  /** The action came from a client (game initialisation has no player id at all). */
  fromClient: boolean;
}

/** The event-guard plugin. */
export const MovesOnly: Plugin<GuardApi, { moved: boolean; fromClient: boolean }> = {
  name: 'movesOnly',
  setup: () => ({ moved: true, fromClient: false }),
  api: ({ playerID }) => ({ moved: false, fromClient: playerID !== undefined }),
  fnWrap:
    (fn, methodType) =>
    (context, ...args) => {
      if (methodType === 'MOVE') {
        const api = (context as unknown as { movesOnly?: GuardApi }).movesOnly;
        if (api) api.moved = true;
      }
      return fn(context, ...args);
    },
  flush: ({ api }) => ({ moved: api?.moved ?? false, fromClient: api?.fromClient ?? false }),
  isInvalid: ({ data }) =>
    data?.fromClient && !data.moved ? 'only moves may change the game; client events are refused' : false,
};
