/**
 * The Going Dark server: one Node process on one port serving the built UI, the
 * boardgame.io game server (socket.io), the lobby API, and hosted bots — with SQLite
 * storage in the data folder.
 * @module
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Server, SocketIO } from 'boardgame.io/server';
import serve from 'koa-static';
import { DEFAULT_PERSONALITIES } from '../bots/index.ts';
import { secureRandom } from '../crypto/index.ts';
import { createGame, GAME_NAME } from '../game/index.ts';
import { addApiRoutes, closeBuiltInLobby } from './api.ts';
import { BotHost } from './botHost.ts';
import { addClassRoutes } from './classes/routes.ts';
import { Classes } from './classes/service.ts';
import { ClassStore } from './classes/store.ts';
import type { ServerConfig } from './config.ts';
import { moveNamesOf } from './packets.ts';
import { guardNamespace, originCheck } from './socketGuard.ts';
import { BotKeyStore } from './storage/botKeys.ts';
import { CodeStore } from './storage/codes.ts';
import { SqliteStore } from './storage/sqlite.ts';
import { type BotSeatRecord, Tables } from './tables.ts';

/** A running server. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly store: SqliteStore;
  readonly bots: BotHost;
  /** The last thousand packets the socket guard dropped, with the reason (for tests and logs). */
  readonly dropped: string[];
  /** How many packets the socket guard has dropped since the start. */
  readonly droppedCount: number;
  stop(): Promise<void>;
}

/**
 * Starts the server.
 * @param config - port, host, folders, origins, limits
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const store = new SqliteStore({ dir: config.dataDir });
  const botKeys = new BotKeyStore(store.db);
  const codes = new CodeStore(store.db);
  const game = createGame({ entropy: secureRandom });
  const server = Server({
    games: [game],
    db: store,
    origins: config.origins,
    transport: new SocketIO({
      // socket.io options (boardgame.io types them as the full ServerOptions).
      socketOpts: {
        cors: { origin: config.origins },
        allowRequest: originCheck(config.origins),
        maxHttpBufferSize: config.maxMessageBytes,
      } as never,
    }),
  });
  const dropped: string[] = [];
  let droppedCount = 0;
  const app = server.app as unknown as { _io: { of(name: string): Parameters<typeof guardNamespace>[0] } };
  const matchExists = async (matchID: string) =>
    (await store.fetch(matchID, { metadata: true })).metadata !== undefined;
  const classStore = new ClassStore(store.db);
  guardNamespace(
    app._io.of(GAME_NAME),
    matchExists,
    (reason) => {
      // The last thousand reasons: a flood of hostile packets must not grow the server's memory.
      droppedCount++;
      dropped.push(reason);
      if (dropped.length > 1000) dropped.splice(0, dropped.length - 1000);
    },
    (matchID) => classStore.isMatchPaused(matchID),
    moveNamesOf(game as never),
  );

  let bots: BotHost | undefined;
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
      createCode: (id, random) => codes.createCode(id, random),
      matchOf: (code) => codes.matchOf(code),
      codeOf: (id) => codes.codeOf(id),
      saveBotSeat: (seat) => botKeys.saveSeat(seat),
    },
    startBot,
  );
  server.app.use(closeBuiltInLobby);
  addApiRoutes(server.router as never, tables, config);
  const classes = new Classes(
    classStore,
    tables,
    { fetch: (id, opts) => store.fetch(id, opts) as never },
    {
      standIn: async (seat) => {
        const record: BotSeatRecord = { ...seat, personality: DEFAULT_PERSONALITIES[seat.role] };
        botKeys.saveSeat(record);
        await bots?.start(record);
      },
      release: (matchID, seat) => {
        botKeys.removeSeat(matchID, seat);
        bots?.stop(matchID, seat);
      },
      pause: (matchID) => bots?.pause(matchID),
      resume: async (matchID) => {
        await bots?.resume(matchID);
      },
      move: (matchID, seat, name, args) => bots?.move(matchID, seat, name, args) ?? false,
    },
  );
  addClassRoutes(server.router as never, classes, config);
  if (existsSync(config.staticDir)) server.app.use(serve(config.staticDir));

  const { appServer } = await server.run({ port: config.port, callback: () => {} });
  const port = (appServer.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${port}`;
  const metadataOf = async (matchID: string) => (await store.fetch(matchID, { metadata: true })).metadata;
  bots = new BotHost(
    `http://127.0.0.1:${port}`,
    botKeys,
    async (matchID) => ((await metadataOf(matchID))?.players ?? {}) as Record<string, { data?: unknown }>,
    async (matchID) =>
      ((await metadataOf(matchID))?.setupData as { dayTimerSeconds?: number } | undefined)?.dayTimerSeconds,
  );
  // After a restart, bots resume their seats in unfinished matches, with their keys.
  // A paused class stays paused: its bots wait for the teacher's resume.
  for (const seat of botKeys.listSeats()) {
    const { metadata } = await store.fetch(seat.matchID, { metadata: true });
    if (classStore.isMatchPaused(seat.matchID)) bots.pause(seat.matchID);
    if (metadata && metadata.gameover === undefined) startBot(seat);
  }
  const host_ = bots;
  return {
    url,
    port,
    store,
    bots: host_,
    dropped,
    get droppedCount() {
      return droppedCount;
    },
    stop: async () => {
      host_.stopAll();
      server.kill({ appServer, apiServer: undefined } as never);
      await new Promise((r) => setTimeout(r, 50));
      store.close();
    },
  };
}
