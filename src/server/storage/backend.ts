/**
 * The server's storage, chosen by the configuration: an embedded SQLite file (the default:
 * one process, nothing to install) or PostgreSQL (DATABASE_URL: the store several
 * processes share). Either way the server sees the same four parts.
 * @module
 */
import type { StorageAPI } from 'boardgame.io';
import { PostgresClassStore } from '../classes/postgresStore.ts';
import { type ClassStore, SqliteClassStore } from '../classes/store.ts';
import { BotKeyStore } from './botKeys.ts';
import { CodeStore } from './codes.ts';
import type { BotSeats, JoinCodes } from './ports.ts';
import { PostgresBotSeats } from './postgres/botSeats.ts';
import { PostgresJoinCodes } from './postgres/codes.ts';
import { PostgresDatabase } from './postgres/database.ts';
import { PostgresMatchStore } from './postgres/matches.ts';
import { SqliteStore } from './sqlite.ts';

/** Where the storage lives. */
export interface BackendOptions {
  /** Folder of the SQLite file (used when there is no `databaseUrl`). */
  readonly dataDir: string;
  /** PostgreSQL URL: use PostgreSQL instead of SQLite. */
  readonly databaseUrl?: string | undefined;
  /** PostgreSQL schema for the tables (default `public`). */
  readonly databaseSchema?: string | undefined;
}

/** The server's storage. */
export interface Backend {
  readonly kind: 'sqlite' | 'postgres';
  /** boardgame.io's match store. */
  readonly matches: StorageAPI.Async;
  readonly codes: JoinCodes;
  readonly bots: BotSeats;
  readonly classes: ClassStore;
  /** Closes the database. */
  close(): Promise<void>;
}

/** Opens the storage the options name, creating missing tables. */
export async function openBackend(options: BackendOptions): Promise<Backend> {
  return options.databaseUrl
    ? openPostgresBackend(options.databaseUrl, options.databaseSchema)
    : openSqliteBackend(options.dataDir);
}

function openSqliteBackend(dataDir: string): Backend {
  const matches = new SqliteStore({ dir: dataDir });
  // On the match store's database, after it, so wiping a match also clears their rows.
  const codes = new CodeStore(matches.db);
  const bots = new BotKeyStore(matches.db);
  return {
    kind: 'sqlite',
    matches,
    codes: {
      createCode: async (matchID, random) => codes.createCode(matchID, random),
      matchOf: async (code) => codes.matchOf(code),
      codeOf: async (matchID) => codes.codeOf(matchID),
    },
    bots: {
      openSeat: async (matchID, seat) => ({ ...bots.forSeat(matchID, seat), settled: async () => {} }),
      // One process: every seat is this process's.
      saveSeat: async (seat) => bots.saveSeat(seat),
      removeSeat: async (matchID, seat) => bots.removeSeat(matchID, seat),
      claimSeats: async () => bots.listSeats(),
    },
    classes: new SqliteClassStore(matches.db),
    close: async () => matches.close(),
  };
}

async function openPostgresBackend(url: string, schema: string | undefined): Promise<Backend> {
  const db = await PostgresDatabase.open({ url, ...(schema ? { schema } : {}) });
  try {
    const [codes, bots, classes] = await Promise.all([
      PostgresJoinCodes.open(db),
      PostgresBotSeats.open(db),
      PostgresClassStore.open(db),
    ]);
    // Wiping a match also drops its join code and its bots' keys and seats.
    const matches = await PostgresMatchStore.open(db, async (matchID) => {
      await Promise.all([codes.dropMatch(matchID), bots.dropMatch(matchID)]);
    });
    return { kind: 'postgres', matches, codes, bots, classes, close: () => db.close() };
  } catch (error) {
    await db.close();
    throw error;
  }
}
