/**
 * Match storage in PostgreSQL (DATABASE_URL): boardgame.io's `Async` store, shared by
 * several server processes. The state is written with a compare-and-set on its state id
 * (`_stateID`, which the reducer raises by one per action): a write whose state id is not
 * newer than the stored one (unless it is the stored state itself, which the master writes
 * back after an invalid move) is refused with {@link StaleStateError}, never applied, so
 * two processes that both applied an action to the same state cannot both keep it.
 *
 * Layout as in the SQLite store: a row per match (JSON as text, the metadata fields
 * `listMatches` filters on as columns) and the log as a row per entry, appended in the
 * same statement as the state it belongs to.
 * @module
 */
import type { LogEntry, Server, State, StorageAPI } from 'boardgame.io';
import { Async } from 'boardgame.io/internal';
import { mergeMetadata } from '../metadataMerge.ts';
import { storedState } from '../storedState.ts';
import type { PostgresDatabase } from './database.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS matches (
  id            TEXT PRIMARY KEY,
  game_name     TEXT,
  metadata      TEXT,
  state         TEXT,
  state_id      INTEGER NOT NULL DEFAULT -1,
  initial_state TEXT,
  created_at    BIGINT,
  updated_at    BIGINT,
  gameover      BOOLEAN NOT NULL DEFAULT FALSE,
  created_seq   BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX IF NOT EXISTS matches_by_game ON matches (game_name, updated_at);
