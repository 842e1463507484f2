/**
 * Where classes are kept: the class (its settings, the hash of the teacher's key, whether
 * it is locked or paused, how many rounds it has played), its students (nickname and the
 * hash of their token — no other personal data), and each round's seats (which student
 * plays which seat of which match, with the seat's credentials, so a student's browser
 * can fetch its seat with its token). Keys and tokens are stored only as SHA-256 hashes.
 *
 * {@link ClassStore} is what the class service needs; {@link SqliteClassStore} keeps it in
 * the server's SQLite file, `PostgresClassStore` (postgresStore.ts) in PostgreSQL for the
 * scale-out path, with the same tables, answers and orderings.
 * @module
 */
import type Database from 'better-sqlite3';
import type { Role } from '../../game/index.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS classes (
  code             TEXT PRIMARY KEY,
  teacher_key_hash TEXT NOT NULL,
  settings         TEXT NOT NULL,
  locked           INTEGER NOT NULL DEFAULT 0,
  paused           INTEGER NOT NULL DEFAULT 0,
  rounds           INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS class_students (
  class_code  TEXT NOT NULL REFERENCES classes(code) ON DELETE CASCADE,
  id          TEXT NOT NULL,
  nickname    TEXT NOT NULL,
  token_hash  TEXT NOT NULL,
  removed     INTEGER NOT NULL DEFAULT 0,
  joined_at   INTEGER NOT NULL,
  PRIMARY KEY (class_code, id)
) STRICT;
CREATE TABLE IF NOT EXISTS class_seats (
  class_code  TEXT NOT NULL REFERENCES classes(code) ON DELETE CASCADE,
  round       INTEGER NOT NULL,
  table_no    INTEGER NOT NULL,
  match_id    TEXT NOT NULL,
  seat        TEXT NOT NULL,
  role        TEXT NOT NULL,
  student_id  TEXT,
  credentials TEXT,
  stand_in    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (class_code, round, table_no, seat)
) STRICT;
CREATE INDEX IF NOT EXISTS class_seats_match ON class_seats (match_id);
`;

/** Columns added after the first version of these tables, for databases made before them. */
const ADDED: readonly [table: string, column: string, definition: string][] = [
  ['classes', 'paused', 'INTEGER NOT NULL DEFAULT 0'],
  ['class_seats', 'stand_in', 'INTEGER NOT NULL DEFAULT 0'],
];

/** What the teacher chose when creating the class. */
export interface ClassSettings {
  readonly scenario: string;
  readonly crew: 2 | 3;
  readonly judge: 'teacher' | 'bot';
  readonly days?: number;
  readonly dayTimerSeconds?: number;
}

/** A class as stored. */
export interface ClassRecord {
  readonly code: string;
  readonly teacherKeyHash: string;
  readonly settings: ClassSettings;
  readonly locked: boolean;
  /** The teacher paused the class: no moves are taken and the bots wait. */
  readonly paused: boolean;
  readonly rounds: number;
}

/** A student as stored. */
export interface StudentRecord {
  readonly id: string;
  readonly nickname: string;
  readonly tokenHash: string;
  readonly removed: boolean;
}

/** One seat of one round: a student's, the teacher's (the judge), or a bot's (no student). */
export interface ClassSeat {
  readonly round: number;
  readonly table: number;
  readonly matchID: string;
  readonly seat: string;
  readonly role: Role;
  /** A student id, "teacher" for the judge seat the teacher plays, absent for a bot. */
  readonly student?: string;
  readonly credentials?: string;
  /** A stand-in bot plays this student's seat. */
  readonly standIn?: boolean;
}

/**
 * The round a {@link ClassStore.saveRound} meant to record is no longer the class's next
 * round: another request (perhaps in another process) recorded it first.
 */
export class RoundTaken extends Error {
  constructor(
    readonly code: string,
    readonly round: number,
  ) {
    super(`round ${round + 1} of class ${code} was already started`);
    this.name = 'RoundTaken';
  }
}

/** A student could not join: the class was locked (checked in the same statement as the join). */
export class ClassLocked extends Error {
  constructor(readonly code: string) {
    super(`class ${code} is locked`);
    this.name = 'ClassLocked';
  }
}

/** Classes, students and seats, wherever they are kept. Every answer is a promise. */
export interface ClassStore {
  /** Stores a new class; false when the code is taken (never overwrites it). */
  createClass(code: string, teacherKeyHash: string, settings: ClassSettings, now?: number): Promise<boolean>;
  /** The class, or undefined when no class has the code. */
  getClass(code: string): Promise<ClassRecord | undefined>;
  setLocked(code: string, locked: boolean): Promise<void>;
  setPaused(code: string, paused: boolean): Promise<void>;
  /** Whether a match belongs to a paused class (false for a match of no class). */
  isMatchPaused(matchID: string): Promise<boolean>;
  /** Marks whether a stand-in bot plays one seat of one match of the class. */
  setStandIn(code: string, matchID: string, seat: string, on: boolean): Promise<void>;
  /**
   * Adds a student (not removed) unless the class is locked, in one statement, so that a
   * lock that commits first is never passed; rejects with {@link ClassLocked} then, and
   * otherwise when the class does not exist or the id is taken.
   */
  addStudent(code: string, student: Omit<StudentRecord, 'removed'>, now?: number): Promise<void>;
  /** The class's students, removed ones too, in the order they joined (ties by id, bytewise). */
  students(code: string): Promise<StudentRecord[]>;
  rename(code: string, id: string, nickname: string): Promise<void>;
  setRemoved(code: string, id: string, removed: boolean): Promise<void>;
  /**
   * Records a round's seats and moves the class's round count from `round` to `round + 1`,
   * all or nothing; rejects with {@link RoundTaken} (saving nothing) when the count is
   * not `round` — two requests that both started round `round` cannot both record it.
   */
  saveRound(code: string, round: number, seats: readonly ClassSeat[]): Promise<void>;
  /** Records more seats of a round already saved (claimed with no seats, say), all or nothing. */
  addSeats(code: string, seats: readonly ClassSeat[]): Promise<void>;
  /** Every seat of every round of the class, by round, table and seat number. */
  seats(code: string): Promise<ClassSeat[]>;
}

interface ClassRow {
  code: string;
  teacher_key_hash: string;
  settings: string;
  locked: number;
  paused: number;
  rounds: number;
}
interface StudentRow {
  id: string;
  nickname: string;
  token_hash: string;
  removed: number;
}
interface SeatRow {
  round: number;
  table_no: number;
  match_id: string;
  seat: string;
  role: string;
  student_id: string | null;
  credentials: string | null;
  stand_in: number;
}

function prepare(db: Database.Database) {
  return {
    insertClass: db.prepare<[string, string, string, number]>(
      'INSERT INTO classes (code, teacher_key_hash, settings, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    getClass: db.prepare<[string], ClassRow>('SELECT * FROM classes WHERE code = ?'),
    setLocked: db.prepare<[number, string]>('UPDATE classes SET locked = ? WHERE code = ?'),
    setPaused: db.prepare<[number, string]>('UPDATE classes SET paused = ? WHERE code = ?'),
    pausedMatch: db
      .prepare<[string], number>(
        `SELECT c.paused FROM class_seats s JOIN classes c ON c.code = s.class_code WHERE s.match_id = ? LIMIT 1`,
      )
      .pluck(),
    setStandIn: db.prepare<[number, string, string, string]>(
      'UPDATE class_seats SET stand_in = ? WHERE class_code = ? AND match_id = ? AND seat = ?',
    ),
    // Compare-and-set: the count moves only from the round being saved (RoundTaken otherwise).
    nextRound: db.prepare<[number, string, number]>('UPDATE classes SET rounds = ? WHERE code = ? AND rounds = ?'),
    // Inserts nothing when the class is locked (or missing): the caller tells which.
    insertStudent: db.prepare<[string, string, string, string, number, string]>(
      `INSERT INTO class_students (class_code, id, nickname, token_hash, joined_at)
       SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM classes WHERE code = ? AND locked = 1)`,
    ),
    students: db.prepare<[string], StudentRow>(
      'SELECT id, nickname, token_hash, removed FROM class_students WHERE class_code = ? ORDER BY joined_at, id',
    ),
    rename: db.prepare<[string, string, string]>(
      'UPDATE class_students SET nickname = ? WHERE class_code = ? AND id = ?',
    ),
    remove: db.prepare<[number, string, string]>(
      'UPDATE class_students SET removed = ? WHERE class_code = ? AND id = ?',
    ),
    insertSeat: db.prepare<[string, number, number, string, string, string, string | null, string | null]>(
      `INSERT INTO class_seats (class_code, round, table_no, match_id, seat, role, student_id, credentials)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    seats: db.prepare<[string], SeatRow>(
      'SELECT round, table_no, match_id, seat, role, student_id, credentials, stand_in FROM class_seats WHERE class_code = ? ORDER BY round, table_no, CAST(seat AS INTEGER)',
    ),
  };
}

