/**
 * A PostgreSQL database for the scale-out path (DATABASE_URL): one connection pool shared
 * by the match store, the join codes, the bot key store and the classes, with schema
 * creation serialised across processes and transactions that always end.
 * @module
 */
import pg from 'pg';

/** Where and how to connect. */
export interface PostgresOptions {
  /** A libpq connection URL, e.g. `postgres://user@127.0.0.1:5432/going_dark`. */
  readonly url: string;
  /**
   * A schema to hold the tables (created if missing; the connections' `search_path`).
   * Tests give each server its own; a deployment leaves it unset (`public`).
   */
  readonly schema?: string;
  /** Most connections this process opens (default 10). */
  readonly poolSize?: number;
}

/** A client checked out of the pool, for the statements of one transaction. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

/** Any advisory-lock key the project takes lives in this class of keys (`pg_advisory_lock(class, key)`). */
export const LOCK_CLASS = 0x6764; // "gd"

/** The advisory lock key (within {@link LOCK_CLASS}) that serialises schema creation. */
const SCHEMA_LOCK = 0;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A pool of connections to one PostgreSQL database. */
export class PostgresDatabase {
  readonly pool: pg.Pool;
  readonly schema: string;

  private constructor(pool: pg.Pool, schema: string) {
    this.pool = pool;
    this.schema = schema;
  }

  /** Connects (checking the server answers) and creates the schema if it is missing. */
  static async open({ url, schema = 'public', poolSize = 10 }: PostgresOptions): Promise<PostgresDatabase> {
    if (!SCHEMA_NAME.test(schema))
      throw new Error(`schema must be a lower-case SQL name, got ${JSON.stringify(schema)}`);
    const pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      // libpq's per-connection options: the tables of this server live in its schema.
      options: `-c search_path=${schema}`,
      connectionTimeoutMillis: 10_000,
    });
    // An idle connection the server drops (restart, admin) is an error event on the pool;
    // without a listener it would end the process. The pool replaces the connection.
    pool.on('error', (error) => console.error(`postgres: idle connection lost: ${error.message}`));
    const db = new PostgresDatabase(pool, schema);
    try {
      if (schema !== 'public') await db.exclusive(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      else await pool.query('SELECT 1');
    } catch (error) {
      await pool.end();
      throw new Error(`cannot use PostgreSQL at ${redact(url)}: ${(error as Error).message}`);
    }
    return db;
  }

  /** Runs one statement on any connection of the pool. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: unknown[]): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(text, params);
  }

  /** Runs `fn` in a transaction (BEGIN … COMMIT), rolled back if it throws. */
  async transaction<T>(fn: (client: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Runs DDL under a transaction-level advisory lock, so two processes starting together
   * do not race on `CREATE TABLE IF NOT EXISTS` (which is not safe concurrently).
   */
  async exclusive(ddl: string): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS, SCHEMA_LOCK]);
      await client.query(ddl);
    });
  }

  /** Closes every connection (idempotent). */
  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
