/**
 * Match storage in an embedded SQLite file (architecture.md, Runtime: "Storage defaults to
 * an embedded SQLite file under `./data/`"). A boardgame.io `Async` store: the methods
 * return promises as the library expects, the work underneath is better-sqlite3's
 * synchronous calls, so a write has reached the database when its promise settles.
 *
 * Layout: one row per match in `matches`, holding the metadata as JSON and the fields
 * `listMatches` filters on as columns; the state and the initial state as JSON, each in
 * a row of its own in `match_states` and `match_initial_states`. boardgame.io's master
 * writes the state, then the metadata with a new `updatedAt`, on every move (master.ts,
 * onUpdate), and SQLite writes a row whose length changed whole again, overflow pages
 * and all (btree.c, sqlite3BtreeInsert: only a row of unchanged length is overwritten
 * page by page, btreeOverwriteCell). Kept apart, a metadata write does not rewrite the
 * 20–30 KB state, nor a state write the initial state. The log is one row per entry in
 * `match_log`: it grows with every action, and a row per entry makes `setState` append
 * only the new entries instead of rewriting the whole log each move.
 *
 * The file itself — settings, schema, upgrades — is opened by sqliteFile.ts. The bot key
 * store (botKeys.ts) and the join codes (codes.ts) keep their own tables in the same
 * file, reached through {@link SqliteStore.db}.
 *
 * A write-through cache (docs/performance.md, "Load over real sockets") spares the
 * database reads that boardgame.io's master makes on every move (the metadata, then the
 * state). It keeps each match's metadata as the JSON last written or read, parsed afresh
 * for every caller (the lobby changes the metadata it is given); and its state as the
 * object last written or read, deep-frozen and shared by every caller, so that a move's
 * new state shares every unchanged part with the last (immer's structural sharing) and
 * the seats' patches (updates/statePatch.ts) skip those parts without walking them. The
 * parts of `ctx` that boardgame.io's reducer changes in place — the active players and
 * their move counts (ProcessMove, UpdateStage) — are each caller's own copy. States
 * are JSON data (boardgame.io requires it), so what a fetch returns equals what a read
 * of the database would. Writes still reach the database before their promise settles;
 * a commit to the file by another connection (`PRAGMA data_version`) empties the cache
 * before the next fetch. Rows changed behind the store's back on its own connection are
 * not seen: the match tables are the store's alone.
 * @module
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { LogEntry, Server, State, StorageAPI } from 'boardgame.io';
import { Async } from 'boardgame.io/internal';
import { mergeMetadata } from './metadataMerge.ts';
import { DATABASE_FILE, openDatabase } from './sqliteFile.ts';
import { storedState } from './storedState.ts';

export { cascadeOnWipe, DATABASE_FILE, SCHEMA_VERSION } from './sqliteFile.ts';

/** How many matches the cache keeps the JSON of (the least recently used are dropped first). */
export const CACHED_MATCHES = 256;

