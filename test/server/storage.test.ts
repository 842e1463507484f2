/**
 * The server's SQLite storage (src/server/storage): boardgame.io's match store, the bot
 * key store and join codes, against real database files in a temporary folder.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Game, LogEntry, Server, State } from 'boardgame.io';
import { createMatch, ProcessGameConfig } from 'boardgame.io/internal';
import { Master } from 'boardgame.io/master';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RandomSource, seededRandom, toHex } from '../../src/crypto/index.ts';
import { loadOrCreateDevice } from '../../src/device/keyStore.ts';
import {
  BotKeyStore,
  CODE_ALPHABET,
  CodeStore,
  DATABASE_FILE,
  normaliseCode,
  openStorage,
  randomCode,
  SqliteStore,
} from '../../src/server/storage/index.ts';

let dir: string;
const open: { close(): void }[] = [];

/** Opens a store on the test's folder and closes it after the test. */
function store(): SqliteStore {
  const s = new SqliteStore({ dir });
  open.push(s);
  return s;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'going-dark-storage-'));
});

afterEach(() => {
  for (const s of open.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

function metadata(overrides: Partial<Server.MatchData> = {}): Server.MatchData {
  return {
    gameName: 'going-dark',
    players: { 0: { id: 0 }, 1: { id: 1 } },
    createdAt: 1000,
    updatedAt: 1000,
    ...overrides,
  };
}

function fakeState(n: number): State {
  return {
    G: { n },
    ctx: {
      numPlayers: 2,
      playOrder: ['0', '1'],
      playOrderPos: 0,
      activePlayers: null,
      currentPlayer: '0',
      turn: n,
      phase: 'day',
      gameover: undefined,
    },
    plugins: {},
    _undo: [],
    _redo: [],
    _stateID: n,
  } as unknown as State;
}

function entry(n: number): LogEntry {
  return {
    action: { type: 'MAKE_MOVE', payload: { type: 'move', args: [n], playerID: '0' } },
    _stateID: n,
    turn: n,
    phase: 'day',
  } as LogEntry;
}

describe('SqliteStore', () => {
  it('opens <dir>/going-dark.sqlite in WAL mode, synchronous NORMAL, with a busy timeout', () => {
    const nested = join(dir, 'data', 'nested');
    const s = new SqliteStore({ dir: nested });
    open.push(s);
    expect(s.path).toBe(join(nested, DATABASE_FILE));
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(s.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(s.type()).toBe(1); // StorageAPI.Type.ASYNC
    // WAL is a property of the file: another connection sees it too.
    const other = new Database(s.path, { readonly: true });
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    other.close();
    if (process.platform !== 'win32') expect(statSync(s.path).mode & 0o777).toBe(0o600);
  });

  it('creates a match with its initial state as both state and initial state, and an empty log', async () => {
    const s = store();
    await s.connect();
    await s.createMatch('m1', { initialState: fakeState(0), metadata: metadata() });
    const got = await s.fetch('m1', { state: true, initialState: true, metadata: true, log: true });
    expect(got.state).toEqual(JSON.parse(JSON.stringify(fakeState(0))));
    expect(got.initialState).toEqual(got.state);
    expect(got.metadata).toEqual(metadata());
    expect(got.log).toEqual([]);
  });

  it('fetch returns only the fields asked for, and nothing for an unknown match', async () => {
    const s = store();
    await s.createMatch('m1', { initialState: fakeState(0), metadata: metadata() });
    expect(Object.keys(await s.fetch('m1', { state: true }))).toEqual(['state']);
    expect(Object.keys(await s.fetch('m1', { metadata: true, log: true })).sort()).toEqual(['log', 'metadata']);
    const none = await s.fetch('nope', { state: true, metadata: true, initialState: true, log: true });
    expect(none).toEqual({ state: undefined, metadata: undefined, initialState: undefined, log: [] });
  });

  it('setState replaces the state and appends each deltalog to the log', async () => {
    const s = store();
    await s.createMatch('m1', { initialState: fakeState(0), metadata: metadata() });
    await s.setState('m1', fakeState(1), [entry(1)]);
    await s.setState('m1', fakeState(2), [entry(2), entry(3)]);
    await s.setState('m1', fakeState(3)); // no deltalog: the log is unchanged
    await s.setState('m1', fakeState(4), []);
    const got = await s.fetch('m1', { state: true, initialState: true, log: true });
    expect(got.state._stateID).toBe(4);
    expect(got.initialState._stateID).toBe(0);
    expect(got.log).toEqual([entry(1), entry(2), entry(3)]);
  });

  it('setState writes the state and the log in one transaction', async () => {
    const s = store();
    await s.createMatch('m1', { initialState: fakeState(0), metadata: metadata() });
    await s.setState('m1', fakeState(1), [entry(1)]);
    // The second log entry cannot be serialised: neither the state nor the first entry may land.
    const bad = { ...entry(3), payload: 1n } as unknown as LogEntry;
    await expect(s.setState('m1', fakeState(2), [entry(2), bad])).rejects.toThrow(/BigInt/);
    const got = await s.fetch('m1', { state: true, log: true });
    expect(got.state._stateID).toBe(1);
    expect(got.log).toEqual([entry(1)]);
  });

  it('setMetadata replaces the metadata; setState and setMetadata work in either order', async () => {
    const s = store();
    await s.createMatch('m1', { initialState: fakeState(0), metadata: metadata() });
    const next = metadata({ updatedAt: 2000, players: { 0: { id: 0, name: 'Ada', credentials: 'c0' }, 1: { id: 1 } } });
    await s.setMetadata('m1', next);
    expect((await s.fetch('m1', { metadata: true })).metadata).toEqual(next);
    // The master writes both concurrently (Promise.all); a fresh id gets a row either way.
    await Promise.all([s.setMetadata('m2', metadata()), s.setState('m2', fakeState(5), [entry(5)])]);
    const m2 = await s.fetch('m2', { state: true, metadata: true, log: true });
    expect(m2.state._stateID).toBe(5);
    expect(m2.metadata).toEqual(metadata());
    expect(m2.log).toEqual([entry(5)]);
  });

  it('createMatch on a reused id starts a fresh log', async () => {
    const s = store();
    await s.createMatch('m1', { initialState: fakeState(0), metadata: metadata() });
    await s.setState('m1', fakeState(1), [entry(1)]);
    await s.createMatch('m1', { initialState: fakeState(0), metadata: metadata() });
    expect((await s.fetch('m1', { log: true })).log).toEqual([]);
  });

  it('listMatches filters by game name, game over and update time like boardgame.io’s stores', async () => {
    const s = store();
    await s.createMatch('a', { initialState: fakeState(0), metadata: metadata({ updatedAt: 100 }) });
    await s.createMatch('b', {
      initialState: fakeState(0),
      metadata: metadata({ updatedAt: 200, gameover: { w: 1 } }),
    });
    await s.createMatch('c', { initialState: fakeState(0), metadata: metadata({ gameName: 'other', updatedAt: 300 }) });
    await s.setState('stateOnly', fakeState(0)); // no metadata yet: not listed
    expect(await s.listMatches()).toEqual(['a', 'b', 'c']);
    expect(await s.listMatches({})).toEqual(['a', 'b', 'c']);
    expect(await s.listMatches({ gameName: 'going-dark' })).toEqual(['a', 'b']);
    expect(await s.listMatches({ gameName: 'none' })).toEqual([]);
    expect(await s.listMatches({ where: { isGameover: true } })).toEqual(['b']);
    expect(await s.listMatches({ where: { isGameover: false } })).toEqual(['a', 'c']);
    expect(await s.listMatches({ where: { updatedBefore: 200 } })).toEqual(['a']); // strict
    expect(await s.listMatches({ where: { updatedAfter: 200 } })).toEqual(['c']); // strict
    expect(await s.listMatches({ where: { updatedAfter: 100, updatedBefore: 300 } })).toEqual(['b']);
    expect(await s.listMatches({ gameName: 'going-dark', where: { isGameover: false, updatedBefore: 1000 } })).toEqual([
      'a',
    ]);
    // The gameover column follows the metadata.
    await s.setMetadata('a', metadata({ updatedAt: 400, gameover: { draw: true } }));
    expect(await s.listMatches({ where: { isGameover: true } })).toEqual(['a', 'b']);
    expect(await s.listMatches({ where: { updatedAfter: 350 } })).toEqual(['a']);
  });

  it('wipe deletes the match, its log, its bots’ keys and seats and its join code, and nothing else', async () => {
    const storage = openStorage({ dir });
    open.push(storage);
    const s = storage.matches;
    for (const id of ['m1', 'm2']) {
      await s.createMatch(id, { initialState: fakeState(0), metadata: metadata() });
      await s.setState(id, fakeState(1), [entry(1)]);
      storage.bots.forSeat(id, '1').set('device/hpke', new Uint8Array(32).fill(7));
      storage.bots.saveSeat({ matchID: id, seat: '1', role: 'carrier', personality: 'diligent', credentials: 'x' });
      storage.codes.createCode(id, seededRandom(id));
    }
    await s.wipe('m1');
    expect(await s.fetch('m1', { state: true, metadata: true, initialState: true, log: true })).toEqual({
      state: undefined,
      metadata: undefined,
      initialState: undefined,
      log: [],
    });
    expect(await s.listMatches()).toEqual(['m2']);
    expect(storage.bots.seats()).toEqual([{ matchID: 'm2', seat: '1' }]);
    expect(storage.bots.listSeats().map((b) => b.matchID)).toEqual(['m2']);
    expect(storage.bots.forSeat('m1', '1').names()).toEqual([]);
    expect(storage.codes.codeOf('m1')).toBeUndefined();
    expect(storage.codes.codeOf('m2')).toBeDefined();
    expect((await s.fetch('m2', { log: true })).log).toHaveLength(1);
    await s.wipe('never-existed'); // harmless
  });

  it('keeps everything across closing and reopening on the same folder', async () => {
    const first = store();
    await first.createMatch('m1', { initialState: fakeState(0), metadata: metadata() });
    await first.setState('m1', fakeState(1), [entry(1)]);
    await first.setMetadata('m1', metadata({ updatedAt: 5000 }));
    first.close();
    first.close(); // idempotent
    const second = store();
    await second.setState('m1', fakeState(2), [entry(2)]);
    const got = await second.fetch('m1', { state: true, initialState: true, metadata: true, log: true });
    expect(got.state._stateID).toBe(2);
    expect(got.initialState._stateID).toBe(0);
    expect(got.metadata.updatedAt).toBe(5000);
    expect(got.log).toEqual([entry(1), entry(2)]);
    expect(await second.listMatches()).toEqual(['m1']);
  });

  it('sees another connection’s commits (two stores on one file)', async () => {
    const a = store();
    const b = store();
    await a.createMatch('m1', { initialState: fakeState(0), metadata: metadata() });
    await a.setState('m1', fakeState(1), [entry(1)]);
    expect((await b.fetch('m1', { state: true })).state._stateID).toBe(1);
    await b.setState('m1', fakeState(2), [entry(2)]);
    expect((await a.fetch('m1', { log: true })).log).toEqual([entry(1), entry(2)]);
  });

  it('refuses a file written by a newer schema', () => {
    store().close();
    const raw = new Database(join(dir, DATABASE_FILE));
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => new SqliteStore({ dir })).toThrow(/schema version 99/);
  });
});

describe('a boardgame.io match through the store', () => {
  interface CounterState {
    total: number;
  }
  const counter: Game<CounterState> = {
    name: 'counter',
    setup: () => ({ total: 0 }),
    turn: { minMoves: 1, maxMoves: 1 },
    moves: {
      add: ({ G }, n: number) => {
        G.total += n;
      },
    },
    endIf: ({ G }) => (G.total >= 5 ? { winner: 'both' } : undefined),
  };
  const transport = { send: () => {}, sendAll: () => {} };

  async function play(master: Master, s: SqliteStore, playerID: string, n: number): Promise<void> {
    const { state } = await s.fetch('match', { state: true });
    const action = { type: 'MAKE_MOVE' as const, payload: { type: 'add', args: [n], playerID, credentials: '' } };
    expect(await master.onUpdate(action, state._stateID, 'match', playerID)).toBeUndefined();
  }

  it('persists every move, survives a restart and records the end of the game', async () => {
    const first = store();
    const created = createMatch({
      game: ProcessGameConfig(counter),
      numPlayers: 2,
      setupData: undefined,
      unlisted: false,
    });
    if ('setupDataError' in created) throw new Error('setup failed');
    await first.createMatch('match', created);

    const master1 = new Master(counter, first, transport);
    await play(master1, first, '0', 1);
    await play(master1, first, '1', 2);
    first.close();

    // A new process: a new store and master on the same file carry on where the first stopped.
    const second = store();
    const master2 = new Master(counter, second, transport);
    expect((await second.fetch('match', { state: true })).state.G).toEqual({ total: 3 });
    await play(master2, second, '0', 2);

    const got = await second.fetch('match', { state: true, initialState: true, metadata: true, log: true });
    expect(got.state.G).toEqual({ total: 5 });
    expect(got.state.ctx.gameover).toEqual({ winner: 'both' });
    expect(got.initialState.G).toEqual({ total: 0 });
    const moves = got.log.filter((e) => e.action.type === 'MAKE_MOVE').map((e) => e.action.payload);
    expect(moves.map((p) => [p.playerID, p.args])).toEqual([
      ['0', [1]],
      ['1', [2]],
      ['0', [2]],
    ]);
    expect(got.metadata.gameover).toEqual({ winner: 'both' });
    expect(await second.listMatches({ gameName: 'counter', where: { isGameover: true } })).toEqual(['match']);

    // A client syncing now receives the stored state and whole log.
    const sent: unknown[] = [];
    const master3 = new Master(counter, second, { send: (d) => sent.push(d), sendAll: () => {} });
    await master3.onSync('match', '0');
    expect(sent).toMatchObject([{ type: 'sync', args: ['match', { state: { G: { total: 5 } }, log: got.log }] }]);
  });
});

describe('BotKeyStore', () => {
  it('stores, overwrites and lists a seat’s keys, as plain copies', () => {
    const bots = new BotKeyStore(store().db);
    const keys = bots.forSeat('m1', '2');
    expect(keys.get('a')).toBeUndefined();
    expect(keys.names()).toEqual([]);
    const value = Uint8Array.of(1, 2, 3);
    keys.set('b', value);
    keys.set('a', Uint8Array.of(9));
    value[0] = 42; // the store keeps a copy
    const got = keys.get('b');
    expect(got).toEqual(Uint8Array.of(1, 2, 3));
    expect(Object.getPrototypeOf(got)).toBe(Uint8Array.prototype); // not a Buffer
    expect(keys.names()).toEqual(['b', 'a']); // insertion order, like MemoryKeyStore
    keys.set('b', Uint8Array.of(4));
    expect(keys.get('b')).toEqual(Uint8Array.of(4));
    expect(keys.names()).toEqual(['b', 'a']);
    keys.set('empty', new Uint8Array(0));
    expect(keys.get('empty')).toEqual(new Uint8Array(0));
  });

  it('keeps seats and matches apart, and lists the seats that have keys', () => {
    const bots = new BotKeyStore(store().db);
    bots.forSeat('m2', '0').set('k', Uint8Array.of(1));
    bots.forSeat('m1', '3').set('k', Uint8Array.of(2));
    bots.forSeat('m1', '3').set('j', Uint8Array.of(3));
    bots.forSeat('m1', '1').set('k', Uint8Array.of(4));
    expect(bots.forSeat('m1', '3').get('k')).toEqual(Uint8Array.of(2));
    expect(bots.forSeat('m1', '1').get('j')).toBeUndefined();
    expect(bots.forSeat('m2', '3').names()).toEqual([]);
    expect(bots.seats()).toEqual([
      { matchID: 'm1', seat: '1' },
      { matchID: 'm1', seat: '3' },
      { matchID: 'm2', seat: '0' },
    ]);
  });

  it('records bot seats and drops a match’s keys and seats together', () => {
    const bots = new BotKeyStore(store().db);
    bots.saveSeat({ matchID: 'm1', seat: '1', role: 'relay', personality: 'defiant', credentials: 'c1' });
    bots.saveSeat({ matchID: 'm1', seat: '0', role: 'sender', personality: 'careful', credentials: 'c0' });
    bots.saveSeat({ matchID: 'm2', seat: '0', role: 'judge', personality: 'strict', credentials: 'c2' });
    bots.saveSeat({ matchID: 'm1', seat: '1', role: 'relay', personality: 'compliant', credentials: 'c1b' });
    bots.forSeat('m1', '1').set('k', Uint8Array.of(1));
    bots.forSeat('m2', '0').set('k', Uint8Array.of(2));
    expect(bots.listSeats()).toEqual([
      { matchID: 'm1', seat: '0', role: 'sender', personality: 'careful', credentials: 'c0' },
      { matchID: 'm1', seat: '1', role: 'relay', personality: 'compliant', credentials: 'c1b' },
      { matchID: 'm2', seat: '0', role: 'judge', personality: 'strict', credentials: 'c2' },
    ]);
    expect(() =>
      bots.saveSeat({ matchID: 'm1', seat: '4', role: 'spy' as 'judge', personality: 'strict', credentials: '' }),
    ).toThrow(/unknown role/);
    bots.dropMatch('m1');
    expect(bots.listSeats().map((b) => b.matchID)).toEqual(['m2']);
    expect(bots.seats()).toEqual([{ matchID: 'm2', seat: '0' }]);
  });

  it('keeps a bot’s device across closing and reopening, outside match state', async () => {
    const first = store();
    await first.createMatch('m1', { initialState: fakeState(0), metadata: metadata() });
    const device = loadOrCreateDevice(new BotKeyStore(first.db).forSeat('m1', '2'), 'device', seededRandom('bot'));
    first.close();

    const second = store();
    const bots = new BotKeyStore(second.db);
    expect(bots.seats()).toEqual([{ matchID: 'm1', seat: '2' }]);
    const again = loadOrCreateDevice(bots.forSeat('m1', '2'), 'device', seededRandom('something else'));
    expect(toHex(again.hpke.publicKey)).toBe(toHex(device.hpke.publicKey));
    expect(toHex(again.sig.publicKey)).toBe(toHex(device.sig.publicKey));
    // The secret is in bot_keys only, not in any match column.
    const secret = toHex(device.hpke.secretKey);
    const rows = ['matches', 'match_states', 'match_initial_states', 'match_log'].map((table) =>
      second.db.prepare(`SELECT * FROM ${table}`).all(),
    );
    expect(rows.flat().length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });
});

describe('join codes', () => {
  /** A source that returns the given byte strings in turn, then repeats the last. */
  function scripted(...chunks: number[][]): RandomSource {
    let i = 0;
    return (n) => {
      const chunk = chunks[Math.min(i++, chunks.length - 1)] ?? [];
      return Uint8Array.from({ length: n }, (_, k) => chunk[k % chunk.length] ?? 0);
    };
  }

  it('uses 30 unambiguous characters', () => {
    expect(CODE_ALPHABET).toHaveLength(30);
    expect(new Set(CODE_ALPHABET).size).toBe(30);
    for (const c of '01OILU') expect(CODE_ALPHABET).not.toContain(c);
  });

  it('draws codes by rejection sampling', () => {
    // Bytes 240..255 would bias the first 16 characters: they are skipped.
    expect(randomCode(scripted([240, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))).toBe('234567');
    expect(randomCode(scripted([29, 59, 239, 30, 60, 90]))).toBe('ZZZ222');
    // Every character is reached, and nothing outside the alphabet.
    const random = seededRandom('codes');
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) for (const c of randomCode(random)) seen.add(c);
    expect([...seen].sort().join('')).toBe([...CODE_ALPHABET].sort().join(''));
  });

  it('normalises what people type', () => {
    expect(normaliseCode('abc-def')).toBe('ABCDEF');
    expect(normaliseCode('ab c-d e')).toBeUndefined(); // five characters
    expect(normaliseCode(' k7m-q9z ')).toBe('K7MQ9Z');
    expect(normaliseCode('K7M Q9Z')).toBe('K7MQ9Z');
    expect(normaliseCode('k7m_q9z')).toBe('K7MQ9Z');
    expect(normaliseCode('K7MQ9Z7')).toBeUndefined();
    expect(normaliseCode('K7MQ9O')).toBeUndefined(); // O is not in the alphabet
    expect(normaliseCode('')).toBeUndefined();
  });

  it('gives each match one code, unique, found again however it is typed', () => {
    const codes = new CodeStore(store().db);
    const random = seededRandom('join');
    const c1 = codes.createCode('m1', random);
    const c2 = codes.createCode('m2', random);
    expect(c1).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
    expect(c2).not.toBe(c1);
    expect(codes.createCode('m1', random)).toBe(c1); // one code per match
    expect(codes.codeOf('m1')).toBe(c1);
    expect(codes.codeOf('nope')).toBeUndefined();
    expect(codes.matchOf(c1)).toBe('m1');
    const typed = ` ${c2.slice(0, 3).toLowerCase()}-${c2.slice(3).toLowerCase()} `;
    expect(codes.matchOf(typed)).toBe('m2');
    expect(codes.matchOf('ZZZZZZ')).toBeUndefined();
    expect(codes.matchOf('not a code')).toBeUndefined();
  });

  it('draws again when a code is taken, and gives up after many collisions', () => {
    const codes = new CodeStore(store().db);
    const same = [0, 1, 2, 3, 4, 5];
    expect(codes.createCode('m1', scripted(same))).toBe('234567');
    expect(codes.createCode('m2', scripted(same, same, [6, 7, 8, 9, 10, 11]))).toBe('89ABCD');
    expect(() => codes.createCode('m3', scripted(same))).toThrow(/no free join code/);
    expect(codes.codeOf('m3')).toBeUndefined();
    codes.dropMatch('m1');
    expect(codes.matchOf('234567')).toBeUndefined();
    expect(codes.createCode('m3', scripted(same))).toBe('234567');
  });

  it('keeps codes across closing and reopening', () => {
    const first = store();
    const code = new CodeStore(first.db).createCode('m1', seededRandom('persist'));
    first.close();
    expect(new CodeStore(store().db).matchOf(code.toLowerCase())).toBe('m1');
  });
});
