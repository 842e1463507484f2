/**
 * Classes, students and seats in PostgreSQL, for the scale-out path (several server
 * processes on one database): the tables, answers and orderings of the SQLite store
 * (store.ts), with the races that one synchronous process could not have closed by the
 * database itself — a taken class code by the primary key (`ON CONFLICT DO NOTHING`),
 * two requests recording the same round by a compare-and-set on the round count.
 *
 * Wiping a match leaves the class tables alone, as in SQLite: a class keeps the seats of
 * its past rounds (their match ids then fetch nothing).
 * @module
 */
import type { Role } from '../../game/index.ts';
import type { PostgresDatabase } from '../storage/postgres/database.ts';
import {
  ClassLocked,
  type ClassRecord,
  type ClassSeat,
  type ClassSettings,
  type ClassStore,
  RoundTaken,
  type StudentRecord,
} from './store.ts';

/**
 * The SQLite tables in PostgreSQL types: flags are booleans, times are milliseconds since
 * 1970 (BIGINT), the settings JSONB. Run under the schema lock (`db.exclusive`).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS classes (
  code             TEXT PRIMARY KEY,
  teacher_key_hash TEXT NOT NULL,
  settings         JSONB NOT NULL,
  locked           BOOLEAN NOT NULL DEFAULT false,
  paused           BOOLEAN NOT NULL DEFAULT false,
  rounds           INTEGER NOT NULL DEFAULT 0,
  created_at       BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS class_students (
  class_code  TEXT NOT NULL REFERENCES classes(code) ON DELETE CASCADE,
  id          TEXT NOT NULL,
  nickname    TEXT NOT NULL,
  token_hash  TEXT NOT NULL,
  removed     BOOLEAN NOT NULL DEFAULT false,
  joined_at   BIGINT NOT NULL,
  PRIMARY KEY (class_code, id)
);
CREATE TABLE IF NOT EXISTS class_seats (
  class_code  TEXT NOT NULL REFERENCES classes(code) ON DELETE CASCADE,
  round       INTEGER NOT NULL,
  table_no    INTEGER NOT NULL,
  match_id    TEXT NOT NULL,
  seat        TEXT NOT NULL,
  role        TEXT NOT NULL,
  student_id  TEXT,
  credentials TEXT,
  stand_in    BOOLEAN NOT NULL DEFAULT false,
  PRIMARY KEY (class_code, round, table_no, seat)
);
CREATE INDEX IF NOT EXISTS class_seats_match ON class_seats (match_id);
`;

interface ClassRow {
  code: string;
  teacher_key_hash: string;
  settings: ClassSettings;
  locked: boolean;
  paused: boolean;
  rounds: number;
}
interface StudentRow {
  id: string;
  nickname: string;
  token_hash: string;
  removed: boolean;
}
interface SeatRow {
  round: number;
  table_no: number;
  match_id: string;
  seat: string;
  role: string;
  student_id: string | null;
  credentials: string | null;
  stand_in: boolean;
}

/** Classes, students and seats in a PostgreSQL database shared by several processes. */
export class PostgresClassStore implements ClassStore {
  readonly #db: PostgresDatabase;

  private constructor(db: PostgresDatabase) {
    this.#db = db;
  }

  /** Creates the tables if missing (serialised across processes) and returns the store. */
  static async open(db: PostgresDatabase): Promise<PostgresClassStore> {
    await db.exclusive(SCHEMA);
    return new PostgresClassStore(db);
  }

