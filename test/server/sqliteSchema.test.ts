/**
 * The SQLite match store's file layout (src/server/storage/sqlite.ts): schema version 2
 * keeps each match's state and initial state out of the `matches` row, a version-1 file
 * is upgraded in place with everything in it kept, and a metadata write leaves the state
 * tables alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { LogEntry, Server, State } from 'boardgame.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/crypto/index.ts';
import {
  BotKeyStore,
  CodeStore,
  DATABASE_FILE,
  openStorage,
  SCHEMA_VERSION,
  SqliteStore,
  type Storage,
} from '../../src/server/storage/index.ts';

let dir: string;
const open: { close(): void }[] = [];

function storage(): Storage {
  const s = openStorage({ dir });
  open.push(s);
  return s;
}

function raw(): Database.Database {
  const db = new Database(join(dir, DATABASE_FILE));
  open.push(db);
  return db;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'going-dark-schema-'));
});

afterEach(() => {
  for (const s of open.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Schema version 1's match tables, as that version's sqlite.ts created them. */
const VERSION_1_SCHEMA = `
CREATE TABLE IF NOT EXISTS matches (
  id            TEXT PRIMARY KEY,
  game_name     TEXT,
  metadata      TEXT,
  state         TEXT,
  initial_state TEXT,
  created_at    INTEGER,
  updated_at    INTEGER,
  gameover      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX IF NOT EXISTS matches_by_game ON matches (game_name, updated_at);
CREATE TABLE IF NOT EXISTS match_log (
  match_id TEXT NOT NULL,
  seq      INTEGER NOT NULL,
  entry    TEXT NOT NULL,
  PRIMARY KEY (match_id, seq)
) STRICT, WITHOUT ROWID;
`;

function metadata(updatedAt: number, gameover?: unknown): Server.MatchData {
  return {
    gameName: 'going-dark',
    players: { 0: { id: 0, name: 'Ada', credentials: 'c0' }, 1: { id: 1 } },
    createdAt: 1000,
    updatedAt,
    ...(gameover === undefined ? {} : { gameover }),
  };
}

function fakeState(n: number): State {
  return {
    G: { n, padding: 'x'.repeat(20_000) }, // several overflow pages, as a late game's state
    ctx: { numPlayers: 2, playOrder: ['0', '1'], playOrderPos: 0, activePlayers: null, currentPlayer: '0', turn: n },
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
  } as LogEntry;
}

/** What version 1 stored for one match. */
interface Version1Match {
  readonly id: string;
  readonly metadata: Server.MatchData | null;
  readonly state: State;
  readonly initialState: State | null;
  readonly log: LogEntry[];
}

const VERSION_1_MATCHES: Version1Match[] = [
  { id: 'm1', metadata: metadata(3000), state: fakeState(3), initialState: fakeState(0), log: [entry(1), entry(2)] },
  {
    id: 'm2',
    metadata: metadata(2000, { winner: 'crew' }),
    state: fakeState(9),
    initialState: fakeState(0),
    log: [entry(9)],
  },
  // Version 1's setState before createMatch: a row with a state and nothing else.
  { id: 'stateOnly', metadata: null, state: fakeState(4), initialState: null, log: [] },
];

/**
 * Writes a version-1 file as version 1's server left it: WAL mode, the old match tables
 * with {@link VERSION_1_MATCHES}, the bot key and join code tables with their wipe
 * triggers on `matches`, and a bot key and a join code for m1.
 */
