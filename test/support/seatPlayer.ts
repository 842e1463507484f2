/**
 * A person at a seat, simulated: their own boardgame.io client over the real socket,
 * their own device (a fresh key store), and a bot's habits choosing the moves. Used by
 * the tests that fill a class or a table with simulated students.
 */
import type { LogEntry } from 'boardgame.io';
import { Client } from 'boardgame.io/client';
import { SocketIO } from 'boardgame.io/multiplayer';
import { type Bot, type BotClient, createBot, runBot } from '../../src/bots/index.ts';
import { secureRandom } from '../../src/crypto/index.ts';
import { MemoryKeyStore } from '../../src/device/index.ts';
import { createGame, type Role } from '../../src/game/index.ts';
import type { RunningServer } from '../../src/server/app.ts';

/** A seat as the class or lobby API hands it out. */
export interface SeatTicket {
  readonly matchID: string;
  readonly playerID: string;
  readonly credentials: string;
  readonly role: Role;
}

/** A simulated person at a seat. */
export interface SeatPlayer {
  readonly client: ReturnType<typeof Client>;
  /** The log entries the server sent this seat with its updates: the actions it acknowledged. */
  received(): readonly LogEntry[];
  /** Detaches the bot and closes the socket. */
  stop(): void;
}

/**
 * Seats a simulated person.
 * @param server - the server's URL, and its store (for the seat's phone number)
 * @param seat - the seat's credentials
 * @param options - the bot's pace (how long before a move without an answer counts as refused; 500 ms on
 *   loopback), and `setupOnly`: make the keys, then sit idle
 */
export async function seatPlayer(
  server: { readonly url: string; readonly store: Pick<RunningServer['store'], 'fetch'> },
  seat: SeatTicket,
  options: { paceMs?: number; setupOnly?: boolean } = {},
): Promise<SeatPlayer> {
  const client = Client({
    game: createGame(),
    matchID: seat.matchID,
    playerID: seat.playerID,
    credentials: seat.credentials,
    multiplayer: SocketIO({ server: server.url }),
    debug: false,
  });
  client.start();
  const received: LogEntry[] = [];
  // The client's socket (boardgame.io's SocketIO transport): updates carry the new log entries.
  const socket = (client as unknown as { transport: { socket: { on(e: string, f: (...a: never[]) => void): void } } })
    .transport.socket;
  socket.on('update', (_match: string, _state: unknown, deltalog?: LogEntry[]) => received.push(...(deltalog ?? [])));
  socket.on('patch', (_m: string, _p: number, _s: number, _patch: unknown, deltalog?: LogEntry[]) =>
    received.push(...(deltalog ?? [])),
  );
  const metadata = (await server.store.fetch(seat.matchID, { metadata: true })).metadata;
  const account = (metadata?.players[Number(seat.playerID)]?.data as { account?: string } | undefined)?.account;
  const bot = createBot({
    role: seat.role,
    ...(account ? { account } : {}),
    store: new MemoryKeyStore(),
    random: secureRandom,
  });
  const player: Bot = options.setupOnly
    ? {
        role: bot.role,
        personality: bot.personality,
        next: (view, phase) => (phase === 'setup' ? bot.next(view, phase) : undefined),
        refused: (action) => bot.refused(action),
      }
    : bot;
  const pace = options.paceMs ?? 500;
  const stop = runBot(client as unknown as BotClient, player, (fn) => setTimeout(fn, pace));
  return {
    client,
    received: () => received,
    stop: () => {
      stop();
      client.stop();
    },
  };
}
