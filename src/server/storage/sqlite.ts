/**
 * Match storage in an embedded SQLite file (architecture.md, Runtime: "Storage defaults to
 * an embedded SQLite file under `./data/`"). A boardgame.io `Async` store: the methods
 * return promises as the library expects, the work underneath is better-sqlite3's
 * synchronous calls, so a write has reached the database when its promise settles.
 *
 * Layout: one row per match in `matches` (state, initial state and metadata as JSON, plus
 * the metadata fields `listMatches` filters on as columns), and the log as one row per
 * entry in `match_log`. The log grows with every action; a row per entry makes
 * `setState` append only the new entries instead of rewriting the whole log each move.
 *
 * The bot key store (botKeys.ts) and the join codes (codes.ts) keep their own tables in
 * the same file, reached through {@link SqliteStore.db}.
 * @module
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { LogEntry, Server, State, StorageAPI } from 'boardgame.io';
import { Async } from 'boardgame.io/internal';

/** The database file's name inside the store's folder. */
export const DATABASE_FILE = 'going-dark.sqlite';

/** The schema this code writes (`PRAGMA user_version`); a newer file is refused. */
export const SCHEMA_VERSION = 1;

/** Where and how to open the store. */
export interface SqliteStoreOptions {
  /** Folder of the database file; created (mode 0700) if missing. */
  readonly dir: string;
  /** How long a write waits for a lock held by another connection, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
}

const SCHEMA = `
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

/** The columns of `matches` that mirror the metadata, for `listMatches`. */
interface MetadataColumns {
  readonly gameName: string | null;
  readonly createdAt: number | null;
  readonly updatedAt: number | null;
  readonly gameover: 0 | 1;
}

/** The parameters of the statements that write a match's row. */
interface MatchRow extends MetadataColumns {
  readonly id: string;
  readonly metadata: string;
  readonly state: string;
}

function metadataColumns(metadata: Server.MatchData): MetadataColumns {
  return {
    gameName: typeof metadata.gameName === 'string' ? metadata.gameName : null,
    createdAt: Number.isFinite(metadata.createdAt) ? metadata.createdAt : null,
    updatedAt: Number.isFinite(metadata.updatedAt) ? metadata.updatedAt : null,
    // The master treats a null gameover as "not over" (master.ts, onUpdate).
    gameover: metadata.gameover === undefined || metadata.gameover === null ? 0 : 1,
  };
}

/** Opens (creating) `<dir>/going-dark.sqlite` with the settings every store needs. */
function openDatabase(dir: string, busyTimeoutMs: number): Database.Database {
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
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION) {
      throw new Error(`${path} has schema version ${version}; this server knows up to ${SCHEMA_VERSION}`);
    }
    db.exec(SCHEMA);
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
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

/** The statements the store runs, prepared once. */
function prepareStatements(db: Database.Database) {
  return {
    // The match's id, JSON and metadata columns, bound by name.
    create: db.prepare<MatchRow>(
      `INSERT INTO matches (id, game_name, metadata, state, initial_state, created_at, updated_at, gameover)
       VALUES (@id, @gameName, @metadata, @state, @state, @createdAt, @updatedAt, @gameover)
       ON CONFLICT (id) DO UPDATE SET game_name = excluded.game_name, metadata = excluded.metadata,
         state = excluded.state, initial_state = excluded.initial_state, created_at = excluded.created_at,
         updated_at = excluded.updated_at, gameover = excluded.gameover`,
    ),
    setState: db.prepare<[string, string]>(
      `INSERT INTO matches (id, state) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state`,
    ),
    setMetadata: db.prepare<Omit<MatchRow, 'state'>>(
      `INSERT INTO matches (id, game_name, metadata, created_at, updated_at, gameover)
       VALUES (@id, @gameName, @metadata, @createdAt, @updatedAt, @gameover)
       ON CONFLICT (id) DO UPDATE SET game_name = excluded.game_name, metadata = excluded.metadata,
         created_at = excluded.created_at, updated_at = excluded.updated_at, gameover = excluded.gameover`,
    ),
    nextSeq: db.prepare<[string], number>(`SELECT COALESCE(MAX(seq) + 1, 0) FROM match_log WHERE match_id = ?`).pluck(),
    appendLog: db.prepare<[string, number, string]>(`INSERT INTO match_log (match_id, seq, entry) VALUES (?, ?, ?)`),
    clearLog: db.prepare<[string]>(`DELETE FROM match_log WHERE match_id = ?`),
    deleteMatch: db.prepare<[string]>(`DELETE FROM matches WHERE id = ?`),
    row: db.prepare<[string], { state: string | null; metadata: string | null; initial_state: string | null }>(
      `SELECT state, metadata, initial_state FROM matches WHERE id = ?`,
    ),
    log: db.prepare<[string], string>(`SELECT entry FROM match_log WHERE match_id = ? ORDER BY seq`).pluck(),
  };
}

/** boardgame.io match storage in SQLite. */
export class SqliteStore extends Async {
  /** The open database, shared with {@link BotKeyStore} and {@link CodeStore}. */
  readonly db: Database.Database;
  /** The database file. */
  readonly path: string;

