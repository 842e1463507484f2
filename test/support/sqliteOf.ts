/** The SQLite match store of a server started on the default path (tests that read its tables). */
import type { RunningServer } from '../../src/server/app.ts';
import { SqliteStore } from '../../src/server/storage/sqlite.ts';

export function sqliteOf(server: RunningServer): SqliteStore {
  if (!(server.store instanceof SqliteStore)) throw new Error('this server does not run on SQLite');
  return server.store;
}
