/**
 * The PostgreSQL stores of the scale-out path, against the machine's PostgreSQL: the
 * match store (boardgame.io's storage contract, and its compare-and-set on the state id:
 * a stale write is refused, not applied), join codes, and the bot seats with their keys
 * and hosting leases.
 */
import type { LogEntry, Server, State } from 'boardgame.io';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { PostgresBotSeats } from '../../src/server/storage/postgres/botSeats.ts';
import { PostgresJoinCodes } from '../../src/server/storage/postgres/codes.ts';
import type { PostgresDatabase } from '../../src/server/storage/postgres/database.ts';
import { PostgresMatchStore, StaleStateError } from '../../src/server/storage/postgres/matches.ts';
import { dropSchema, testPostgres } from '../support/services.ts';

const pg = await testPostgres();

afterAll(async () => {
  if (pg) await dropSchema(pg);
});

function stateAt(id: number, G: unknown = { n: id }): State {
  return { G, ctx: { turn: id } as State['ctx'], plugins: {}, _undo: [], _redo: [], _stateID: id } as unknown as State;
}

function metadata(extra: Partial<Server.MatchData> = {}): Server.MatchData {
  return { gameName: 'going-dark', players: { 0: { id: 0 } }, createdAt: 10, updatedAt: 10, ...extra };
}

function entry(n: number): LogEntry {
  return {
    action: { type: 'MAKE_MOVE', payload: { type: 'm', args: [n], playerID: '0' } },
    _stateID: n,
    turn: 1,
    phase: 'p',
  };
}

