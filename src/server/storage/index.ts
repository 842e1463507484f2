/**
 * The server's storage: matches, bots' keys and seats, and join codes, all in one
 * SQLite file (architecture.md, Runtime).
 * @module
 */
import { BotKeyStore } from './botKeys.ts';
import { CodeStore } from './codes.ts';
import { SqliteStore, type SqliteStoreOptions } from './sqlite.ts';

export { BotKeyStore, type BotSeat, type KeyedSeat } from './botKeys.ts';
export { CODE_ALPHABET, CODE_LENGTH, CodeStore, normaliseCode, randomCode } from './codes.ts';
export { cascadeOnWipe, DATABASE_FILE, SCHEMA_VERSION, SqliteStore, type SqliteStoreOptions } from './sqlite.ts';

/** The three stores on one database file. */
export interface Storage {
  /** boardgame.io's storage (`Server({ db: storage.matches })`). */
  readonly matches: SqliteStore;
  readonly bots: BotKeyStore;
  readonly codes: CodeStore;
  /** Closes the database. */
  close(): void;
}

/** Opens `<dir>/going-dark.sqlite` and the three stores on it, in the order the wipe cascade needs. */
export function openStorage(options: SqliteStoreOptions): Storage {
  const matches = new SqliteStore(options);
  try {
    return {
      matches,
      bots: new BotKeyStore(matches.db),
      codes: new CodeStore(matches.db),
      close: () => matches.close(),
    };
  } catch (error) {
    matches.close();
    throw error;
  }
}
