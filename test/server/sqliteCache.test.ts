/**
 * The SQLite match store's write-through cache (src/server/storage/sqlite.ts): what a
 * fetch returns is what the database holds; the state is one frozen object shared by
 * every caller, but for the parts boardgame.io's reducer writes in place; the metadata
 * is a new object for every caller; and another connection's commits are seen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Game, LogEntry, Server, State } from 'boardgame.io';
import { ActivePlayers } from 'boardgame.io/core';
import { createMatch, ProcessGameConfig } from 'boardgame.io/internal';
import { Master } from 'boardgame.io/master';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHED_MATCHES, SqliteStore } from '../../src/server/storage/sqlite.ts';

let dir: string;
const open: SqliteStore[] = [];

/** Opens a store on the test's folder and closes it after the test. */
function store(): SqliteStore {
  const s = new SqliteStore({ dir });
  open.push(s);
  return s;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'going-dark-cache-'));
});

afterEach(() => {
  for (const s of open.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

const metadata = (updatedAt = 1000): Server.MatchData => ({
  gameName: 'going-dark',
  players: { 0: { id: 0, name: 'a' }, 1: { id: 1 } },
  createdAt: 1000,
  updatedAt,
});

function fakeState(n: number, G: Record<string, unknown> = { n }): State {
  return {
    G,
    ctx: { numPlayers: 2, playOrder: ['0', '1'], playOrderPos: 0, activePlayers: { 0: 'x' }, turn: n },
    plugins: {},
    _undo: [],
    _redo: [],
    _stateID: n,
  } as unknown as State;
}

const entry = (n: number): LogEntry =>
  ({ action: { type: 'MAKE_MOVE', payload: { type: 'move', args: [n], playerID: '0' } }, _stateID: n }) as LogEntry;

/** Changes the stored state behind the store's back, on the store's own connection. */
function overwriteRow(s: SqliteStore, matchID: string, state: State): void {
  s.db.prepare('UPDATE match_states SET state = ? WHERE match_id = ?').run(JSON.stringify(state), matchID);
}

describe('SqliteStore cache', () => {
  it('serves the last state written without reading the database', async () => {
    const s = store();
    await s.createMatch('m', { initialState: fakeState(0), metadata: metadata() });
    await s.setState('m', fakeState(1), [entry(1)]);
    // Only a read would see this row; the cache answers with what setState wrote.
    overwriteRow(s, 'm', fakeState(99));
    expect((await s.fetch('m', { state: true })).state._stateID).toBe(1);
    // A new store on the file (a restart) reads the row.
    expect((await store().fetch('m', { state: true })).state._stateID).toBe(99);
  });

  it('shares one frozen state between callers, each with its own copy of what the reducer writes in place', async () => {
    const s = store();
    await s.createMatch('m', { initialState: fakeState(0), metadata: metadata() });
    const written = fakeState(1, { list: [1, 2], nested: { a: 1 } });
    await s.setState('m', written, []);
    // What was written is the cache's now: frozen, so no one can change it under the others.
    expect(() => (written.G as { list: number[] }).list.push(3)).toThrow(TypeError);
    const first = await s.fetch('m', { state: true, metadata: true });
    expect(() => {
      first.state.G.nested.a = 2;
    }).toThrow(TypeError);
    // boardgame.io's reducer writes the active players and their move counts in place (ProcessMove, UpdateStage).
    (first.state.ctx.activePlayers as Record<string, string>)[1] = 'y';
    first.state.ctx.turn = 9;
    first.metadata.players[1] = { id: 1, name: 'taken', credentials: 'x' };
    const second = await s.fetch('m', { state: true, metadata: true });
    expect(second.state.G).toBe(first.state.G);
    expect(second.state.G).toEqual({ list: [1, 2], nested: { a: 1 } });
    expect(second.state.ctx.activePlayers).toEqual({ 0: 'x' });
    expect(second.state.ctx.turn).toBe(1);
    expect(second.metadata).toEqual(metadata());
    expect(second.state).not.toBe(first.state);
  });

  it('returns what a read of the database would', async () => {
    const s = store();
    await s.createMatch('m', { initialState: fakeState(0), metadata: metadata() });
    const data = { gone: undefined, list: [null, 'x', 1.5, { b: [] }], deep: { a: [{ b: null }] } };
    await s.setState('m', fakeState(1, data), []);
    const fromFile = (await store().fetch('m', { state: true })).state;
    expect(fromFile).toStrictEqual(JSON.parse(JSON.stringify(fakeState(1, data))));
    expect((await s.fetch('m', { state: true })).state).toEqual(fromFile);
  });

  it('sees commits by another connection to the same file', async () => {
    const a = store();
    const b = store();
    await a.createMatch('m', { initialState: fakeState(0), metadata: metadata() });
    await a.setState('m', fakeState(1), [entry(1)]);
    expect((await a.fetch('m', { state: true, metadata: true })).state._stateID).toBe(1);
    await b.setState('m', fakeState(2), [entry(2)]);
    await b.setMetadata('m', metadata(2000));
    const got = await a.fetch('m', { state: true, metadata: true });
    expect(got.state._stateID).toBe(2);
    expect(got.metadata.updatedAt).toBe(2000);
  });

  it('keeps the previous state when a write fails', async () => {
    const s = store();
    await s.createMatch('m', { initialState: fakeState(0), metadata: metadata() });
    await s.setState('m', fakeState(1), [entry(1)]);
    const bad = { ...entry(2), big: 1n } as unknown as LogEntry;
    await expect(s.setState('m', fakeState(2), [bad])).rejects.toThrow(/BigInt/);
    expect((await s.fetch('m', { state: true })).state._stateID).toBe(1);
  });

  it('forgets a match when it is created again or wiped', async () => {
    const s = store();
    await s.createMatch('m', { initialState: fakeState(0), metadata: metadata() });
    await s.setState('m', fakeState(5), []);
    await s.createMatch('m', { initialState: fakeState(0), metadata: metadata(3000) });
    const got = await s.fetch('m', { state: true, metadata: true });
    expect([got.state._stateID, got.metadata.updatedAt]).toEqual([0, 3000]);
    await s.wipe('m');
    expect(await s.fetch('m', { state: true, metadata: true })).toEqual({ state: undefined, metadata: undefined });
  });

  it(`drops the least recently used match beyond ${CACHED_MATCHES}, which is then read from the file`, async () => {
    const s = store();
    for (let i = 0; i <= CACHED_MATCHES; i++) {
      await s.createMatch(`m${i}`, { initialState: fakeState(0), metadata: metadata() });
      await s.setState(`m${i}`, fakeState(1), []);
    }
    overwriteRow(s, 'm0', fakeState(7));
    overwriteRow(s, 'm1', fakeState(7));
    // m1 is still cached; m0 was dropped, and is read from its row (which drops m2 in turn).
    expect((await s.fetch('m1', { state: true })).state._stateID).toBe(1);
    expect((await s.fetch('m0', { state: true })).state._stateID).toBe(7);
  });
});

describe('a boardgame.io master on the cached store', () => {
  // Every seat active: boardgame.io's ProcessMove counts moves in ctx._activePlayersNumMoves in place.
  const counter: Game<{ total: number }> = {
    name: 'counter',
    setup: () => ({ total: 0 }),
    turn: { activePlayers: ActivePlayers.ALL },
    moves: {
      add: ({ G }, n: number) => {
        G.total += n;
      },
    },
  };
  const transport = { send: () => {}, sendAll: () => {} };

  it('plays the same states as a store read afresh from the file every time', async () => {
    const s = store();
    const created = createMatch({
      game: ProcessGameConfig(counter),
      numPlayers: 2,
      setupData: undefined,
      unlisted: false,
    });
    if ('setupDataError' in created) throw new Error('setup failed');
    await s.createMatch('match', created);
    const master = new Master(counter, s, transport);
    for (const [playerID, n] of [
      ['0', 1],
      ['1', 2],
      ['0', 3],
    ] as const) {
      const { state } = await s.fetch('match', { state: true });
      const action = { type: 'MAKE_MOVE' as const, payload: { type: 'add', args: [n], playerID, credentials: '' } };
      expect(await master.onUpdate(action, state._stateID, 'match', playerID)).toBeUndefined();
    }
    const cached = (await s.fetch('match', { state: true })).state;
    const fromFile = (await store().fetch('match', { state: true })).state;
    expect(cached).toStrictEqual(fromFile);
    expect(cached.G).toEqual({ total: 6 });
    expect(cached.ctx._activePlayersNumMoves).toEqual({ 0: 2, 1: 1 });
  });
});
