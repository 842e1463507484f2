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
import { createGame, type SeatId } from '../game/index.ts';
import type { BotSeats } from './storage/ports.ts';
import type { BotSeatRecord } from './tables.ts';

/** Where a bot's keys are kept. */
export type BotKeys = Pick<BotSeats, 'openSeat'>;

/**
 * The client's moves, each sent once every key the bot has stored so far is in the
 * database: a bot's key is stored before the move that publishes its public key.
 */
function afterKeysStored(
  moves: Record<string, ((args: unknown) => void) | undefined>,
  settled: () => Promise<void>,
): Record<string, ((args: unknown) => void) | undefined> {
  const wrapped: Record<string, ((args: unknown) => void) | undefined> = {};
  for (const [name, move] of Object.entries(moves)) {
    if (!move) continue;
    wrapped[name] = (args) => {
      settled().then(
        () => move(args),
        (error: Error) => console.error(`bot move ${name} not sent: its key was not stored (${error.message})`),
      );
    };
  }
  return wrapped;
}

/** Runs and stops hosted bots. */
export class BotHost {
  readonly #server: string;
  readonly #keys: BotKeys;
  readonly #running = new Map<
    string,
    { stop: () => void; client: { stop(): void; moves: Record<string, ((args: unknown) => void) | undefined> } }
  >();
  /** The seats of paused matches, to start again on resume. */
  readonly #paused = new Map<string, BotSeatRecord[]>();
  readonly #records = new Map<string, BotSeatRecord>();
  /** Seats whose bot is starting (between `start` and its client running). */
  readonly #starting = new Set<string>();
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
    if (this.#running.has(key) || this.#starting.has(key)) return;
    this.#records.set(key, seat);
    const paused = this.#paused.get(seat.matchID);
    if (paused) {
      // A paused match: the bot starts when the match resumes.
      if (!paused.some((s) => s.seat === seat.seat)) paused.push(seat);
      return;
    }
    this.#starting.add(key);
    try {
      await this.#startClient(key, seat);
    } finally {
      this.#starting.delete(key);
    }
  }

  async #startClient(key: string, seat: BotSeatRecord): Promise<void> {
    const players = await this.#players(seat.matchID);
    const numPlayers = Object.keys(players).length;
    const account = (players[seat.seat]?.data as { account?: string } | undefined)?.account;
    const store = await this.#keys.openSeat(seat.matchID, seat.seat as SeatId);
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
      store,
      random: secureRandom,
    });
    // Stopped or stopped-all while starting: not after all. Paused: pause() listed the
    // seat with the match's paused seats, to start on resume.
    if (this.#records.get(key) !== seat || this.#paused.has(seat.matchID)) return;
    client.start();
    const botClient: BotClient = {
      getState: () => client.getState() as ReturnType<BotClient['getState']>,
      subscribe: (fn) => client.subscribe(fn),
      moves: afterKeysStored(client.moves as BotClient['moves'], () => store.settled()),
    };
    // Over a socket a refused move is only visible as "no new state": wait long enough.
    const stop = runBot(botClient, bot, (fn) => setTimeout(fn, 1500), seconds ? 1000 : undefined);
    this.#running.set(key, { stop, client });
  }

  /** Stops one seat's bot (a stand-in handed back to its student). */
  stop(matchID: string, seat: string): void {
    const key = `${matchID}/${seat}`;
    const running = this.#running.get(key);
    running?.stop();
    running?.client.stop();
    this.#running.delete(key);
    this.#records.delete(key);
    const paused = this.#paused.get(matchID);
    if (paused)
      this.#paused.set(
        matchID,
        paused.filter((s) => s.seat !== seat),
      );
  }

  /** Pauses a match's bots: they disconnect and remember their seats. */
  pause(matchID: string): void {
    if (this.#paused.has(matchID)) return;
    const seats: BotSeatRecord[] = [];
    for (const [key, record] of this.#records) {
      if (record.matchID !== matchID) continue;
      const running = this.#running.get(key);
      running?.stop();
      running?.client.stop();
      this.#running.delete(key);
      seats.push(record);
    }
    this.#paused.set(matchID, seats);
  }

  /** Resumes a match's bots (a judge bot's day timer counts again from now). */
  async resume(matchID: string): Promise<void> {
    const seats = this.#paused.get(matchID) ?? [];
    this.#paused.delete(matchID);
    for (const seat of seats) await this.start(seat);
  }

  /** Makes one seat's bot send a move now (the teacher ends the day through a judge bot). */
  move(matchID: string, seat: string, name: string, args: unknown): boolean {
    const move = this.#running.get(`${matchID}/${seat}`)?.client.moves[name];
    if (!move) return false;
    move(args);
    return true;
  }

  /** Whether this host has the seat's bot (running, starting, or waiting in a paused match). */
  hosts(matchID: string, seat: string): boolean {
    return this.#records.has(`${matchID}/${seat}`);
  }

  /** Every seat this host has a bot for, as `[matchID, seat]`. */
  seats(): [string, string][] {
    return [...this.#records.values()].map((r) => [r.matchID, r.seat]);
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
    this.#records.clear();
    this.#paused.clear();
  }
}
