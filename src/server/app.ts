/**
 * The Going Dark server: one Node process on one port serving the built UI, the
 * boardgame.io game server (socket.io), the lobby API, and hosted bots — with SQLite
 * storage in the data folder, or (DATABASE_URL, REDIS_URL) one of several processes on a
 * shared PostgreSQL store with updates between them over Redis (docs/operations.md).
 * @module
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type GenericPubSub, Server } from 'boardgame.io/server';
import serve from 'koa-static';
import { DEFAULT_PERSONALITIES } from '../bots/index.ts';
import { secureRandom } from '../crypto/index.ts';
import { createGame, GAME_NAME } from '../game/index.ts';
import { addApiRoutes, closeBuiltInLobby } from './api.ts';
import { BotHost } from './botHost.ts';
import { addClassRoutes } from './classes/routes.ts';
import { Classes } from './classes/service.ts';
import { type BotCommand, botCommands } from './cluster/botCommands.ts';
import { HeldPubSub, LocalPubSub, matchChannel } from './cluster/heldPubSub.ts';
import { MatchLocks } from './cluster/matchLocks.ts';
import { RedisPubSub } from './cluster/redisPubSub.ts';
import { MatchSocketIO } from './cluster/transport.ts';
import type { ServerConfig } from './config.ts';
import { moveNamesOf } from './packets.ts';
import { guardNamespace, originCheck } from './socketGuard.ts';
import { type Backend, openBackend } from './storage/backend.ts';
import { DEFAULT_LEASE_MS } from './storage/postgres/botSeats.ts';
import { type BotSeatRecord, Tables } from './tables.ts';

/** A running server. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** boardgame.io's match store (SQLite or PostgreSQL). */
  readonly store: Backend['matches'];
  readonly backend: Backend;
  readonly bots: BotHost;
  /** The last thousand packets the socket guard dropped, with the reason (for tests and logs). */
  readonly dropped: string[];
  /** How many packets the socket guard has dropped since the start. */
  readonly droppedCount: number;
  stop(): Promise<void>;
}

/** A match channel's catch-up: the match's stored state, as an update (boardgame.io's payload). */
function catchUp(store: Backend['matches']) {
  return async (channel: string): Promise<never | undefined> => {
    if (!channel.startsWith(matchChannel(''))) return undefined;
    const matchID = channel.slice(matchChannel('').length);
    const { state } = await store.fetch(matchID, { state: true });
    return state ? ({ type: 'update', args: [matchID, state] } as never) : undefined;
  };
}

/** The socket transport: one process alone, or one of several (a match lock, Redis updates). */
async function transportFor(config: ServerConfig, store: Backend['matches']) {
  const socketOpts = {
    cors: { origin: config.origins },
    allowRequest: originCheck(config.origins),
    maxHttpBufferSize: config.maxMessageBytes,
  };
  const redis = config.redisUrl ? await RedisPubSub.open<never>(config.redisUrl, catchUp(store)) : undefined;
  const locks = config.databaseUrl ? new MatchLocks(config.databaseUrl) : undefined;
  const pubSub = new HeldPubSub<never>(redis ?? new LocalPubSub<never>());
  // socket.io options (boardgame.io types them as the full ServerOptions).
  const transport = new MatchSocketIO({ socketOpts: socketOpts as never }, pubSub, locks);
  return {
    transport,
    locks,
    redis,
    close: async () => void (await Promise.all([locks?.close(), redis?.close()])),
  };
}