CREATE TABLE IF NOT EXISTS match_log (
  match_id TEXT NOT NULL,
  seq      BIGINT GENERATED ALWAYS AS IDENTITY,
  entry    TEXT NOT NULL,
  PRIMARY KEY (match_id, seq)
);
`;

/** A state write that was refused because the stored state is as new or newer. */
export class StaleStateError extends Error {
  constructor(
    readonly matchID: string,
    readonly stateID: number,
  ) {
    super(`stale state refused: match ${matchID} already holds a state id >= ${stateID}`);
    this.name = 'StaleStateError';
  }
}

/** The metadata columns of a match's row. */
function metadataColumns(metadata: Server.MatchData): [string | null, number | null, number | null, boolean] {
  return [
    typeof metadata.gameName === 'string' ? metadata.gameName : null,
    Number.isFinite(metadata.createdAt) ? metadata.createdAt : null,
    Number.isFinite(metadata.updatedAt) ? metadata.updatedAt : null,
    // The master treats a null gameover as "not over" (master.ts, onUpdate).
    metadata.gameover !== undefined && metadata.gameover !== null,
  ];
}

function stateIdOf(state: State): number {
  const id = state._stateID;
  if (!Number.isInteger(id) || id < 0) throw new Error(`state has no valid _stateID (${String(id)})`);
  return id;
}

/** boardgame.io match storage in PostgreSQL. */
export class PostgresMatchStore extends Async {
  readonly #db: PostgresDatabase;
  readonly #onWipe: (matchID: string) => Promise<void>;

  private constructor(db: PostgresDatabase, onWipe: (matchID: string) => Promise<void>) {
    super();
    this.#db = db;
    this.#onWipe = onWipe;
  }

  /**
   * Creates the tables if they are missing.
   * @param onWipe - clears what other stores keep for a wiped match (its join code, bot keys)
   */
  static async open(
    db: PostgresDatabase,
    onWipe: (matchID: string) => Promise<void> = async () => {},
  ): Promise<PostgresMatchStore> {
    await db.exclusive(SCHEMA);
    return new PostgresMatchStore(db, onWipe);
  }

  /** Nothing to do: {@link PostgresMatchStore.open} made the tables. */
  override async connect(): Promise<void> {}

  /** Stores a new match (replacing one of the same id, with an empty log). */
  override async createMatch(matchID: string, opts: StorageAPI.CreateMatchOpts): Promise<void> {
    const state = JSON.stringify(opts.initialState);
    await this.#db.transaction(async (client) => {
      await client.query(
        `INSERT INTO matches (id, game_name, created_at, updated_at, gameover, metadata, state, initial_state, state_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)
         ON CONFLICT (id) DO UPDATE SET game_name = excluded.game_name, created_at = excluded.created_at,
           updated_at = excluded.updated_at, gameover = excluded.gameover, metadata = excluded.metadata,
           state = excluded.state, initial_state = excluded.initial_state, state_id = excluded.state_id`,
        [
          matchID,
          ...metadataColumns(opts.metadata),
          JSON.stringify(opts.metadata),
          state,
          stateIdOf(opts.initialState),
        ],
      );
      await client.query('DELETE FROM match_log WHERE match_id = $1', [matchID]);
    });
  }

  /**
   * Replaces the state if `state._stateID` is newer than the stored one, and appends
   * `deltalog` to the log, in one statement (so one transaction).
   * @throws StaleStateError when the stored state is as new or newer: nothing is written
   */
  override async setState(matchID: string, state: State, deltalog?: LogEntry[]): Promise<void> {
    const stateID = stateIdOf(state);
    const entries = (deltalog ?? []).map((entry) => JSON.stringify(entry));
    const { rows } = await this.#db.query<{ written: number }>(
      `WITH written AS (
         INSERT INTO matches (id, state, state_id) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, state_id = excluded.state_id
           WHERE matches.state_id < excluded.state_id
             -- The master rewrites the state it read after a refused (invalid) move: the same
             -- state again is no change, not a stale write.
             OR (matches.state_id = excluded.state_id AND matches.state = excluded.state)
         RETURNING id
       ), logged AS (
         INSERT INTO match_log (match_id, entry)
         SELECT written.id, e.entry FROM written, unnest($4::text[]) WITH ORDINALITY AS e(entry, n) ORDER BY e.n
       )
       SELECT count(*)::int AS written FROM written`,
      [matchID, JSON.stringify(storedState(state)), stateID, entries],
    );
    if (rows[0]?.written !== 1) throw new StaleStateError(matchID, stateID);
  }

  /**
   * Writes the metadata (and the columns `listMatches` filters on), merged with the stored
   * metadata so that a write computed from an older read cannot free a taken seat or revive
   * an ended game (metadataMerge.ts); the row is locked from read to write.
   */
  override async setMetadata(matchID: string, metadata: Server.MatchData): Promise<void> {
    await this.#db.transaction(async (client) => {
      const { rows } = await client.query<{ metadata: string | null }>(
        'SELECT metadata FROM matches WHERE id = $1 FOR UPDATE',
        [matchID],
      );
      const merged = mergeMetadata(parse<Server.MatchData>(rows[0]?.metadata), metadata);
      await client.query(
        `INSERT INTO matches (id, game_name, created_at, updated_at, gameover, metadata) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET game_name = excluded.game_name, created_at = excluded.created_at,
           updated_at = excluded.updated_at, gameover = excluded.gameover, metadata = excluded.metadata`,
        [matchID, ...metadataColumns(merged), JSON.stringify(merged)],
      );
    });
  }

  /** Reads the parts of a match asked for; an unknown match gives undefined parts and an empty log. */
  override async fetch<O extends StorageAPI.FetchOpts>(matchID: string, opts: O): Promise<StorageAPI.FetchResult<O>> {
    const result: Partial<StorageAPI.FetchFields> = {};
    const columns = [
      opts.state ? 'state' : undefined,
      opts.metadata ? 'metadata' : undefined,
      opts.initialState ? 'initial_state' : undefined,
    ].filter((c) => c !== undefined);
    const [row, log] = await Promise.all([
      columns.length > 0
        ? this.#db
            .query<Record<string, string | null>>(`SELECT ${columns.join(', ')} FROM matches WHERE id = $1`, [matchID])
            .then((r) => r.rows[0])
        : undefined,
      opts.log
        ? this.#db
            .query<{ entry: string }>('SELECT entry FROM match_log WHERE match_id = $1 ORDER BY seq', [matchID])
            .then((r) => r.rows.map(({ entry }) => JSON.parse(entry) as LogEntry))
        : undefined,
    ]);
    if (opts.state) result.state = parse<State>(row?.state);
    if (opts.metadata) result.metadata = parse<Server.MatchData>(row?.metadata);
    if (opts.initialState) result.initialState = parse<State>(row?.initial_state);
    if (opts.log) result.log = log ?? [];
    return result as StorageAPI.FetchResult<O>;
  }

  /** The stored state id of a match, or undefined if it has no state. */
  async stateIdOf(matchID: string): Promise<number | undefined> {
    const { rows } = await this.#db.query<{ state_id: number }>(
      'SELECT state_id FROM matches WHERE id = $1 AND state IS NOT NULL',
      [matchID],
    );
    return rows[0]?.state_id;
  }

  /** Deletes the match, its log, and what other stores keep for it (`onWipe`). */
  override async wipe(matchID: string): Promise<void> {
    await this.#db.transaction(async (client) => {
      await client.query('DELETE FROM match_log WHERE match_id = $1', [matchID]);
      await client.query('DELETE FROM matches WHERE id = $1', [matchID]);
    });
    await this.#onWipe(matchID);
  }

  /**
   * The ids of matches that have metadata, oldest first, filtered as boardgame.io's own
   * stores filter: `updatedBefore`/`updatedAfter` strict bounds, `isGameover` on whether
   * the metadata has a gameover.
   */
  override async listMatches(opts?: StorageAPI.ListMatchesOpts): Promise<string[]> {
    const where = ['metadata IS NOT NULL'];
    const params: (string | number)[] = [];
    if (opts?.gameName !== undefined) {
      params.push(opts.gameName);
      where.push(`game_name = $${params.length}`);
    }
    const w = opts?.where;
    if (w?.isGameover !== undefined) where.push(w.isGameover ? 'gameover' : 'NOT gameover');
    if (w?.updatedBefore !== undefined) {
      params.push(w.updatedBefore);
      where.push(`updated_at < $${params.length}`);
    }
    if (w?.updatedAfter !== undefined) {
      params.push(w.updatedAfter);
      where.push(`updated_at > $${params.length}`);
    }
    const { rows } = await this.#db.query<{ id: string }>(
      `SELECT id FROM matches WHERE ${where.join(' AND ')} ORDER BY created_seq`,
      params,
    );
    return rows.map((r) => r.id);
  }
}

function parse<T>(json: string | null | undefined): T | undefined {
  return json === null || json === undefined ? undefined : (JSON.parse(json) as T);
}
