/**
 * The bot key store in PostgreSQL (architecture.md, Runtime: bots' device keys in their own
 * table, never in match state), with the seats bots play and which process hosts each.
 *
 * A seat's keys are loaded into memory when its bot starts; `set` updates memory at once
 * and writes through in order, and the bot host waits for {@link SeatKeyStore.settled}
 * before sending a move, so a key is in the database before the move that publishes it.
 *
 * Hosting: a seat row names its host process and a lease end. A host renews its leases
 * while it runs; a seat whose lease ran out (its process was killed) is claimed by the
 * next process that calls {@link PostgresBotSeats.claimSeats}. The claim is one UPDATE,
 * so two processes never both claim a seat.
 * @module
 */
import type { Personality } from '../../../bots/types.ts';
import type { Role, SeatId } from '../../../game/index.ts';
import type { BotSeat } from '../botKeys.ts';
import type { BotSeats, SeatKeyStore } from '../ports.ts';
import type { PostgresDatabase } from './database.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bot_keys (
  match_id TEXT NOT NULL,
  seat     TEXT NOT NULL,
  name     TEXT NOT NULL,
  value    BYTEA NOT NULL,
  made     BIGINT GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (match_id, seat, name)
);
CREATE TABLE IF NOT EXISTS bot_seats (
  match_id    TEXT NOT NULL,
  seat        TEXT NOT NULL,
  role        TEXT NOT NULL,
  personality TEXT NOT NULL,
  credentials TEXT NOT NULL,
  host        TEXT NOT NULL,
  lease_until BIGINT NOT NULL,
  PRIMARY KEY (match_id, seat)
);
`;

const ROLES: ReadonlySet<string> = new Set<Role>(['sender', 'carrier', 'relay', 'investigator', 'judge']);

/** How long a host's claim on a seat lasts without renewal, in ms (default 30 s). */
export const DEFAULT_LEASE_MS = 30_000;

interface SeatRow {
  match_id: string;
  seat: string;
  role: string;
  personality: string;
  credentials: string;
}

function toSeat(row: SeatRow): BotSeat {
  if (!ROLES.has(row.role)) throw new Error(`bot_seats holds an unknown role ${JSON.stringify(row.role)}`);
  return {
    matchID: row.match_id,
    seat: row.seat as SeatId,
    role: row.role as Role,
    personality: row.personality as Personality,
    credentials: row.credentials,
  };
}

/** Bots' keys and seats in PostgreSQL. */
export class PostgresBotSeats implements BotSeats {
  readonly #db: PostgresDatabase;
  readonly #leaseMs: number;

  private constructor(db: PostgresDatabase, leaseMs: number) {
    this.#db = db;
    this.#leaseMs = leaseMs;
  }

  /** Creates the tables if they are missing. */
  static async open(db: PostgresDatabase, leaseMs = DEFAULT_LEASE_MS): Promise<PostgresBotSeats> {
    await db.exclusive(SCHEMA);
    return new PostgresBotSeats(db, leaseMs);
  }

  async openSeat(matchID: string, seat: SeatId): Promise<SeatKeyStore> {
    const { rows } = await this.#db.query<{ name: string; value: Buffer }>(
      'SELECT name, value FROM bot_keys WHERE match_id = $1 AND seat = $2 ORDER BY made',
      [matchID, seat],
    );
    const values = new Map(rows.map((r) => [r.name, Uint8Array.from(r.value)]));
    let writes: Promise<void> = Promise.resolve();
    let failure: Error | undefined;
    return {
      get: (name) => {
        const value = values.get(name);
        return value === undefined ? undefined : Uint8Array.from(value);
      },
      set: (name, value) => {
        const copy = Uint8Array.from(value);
        values.set(name, copy);
        // Chained, so the database sees the writes in the order they were made.
        writes = writes.then(async () => {
          await this.#db
            .query(
              `INSERT INTO bot_keys (match_id, seat, name, value) VALUES ($1, $2, $3, $4)
               ON CONFLICT (match_id, seat, name) DO UPDATE SET value = excluded.value`,
              [matchID, seat, name, Buffer.from(copy)],
            )
            .then(
              () => {},
              (error: Error) => {
                failure ??= error;
              },
            );
        });
      },
      names: () => [...values.keys()],
      settled: async () => {
        await writes;
        if (failure) throw failure;
      },
    };
  }

  async saveSeat(seat: BotSeat, host: string): Promise<void> {
    if (!ROLES.has(seat.role)) throw new Error(`unknown role ${JSON.stringify(seat.role)}`);
    await this.#db.query(
      `INSERT INTO bot_seats (match_id, seat, role, personality, credentials, host, lease_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (match_id, seat) DO UPDATE SET role = excluded.role, personality = excluded.personality,
         credentials = excluded.credentials, host = excluded.host, lease_until = excluded.lease_until`,
      [seat.matchID, seat.seat, seat.role, seat.personality, seat.credentials, host, Date.now() + this.#leaseMs],
    );
  }

  async removeSeat(matchID: string, seat: SeatId): Promise<void> {
    await this.#db.query('DELETE FROM bot_seats WHERE match_id = $1 AND seat = $2', [matchID, seat]);
  }

  async claimSeats(host: string): Promise<BotSeat[]> {
    const now = Date.now();
    const { rows } = await this.#db.query<SeatRow>(
      `UPDATE bot_seats SET host = $1, lease_until = $2
       WHERE host = $1 OR lease_until < $3
       RETURNING match_id, seat, role, personality, credentials`,
      [host, now + this.#leaseMs, now],
    );
    return rows.map(toSeat).sort((a, b) => a.matchID.localeCompare(b.matchID) || a.seat.localeCompare(b.seat));
  }

  /** Deletes a match's bot keys and seats. */
  async dropMatch(matchID: string): Promise<void> {
    await this.#db.transaction(async (client) => {
      await client.query('DELETE FROM bot_keys WHERE match_id = $1', [matchID]);
      await client.query('DELETE FROM bot_seats WHERE match_id = $1', [matchID]);
    });
  }
}
