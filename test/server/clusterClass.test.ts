/**
 * A class on two server processes (PostgreSQL and Redis): the round's bots run in the
 * process that started the round, the teacher's requests and the students reach the other.
 * Pausing there holds the table (every process drops its moves), and ending the day there
 * reaches the judge bot in the first process. Two processes asked to start the same round
 * at once start it once, and leave no table outside it.
 */
import * as nodeCrypto from 'node:crypto';
import type { State } from 'boardgame.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installNativeCrypto } from '../../src/crypto/nodeBackend.ts';
import type { GameState, Role } from '../../src/game/index.ts';
import type { PostgresDatabase } from '../../src/server/storage/postgres/database.ts';
import { PostgresMatchStore } from '../../src/server/storage/postgres/matches.ts';
import { type NodeServer, startNodeServer } from '../support/nodeServer.ts';
import { type SeatPlayer, seatPlayer } from '../support/seatPlayer.ts';
import { dropSchema, TEST_DATABASE_URL, testPostgres, testRedis } from '../support/services.ts';

installNativeCrypto(nodeCrypto);

const pg = await testPostgres();
const redis = pg ? await testRedis() : undefined;

async function call(url: string, path: string, options: { body?: unknown; key?: string } = {}) {
  const res = await fetch(`${url}${path}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(options.key ? { authorization: `Bearer ${options.key}` } : {}) },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function until(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!pg || !redis)('a class on two server processes', () => {
  const db = pg as PostgresDatabase;
  const servers: NodeServer[] = [];
  const players: SeatPlayer[] = [];

  beforeAll(async () => {
    const shared = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: db.schema, REDIS_URL: redis as string };
    servers.push(...(await Promise.all(['A', 'B'].map((id) => startNodeServer({ ...shared, INSTANCE_ID: id })))));
  }, 90_000);

  afterAll(async () => {
    for (const p of players) p.stop();
    // A server that ignores SIGTERM is killed after 10 s: wait for that, then drop the schema.
    await Promise.all(servers.map((s) => s.stop()));
    await dropSchema(db);
  }, 30_000);

  it('pauses and ends the day at a table whose bots run in the other process', async () => {
    const [a, b] = servers as [NodeServer, NodeServer];
    const store = await PostgresMatchStore.open(db);
    const created = await call(a.url, '/api/classes', { body: { scenario: 'san-jose-2013', crew: 2, judge: 'bot' } });
    const code = String(created.json.code);
    const key = String(created.json.teacherKey);
    const tokens: string[] = [];
    for (let i = 0; i < 5; i++) {
      tokens.push(
        String(
          (await call(b.url, `/api/classes/${code}/students`, { body: { nickname: `Pupil ${i + 1}` } })).json.token,
        ),
      );
    }
    expect((await call(a.url, `/api/classes/${code}/rounds`, { body: {}, key })).status).toBe(201);
    for (const token of tokens) {
      const seat = (await call(b.url, `/api/classes/${code}/me`, { key: token })).json.seat as {
        matchID: string;
        playerID: string;
        credentials: string;
        role: Role;
      };
      // The students make their keys, then sit idle in the day (they never end it).
      players.push(await seatPlayer({ url: b.url, store }, seat, { paceMs: 1500, setupOnly: true }));
    }
    const matchID = players[0]?.client.matchID as string;
    const match = async () => (await store.fetch(matchID, { state: true })).state as State<GameState>;
    await until('the table reaches its first day', 60_000, async () => (await match()).ctx.phase === 'day');
    const hosts = await db.query<{ host: string }>('SELECT DISTINCT host FROM bot_seats WHERE match_id = $1', [
      matchID,
    ]);
    expect(hosts.rows).toEqual([{ host: 'A' }]);

    // Paused through B: the table's moves are dropped everywhere; the day cannot be ended.
    expect((await call(b.url, `/api/classes/${code}/pause`, { body: { paused: true }, key })).status).toBe(200);
    expect((await call(a.url, `/api/matches/${matchID}/status`)).json).toEqual({ paused: true });
    expect((await call(b.url, `/api/classes/${code}/end-day`, { body: {}, key })).status).toBe(409);
    expect((await call(b.url, `/api/classes/${code}/pause`, { body: { paused: false }, key })).status).toBe(200);

    // The bots in A reconnect when the class resumes.
    await until('the judge bot connected again', 30_000, async () => {
      const { metadata } = await store.fetch(matchID, { metadata: true });
      const bots = Object.values(metadata?.players ?? {}).filter((p) => (p.data as { bot?: boolean }).bot);
      return bots.length > 0 && bots.every((p) => p.isConnected === true);
    });

    // Ended through B: the judge bot, which runs in A, ends the day.
    const day = (await match()).G.day;
    expect((await call(b.url, `/api/classes/${code}/end-day`, { body: { table: 0 }, key })).json).toEqual({
      ended: 1,
    });
    await until('the next day', 30_000, async () => (await match()).G.day === day + 1);
  }, 180_000);
  it('starts a round asked of both processes at once only once, leaving no table outside it', async () => {
    const [a, b] = servers as [NodeServer, NodeServer];
    const created = await call(a.url, '/api/classes', { body: { scenario: 'san-jose-2013', crew: 2, judge: 'bot' } });
    const code = String(created.json.code);
    const key = String(created.json.teacherKey);
    for (let i = 0; i < 5; i++)
      await call(b.url, `/api/classes/${code}/students`, { body: { nickname: `Racer ${i + 1}` } });
    const before = new Set(await (await PostgresMatchStore.open(db)).listMatches());
    const answers = await Promise.all([a, b].map((s) => call(s.url, `/api/classes/${code}/rounds`, { body: {}, key })));
    // Usually one is refused (409); if one came after the other had claimed the round, it started the next.
    const started = answers.filter((r) => r.status === 201).length;
    expect(answers.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(started).toBeGreaterThan(0);
    const rounds = await db.query<{ rounds: number }>('SELECT rounds FROM classes WHERE code = $1', [code]);
    expect(rounds.rows[0]?.rounds).toBe(started);
    const seated = await db.query<{ match_id: string }>(
      'SELECT DISTINCT match_id FROM class_seats WHERE class_code = $1',
      [code],
    );
    const made = (await (await PostgresMatchStore.open(db)).listMatches()).filter((id) => !before.has(id));
    expect(made.sort()).toEqual(seated.rows.map((r) => r.match_id).sort());
    expect(made.length).toBeGreaterThan(0);
  });
});
