/**
 * The real server on loopback with real sockets: a bots-only game played to its end,
 * the lobby API's answers and refusals, the socket guards, and a scan of the stored
 * matches for every secret the bots' devices held.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../src/crypto/index.ts';
import { type RunningServer, startServer } from '../../src/server/app.ts';
import { readConfig } from '../../src/server/config.ts';
import { sqliteOf } from '../support/sqliteOf.ts';

let server: RunningServer;

async function api(path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gd-server-'));
  server = await startServer({ ...readConfig({ PORT: '1' }), port: 0, dataDir, createPerMinute: 1000 });
});

afterAll(async () => {
  await server?.stop();
});

const ALL_BOTS = ['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'].map((role) => ({ role, bot: true }));

describe('the game server', () => {
  it('answers health', async () => {
    expect(await api('/api/health')).toEqual({ status: 200, json: { ok: true, storage: 'sqlite' } });
  });

  it('refuses bad requests with a clear 4xx', async () => {
    expect((await api('/api/tables', { scenario: 'atlantis', seats: ALL_BOTS })).status).toBe(400);
    expect((await api('/api/tables', '{not json')).json.error).toMatch(/JSON/);
    expect((await api('/api/tables', { scenario: 'san-jose-2013', seats: ALL_BOTS.slice(0, 2) })).status).toBe(400);
    expect((await api('/api/join', { code: 'ZZZZZZ', name: 'Eve' })).status).toBe(404);
    expect((await api('/api/tables', 'x'.repeat(20_000))).status).toBe(413);
    expect((await api('/games/going-dark/create', { numPlayers: 6 })).status).toBe(404);
  });

  it('creates a table, gives a code, lets a person join a free seat once', async () => {
    const seats = ALL_BOTS.map((s, i) => (i === 1 ? { role: 'sender', bot: false } : s));
    const created = await api('/api/tables', { scenario: 'san-jose-2013', seats });
    expect(created.status).toBe(201);
    const code = String(created.json.code);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    const listed = created.json.seats as { seat: string; bot: boolean; joinPath?: string }[];
    expect(listed.find((s) => s.seat === '1')?.joinPath).toBe(`/#/join/${code}`);
    expect(listed.find((s) => s.seat === '0')?.joinPath).toBeUndefined();
    const info = await api(`/api/tables/${code.toLowerCase()}`);
    expect(info.json.seats).toHaveLength(6);
    const joined = await api('/api/join', { code, name: 'Bob', role: 'sender' });
    expect(joined.status).toBe(200);
    expect(joined.json.playerID).toBe('1');
    expect((await api('/api/join', { code, name: 'Mallory' })).status).toBe(409);
  });

  it('refuses a sync for an unknown match (and creates nothing)', async () => {
    const socket = io(`${server.url}/going-dark`, { transports: ['websocket'] });
    await new Promise<void>((r) => socket.on('connect', () => r()));
    socket.emit('sync', 'no-such-match', '0', undefined, 1_000_000);
    await until(async () => server.dropped.some((d) => d.includes('unknown match')), 3000);
    expect((await server.store.fetch('no-such-match', { metadata: true, state: true })).state).toBeUndefined();
    socket.close();
  });

  it('runs socket.io 4.8 or later (the override of koa-socket-2’s 3.1), and answers CORS only for its origins', async () => {
    const { createRequire } = await import('node:module');
    const version = createRequire(import.meta.url)('socket.io/package.json').version as string;
    const [major, minor] = version.split('.').map(Number);
    expect(major === 4 ? (minor as number) >= 8 : (major as number) > 4).toBe(true);
    const polling = `${server.url}/socket.io/?EIO=4&transport=polling`;
    const foreign = await fetch(polling, { headers: { origin: 'http://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).not.toBe('*');
    expect(foreign.headers.get('access-control-allow-origin')).not.toBe('http://evil.example');
  });

  it('refuses a socket from a foreign Origin', async () => {
    const socket = io(`${server.url}/going-dark`, {
      transports: ['polling'],
      extraHeaders: { origin: 'http://evil.example' },
    });
    const outcome = await new Promise<string>((r) => {
      socket.on('connect', () => r('connected'));
      socket.on('connect_error', () => r('refused'));
    });
    socket.close();
    expect(outcome).toBe('refused');
  });

  it('hosts a bots-only game to its end; no secret any bot held is in the stored match, except proof keys', async () => {
    const created = await api('/api/tables', { scenario: 'san-jose-2013', seats: ALL_BOTS });
    const matchID = String(created.json.matchID);
    await until(async () => {
      const { metadata } = await server.store.fetch(matchID, { metadata: true });
      return metadata?.gameover !== undefined;
    }, 150_000);
    const { state, log, metadata } = await server.store.fetch(matchID, { state: true, log: true, metadata: true });
    expect(metadata?.gameover).toMatchObject({ winner: expect.stringMatching(/crew|investigator|draw/) });
    const rows = sqliteOf(server).db.prepare('SELECT name, value FROM bot_keys WHERE match_id = ?').all(matchID) as {
      name: string;
      value: Uint8Array;
    }[];
    expect(rows.length).toBeGreaterThan(6);
    const proofs = (log ?? []).filter((e) => ['proveReceipt', 'fileEvidence'].includes(String(e.action.payload.type)));
    const others = (log ?? []).filter((e) => !proofs.includes(e));
    const stored = JSON.stringify({ state, metadata, others });
    for (const row of rows) expect(stored.includes(toHex(row.value)), row.name).toBe(false);
    // And the whole database's match tables, every game this server stored, against every bot key.
    const allKeys = (sqliteOf(server).db.prepare('SELECT value FROM bot_keys').pluck().all() as Uint8Array[]).map((v) =>
      toHex(v),
    );
    const db = sqliteOf(server).db;
    const matches = db.prepare('SELECT metadata FROM matches').pluck().all() as string[];
    const states = db.prepare('SELECT state FROM match_states').pluck().all() as string[];
    const initialStates = db.prepare('SELECT initial_state FROM match_initial_states').pluck().all() as string[];
    const logRows = db.prepare('SELECT entry FROM match_log').pluck().all() as string[];
    const nonProof = logRows.filter((e) => !/"type":"(proveReceipt|fileEvidence)"/.test(e));
    const everything = [...matches, ...states, ...initialStates, ...nonProof].join('\n');
    expect(matches.length).toBeGreaterThanOrEqual(2);
    for (const key of allKeys) expect(everything.includes(key)).toBe(false);
  }, 180_000);
});