describe.skipIf(!pg)('the PostgreSQL match store', () => {
  const db = pg as PostgresDatabase;
  let store: PostgresMatchStore;
  let wiped: string[];
  beforeEach(async () => {
    wiped = [];
    store = await PostgresMatchStore.open(db, async (id) => void wiped.push(id));
    await db.query('TRUNCATE matches, match_log');
  });

  it('stores a match and reads back each part; an unknown match has none', async () => {
    await store.createMatch('m1', { initialState: stateAt(0), metadata: metadata() });
    const all = await store.fetch('m1', { state: true, metadata: true, initialState: true, log: true });
    expect(all.state).toEqual(stateAt(0));
    expect(all.initialState).toEqual(stateAt(0));
    expect(all.metadata).toEqual(metadata());
    expect(all.log).toEqual([]);
    expect(await store.fetch('nope', { state: true, metadata: true, log: true })).toEqual({
      state: undefined,
      metadata: undefined,
      log: [],
    });
  });

  it('writes newer states with their log entries in order, keeping the initial state', async () => {
    await store.createMatch('m1', { initialState: stateAt(0), metadata: metadata() });
    await store.setState('m1', stateAt(1), [entry(0)]);
    await store.setState('m1', stateAt(2), [entry(1), entry(2)]);
    const got = await store.fetch('m1', { state: true, initialState: true, log: true });
    expect(got.state?._stateID).toBe(2);
    expect(got.initialState?._stateID).toBe(0);
    expect(got.log?.map((e) => e._stateID)).toEqual([0, 1, 2]);
  });

  it('refuses a stale or repeated state write and applies none of it (compare-and-set on the state id)', async () => {
    await store.createMatch('m1', { initialState: stateAt(0), metadata: metadata() });
    await store.setState('m1', stateAt(1, { by: 'first' }), [entry(0)]);
    // Two processes that both applied an action to state 0: the second write is refused.
    await expect(store.setState('m1', stateAt(1, { by: 'second' }), [entry(0)])).rejects.toBeInstanceOf(
      StaleStateError,
    );
    await expect(store.setState('m1', stateAt(0), [])).rejects.toBeInstanceOf(StaleStateError);
    const got = await store.fetch('m1', { state: true, log: true });
    expect(got.state?.G).toEqual({ by: 'first' });
    expect(got.log).toHaveLength(1);
    expect(await store.stateIdOf('m1')).toBe(1);
  });

  it('takes the stored state written again (the master does after an invalid move) as no change', async () => {
    await store.createMatch('m1', { initialState: stateAt(0), metadata: metadata() });
    await store.setState('m1', stateAt(1), [entry(0)]);
    await store.setState('m1', stateAt(1), []);
    // As boardgame.io writes it back: with its plugins' runtime objects, which are not stored.
    await store.setState('m1', { ...stateAt(2), plugins: { random: { data: { seed: 's' } } } } as State, []);
    const withApis = { ...stateAt(2), plugins: { random: { data: { seed: 's' }, api: { used: false } } } } as State;
    await store.setState('m1', withApis, []);
    const got = await store.fetch('m1', { state: true, log: true });
    expect(got.log).toHaveLength(1);
    expect(got.state?.plugins).toEqual({ random: { data: { seed: 's' } } });
  });

  it('keeps a taken seat and an ended game against a metadata write made from an older read', async () => {
    const before = metadata({ players: { 0: { id: 0 }, 1: { id: 1 } } });
    await store.createMatch('m1', { initialState: stateAt(0), metadata: before });
    const joined = { ...before, players: { ...before.players, 1: { id: 1, name: 'Ada', credentials: 'c1' } } };
    await store.setMetadata('m1', { ...joined, gameover: { draw: true }, updatedAt: 50 });
    // A connection change computed from the read before the join and the end.
    await store.setMetadata('m1', { ...before, players: { ...before.players, 0: { id: 0, isConnected: true } } });
    const { metadata: now } = await store.fetch('m1', { metadata: true });
    expect(now?.players[1]).toEqual({ id: 1, name: 'Ada', credentials: 'c1' });
    expect(now?.players[0]?.isConnected).toBe(true);
    expect(now?.gameover).toEqual({ draw: true });
    expect(now?.updatedAt).toBe(50);
    expect(await store.listMatches({ where: { isGameover: true } })).toEqual(['m1']);
  });

  it('keeps the seats’ connection flags against a move’s metadata write made from an older read', async () => {
    const before = metadata({ players: { 0: { id: 0 }, 1: { id: 1 } }, updatedAt: 10 });
    await store.createMatch('m1', { initialState: stateAt(0), metadata: before });
    // A connection change, then a move's write computed from the read before it.
    await store.setMetadata('m1', { ...before, players: { ...before.players, 1: { id: 1, isConnected: true } } });
    await store.setMetadata('m1', { ...before, updatedAt: 20 });
    const { metadata: now } = await store.fetch('m1', { metadata: true });
    expect(now?.players[1]?.isConnected).toBe(true);
    expect(now?.updatedAt).toBe(20);
    // A disconnection (no new updatedAt) is taken as written.
    await store.setMetadata('m1', {
      ...before,
      updatedAt: 20,
      players: { ...before.players, 1: { id: 1, isConnected: false } },
    });
    expect((await store.fetch('m1', { metadata: true })).metadata?.players[1]?.isConnected).toBe(false);
  });

  it('lets exactly one of many concurrent writers of the same next state win', async () => {
    await store.createMatch('m1', { initialState: stateAt(0), metadata: metadata() });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.setState('m1', stateAt(1, { by: i }), [entry(i)])),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await store.fetch('m1', { log: true })).log).toHaveLength(1);
  });

  it('replaces metadata, lists matches oldest first with the filters boardgame.io defines, and wipes', async () => {
    await store.createMatch('a', { initialState: stateAt(0), metadata: metadata({ updatedAt: 100 }) });
    await store.createMatch('b', { initialState: stateAt(0), metadata: metadata({ updatedAt: 200 }) });
    await store.createMatch('c', {
      initialState: stateAt(0),
      metadata: metadata({ gameName: 'other', updatedAt: 300 }),
    });
    await store.setMetadata('b', metadata({ updatedAt: 250, gameover: { winner: '0' } }));
    expect((await store.fetch('b', { metadata: true })).metadata?.gameover).toEqual({ winner: '0' });
    expect(await store.listMatches()).toEqual(['a', 'b', 'c']);
    expect(await store.listMatches({ gameName: 'going-dark' })).toEqual(['a', 'b']);
    expect(await store.listMatches({ where: { isGameover: true } })).toEqual(['b']);
    expect(await store.listMatches({ where: { isGameover: false } })).toEqual(['a', 'c']);
    expect(await store.listMatches({ where: { updatedBefore: 250 } })).toEqual(['a']);
    expect(await store.listMatches({ where: { updatedAfter: 100 } })).toEqual(['b', 'c']);
    await store.setState('a', stateAt(1), [entry(0)]);
    await store.wipe('a');
    expect(await store.fetch('a', { state: true, log: true })).toEqual({ state: undefined, log: [] });
    expect(wiped).toEqual(['a']);
  });

  it('a new match of an old id starts with an empty log', async () => {
    await store.createMatch('m1', { initialState: stateAt(0), metadata: metadata() });
    await store.setState('m1', stateAt(1), [entry(0)]);
    await store.createMatch('m1', { initialState: stateAt(0), metadata: metadata() });
    expect(await store.fetch('m1', { state: true, log: true })).toEqual({ state: stateAt(0), log: [] });
  });
});