  readonly #statements: ReturnType<typeof prepareStatements>;
  readonly #createTx: (matchID: string, opts: StorageAPI.CreateMatchOpts) => void;
  readonly #setStateTx: (matchID: string, state: State, deltalog: readonly LogEntry[]) => void;
  readonly #wipeTx: (matchID: string) => void;

  constructor({ dir, busyTimeoutMs = 5000 }: SqliteStoreOptions) {
    super();
    this.db = openDatabase(dir, busyTimeoutMs);
    this.path = join(dir, DATABASE_FILE);
    const s = prepareStatements(this.db);
    this.#statements = s;
    this.#createTx = this.db.transaction((matchID: string, opts: StorageAPI.CreateMatchOpts) => {
      s.create.run({
        id: matchID,
        metadata: JSON.stringify(opts.metadata),
        state: JSON.stringify(opts.initialState),
        ...metadataColumns(opts.metadata),
      });
      // A new match starts with an empty log, whatever an earlier match of that id left.
      s.clearLog.run(matchID);
    });
    this.#setStateTx = this.db.transaction((matchID: string, state: State, deltalog: readonly LogEntry[]) => {
      s.setState.run(matchID, JSON.stringify(state));
      let seq = s.nextSeq.get(matchID) ?? 0;
      for (const entry of deltalog) s.appendLog.run(matchID, seq++, JSON.stringify(entry));
    });
    this.#wipeTx = this.db.transaction((matchID: string) => {
      s.clearLog.run(matchID);
      // Tables of the same file that belong to a match (bot keys, join codes) are
      // cleared by their AFTER DELETE triggers on `matches`.
      s.deleteMatch.run(matchID);
    });
  }

  /** Nothing to do: the constructor opened the database. */
  override async connect(): Promise<void> {}

  /** Stores a new match: its initial state as both the state and the initial state, an empty log. */
  override async createMatch(matchID: string, opts: StorageAPI.CreateMatchOpts): Promise<void> {
    this.#createTx(matchID, opts);
  }

  /** Replaces the state and appends `deltalog` to the log, in one transaction. */
  override async setState(matchID: string, state: State, deltalog?: LogEntry[]): Promise<void> {
    this.#setStateTx(matchID, state, deltalog ?? []);
  }

  /** Replaces the metadata (and the columns `listMatches` filters on). */
  override async setMetadata(matchID: string, metadata: Server.MatchData): Promise<void> {
    this.#statements.setMetadata.run({ id: matchID, metadata: JSON.stringify(metadata), ...metadataColumns(metadata) });
  }

  /**
   * Reads the parts of a match asked for. An unknown match gives undefined state,
   * metadata and initial state and an empty log, as boardgame.io's InMemory store does.
   */
  override async fetch<O extends StorageAPI.FetchOpts>(matchID: string, opts: O): Promise<StorageAPI.FetchResult<O>> {
    const result: Partial<StorageAPI.FetchFields> = {};
    const row = opts.state || opts.metadata || opts.initialState ? this.#statements.row.get(matchID) : undefined;
    if (opts.state) result.state = parse<State>(row?.state);
    if (opts.metadata) result.metadata = parse<Server.MatchData>(row?.metadata);
    if (opts.initialState) result.initialState = parse<State>(row?.initial_state);
    if (opts.log) result.log = this.#statements.log.all(matchID).map((entry) => JSON.parse(entry) as LogEntry);
    return result as StorageAPI.FetchResult<O>;
  }

  /** Deletes the match, its log, and what other tables of this file keep for it. */
  override async wipe(matchID: string): Promise<void> {
    this.#wipeTx(matchID);
  }

  /**
   * The ids of matches that have metadata, oldest first, filtered as boardgame.io's own
   * stores filter: `updatedBefore` and `updatedAfter` are strict bounds on
   * `metadata.updatedAt`, `isGameover` on whether `metadata.gameover` is set.
   */
  override async listMatches(opts?: StorageAPI.ListMatchesOpts): Promise<string[]> {
    const where = ['metadata IS NOT NULL'];
    const params: (string | number)[] = [];
    if (opts?.gameName !== undefined) {
      where.push('game_name = ?');
      params.push(opts.gameName);
    }
    const w = opts?.where;
    if (w?.isGameover !== undefined) where.push(w.isGameover ? 'gameover = 1' : 'gameover = 0');
    if (w?.updatedBefore !== undefined) {
      where.push('updated_at < ?');
      params.push(w.updatedBefore);
    }
    if (w?.updatedAfter !== undefined) {
      where.push('updated_at > ?');
      params.push(w.updatedAfter);
    }
    return this.db
      .prepare<(string | number)[], string>(`SELECT id FROM matches WHERE ${where.join(' AND ')} ORDER BY rowid`)
      .pluck()
      .all(...params);
  }

  /** Closes the database (idempotent). SQLite checkpoints the WAL into the file. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

function parse<T>(json: string | null | undefined): T | undefined {
  return json === null || json === undefined ? undefined : (JSON.parse(json) as T);
}
