/**
 * The machine's PostgreSQL and Redis for the scale-out tests (TEST_DATABASE_URL,
 * TEST_REDIS_URL; default the local services on their standard ports). Without them a
 * test file is skipped with a loud warning — except in CI (CI=true), where a missing
 * service is a failure.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { PostgresDatabase } from '../../src/server/storage/postgres/database.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function missing(what: string, error: unknown): undefined {
  const why = `${what} unreachable (${(error as Error).message})`;
  if (process.env.CI === 'true') throw new Error(`${why}: CI must provide it`);
  console.warn(`\n*** ${what.toUpperCase()} TESTS SKIPPED: ${why} ***\n`);
  return undefined;
}

/** A schema name of its own for one test file (`gd_t_<hex>`): drop it with {@link dropSchema}. */
export function testSchema(): string {
  return `gd_t_${randomBytes(6).toString('hex')}`;
}

/** A connection to the test database in a new schema, or undefined (warned) when there is none. */
export async function testPostgres(schema = testSchema(), poolSize = 4): Promise<PostgresDatabase | undefined> {
  try {
    return await PostgresDatabase.open({ url: TEST_DATABASE_URL, schema, poolSize });
  } catch (error) {
    return missing('PostgreSQL', error);
  }
}

/** Drops the database's schema with everything in it, and closes it. */
export async function dropSchema(db: PostgresDatabase): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS ${db.schema} CASCADE`);
  await db.close();
}

/** The Redis URL if Redis answers, or undefined (warned). */
export async function testRedis(): Promise<string | undefined> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return TEST_REDIS_URL;
  } catch (error) {
    return missing('Redis', error);
  } finally {
    redis.disconnect();
  }
}
