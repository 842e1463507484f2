/**
 * Seats on the real server: scripted human seats (clients that joined through the
 * lobby with a code, driving their own devices) play a whole game beside hosted bots;
 * a client cannot act for another seat or send raw game events; and the server's logs
 * of whole games, proofs included, never show a key a device held.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'boardgame.io/client';
import { SocketIO } from 'boardgame.io/multiplayer';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotClient, createBot, runBot } from '../../src/bots/index.ts';
import { secureRandom, toHex } from '../../src/crypto/index.ts';
import { MemoryKeyStore, SenderDevice } from '../../src/device/index.ts';
import { createGame, phoneNumber, type Role } from '../../src/game/index.ts';
import { type RunningServer, startServer } from '../../src/server/app.ts';
import { readConfig } from '../../src/server/config.ts';
import { sqliteOf } from '../support/sqliteOf.ts';

let server: RunningServer;
const logs: string[] = [];
const original = { log: console.log, error: console.error, warn: console.warn };

beforeAll(async () => {
  for (const k of ['log', 'error', 'warn'] as const)
    console[k] = (...a: unknown[]) => logs.push(a.map(String).join(' '));
  server = await startServer({
    ...readConfig({}),
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'gd-seats-')),
    createPerMinute: 1000,
  });
});

afterAll(async () => {
  await server?.stop();
  Object.assign(console, original);
});

async function post(path: string, body: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, string>;
}

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('seats on the real server', () => {
  it('two scripted human crew members, joined by code, play a whole game beside hosted bots; no key reaches the logs', async () => {
    const roles: Role[] = ['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'];
    const created = await post('/api/tables', {
      scenario: 'san-jose-2013',
      seats: roles.map((role, i) => ({ role, bot: i > 1 })),
    });
    const stores: MemoryKeyStore[] = [];
    const clients: ReturnType<typeof Client>[] = [];
    const stops: (() => void)[] = [];
    for (const name of ['Ana', 'Ben']) {
      const joined = await post('/api/join', { code: created.code, name, role: 'sender' });
      const seat = Number(joined.playerID);
      const store = new MemoryKeyStore();
      stores.push(store);
      const client = Client({
        game: createGame(),
        numPlayers: roles.length,
        matchID: joined.matchID,
        playerID: joined.playerID,
        credentials: joined.credentials,
        multiplayer: SocketIO({ server: server.url }),
        debug: false,
      });
      client.start();
      clients.push(client);
      // The scripted person: their own device and a careless crew member's habits.
      const person = createBot({
        role: 'sender',
        account: phoneNumber(seat),
        personality: 'careless',
        store,
        random: secureRandom,
      });
      stops.push(runBot(client as unknown as BotClient, person, (fn) => setTimeout(fn, 1500)));
    }
    await until(
      async () =>
        (await server.store.fetch(String(created.matchID), { metadata: true })).metadata?.gameover !== undefined,
      150_000,
    );
    for (const stop of stops) stop();
    for (const c of clients) c.stop();
    const { metadata } = await server.store.fetch(String(created.matchID), { metadata: true });
    expect(metadata?.gameover).toMatchObject({ winner: expect.stringMatching(/crew|investigator|draw/) });
    // Every secret the humans' devices and the bots' devices held, against everything logged.
    const secrets = stores.flatMap((s) => s.names().map((n) => toHex(s.get(n) as Uint8Array)));
    const botRows = sqliteOf(server).db.prepare('SELECT value FROM bot_keys').pluck().all() as Uint8Array[];
    secrets.push(...botRows.map((v) => toHex(v)));
    expect(secrets.length).toBeGreaterThan(10);
    const text = logs.join('\n');
    for (const secret of secrets) expect(text.includes(secret)).toBe(false);
  }, 180_000);

  it('a client cannot act for another seat, nor send raw game events', async () => {
    const roles: Role[] = ['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'];
    const created = await post('/api/tables', {
      scenario: 'san-jose-2013',
      seats: roles.map((role, i) => ({ role, bot: i !== 4 })),
    });
    const joined = await post('/api/join', { code: created.code, name: 'Ivy', role: 'investigator' });
    const matchID = String(joined.matchID);
    const playerID = String(joined.playerID);
    const credentials = String(joined.credentials);
    const socket = io(`${server.url}/going-dark`, { transports: ['websocket'] });
    await new Promise<void>((r) => socket.on('connect', () => r()));
    socket.emit('sync', matchID, playerID, credentials, roles.length);
    const alice = phoneNumber(0);
    const aliceDevices = async () =>
      ((await server.store.fetch(matchID, { state: true })).state?.G.devices ?? []).filter(
        (d: { account: string }) => d.account === alice,
      ).length;
    await until(async () => (await aliceDevices()) === 1, 30_000);
    const before = (await server.store.fetch(matchID, { state: true })).state;
    const dropped = server.droppedCount;
    // A second phone for Alice (seat 0), sent over the investigator's connection (seat 4).
    const intruder = new SenderDevice(alice, new MemoryKeyStore(), secureRandom);
    const asAlice = {
      type: 'MAKE_MOVE',
      payload: { type: 'registerDevice', args: [{ record: intruder.registration(0) }], playerID: '0', credentials },
    };
    socket.emit('update', asAlice, before?._stateID, matchID, playerID);
    await until(() => server.droppedCount > dropped, 5_000);
    // A raw endGame event as itself: it reaches the master, and the game's guard refuses it.
    const endGame = {
      type: 'GAME_EVENT',
      payload: { type: 'endGame', args: [{ winner: 'investigator' }], playerID, credentials },
    };
    socket.emit('update', endGame, before?._stateID, matchID, playerID);
    await new Promise((r) => setTimeout(r, 1000));
    const after = await server.store.fetch(matchID, { state: true, metadata: true });
    expect(await aliceDevices()).toBe(1);
    expect(after.state?.ctx.gameover).toBeUndefined();
    expect(after.metadata?.gameover).toBeUndefined();
    socket.close();
  }, 60_000);
});
