/**
 * The two games the load benchmark (bench/load.bench.ts) plays, as load drivers
 * (bench/loadDriver.ts) create and seat them:
 * - Going Dark: a table as the lobby makes one (POST /api/tables, six seats taken with
 *   POST /api/join), every seat a bot from src/bots with its own device and keys;
 * - the trivial boardgame.io game (bench/trivialGame.ts) through boardgame.io's own lobby.
 * @module
 */
import type { Game } from 'boardgame.io';
import { createBot } from '../src/bots/index.ts';
import { secureRandom } from '../src/crypto/index.ts';
import { MemoryKeyStore } from '../src/device/index.ts';
import { createGame, phoneNumber, type Role } from '../src/game/index.ts';
import type { SeatPlan, Target } from './loadTables.ts';
import { TRIVIAL_GAME_NAME, TRIVIAL_SEATS, trivialBot, trivialGame } from './trivialGame.ts';

/** The games by the name the benchmark passes to its drivers. */
export type TargetName = 'going-dark' | 'trivial';

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A Going Dark table as the lobby makes one: two crew, carrier, relay, investigator, judge. */
const ROLES: readonly Role[] = ['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'];

const goingDark: Target = {
  name: 'Going Dark',
  game: createGame() as unknown as Game,
  async createTable(url) {
    const table = await post<{ matchID: string; code: string }>(`${url}/api/tables`, {
      scenario: 'san-jose-2013',
      seats: ROLES.map((role) => ({ role, bot: false })),
    });
    const joined = await Promise.all(
      ROLES.map((role, i) =>
        post<{ matchID: string; playerID: string; credentials: string; role: Role }>(`${url}/api/join`, {
          code: table.code,
          name: `load ${i}`,
          role,
        }),
      ),
    );
    return joined.map((seat): SeatPlan => {
      const index = Number(seat.playerID);
      // The lobby numbers the crew in seat order (src/server/tables.ts).
      const crewBefore = ROLES.slice(0, index).filter((r) => r === 'sender').length;
      return {
        matchID: seat.matchID,
        playerID: seat.playerID,
        credentials: seat.credentials,
        bot: () =>
          createBot({
            role: seat.role,
            ...(seat.role === 'sender'
              ? { account: phoneNumber(crewBefore), personality: crewBefore % 2 ? 'careless' : 'careful' }
              : {}),
            store: new MemoryKeyStore(),
            random: secureRandom,
          }),
      };
    });
  },
};

const trivial: Target = {
  name: 'trivial boardgame.io',
  game: trivialGame as unknown as Game,
  async createTable(url) {
    const { matchID } = await post<{ matchID: string }>(`${url}/games/${TRIVIAL_GAME_NAME}/create`, {
      numPlayers: TRIVIAL_SEATS,
    });
    return Promise.all(
      Array.from({ length: TRIVIAL_SEATS }, async (_, i): Promise<SeatPlan> => {
        const playerID = String(i);
        const { playerCredentials } = await post<{ playerCredentials: string }>(
          `${url}/games/${TRIVIAL_GAME_NAME}/${matchID}/join`,
          { playerID, playerName: `load ${i}` },
        );
        return { matchID, playerID, credentials: playerCredentials, bot: () => trivialBot(playerID) };
      }),
    );
  },
};

/** The games the benchmark can play, by name. */
export const TARGETS: Readonly<Record<TargetName, Target>> = { 'going-dark': goingDark, trivial };
