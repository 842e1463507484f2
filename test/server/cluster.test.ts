/**
 * Several server processes on one store (issue "Scale-out", item 3): two processes on the
 * machine's PostgreSQL and Redis; 20 tables, each created on one process (whose hosted bots
 * play three seats) and joined through the other (simulated people at the other three
 * seats, connected there). Every move of a match is applied once, in order, whichever
 * process received it: at the end every match's state and log read through either process
 * are identical, the stored log has one entry per state id, and every log entry any seat
 * was sent with an update (an acknowledged move) is in it exactly once.
 */
import * as nodeCrypto from 'node:crypto';
import type { LogEntry, State } from 'boardgame.io';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installNativeCrypto } from '../../src/crypto/nodeBackend.ts';
import { GAME_NAME } from '../../src/game/index.ts';
import type { PostgresDatabase } from '../../src/server/storage/postgres/database.ts';
import { PostgresMatchStore } from '../../src/server/storage/postgres/matches.ts';
import { moveKey, movesOf } from '../support/logs.ts';
import { mixedTable } from '../support/mixedTable.ts';
import { type NodeServer, startNodeServer } from '../support/nodeServer.ts';
import type { SeatPlayer } from '../support/seatPlayer.ts';
import { dropSchema, TEST_DATABASE_URL, testPostgres, testRedis } from '../support/services.ts';

const TABLES = 20;
// The simulated people's devices on OpenSSL, as the server's bots: sixty of them share this process.
installNativeCrypto(nodeCrypto);
const pg = await testPostgres();
const redis = pg ? await testRedis() : undefined;

/** What a spectator is sent on sync: the match as that process serves it. */
interface SyncInfo {
  readonly state: State;
  readonly log: LogEntry[];
}

/** Syncs as a spectator with one process and returns what it sent. */
async function spectate(url: string, matchID: string): Promise<SyncInfo> {
  const socket = io(`${url}/${GAME_NAME}`, { transports: ['websocket'], forceNew: true });
  try {
    return await new Promise<SyncInfo>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no sync from ${url} for ${matchID}`)), 15_000);
      socket.on('sync', (_match: string, info: SyncInfo) => {
        clearTimeout(timer);
        done(info);
      });
      socket.emit('sync', matchID, null, undefined, 6);
    });
  } finally {
    socket.close();
  }
}

describe.skipIf(!pg || !redis)('two server processes on PostgreSQL and Redis', () => {
  const db = pg as PostgresDatabase;
  const servers: NodeServer[] = [];
  let store: PostgresMatchStore;

  beforeAll(async () => {
    const shared = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: db.schema, REDIS_URL: redis as string };
    servers.push(...(await Promise.all(['A', 'B'].map((id) => startNodeServer({ ...shared, INSTANCE_ID: id })))));
    store = await PostgresMatchStore.open(db);
  }, 90_000);

  afterAll(async () => {
    // A server that ignores SIGTERM is killed after 10 s: wait for that, then drop the schema.
    await Promise.all(servers.map((s) => s.stop()));
    await dropSchema(db);
  }, 30_000);

  it(`plays ${TABLES} tables with seats on both; each match is the same from both, every acknowledged move once`, async () => {
    const [a, b] = servers as [NodeServer, NodeServer];
    const players: SeatPlayer[] = [];
    const matchIDs: string[] = [];
    for (let t = 0; t < TABLES; t++) {
      const [maker, other] = t % 2 === 0 ? [a, b] : [b, a];
      const table = await mixedTable(maker, other, store, String(t));
      matchIDs.push(table.matchID);
      players.push(...table.players);
    }

    // Every match ends (the investigator wins or the days run out).
    const deadline = Date.now() + 300_000;
    for (;;) {
      const over = await Promise.all(
        matchIDs.map(async (id) => (await store.fetch(id, { metadata: true })).metadata?.gameover !== undefined),
      );
      if (over.every(Boolean)) break;
      if (Date.now() > deadline) {
        const stuck = await Promise.all(
          matchIDs
            .filter((_, i) => !over[i])
            .map(async (id) => {
              const { state, log } = await store.fetch(id, { state: true, log: true });
              const tail = (log ?? []).slice(-24).map((e) => `${e.action.payload?.playerID}:${e.action.payload?.type}`);
              return `${id} day ${state?.G && (state.G as { day?: number }).day} ${state?.ctx.phase} #${state?._stateID}: ${tail.join(' ')}`;
            }),
        );
        throw new Error(`${stuck.length} matches did not end in time:\n${stuck.join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const p of players) p.stop();

    const acknowledged = movesOf(players.flatMap((p) => p.received()));
    expect(acknowledged.length).toBeGreaterThan(TABLES * 20);
    for (const matchID of matchIDs) {
      const [fromA, fromB] = await Promise.all([spectate(a.url, matchID), spectate(b.url, matchID)]);
      expect(fromB.state).toEqual(fromA.state);
      expect(fromB.log).toEqual(fromA.log);
      const stored = await store.fetch(matchID, { state: true, log: true });
      expect(stored.state?._stateID).toBe(fromA.state._stateID);
      expect(stored.state?.ctx.gameover).toBeDefined();
      const log = stored.log ?? [];
      expect(log.map(moveKey)).toEqual(fromA.log.map(moveKey));
      // One move per state id, in order: none applied twice, none out of order. (The events
      // a move sets off — a turn or phase ending — are logged after it with its state id.)
      const ids = log.map((e) => e._stateID);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      const moves = movesOf(log).map((e) => e._stateID);
      expect(new Set(moves).size).toBe(moves.length);
      // Every move a seat was sent as done is stored, once.
      const count = new Map<string, number>();
      for (const e of movesOf(log)) count.set(moveKey(e), (count.get(moveKey(e)) ?? 0) + 1);
      const theirs = movesOf(players.filter((p) => p.client.matchID === matchID).flatMap((p) => p.received()));
      for (const e of theirs) expect(count.get(moveKey(e)), `acknowledged ${moveKey(e).slice(0, 120)}`).toBe(1);
    }
    // No process ever had a write refused as stale (each match's actions ran one at a time
    // across both), and nothing failed unawaited.
    for (const server of servers) expect(server.output()).not.toMatch(/stale state refused|unhandled rejection/);
    // Both processes hosted bots and served people.
    const hosts = await db.query<{ host: string }>('SELECT DISTINCT host FROM bot_seats ORDER BY host');
    expect(hosts.rows.map((r) => r.host)).toEqual(['A', 'B']);
  }, 420_000);
});