  async createClass(code: string, teacherKeyHash: string, settings: ClassSettings, now = Date.now()): Promise<boolean> {
    // The primary key decides between two processes offering the same code at once.
    const result = await this.#db.query(
      `INSERT INTO classes (code, teacher_key_hash, settings, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [code, teacherKeyHash, JSON.stringify(settings), now],
    );
    return result.rowCount === 1;
  }

  async getClass(code: string): Promise<ClassRecord | undefined> {
    const { rows } = await this.#db.query<ClassRow>(
      'SELECT code, teacher_key_hash, settings, locked, paused, rounds FROM classes WHERE code = $1',
      [code],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      code: row.code,
      teacherKeyHash: row.teacher_key_hash,
      settings: row.settings,
      locked: row.locked,
      paused: row.paused,
      rounds: row.rounds,
    };
  }

  async setLocked(code: string, locked: boolean): Promise<void> {
    await this.#db.query('UPDATE classes SET locked = $1 WHERE code = $2', [locked, code]);
  }

  async setPaused(code: string, paused: boolean): Promise<void> {
    await this.#db.query('UPDATE classes SET paused = $1 WHERE code = $2', [paused, code]);
  }

  async isMatchPaused(matchID: string): Promise<boolean> {
    const { rows } = await this.#db.query<{ paused: boolean }>(
      `SELECT c.paused FROM class_seats s JOIN classes c ON c.code = s.class_code WHERE s.match_id = $1 LIMIT 1`,
      [matchID],
    );
    return rows[0]?.paused === true;
  }

  async setStandIn(code: string, matchID: string, seat: string, on: boolean): Promise<void> {
    await this.#db.query('UPDATE class_seats SET stand_in = $1 WHERE class_code = $2 AND match_id = $3 AND seat = $4', [
      on,
      code,
      matchID,
      seat,
    ]);
  }

  async addStudent(code: string, student: Omit<StudentRecord, 'removed'>, now = Date.now()): Promise<void> {
    // One statement: the join sees every lock committed before it began (Read Committed,
    // postgresql.org/docs/current/transaction-iso.html §13.2.1), so no student joins after
    // the teacher's lock was answered. A missing class fails the foreign key; a locked one
    // inserts nothing.
    const inserted = await this.#db.query(
      `INSERT INTO class_students (class_code, id, nickname, token_hash, joined_at)
       SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM classes WHERE code = $1 AND locked)`,
      [code, student.id, student.nickname, student.tokenHash, now],
    );
    if (inserted.rowCount === 0) throw new ClassLocked(code);
  }

  async students(code: string): Promise<StudentRecord[]> {
    // COLLATE "C": ties broken bytewise, as SQLite's BINARY collation does, whatever the database's locale.
    const { rows } = await this.#db.query<StudentRow>(
      `SELECT id, nickname, token_hash, removed FROM class_students WHERE class_code = $1
       ORDER BY joined_at, id COLLATE "C"`,
      [code],
    );
    return rows.map((r) => ({ id: r.id, nickname: r.nickname, tokenHash: r.token_hash, removed: r.removed }));
  }

  async rename(code: string, id: string, nickname: string): Promise<void> {
    await this.#db.query('UPDATE class_students SET nickname = $1 WHERE class_code = $2 AND id = $3', [
      nickname,
      code,
      id,
    ]);
  }

  async setRemoved(code: string, id: string, removed: boolean): Promise<void> {
    await this.#db.query('UPDATE class_students SET removed = $1 WHERE class_code = $2 AND id = $3', [
      removed,
      code,
      id,
    ]);
  }

  async saveRound(code: string, round: number, seats: readonly ClassSeat[]): Promise<void> {
    await this.#db.transaction(async (client) => {
      // Compare-and-set first: the row lock makes a concurrent save of the same round wait
      // for this one, then find the count moved and save nothing (RoundTaken).
      const moved = await client.query('UPDATE classes SET rounds = $1 WHERE code = $2 AND rounds = $3', [
        round + 1,
        code,
        round,
      ]);
      if (moved.rowCount !== 1) throw new RoundTaken(code, round);
      await insertSeats(client, code, seats);
    });
  }

  async addSeats(code: string, seats: readonly ClassSeat[]): Promise<void> {
    await insertSeats(this.#db, code, seats);
  }

  async seats(code: string): Promise<ClassSeat[]> {
    // SQLite orders by CAST(seat AS INTEGER): the seat's leading digits as a number, 0 without any.
    const { rows } = await this.#db.query<SeatRow>(
      `SELECT round, table_no, match_id, seat, role, student_id, credentials, stand_in FROM class_seats
       WHERE class_code = $1
       ORDER BY round, table_no, COALESCE(substring(seat from '^[0-9]{1,18}')::bigint, 0)`,
      [code],
    );
    return rows.map((r) => ({
      round: r.round,
      table: r.table_no,
      matchID: r.match_id,
      seat: r.seat,
      role: r.role as Role,
      ...(r.student_id !== null ? { student: r.student_id } : {}),
      ...(r.credentials !== null ? { credentials: r.credentials } : {}),
      ...(r.stand_in ? { standIn: true } : {}),
    }));
  }
}

/** Inserts a round's seats in one statement (parallel arrays, one element per seat). */
async function insertSeats(
  db: { query(text: string, values: unknown[]): Promise<unknown> },
  code: string,
  seats: readonly ClassSeat[],
): Promise<void> {
  if (seats.length === 0) return;
  await db.query(
    `INSERT INTO class_seats (class_code, round, table_no, match_id, seat, role, student_id, credentials)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
    [
      code,
      seats.map((s) => s.round),
      seats.map((s) => s.table),
      seats.map((s) => s.matchID),
      seats.map((s) => s.seat),
      seats.map((s) => s.role),
      seats.map((s) => s.student ?? null),
      seats.map((s) => s.credentials ?? null),
    ],
  );
}
