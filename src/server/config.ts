/**
 * The server's configuration, from the environment, with defaults that make
 * `npm start` work on a fresh clone.
 * @module
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** What the server needs to start. */
export interface ServerConfig {
  /** TCP port (PORT, default 8000). */
  readonly port: number;
  /** Interface to listen on (HOST, default 127.0.0.1: this machine only). */
  readonly host: string;
  /** Folder of the SQLite database (DATA_DIR, default ./data). */
  readonly dataDir: string;
  /** Folder of the built UI (default ./dist). */
  readonly staticDir: string;
  /** Browser origins allowed on the socket and API (ORIGINS, comma-separated; default the server's own). */
  readonly origins: string[];
  /** Largest socket message in bytes (MAX_MESSAGE_BYTES, default 256 KiB). */
  readonly maxMessageBytes: number;
  /** Largest API request body in bytes (default 16 KiB). */
  readonly maxBodyBytes: number;
  /** Tables one address may create per minute (CREATE_RATE, default 20). */
  readonly createPerMinute: number;
  /** PostgreSQL instead of SQLite (DATABASE_URL): the store several processes share. */
  readonly databaseUrl?: string | undefined;
  /** The PostgreSQL schema of the tables (DATABASE_SCHEMA, default `public`). */
  readonly databaseSchema?: string | undefined;
  /** Redis for updates between processes (REDIS_URL); needs DATABASE_URL. */
  readonly redisUrl?: string | undefined;
  /**
   * This process's name among several (INSTANCE_ID, default host name and port): it owns
   * the bots it hosts, and takes them back after a restart under the same name.
   */
  readonly instance: string;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

/** Reads the configuration from an environment (default: `process.env`). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = int(env.PORT, 8000, 'PORT');
  const host = env.HOST || '127.0.0.1';
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const origins = env.ORIGINS
    ? env.ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean)
    : [`http://${shown}:${port}`, `http://localhost:${port}`, `http://127.0.0.1:${port}`];
  const databaseUrl = env.DATABASE_URL || undefined;
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !databaseUrl) {
    throw new Error('REDIS_URL needs DATABASE_URL: processes that share updates must share one PostgreSQL store');
  }
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR || 'data'),
    staticDir: resolve(env.STATIC_DIR || 'dist'),
    origins,
    maxMessageBytes: int(env.MAX_MESSAGE_BYTES, 256 * 1024, 'MAX_MESSAGE_BYTES'),
    maxBodyBytes: 16 * 1024,
    createPerMinute: int(env.CREATE_RATE, 20, 'CREATE_RATE'),
    databaseUrl,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    redisUrl,
    instance: env.INSTANCE_ID || `${hostname()}:${port}`,
  };
}
