/**
 * Hosted bots: each bot seat runs as an ordinary boardgame.io client over the real
 * socket transport, with its seat's credentials, its own filtered view and its own
 * device keys — kept in the bot key store, never in match state, so a bot resumes its
 * seat with its keys after a restart.
 * @module
 */
import { Client } from 'boardgame.io/client';
import { SocketIO } from 'boardgame.io/multiplayer';
import { type BotClient, createBot, runBot } from '../bots/index.ts';
import { secureRandom } from '../crypto/index.ts';
import type { KeyStore } from '../device/index.ts';
import { createGame } from '../game/index.ts';
import type { BotSeatRecord } from './tables.ts';

/** Where a bot's keys are kept. */
export interface BotKeys {
  forSeat(matchID: string, seat: string): KeyStore;
}

/** Runs and stops hosted bots. */
export class BotHost {
  readonly #server: string;
  readonly #keys: BotKeys;
  readonly #running = new Map<string, { stop: () => void; client: { stop(): void } }>();
  readonly #players: (matchID: string) => Promise<Record<string, { data?: unknown }>>;
  readonly #dayTimer: (matchID: string) => Promise<number | undefined>;
  readonly #game = createGame();

  /**
   * @param server - the game server's own URL (loopback)
   * @param keys - the bot key store
   * @param players - a match's seats as the lobby recorded them
   * @param dayTimer - a match's day timer in seconds, if it has one
   */
  constructor(
    server: string,
    keys: BotKeys,
    players: (matchID: string) => Promise<Record<string, { data?: unknown }>>,
    dayTimer: (matchID: string) => Promise<number | undefined>,
  ) {
    this.#server = server;
    this.#keys = keys;
    this.#players = players;
    this.#dayTimer = dayTimer;
  }

  /** Starts the bot of a seat (once). */
  async start(seat: BotSeatRecord): Promise<void> {
    const key = `${seat.matchID}/${seat.seat}`;
    if (this.#running.has(key)) return;
    const players = await this.#players(seat.matchID);
    const numPlayers = Object.keys(players).length;
    const account = (players[seat.seat]?.data as { account?: string } | undefined)?.account;
    const client = Client({
      game: this.#game,
      numPlayers,
      matchID: seat.matchID,
      playerID: seat.seat,
      credentials: seat.credentials,
      multiplayer: SocketIO({ server: this.#server }),
      debug: false,
    });
    // A judge bot enforces the table's day timer, by the server's clock.
    const seconds = seat.role === 'judge' ? await this.#dayTimer(seat.matchID) : undefined;
    const bot = createBot({
      ...(seconds ? { dayTimer: { seconds, now: () => Date.now() } } : {}),
      role: seat.role,
      ...(account ? { account } : {}),
      personality: seat.personality,
      store: this.#keys.forSeat(seat.matchID, seat.seat),
      random: secureRandom,
    });
    client.start();
    // Over a socket a refused move is only visible as "no new state": wait long enough.
    const stop = runBot(client as unknown as BotClient, bot, (fn) => setTimeout(fn, 1500), seconds ? 1000 : undefined);
    this.#running.set(key, { stop, client });
  }

  /** Number of bots running. */
  get size(): number {
    return this.#running.size;
  }

  /** Stops every bot. */
  stopAll(): void {
    for (const { stop, client } of this.#running.values()) {
      stop();
      client.stop();
    }
    this.#running.clear();
  }
}
