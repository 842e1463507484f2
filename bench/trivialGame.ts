/**
 * The load benchmark's yardstick (bench/load.bench.ts): the smallest boardgame.io game
 * with as many seats as a Going Dark table. Its one move, `bump`, adds one to a counter;
 * the seats take it in turn (the seat named in `G.next`), and the game ends after
 * {@link TRIVIAL_GAME_LENGTH} moves — about as many as a simulated Going Dark game —
 * so both games churn tables and sockets at a similar rate. Declared like Going Dark's
 * moves (long form, `client: false`, `ignoreStaleStateID`: src/game/moves/define.ts) so
 * the client waits for the server's answer in both, and no player view: whatever time
 * the benchmark measures here is boardgame.io's own.
 * @module
 */
import type { Game } from 'boardgame.io';
import { ActivePlayers, INVALID_MOVE } from 'boardgame.io/core';
import type { Bot, BotAction } from '../src/bots/index.ts';

/** The trivial game's lobby name. */
export const TRIVIAL_GAME_NAME = 'trivial';

/** Seats at a trivial table (a Going Dark table's default). */
export const TRIVIAL_SEATS = 6;

/** Moves in one trivial game (a simulated Going Dark game plays 65–100). */
export const TRIVIAL_GAME_LENGTH = 80;

/** The trivial game's state. */
export interface TrivialState {
  readonly count: number;
  /** The seat whose turn it is to bump. */
  readonly next: string;
}

/** The trivial game: every seat is active; only the seat in `G.next` may bump. */
export const trivialGame: Game<TrivialState> = {
  name: TRIVIAL_GAME_NAME,
  minPlayers: 2,
  maxPlayers: 8,
  disableUndo: true,
  setup: () => ({ count: 0, next: '0' }),
  turn: { activePlayers: ActivePlayers.ALL },
  moves: {
    bump: {
      move: ({ G, ctx, playerID }) =>
        playerID !== G.next
          ? INVALID_MOVE
          : { count: G.count + 1, next: String((Number(G.next) + 1) % ctx.numPlayers) },
      client: false,
      ignoreStaleStateID: true,
    },
  },
  endIf: ({ G }) => (G.count >= TRIVIAL_GAME_LENGTH ? { count: G.count } : undefined),
};

/**
 * A seat's player for the trivial game, in the shape the bot runner drives
 * (src/bots/runner.ts): bump when it is this seat's turn.
 * @param playerID - the seat
 */
export function trivialBot(playerID: string): Bot {
  const bump: BotAction = { move: 'bump', args: {} };
  return {
    // The runner reads neither field; a Bot must have them.
    role: 'sender',
    personality: 'careful',
    next: (view) => ((view as unknown as TrivialState).next === playerID ? bump : undefined),
    refused: () => {},
  };
}