describe.skipIf(!pg)('the PostgreSQL join codes', () => {
  const db = pg as PostgresDatabase;

  it('gives a match one code, finds it forgivingly, and agrees when asked at once', async () => {
    const codes = await PostgresJoinCodes.open(db);
    const random = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256);
    const code = await codes.createCode('m1', random);
    expect(code).toMatch(/^[2-9A-Z]{6}$/);
    expect(await codes.createCode('m1', random)).toBe(code);
    expect(await codes.matchOf(code.toLowerCase().replace(/^(...)/, '$1-'))).toBe('m1');
    expect(await codes.codeOf('m1')).toBe(code);
    expect(await codes.matchOf('!!')).toBeUndefined();
    const secure = (n: number) => crypto.getRandomValues(new Uint8Array(n));
    const many = await Promise.all(Array.from({ length: 6 }, () => codes.createCode('m2', secure)));
    expect(new Set(many).size).toBe(1);
    expect(many[0]).not.toBe(code);
    await codes.dropMatch('m2');
    expect(await codes.codeOf('m2')).toBeUndefined();
  });
});

describe.skipIf(!pg)('the PostgreSQL bot seats', () => {
  const db = pg as PostgresDatabase;
  const seat = (matchID: string, s: string) =>
    ({ matchID, seat: s, role: 'sender', personality: 'careful', credentials: `cred-${s}` }) as const;

  it('keeps a seat’s keys, written in order before `settled` resolves, and reloads them', async () => {
    const bots = await PostgresBotSeats.open(db);
    const keys = await bots.openSeat('k1', '0');
    keys.set('device/hpke', Uint8Array.of(1, 2));
    keys.set('device/sig', Uint8Array.of(3));
    keys.set('device/hpke', Uint8Array.of(9));
    expect(keys.get('device/hpke')).toEqual(Uint8Array.of(9));
    await keys.settled();
    const again = await bots.openSeat('k1', '0');
    expect(again.get('device/hpke')).toEqual(Uint8Array.of(9));
    expect(again.names()).toEqual(['device/hpke', 'device/sig']);
    expect((await bots.openSeat('k1', '1')).names()).toEqual([]);
  });

  it('hosts each seat on one process; a seat whose host stops renewing is taken over, once', async () => {
    await db.query('TRUNCATE bot_seats');
    const bots = await PostgresBotSeats.open(db, 200);
    await bots.saveSeat(seat('h1', '0'), 'A');
    await bots.saveSeat(seat('h1', '1'), 'B');
    expect((await bots.claimSeats('A')).map((s) => s.seat)).toEqual(['0']);
    expect((await bots.claimSeats('B')).map((s) => s.seat)).toEqual(['1']);
    // A and B die: their leases run out; C and D race for the seats, and each is taken once.
    await new Promise((r) => setTimeout(r, 300));
    const [c, d] = await Promise.all([bots.claimSeats('C'), bots.claimSeats('D')]);
    const taken = [...(c ?? []), ...(d ?? [])].map((s) => s.seat).sort();
    expect(taken).toEqual(['0', '1']);
    // A restarted under its name does not get its seat back while the new host renews.
    expect(await bots.claimSeats('A')).toEqual([]);
    const host = c?.some((s) => s.seat === '1') ? 'C' : 'D';
    await bots.removeSeat('h1', '1');
    expect((await bots.claimSeats(host)).map((s) => s.seat)).not.toContain('1');
    await bots.dropMatch('h1');
    expect((await db.query('SELECT * FROM bot_seats')).rows).toEqual([]);
  });

  it('refuses a seat with an unknown role', async () => {
    const bots = await PostgresBotSeats.open(db);
    await expect(bots.saveSeat({ ...seat('r1', '0'), role: 'wizard' as never }, 'A')).rejects.toThrow(/unknown role/);
  });
});