/** Where and how to open the store. */
export interface SqliteStoreOptions {
  /** Folder of the database file; created (mode 0700) if missing. */
  readonly dir: string;
  /** How long a write waits for a lock held by another connection, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
}

/** The columns of `matches` that mirror the metadata, for `listMatches`. */
interface MetadataColumns {
  readonly gameName: string | null;
  readonly createdAt: number | null;
  readonly updatedAt: number | null;
  readonly gameover: 0 | 1;
}

/** The parameters of the statement that writes a match's row in `matches`. */
interface MatchRow extends MetadataColumns {
  readonly id: string;
  readonly metadata: string;
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

/** The statements the store runs, prepared once. */
function prepareStatements(db: Database.Database) {
  return {
    // The match's id, metadata JSON and metadata columns, bound by name.
    setMetadata: db.prepare<MatchRow>(
      `INSERT INTO matches (id, game_name, metadata, created_at, updated_at, gameover)
       VALUES (@id, @gameName, @metadata, @createdAt, @updatedAt, @gameover)
       ON CONFLICT (id) DO UPDATE SET game_name = excluded.game_name, metadata = excluded.metadata,
         created_at = excluded.created_at, updated_at = excluded.updated_at, gameover = excluded.gameover`,
    ),
    // A state written before the metadata still gets a `matches` row, without metadata, as
    // in schema version 1: the match then keeps its place in listMatches' order (rowid)
    // and its wipe still runs the triggers on `matches`. A row already there is not written.
    ensureMatch: db.prepare<[string]>(`INSERT INTO matches (id) VALUES (?) ON CONFLICT (id) DO NOTHING`),
    // An upsert, not INSERT OR REPLACE: the row is updated in place, not deleted and inserted anew.
    setState: db.prepare<[string, string]>(
      `INSERT INTO match_states (match_id, state) VALUES (?, ?)
       ON CONFLICT (match_id) DO UPDATE SET state = excluded.state`,
    ),
    setInitialState: db.prepare<[string, string]>(
      `INSERT INTO match_initial_states (match_id, initial_state) VALUES (?, ?)
       ON CONFLICT (match_id) DO UPDATE SET initial_state = excluded.initial_state`,
    ),
    nextSeq: db.prepare<[string], number>(`SELECT COALESCE(MAX(seq) + 1, 0) FROM match_log WHERE match_id = ?`).pluck(),
    appendLog: db.prepare<[string, number, string]>(`INSERT INTO match_log (match_id, seq, entry) VALUES (?, ?, ?)`),
    clearLog: db.prepare<[string]>(`DELETE FROM match_log WHERE match_id = ?`),
    deleteState: db.prepare<[string]>(`DELETE FROM match_states WHERE match_id = ?`),
    deleteInitialState: db.prepare<[string]>(`DELETE FROM match_initial_states WHERE match_id = ?`),
    deleteMatch: db.prepare<[string]>(`DELETE FROM matches WHERE id = ?`),
    // One column each: a metadata fetch (every move, every connection) must not read the state.
    state: db.prepare<[string], string | null>(`SELECT state FROM match_states WHERE match_id = ?`).pluck(),
    metadata: db.prepare<[string], string | null>(`SELECT metadata FROM matches WHERE id = ?`).pluck(),
    initialState: db
      .prepare<[string], string | null>(`SELECT initial_state FROM match_initial_states WHERE match_id = ?`)
      .pluck(),
    // Changes when another connection commits to the file (sqlite.org/pragma.html#pragma_data_version).
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
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
  readonly #setStateTx: (matchID: string, state: string, deltalog: readonly LogEntry[]) => void;
  readonly #wipeTx: (matchID: string) => void;
  /** The state's and metadata's JSON by match, most recently used last (see the module comment). */
  readonly #cache = new Map<string, CachedMatch>();
  /** `PRAGMA data_version` when the cache was last known to match the file. */
  #dataVersion: number;

  constructor({ dir, busyTimeoutMs = 5000 }: SqliteStoreOptions) {
    super();
    this.db = openDatabase(dir, busyTimeoutMs);
    this.path = join(dir, DATABASE_FILE);
    const s = prepareStatements(this.db);
    this.#statements = s;
    this.#dataVersion = s.dataVersion.get() ?? 0;
    this.#createTx = this.db.transaction((matchID: string, opts: StorageAPI.CreateMatchOpts) => {
      s.setMetadata.run({ id: matchID, metadata: JSON.stringify(opts.metadata), ...metadataColumns(opts.metadata) });
      const state = JSON.stringify(opts.initialState);
      s.setState.run(matchID, state);
      s.setInitialState.run(matchID, state);
      // A new match starts with an empty log, whatever an earlier match of that id left.
      s.clearLog.run(matchID);
    });
    this.#setStateTx = this.db.transaction((matchID: string, state: string, deltalog: readonly LogEntry[]) => {
      s.ensureMatch.run(matchID);
      s.setState.run(matchID, state);
      let seq = s.nextSeq.get(matchID) ?? 0;
      for (const entry of deltalog) s.appendLog.run(matchID, seq++, JSON.stringify(entry));
    });
    this.#wipeTx = this.db.transaction((matchID: string) => {
      s.clearLog.run(matchID);
      s.deleteState.run(matchID);
      s.deleteInitialState.run(matchID);
      // Tables of the same file that belong to a match (bot keys, join codes) are
      // cleared by their AFTER DELETE triggers on `matches`.
      s.deleteMatch.run(matchID);
    });
  }

  /** Nothing to do: the constructor opened the database. */
  override async connect(): Promise<void> {}

  /** Stores a new match: its initial state as both the state and the initial state, an empty log. */
  override async createMatch(matchID: string, opts: StorageAPI.CreateMatchOpts): Promise<void> {
    this.#cache.delete(matchID);
    this.#createTx(matchID, opts);
  }

  /** Replaces the state and appends `deltalog` to the log, in one transaction; keeps the state's JSON. */
  override async setState(matchID: string, state: State, deltalog?: LogEntry[]): Promise<void> {
    const stored = storedState(state);
    const json = JSON.stringify(stored);
    const cached = this.#cache.get(matchID);
    // A failed write leaves the match uncached: the next fetch reads what the database kept.
    this.#cache.delete(matchID);
    this.#setStateTx(matchID, json, deltalog ?? []);
    this.#remember(matchID, { metadata: cached?.metadata, state: json, object: deepFreeze(stored) });
  }

  /**
   * Writes the metadata (and the columns `listMatches` filters on), in `matches` alone,
   * merged with the stored metadata so that a write computed from an older read cannot
   * free a taken seat or revive an ended game (metadataMerge.ts).
   */
  override async setMetadata(matchID: string, given: Server.MatchData): Promise<void> {
    this.#forgetOtherConnectionsWrites();
    const cached = this.#cache.get(matchID);
    const stored = parse<Server.MatchData>(cached?.metadata ?? this.#statements.metadata.get(matchID));
    const metadata = mergeMetadata(stored, given);
    const json = JSON.stringify(metadata);
    this.#cache.delete(matchID);
    this.#statements.setMetadata.run({ id: matchID, metadata: json, ...metadataColumns(metadata) });
    this.#remember(matchID, { state: cached?.state, object: cached?.object, metadata: json });
  }

  /**
   * Reads the parts of a match asked for. An unknown match gives undefined state,
   * metadata and initial state and an empty log, as boardgame.io's InMemory store does.
   * The state and metadata are new objects on every call.
   */
  override async fetch<O extends StorageAPI.FetchOpts>(matchID: string, opts: O): Promise<StorageAPI.FetchResult<O>> {
    const result: Partial<StorageAPI.FetchFields> = {};
    if (opts.state || opts.metadata) {
      this.#forgetOtherConnectionsWrites();
      const cached = this.#cache.get(matchID);
      // undefined: not cached; null: the match has none.
      let state = cached?.state;
      let metadata = cached?.metadata;
      if (opts.state && state === undefined) state = this.#statements.state.get(matchID) ?? null;
      if (opts.metadata && metadata === undefined) metadata = this.#statements.metadata.get(matchID) ?? null;
      let object = cached?.object;
      if (opts.state && object === undefined && state) object = deepFreeze(JSON.parse(state) as State);
      if (opts.state) result.state = object && ownCopy(object);
      if (opts.metadata) result.metadata = parse<Server.MatchData>(metadata);
      // Only a match that exists is kept (it has a state or metadata).
      if (state || metadata) this.#remember(matchID, { state, object, metadata });
    }
    if (opts.initialState) result.initialState = parse<State>(this.#statements.initialState.get(matchID));
    if (opts.log) result.log = this.#statements.log.all(matchID).map((entry) => JSON.parse(entry) as LogEntry);
    return result as StorageAPI.FetchResult<O>;
  }

  /** Keeps a match's JSON as the most recently used, dropping the least recently used beyond {@link CACHED_MATCHES}. */
  #remember(matchID: string, entry: CachedMatch): void {
    this.#cache.delete(matchID);
    this.#cache.set(matchID, entry);
    if (this.#cache.size > CACHED_MATCHES) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
  }

  /** Empties the cache if another connection has committed to the file since it was last checked. */
  #forgetOtherConnectionsWrites(): void {
    const version = this.#statements.dataVersion.get() ?? 0;
    if (version === this.#dataVersion) return;
    this.#dataVersion = version;
    this.#cache.clear();
  }

  /** Deletes the match, its log, and what other tables of this file keep for it. */
  override async wipe(matchID: string): Promise<void> {
    this.#cache.delete(matchID);
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
    this.#cache.clear();
    if (this.db.open) this.db.close();
  }
}

function parse<T>(json: string | null | undefined): T | undefined {
  return json === null || json === undefined ? undefined : (JSON.parse(json) as T);
}

/** A match in the cache: its JSON undefined if not read yet, null if the match has none. */
interface CachedMatch {
  readonly state: string | null | undefined;
  /** The state as an object, deep-frozen; undefined until written or asked for. */
  readonly object?: State | undefined;
  readonly metadata: string | null | undefined;
}

/** Freezes `value` and everything in it, skipping what is frozen already (immer freezes what it makes). */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}

/** The `ctx` maps boardgame.io's reducer writes into in place (reducer.ts: ProcessMove, UpdateStage). */
const CTX_WRITTEN_IN_PLACE = [
  'activePlayers',
  '_activePlayersNumMoves',
  '_activePlayersMinMoves',
  '_activePlayersMaxMoves',
] as const;

/** A caller's state: the shared frozen state, with its own copy of what the reducer writes in place. */
function ownCopy(state: State): State {
  const ctx: Record<string, unknown> = { ...state.ctx };
  for (const key of CTX_WRITTEN_IN_PLACE) {
    const map = ctx[key];
    if (typeof map === 'object' && map !== null) ctx[key] = { ...map };
  }
  return { ...state, ctx: ctx as unknown as State['ctx'] };
}
