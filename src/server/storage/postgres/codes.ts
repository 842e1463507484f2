/**
 * Join codes in PostgreSQL: the same codes as the SQLite store (codes.ts), unique among
 * matches by a primary key, one per match by a unique key, so two processes asked for the
 * same match's code at once agree on one.
 * @module
 */
import type { RandomSource } from '../../../crypto/index.ts';
import { normaliseCode, randomCode } from '../codes.ts';
import type { JoinCodes } from '../ports.ts';
import type { PostgresDatabase } from './database.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS codes (
  code       TEXT PRIMARY KEY,
  match_id   TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
`;

/** How many random codes to try before giving up (the space holds 30^6 ≈ 7.3e8 codes). */
const MAX_ATTEMPTS = 20;

/** Join codes in PostgreSQL. */
export class PostgresJoinCodes implements JoinCodes {
  readonly #db: PostgresDatabase;

  private constructor(db: PostgresDatabase) {
    this.#db = db;
  }

  /** Creates the table if it is missing. */
  static async open(db: PostgresDatabase): Promise<PostgresJoinCodes> {
    await db.exclusive(SCHEMA);
    return new PostgresJoinCodes(db);
  }

  async createCode(matchID: string, random: RandomSource): Promise<string> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const existing = await this.codeOf(matchID);
      if (existing !== undefined) return existing;
      // ON CONFLICT DO NOTHING covers both keys: a code in use, or a code just given to this match elsewhere.
      const { rowCount } = await this.#db.query(
        'INSERT INTO codes (code, match_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [randomCode(random), matchID, Date.now()],
      );
      if (rowCount === 1) return (await this.codeOf(matchID)) as string;
    }
    throw new Error(`no free join code after ${MAX_ATTEMPTS} attempts`);
  }

  async matchOf(code: string): Promise<string | undefined> {
    const canonical = normaliseCode(code);
    if (canonical === undefined) return undefined;
    const { rows } = await this.#db.query<{ match_id: string }>('SELECT match_id FROM codes WHERE code = $1', [
      canonical,
    ]);
    return rows[0]?.match_id;
  }

  async codeOf(matchID: string): Promise<string | undefined> {
    const { rows } = await this.#db.query<{ code: string }>('SELECT code FROM codes WHERE match_id = $1', [matchID]);
    return rows[0]?.code;
  }

  /** Deletes the match's code. */
  async dropMatch(matchID: string): Promise<void> {
    await this.#db.query('DELETE FROM codes WHERE match_id = $1', [matchID]);
  }
}