/** Classes, students and seats in the server's SQLite database (synchronous statements behind promises). */
export class SqliteClassStore implements ClassStore {
  readonly #s: ReturnType<typeof prepare>;
  /** Records a round in one SQLite transaction: all or nothing. */
  readonly #saveRound: (code: string, round: number, seats: readonly ClassSeat[]) => void;
  /** Records seats in one SQLite transaction: all or nothing. */
  readonly #addSeats: (code: string, seats: readonly ClassSeat[]) => void;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    for (const [table, column, definition] of ADDED) {
      const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
      if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
    const s = prepare(db);
    this.#s = s;
    const insertSeats = (code: string, seats: readonly ClassSeat[]) => {
      for (const seat of seats) {
        s.insertSeat.run(
          code,
          seat.round,
          seat.table,
          seat.matchID,
          seat.seat,
          seat.role,
          seat.student ?? null,
          seat.credentials ?? null,
        );
      }
    };
    this.#saveRound = db.transaction((code: string, round: number, seats: readonly ClassSeat[]) => {
      if (s.nextRound.run(round + 1, code, round).changes !== 1) throw new RoundTaken(code, round);
      insertSeats(code, seats);
    });
    this.#addSeats = db.transaction(insertSeats);
  }

  async createClass(code: string, teacherKeyHash: string, settings: ClassSettings, now = Date.now()): Promise<boolean> {
    return this.#s.insertClass.run(code, teacherKeyHash, JSON.stringify(settings), now).changes === 1;
  }

  async getClass(code: string): Promise<ClassRecord | undefined> {
    const row = this.#s.getClass.get(code);
    if (!row) return undefined;
    return {
      code: row.code,
      teacherKeyHash: row.teacher_key_hash,
      settings: JSON.parse(row.settings) as ClassSettings,
      locked: row.locked === 1,
      paused: row.paused === 1,
      rounds: row.rounds,
    };
  }

  async setLocked(code: string, locked: boolean): Promise<void> {
    this.#s.setLocked.run(locked ? 1 : 0, code);
  }

  async setPaused(code: string, paused: boolean): Promise<void> {
    this.#s.setPaused.run(paused ? 1 : 0, code);
  }

  async isMatchPaused(matchID: string): Promise<boolean> {
    return this.#s.pausedMatch.get(matchID) === 1;
  }

  async setStandIn(code: string, matchID: string, seat: string, on: boolean): Promise<void> {
    this.#s.setStandIn.run(on ? 1 : 0, code, matchID, seat);
  }

  async addStudent(code: string, student: Omit<StudentRecord, 'removed'>, now = Date.now()): Promise<void> {
    // A missing class fails the foreign key; a locked one inserts nothing.
    const { changes } = this.#s.insertStudent.run(code, student.id, student.nickname, student.tokenHash, now, code);
    if (changes === 0) throw new ClassLocked(code);
  }

  async students(code: string): Promise<StudentRecord[]> {
    return this.#s.students.all(code).map((r) => ({
      id: r.id,
      nickname: r.nickname,
      tokenHash: r.token_hash,
      removed: r.removed === 1,
    }));
  }

  async rename(code: string, id: string, nickname: string): Promise<void> {
    this.#s.rename.run(nickname, code, id);
  }

  async setRemoved(code: string, id: string, removed: boolean): Promise<void> {
    this.#s.remove.run(removed ? 1 : 0, code, id);
  }

  async saveRound(code: string, round: number, seats: readonly ClassSeat[]): Promise<void> {
    this.#saveRound(code, round, seats);
  }

  async addSeats(code: string, seats: readonly ClassSeat[]): Promise<void> {
    this.#addSeats(code, seats);
  }

  async seats(code: string): Promise<ClassSeat[]> {
    return this.#s.seats.all(code).map((r) => ({
      round: r.round,
      table: r.table_no,
      matchID: r.match_id,
      seat: r.seat,
      role: r.role as Role,
      ...(r.student_id !== null ? { student: r.student_id } : {}),
      ...(r.credentials !== null ? { credentials: r.credentials } : {}),
      ...(r.stand_in === 1 ? { standIn: true } : {}),
    }));
  }
}