function writeVersion1File(): void {
  const db = new Database(join(dir, DATABASE_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.exec(VERSION_1_SCHEMA);
    db.pragma('user_version = 1');
    const insert = db.prepare(
      `INSERT INTO matches (id, game_name, metadata, state, initial_state, created_at, updated_at, gameover)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const log = db.prepare('INSERT INTO match_log (match_id, seq, entry) VALUES (?, ?, ?)');
    for (const m of VERSION_1_MATCHES) {
      const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
      insert.run(
        m.id,
        m.metadata?.gameName ?? null,
        json(m.metadata),
        json(m.state),
        json(m.initialState),
        m.metadata?.createdAt ?? null,
        m.metadata?.updatedAt ?? null,
        m.metadata?.gameover === undefined ? 0 : 1,
      );
      for (const [seq, e] of m.log.entries()) log.run(m.id, seq, JSON.stringify(e));
    }
    new BotKeyStore(db).forSeat('m1', '1').set('device/hpke', new Uint8Array(32).fill(7));
    new CodeStore(db).createCode('m1', seededRandom('m1'));
  } finally {
    db.close();
  }
}

/** Everything in the file: its schema, version and rows, to compare two moments. */
function snapshot(db: Database.Database): unknown {
  const tables = db
    .prepare<[], string>(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all();
  return {
    version: db.pragma('user_version', { simple: true }),
    schema: db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all(),
    rows: Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()])),
  };
}

function columnsOf(db: Database.Database, table: string): string[] {
  return db.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck().all(table);
}

describe('SqliteStore schema', () => {
  it('gives a new file version 2: matches without the state columns, a table each for states and initial states', () => {
    const s = storage();
    expect(SCHEMA_VERSION).toBe(2);
    expect(s.matches.db.pragma('user_version', { simple: true })).toBe(2);
    expect(columnsOf(s.matches.db, 'matches')).toEqual([
      'id',
      'game_name',
      'metadata',
      'created_at',
      'updated_at',
      'gameover',
    ]);
    expect(columnsOf(s.matches.db, 'match_states')).toEqual(['match_id', 'state']);
    expect(columnsOf(s.matches.db, 'match_initial_states')).toEqual(['match_id', 'initial_state']);
  });

  it('upgrades a version-1 file in place, keeping every match, log, bot key and join code', async () => {
    writeVersion1File();
    const { matches, bots, codes } = storage();
    expect(matches.db.pragma('user_version', { simple: true })).toBe(2);
    expect(columnsOf(matches.db, 'matches')).not.toContain('state');
    expect(columnsOf(matches.db, 'matches')).not.toContain('initial_state');
    for (const m of VERSION_1_MATCHES) {
      const got = await matches.fetch(m.id, { state: true, metadata: true, initialState: true, log: true });
      expect(got).toEqual({
        state: m.state,
        metadata: m.metadata ?? undefined,
        initialState: m.initialState ?? undefined,
        log: m.log,
      });
    }
    // The columns listMatches filters on, and the matches' order, are as they were.
    expect(await matches.listMatches()).toEqual(['m1', 'm2']);
    expect(await matches.listMatches({ where: { isGameover: true } })).toEqual(['m2']);
    expect(await matches.listMatches({ where: { updatedAfter: 2500 } })).toEqual(['m1']);
    // The match carries on, and the wipe triggers made by version 1 still fire.
    await matches.setState('m1', fakeState(4), [entry(3)]);
    expect((await matches.fetch('m1', { log: true })).log).toEqual([entry(1), entry(2), entry(3)]);
    expect(bots.forSeat('m1', '1').names()).toEqual(['device/hpke']);
    expect(codes.codeOf('m1')).toBeDefined();
    await matches.wipe('m1');
    expect(bots.forSeat('m1', '1').names()).toEqual([]);
    expect(codes.codeOf('m1')).toBeUndefined();
    expect(matches.db.prepare(`SELECT count(*) FROM match_states WHERE match_id = 'm1'`).pluck().get()).toBe(0);
  });

  it('opens an upgraded file again without writing to it', () => {
    writeVersion1File();
    storage().close();
    const watcher = raw();
    const before = snapshot(watcher);
    // Changes when another connection commits (sqlite.org/pragma.html#pragma_data_version).
    const commits = watcher.prepare<[], number>('PRAGMA data_version').pluck();
    const version = commits.get();
    storage().close();
    expect(commits.get()).toBe(version);
    expect(snapshot(watcher)).toEqual(before);
  });

  it('leaves a version-1 file as it was when the upgrade fails', () => {
    writeVersion1File();
    const db = raw();
    // A view on the old column makes ALTER TABLE … DROP COLUMN fail.
    db.exec('CREATE VIEW old_states AS SELECT state FROM matches');
    const before = snapshot(db);
    expect(() => new SqliteStore({ dir })).toThrow(/error in view old_states/);
    expect(snapshot(db)).toEqual(before);
    db.exec('DROP VIEW old_states');
    expect(storage().matches.db.pragma('user_version', { simple: true })).toBe(2);
  });

  it('refuses a file of version 3 and leaves it alone', () => {
    const db = raw();
    db.pragma('user_version = 3');
    expect(() => new SqliteStore({ dir })).toThrow(/schema version 3; this server knows up to 2/);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(columnsOf(db, 'matches')).toEqual([]);
  });
});

describe('SqliteStore writes', () => {
  /** Counts the statements' row writes to the state tables, on the store's own connection. */
  function countStateWrites(db: Database.Database): () => Record<string, number> {
    db.exec('CREATE TEMP TABLE state_writes (tbl TEXT NOT NULL)');
    for (const table of ['match_states', 'match_initial_states']) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        db.exec(`CREATE TEMP TRIGGER "${table}_${event}" AFTER ${event} ON main.${table}
                 BEGIN INSERT INTO state_writes VALUES ('${table}'); END`);
      }
    }
    const count = db.prepare<[], { tbl: string; n: number }>(
      'SELECT tbl, count(*) AS n FROM state_writes GROUP BY tbl',
    );
    return () => {
      const counts = Object.fromEntries(count.all().map((r) => [r.tbl, r.n]));
      db.exec('DELETE FROM state_writes');
      return counts;
    };
  }

  it('a metadata write leaves the state tables alone; a state write leaves the initial state alone', async () => {
    const { matches } = storage();
    await matches.createMatch('m', { initialState: fakeState(0), metadata: metadata(1000) });
    const writes = countStateWrites(matches.db);
    const stateRow = () => matches.db.prepare(`SELECT rowid, state FROM match_states WHERE match_id = 'm'`).get();
    await matches.setState('m', fakeState(1), [entry(1)]);
    expect(writes()).toEqual({ match_states: 1 });
    const before = stateRow();
    await matches.setMetadata('m', metadata(2000));
    expect(writes()).toEqual({});
    expect(stateRow()).toEqual(before);
    expect((await matches.fetch('m', { metadata: true })).metadata?.updatedAt).toBe(2000);
  });

  it('a state written before the match is created gets a matches row without metadata, as in version 1', async () => {
    const { matches, codes } = storage();
    await matches.setState('early', fakeState(1), [entry(1)]);
    expect(matches.db.prepare(`SELECT metadata FROM matches WHERE id = 'early'`).get()).toEqual({ metadata: null });
    expect(await matches.listMatches()).toEqual([]);
    expect(await matches.fetch('early', { state: true, metadata: true, initialState: true })).toEqual({
      state: fakeState(1),
      metadata: undefined,
      initialState: undefined,
    });
    // Its wipe still runs the triggers on `matches`.
    codes.createCode('early', seededRandom('early'));
    await matches.wipe('early');
    expect(codes.codeOf('early')).toBeUndefined();
    expect(await matches.fetch('early', { state: true, log: true })).toEqual({ state: undefined, log: [] });
  });
});
