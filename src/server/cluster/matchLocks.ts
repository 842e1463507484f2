/**
 * One match at a time across processes: a PostgreSQL advisory lock per match, held while
 * a process applies an action to that match (read state, reduce, broadcast, write). With
 * it, two processes that receive actions for one match apply them one after the other,
 * each to the state the other wrote, so every action is applied once and in order; the
 * match store's compare-and-set on the state id (storage/postgres/matches.ts) refuses
 * whatever would slip past it.
 *
 * The locks are session locks on connections of their own pool (so a task waiting for a
 * data connection can never hold every lock connection): a process that dies loses its
 * connections, and PostgreSQL releases its locks at once.
 * @module
 */
import pg from 'pg';
import { LOCK_CLASS } from '../storage/postgres/database.ts';

/** The advisory-lock class of match locks (`pg_advisory_lock(class, hashtext(matchID))`). */
export const MATCH_LOCK_CLASS = LOCK_CLASS + 1;

/** Per-match locks shared by every process on one database. */
export class MatchLocks {
  readonly #pool: pg.Pool;

  /**
   * @param url - the database URL (DATABASE_URL)
   * @param size - most matches this process works on at once (connections of the lock pool)
   */
  constructor(url: string, size = 8) {
    this.#pool = new pg.Pool({ connectionString: url, max: size, connectionTimeoutMillis: 10_000 });
    this.#pool.on('error', (error) => console.error(`postgres (match locks): idle connection lost: ${error.message}`));
  }

  /** Runs `task` holding the match's lock; the lock is released when it settles. */
  async run<T>(matchID: string, task: () => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      // hashtext: two matches may share a key, which only makes them wait for each other.
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [MATCH_LOCK_CLASS, matchID]);
      try {
        return await task();
      } finally {
        await client
          .query('SELECT pg_advisory_unlock($1, hashtext($2))', [MATCH_LOCK_CLASS, matchID])
          .catch((error: Error) => {
            broken = error;
          });
      }
    } catch (error) {
      broken ??= error as Error;
      throw error;
    } finally {
      // A connection whose unlock failed may still hold the lock: close it, which releases it.
      client.release(broken);
    }
  }

  /** Closes the lock connections. */
  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }
}