/**
 * Starts the server.
 * @param config - port, host, folders, origins, limits, and the scale-out stores if any
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const backend = await openBackend(config);
  const {
    transport,
    locks,
    redis,
    close: closeTransport,
  } = await transportFor(config, backend.matches).catch(async (error) => {
    await backend.close();
    throw error;
  });
  const store = backend.matches;
  const game = createGame({ entropy: secureRandom });
  const server = Server({ games: [game], db: store, origins: config.origins, transport });
  const dropped: string[] = [];
  let droppedCount = 0;
  const app = server.app as unknown as { _io: { of(name: string): Parameters<typeof guardNamespace>[0] } };
  const metadataOf = async (matchID: string) => (await store.fetch(matchID, { metadata: true })).metadata;
  guardNamespace(
    app._io.of(GAME_NAME),
    async (matchID) => (await metadataOf(matchID)) !== undefined,
    (reason) => {
      // The last thousand reasons: a flood of hostile packets must not grow the server's memory.
      droppedCount++;
      dropped.push(reason);
      if (dropped.length > 1000) dropped.splice(0, dropped.length - 1000);
    },
    (matchID) => backend.classes.isMatchPaused(matchID),
    moveNamesOf(game as never),
  );

  let bots: BotHost | undefined;
  // Several processes: the teacher's controls also reach bots hosted by the others.
  let others: (command: BotCommand) => void = () => {};
  const startBot = (seat: BotSeatRecord) => {
    bots
      ?.start(seat)
      .catch((e) => console.error(`bot ${seat.matchID}/${seat.seat} failed to start: ${(e as Error).message}`));
  };
  const tables = new Tables(
    {
      createMatch: (id, opts) => store.createMatch(id, opts as never),
      fetch: (id, opts) => store.fetch(id, opts),
      setMetadata: (id, m) => store.setMetadata(id, m),
      createCode: (id, random) => backend.codes.createCode(id, random),
      matchOf: (code) => backend.codes.matchOf(code),
      codeOf: (id) => backend.codes.codeOf(id),
      saveBotSeat: (seat) => backend.bots.saveSeat(seat, config.instance),
      exclusive: (matchID, fn) => (locks ? locks.run(matchID, fn) : fn()),
    },
    startBot,
  );
  server.app.use(closeBuiltInLobby);
  addApiRoutes(server.router as never, tables, config);
  const classes = new Classes(
    backend.classes,
    tables,
    { fetch: (id, opts) => store.fetch(id, opts) as never },
    {
      standIn: async (seat) => {
        const record: BotSeatRecord = { ...seat, personality: DEFAULT_PERSONALITIES[seat.role] };
        await backend.bots.saveSeat(record, config.instance);
        await bots?.start(record);
      },
      release: async (matchID, seat) => {
        await backend.bots.removeSeat(matchID, seat as never);
        bots?.stop(matchID, seat);
        others({ op: 'stop', matchID, seat });
      },
      pause: (matchID) => {
        bots?.pause(matchID);
        others({ op: 'pause', matchID });
      },
      resume: async (matchID) => {
        await bots?.resume(matchID);
        others({ op: 'resume', matchID });
      },
      move: (matchID, seat, name, args) => {
        if (bots?.move(matchID, seat, name, args)) return true;
        // Not hosted here: sent to the process that hosts it (there is one, unless none runs).
        if (!redis) return false;
        others({ op: 'move', matchID, seat, name, args });
        return true;
      },
    },
  );
  addClassRoutes(server.router as never, classes, config);
  if (existsSync(config.staticDir)) server.app.use(serve(config.staticDir));

  const { appServer } = await server.run({ port: config.port, callback: () => {} });
  const port = (appServer.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${port}`;
  const host_ = new BotHost(
    `http://127.0.0.1:${port}`,
    backend.bots,
    async (matchID) => ((await metadataOf(matchID))?.players ?? {}) as Record<string, { data?: unknown }>,
    async (matchID) =>
      ((await metadataOf(matchID))?.setupData as { dayTimerSeconds?: number } | undefined)?.dayTimerSeconds,
  );
  bots = host_;
  if (redis) others = botCommands(redis as unknown as GenericPubSub<BotCommand>, host_);
  const hostBots = botHosting(backend, host_, config.instance, metadataOf, startBot);
  // After a restart, bots resume their seats in unfinished matches, with their keys; with
  // several processes, a process also takes over the seats of one that died.
  await hostBots();
  const renew = setInterval(() => {
    hostBots().catch((e) => console.error(`bot hosting: ${(e as Error).message}`));
  }, DEFAULT_LEASE_MS / 3);
  renew.unref();
  return {
    url,
    port,
    store,
    backend,
    bots: host_,
    dropped,
    get droppedCount() {
      return droppedCount;
    },
    stop: async () => {
      clearInterval(renew);
      host_.stopAll();
      server.kill({ appServer, apiServer: undefined } as never);
      await new Promise((r) => setTimeout(r, 50));
      await closeTransport();
      await backend.close();
    },
  };
}

/**
 * One round of bot hosting: claims this process's seats (renewing its leases, taking
 * over seats whose host died), starts the bots of unfinished matches it does not run yet,
 * and stops the bots of seats it no longer holds (handed back to a student, or taken over).
 * A paused class stays paused: its bots wait for the teacher's resume.
 */
function botHosting(
  backend: Backend,
  bots: BotHost,
  instance: string,
  metadataOf: (matchID: string) => Promise<{ gameover?: unknown } | undefined>,
  startBot: (seat: BotSeatRecord) => void,
): () => Promise<void> {
  const finished = new Set<string>();
  return async () => {
    const before = bots.seats();
    const claimed = await backend.bots.claimSeats(instance);
    const held = new Set(claimed.map((s) => `${s.matchID}/${s.seat}`));
    for (const [matchID, seat] of before) if (!held.has(`${matchID}/${seat}`)) bots.stop(matchID, seat);
    for (const seat of claimed) {
      if (bots.hosts(seat.matchID, seat.seat) || finished.has(seat.matchID)) continue;
      const metadata = await metadataOf(seat.matchID);
      if (!metadata || metadata.gameover !== undefined) {
        finished.add(seat.matchID);
        continue;
      }
      if (await backend.classes.isMatchPaused(seat.matchID)) bots.pause(seat.matchID);
      startBot(seat);
    }
  };
}
