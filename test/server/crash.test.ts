/**
 * A server process killed with SIGKILL in the middle of play (issue "Scale-out", item 6),
 * on SQLite and on PostgreSQL: six tables, each with three hosted bots and three simulated
 * people; the process is killed while every table is busy and started again with the same
 * settings. Every match resumes and ends, and every move any seat had been sent as done
 * before the kill is in the stored log, once.
 */
import * as nodeCrypto from 'node:crypto';
import type { LogEntry, StorageAPI } from 'boardgame.io';
import { afterAll, describe, expect, it } from 'vitest';
import { installNativeCrypto } from '../../src/crypto/nodeBackend.ts';
import type { PostgresDatabase } from '../../src/server/storage/postgres/database.ts';
import { PostgresMatchStore } from '../../src/server/storage/postgres/matches.ts';
import { SqliteStore } from '../../src/server/storage/sqlite.ts';
import { moveKey, movesOf } from '../support/logs.ts';
import { mixedTable } from '../support/mixedTable.ts';
import { type NodeServer, startNodeServer } from '../support/nodeServer.ts';
import type { SeatPlayer } from '../support/seatPlayer.ts';
import { dropSchema, TEST_DATABASE_URL, testPostgres, testRedis } from '../support/services.ts';

installNativeCrypto(nodeCrypto);

const TABLES = 6;

type Store = Pick<StorageAPI.Async, 'fetch'>;

async function waitFor(what: string, ms: number, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Plays, kills the server mid-game, starts it again, and checks what survived. */
async function killAndResume(env: Record<string, string>, openStore: (server: NodeServer) => Promise<Store>) {
  let server = await startNodeServer({ ...env, INSTANCE_ID: 'crash-test' });
  const store = await openStore(server);
  const players: SeatPlayer[] = [];
  const matchIDs: string[] = [];
  try {
    for (let t = 0; t < TABLES; t++) {
      const table = await mixedTable(server, server, store, String(t));
      matchIDs.push(table.matchID);
      players.push(...table.players);
    }
    const stateIDs = async () =>
      Promise.all(matchIDs.map(async (id) => (await store.fetch(id, { state: true })).state?._stateID ?? 0));
    // Kill it while every table is at play (past setup's first moves, none over).
    await waitFor('every table at play', 60_000, async () => (await stateIDs()).every((n) => n >= 12));
    await server.stop('SIGKILL');
    const acknowledged = new Map(matchIDs.map((id) => [id, [] as LogEntry[]]));
    for (const p of players) acknowledged.get(p.client.matchID)?.push(...movesOf(p.received()));
    expect([...acknowledged.values()].every((moves) => moves.length > 0)).toBe(true);

    server = await startNodeServer(server.env);
    await waitFor('every match over after the restart', 240_000, async () =>
      (
        await Promise.all(matchIDs.map(async (id) => (await store.fetch(id, { metadata: true })).metadata?.gameover))
      ).every((over) => over !== undefined),
    );
    for (const matchID of matchIDs) {
      const { log } = await store.fetch(matchID, { log: true });
      const stored = movesOf(log ?? []);
      expect(new Set(stored.map((e) => e._stateID)).size).toBe(stored.length);
      const count = new Map<string, number>();
      for (const e of stored) count.set(moveKey(e), (count.get(moveKey(e)) ?? 0) + 1);
      for (const e of acknowledged.get(matchID) ?? []) expect(count.get(moveKey(e)), `lost ${moveKey(e)}`).toBe(1);
    }
    expect(server.output()).not.toMatch(/unhandled rejection/);
  } finally {
    for (const p of players) p.stop();
    await server.stop();
  }
}

describe('a server killed mid-game (SQLite)', () => {
  const stores: SqliteStore[] = [];
  afterAll(() => {
    for (const s of stores) s.close();
  });

  it('resumes every match; no move any seat saw as done is lost', async () => {
    await killAndResume({}, async (server) => {
      const store = new SqliteStore({ dir: server.env.DATA_DIR as string });
      stores.push(store);
      return store;
    });
  }, 400_000);
});

const pg = await testPostgres();
const redis = pg ? await testRedis() : undefined;

describe.skipIf(!pg || !redis)('a server killed mid-game (PostgreSQL and Redis)', () => {
  const db = pg as PostgresDatabase;
  afterAll(async () => {
    await dropSchema(db);
  });

  it('resumes every match; no move any seat saw as done is lost', async () => {
    await killAndResume(
      { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: db.schema, REDIS_URL: redis as string },
      async () => PostgresMatchStore.open(db),
    );
  }, 400_000);
});
