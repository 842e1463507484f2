/**
 * The SQLite file of the server's store: where it is, its settings (WAL, synchronous
 * NORMAL, busy timeout, owner-only permissions), its schema and the upgrade of older
 * files, and how the other tables of the file are cleared with a match. The match store
 * (sqlite.ts) runs its statements on what {@link openDatabase} opens.
 * @module
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The database file's name inside the store's folder. */
export const DATABASE_FILE = 'going-dark.sqlite';

/** The schema this code writes (`PRAGMA user_version`); a newer file is refused. */
export const SCHEMA_VERSION = 2;

// The state tables keep their rowid: WITHOUT ROWID suits rows smaller than about a
// twentieth of a page, and a state is several pages (sqlite.org/withoutrowid.html, 4).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS matches (
  id         TEXT PRIMARY KEY,
  game_name  TEXT,
  metadata   TEXT,
  created_at INTEGER,
  updated_at INTEGER,
  gameover   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX IF NOT EXISTS matches_by_game ON matches (game_name, updated_at);
CREATE TABLE IF NOT EXISTS match_states (
  match_id TEXT NOT NULL PRIMARY KEY,
  state    TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS match_initial_states (
  match_id      TEXT NOT NULL PRIMARY KEY,
  initial_state TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS match_log (
  match_id TEXT NOT NULL,
  seq      INTEGER NOT NULL,
  entry    TEXT NOT NULL,
  PRIMARY KEY (match_id, seq)
) STRICT, WITHOUT ROWID;
`;

/** The columns schema version 1 kept in `matches`, and the table each moves to in version 2. */
const MOVED_COLUMNS = [
  { column: 'state', table: 'match_states' },
  { column: 'initial_state', table: 'match_initial_states' },
] as const;

/** Opens (creating) `<dir>/going-dark.sqlite` with the settings every store needs. */
export function openDatabase(dir: string, busyTimeoutMs: number): Database.Database {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, DATABASE_FILE);
  // The file holds bots' secret keys: create it readable by its owner only. SQLite gives
  // the -wal and -shm files the database file's permissions.
  closeSync(openSync(path, 'a', 0o600));
  // `timeout` is SQLite's busy_timeout: how long a statement waits for another connection's lock.
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL mode (journal_mode=${mode})`);
    // NORMAL, not FULL: in WAL mode a commit is durable once written to the WAL, which
    // survives a crash of this process; only an OS crash or power cut can lose the last
    // commits, and never corrupts the file. WAL frames are checksummed in a chain, so
    // what survives is always a prefix of the commits: a bot's key, written before the
    // move that publishes its public key, cannot be lost while that move is kept.
    // FULL would add an fsync to every move for protection against power cuts only.
    db.pragma('synchronous = NORMAL');
    if (schemaVersion(db, path) < SCHEMA_VERSION) {
      // IMMEDIATE takes the write lock first: of two processes opening an old file at
      // once, the second waits, then finds the file upgraded (sqlite.org/lang_transaction.html).
      db.transaction(() => upgradeSchema(db, path)).immediate();
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The file's `PRAGMA user_version`; throws if it is newer than this code's. */
function schemaVersion(db: Database.Database, path: string): number {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > SCHEMA_VERSION) {
    throw new Error(`${path} has schema version ${version}; this server knows up to ${SCHEMA_VERSION}`);
  }
  return version;
}

/**
 * Brings the file to {@link SCHEMA_VERSION}, in the caller's transaction: creates what is
 * missing (all of it in a new file) and moves version 1's state and initial state
 * columns out of `matches` into their own tables.
 */
function upgradeSchema(db: Database.Database, path: string): void {
  if (schemaVersion(db, path) === SCHEMA_VERSION) return; // upgraded by another process meanwhile
  db.exec(SCHEMA);
  const columns = new Set(db.prepare<[], string>(`SELECT name FROM pragma_table_info('matches')`).pluck().all());
  for (const { column, table } of MOVED_COLUMNS) {
    if (!columns.has(column)) continue;
    db.exec(`INSERT INTO ${table} (match_id, ${column}) SELECT id, ${column} FROM matches WHERE ${column} IS NOT NULL`);
    // SQLite 3.35 and later; rewrites every row of `matches`
    // (sqlite.org/lang_altertable.html, "ALTER TABLE DROP COLUMN").
    db.exec(`ALTER TABLE matches DROP COLUMN ${column}`);
  }
  // The version is in the file's header, so it is written in this transaction
  // (sqlite.org/pragma.html#pragma_user_version, sqlite.org/fileformat2.html#user_version_number).
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

/**
 * Makes wiping a match (deleting its row from `matches`) also run `body`, SQL that may
 * name the match as `OLD.id`: how the other tables of this file that belong to a match
 * are cleared with it. Does nothing on a database without the match table.
 */
export function cascadeOnWipe(db: Database.Database, trigger: string, body: string): void {
  const hasMatches = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'matches'`).get();
  if (hasMatches === undefined) return;
  db.exec(`CREATE TRIGGER IF NOT EXISTS "${trigger}" AFTER DELETE ON matches BEGIN ${body} END`);
}
