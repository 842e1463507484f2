/**
 * The bot key store (architecture.md, Runtime): the device keys of bots hosted by the
 * server, in their own table of the server's SQLite file, never in match state, so the
 * "no secret in match state" rule holds and bots survive a restart. Beside it,
 * `bot_seats` records which seats of which matches are bots (role, personality, the
 * seat's lobby credentials) so the server can resume them after a restart.
 *
 * better-sqlite3 is synchronous, so the {@link KeyStore} of a seat is too, and `set`
 * writes through at once: a key is in the database before the move that publishes its
 * public key is made.
 * @module
 */
import type Database from 'better-sqlite3';
import type { Personality } from '../../bots/types.ts';
import type { KeyStore } from '../../device/keyStore.ts';
import type { Role, SeatId } from '../../game/index.ts';
import { cascadeOnWipe } from './sqliteFile.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bot_keys (
  match_id TEXT NOT NULL,
  seat     TEXT NOT NULL,
  name     TEXT NOT NULL,
  value    BLOB NOT NULL,
  PRIMARY KEY (match_id, seat, name)
) STRICT;
CREATE TABLE IF NOT EXISTS bot_seats (
  match_id    TEXT NOT NULL,
  seat        TEXT NOT NULL,
  role        TEXT NOT NULL,
  personality TEXT NOT NULL,
  credentials TEXT NOT NULL,
  PRIMARY KEY (match_id, seat)
) STRICT;
`;

/** A seat of a match played by a bot on this server. */
export interface BotSeat {
  readonly matchID: string;
  readonly seat: SeatId;
  readonly role: Role;
  readonly personality: Personality;
  /** The seat's lobby credentials, which the bot's client sends with its moves. */
  readonly credentials: string;
}

/** A seat that has keys in the store. */
export interface KeyedSeat {
  readonly matchID: string;
  readonly seat: SeatId;
}

const ROLES: ReadonlySet<string> = new Set<Role>(['sender', 'carrier', 'relay', 'investigator', 'judge']);

function prepareStatements(db: Database.Database) {
  return {
    get: db
      .prepare<[string, string, string], Uint8Array>(
        `SELECT value FROM bot_keys WHERE match_id = ? AND seat = ? AND name = ?`,
      )
      .pluck(),
    set: db.prepare<[string, string, string, Uint8Array]>(
      `INSERT INTO bot_keys (match_id, seat, name, value) VALUES (?, ?, ?, ?)
       ON CONFLICT (match_id, seat, name) DO UPDATE SET value = excluded.value`,
    ),
    names: db
      .prepare<[string, string], string>(`SELECT name FROM bot_keys WHERE match_id = ? AND seat = ? ORDER BY rowid`)
      .pluck(),
    seats: db.prepare<[], { matchID: string; seat: string }>(
      `SELECT DISTINCT match_id AS matchID, seat FROM bot_keys ORDER BY match_id, seat`,
    ),
    saveSeat: db.prepare<[string, string, string, string, string]>(
      `INSERT INTO bot_seats (match_id, seat, role, personality, credentials) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (match_id, seat) DO UPDATE SET role = excluded.role, personality = excluded.personality,
         credentials = excluded.credentials`,
    ),
    removeSeat: db.prepare<[string, string]>(`DELETE FROM bot_seats WHERE match_id = ? AND seat = ?`),
    listSeats: db.prepare<[], Record<keyof BotSeat, string>>(
      `SELECT match_id AS matchID, seat, role, personality, credentials FROM bot_seats ORDER BY match_id, seat`,
    ),
    dropKeys: db.prepare<[string]>(`DELETE FROM bot_keys WHERE match_id = ?`),
    dropSeats: db.prepare<[string]>(`DELETE FROM bot_seats WHERE match_id = ?`),
  };
}

/**
 * Bots' keys and seats in the server's SQLite file. Construct it on the database of a
 * {@link SqliteStore} (`new BotKeyStore(store.db)`), after the store, so that wiping a
 * match also deletes its bots' keys and seats.
 */
export class BotKeyStore {
  readonly #statements: ReturnType<typeof prepareStatements>;
  readonly #dropMatch: (matchID: string) => void;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    // Wiping a match from the match store deletes its bots' keys and seats too.
    cascadeOnWipe(
      db,
      'bot_keys_wipe',
      'DELETE FROM bot_keys WHERE match_id = OLD.id; DELETE FROM bot_seats WHERE match_id = OLD.id;',
    );
    const s = prepareStatements(db);
    this.#statements = s;
    this.#dropMatch = db.transaction((matchID: string) => {
      s.dropKeys.run(matchID);
      s.dropSeats.run(matchID);
    });
  }

  /** The key store of one bot seat; every `set` is committed before it returns. */
  forSeat(matchID: string, seat: SeatId): KeyStore {
    const s = this.#statements;
    return {
      get: (name) => {
        const value = s.get.get(matchID, seat, name);
        // A plain Uint8Array copy, not the Buffer better-sqlite3 returns.
        return value === undefined ? undefined : Uint8Array.from(value);
      },
      set: (name, value) => {
        s.set.run(matchID, seat, name, Uint8Array.from(value));
      },
      names: () => s.names.all(matchID, seat),
    };
  }

  /** Every seat with at least one key, ordered by match and seat. */
  seats(): KeyedSeat[] {
    return this.#statements.seats.all();
  }

  /** Records (or replaces) a bot seat. */
  saveSeat(seat: BotSeat): void {
    if (!ROLES.has(seat.role)) throw new Error(`unknown role ${JSON.stringify(seat.role)}`);
    this.#statements.saveSeat.run(seat.matchID, seat.seat, seat.role, seat.personality, seat.credentials);
  }

  /** Forgets a bot seat (a stand-in handed back to its student); its keys stay until the match is wiped. */
  removeSeat(matchID: string, seat: SeatId): void {
    this.#statements.removeSeat.run(matchID, seat);
  }

  /** Every bot seat recorded, ordered by match and seat. */
  listSeats(): BotSeat[] {
    return this.#statements.listSeats.all().map((row) => {
      if (!ROLES.has(row.role)) throw new Error(`bot_seats holds an unknown role ${JSON.stringify(row.role)}`);
      return { ...row, role: row.role as Role, personality: row.personality as Personality };
    });
  }

  /** Deletes a match's bot keys and bot seats, in one transaction. */
  dropMatch(matchID: string): void {
    this.#dropMatch(matchID);
  }
}
