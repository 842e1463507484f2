/**
 * The boardgame.io `Game` of Going Dark. Build it with {@link createGame}, passing the
 * entropy the referee draws game chance from (Node's CSPRNG on the server, a seeded
 * source in tests and the simulator). Clients build it without entropy: every move
 * runs on the server only.
 * @module
 */
import type { Game } from 'boardgame.io';
import { type SetupData, validateSetupData } from './config.ts';
import { type Entropy, NO_ENTROPY } from './entropy.ts';
import { MovesOnly } from './guard.ts';
import { phases } from './phases.ts';
import { initialState } from './setup.ts';
import type { GameState } from './types.ts';
import { playerView } from './view.ts';

/** The game's name in the lobby. */
export const GAME_NAME = 'going-dark';

/**
 * Creates the game definition.
 * @param options - `entropy`: the source of game chance (required on the server)
 */
export function createGame(options: { entropy?: Entropy } = {}): Game<GameState, Record<string, unknown>, SetupData> {
  return {
    name: GAME_NAME,
    minPlayers: 6,
    maxPlayers: 7,
    disableUndo: true,
    validateSetupData,
    setup: (_context, setupData) => {
      const error = validateSetupData(setupData, _context.ctx.numPlayers);
      if (error || !setupData) throw new Error(`invalid table: ${error}`);
      return initialState(setupData);
    },
    phases: phases(options.entropy ?? NO_ENTROPY),
    endIf: ({ G }) => G.outcome,
    playerView,
    plugins: [MovesOnly],
    events: {
      endGame: false,
      endPhase: false,
      endTurn: false,
      setPhase: false,
      pass: false,
      endStage: false,
      setStage: false,
    },
  };
}
