/**
 * Classroom rounds: a teacher creates a class and gets a class code and a teacher key
 * (kept in the teacher's browser; only its SHA-256 hash is stored); students join with
 * the code and a nickname and get a token; each round seats every student at balanced
 * tables with rotated roles (`seating.ts`), bots in the empty seats, and the judge
 * played by the teacher or a bot. The dashboard reads every table's day, who is
 * connected and who has ended the day, and the outcome so far; the projector gets the
 * same status and only the public event feed — never a seat's private view.
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Server, State } from 'boardgame.io';
import { type RandomSource, secureRandom, toHex } from '../../crypto/index.ts';
import { type GameState, type KeySource, type Role, SCENARIOS, type ScenarioId, winPathOf } from '../../game/index.ts';
import { randomCode } from '../storage/codes.ts';
import type { Tables } from '../tables.ts';
import { checkNickname, suggestNickname } from './nicknames.ts';
import {
  type ClassDebrief,
  type Dashboard,
  type DashboardTable,
  type DebriefTable,
  type ProjectorTable,
  type RoundTotals,
  roundSummary,
} from './reports.ts';
import { planRound } from './seating.ts';
import {
  ClassLocked,
  type ClassRecord,
  type ClassSeat,
  type ClassSettings,
  type ClassStore,
  RoundTaken,
} from './store.ts';

/** A refusal the API turns into a 4xx answer. */
export class ClassError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** What the class service reads of a match. */
export interface MatchReader {
  fetch(
    matchID: string,
    opts: { state: true; metadata: true },
  ): Promise<{ state?: State<GameState>; metadata?: Server.MatchData }>;
}

/** What the class service asks of the hosted bots. */
export interface BotControl {
  /** Starts a stand-in bot on a student's seat, with the seat's credentials (and records it, to survive a restart). */
  standIn(seat: { matchID: string; seat: string; role: Role; credentials: string }): Promise<void>;
  /** Stops a stand-in bot and forgets it. */
  release(matchID: string, seat: string): void;
  pause(matchID: string): void;
  resume(matchID: string): Promise<void>;
  /** Makes a seat's bot send a move now; false when no bot runs there. */
  move(matchID: string, seat: string, name: string, args: unknown): boolean;
}

const hash = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The classes of one server. */
export class Classes {
  readonly #store: ClassStore;
  readonly #tables: Tables;
  readonly #matches: MatchReader;
  readonly #random: RandomSource;
  readonly #bots: BotControl | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * @param store - classes, students, seats
   * @param tables - the table service (creating and joining matches)
   * @param matches - reads a match's state and metadata
   * @param bots - the hosted bots (pause, resume, stand-ins, ending the day); absent: those calls are refused
   * @param random - randomness for codes, keys and tokens
   */
  constructor(
    store: ClassStore,
    tables: Tables,
    matches: MatchReader,
    bots?: BotControl,
    random: RandomSource = secureRandom,
  ) {
    this.#store = store;
    this.#tables = tables;
    this.#matches = matches;
    this.#bots = bots;
    this.#random = random;
  }

  #botControl(): BotControl {
    if (!this.#bots) throw new ClassError(409, 'this server runs no bots');
    return this.#bots;
  }

  /** The current round's seats of a class. */
  async #current(code: string, rounds: number): Promise<ClassSeat[]> {
    return (await this.#store.seats(code)).filter((s) => s.round === rounds - 1);
  }

  /** Whether a match belongs to a paused class (the socket guard drops its moves). */
  isMatchPaused(matchID: string): Promise<boolean> {
    return this.#store.isMatchPaused(matchID);
  }

  /** Pauses the class (no moves are taken, the bots wait) or resumes it. */
  async pause(code: string, key: string | undefined, paused: boolean): Promise<void> {
    const record = await this.#teacher(code, key);
    const bots = this.#botControl();
    await this.#store.setPaused(code, paused);
    for (const matchID of new Set((await this.#current(code, record.rounds)).map((s) => s.matchID))) {
      if (paused) bots.pause(matchID);
      else await bots.resume(matchID);
    }
  }

  /**
   * Ends the day at one table or at every table of the current round, through each
   * table's judge bot (game.md §4: the judge may end the day for the table). A teacher
   * who judges ends the day from the docket instead.
   */
  async endDay(code: string, key: string | undefined, table?: number): Promise<{ ended: number }> {
    const record = await this.#teacher(code, key);
    if (record.settings.judge === 'teacher') {
      throw new ClassError(409, 'you are the judge of this class: end the day from your docket');
    }
    if (record.paused) throw new ClassError(409, 'the class is paused: resume it first');
    const bots = this.#botControl();
    const { tables } = await this.#tablesOf(code, record.rounds - 1);
    const chosen = tables.filter((t) => !t.over && (table === undefined || t.table === table));
    if (table !== undefined && chosen.length === 0) throw new ClassError(404, `no table ${table + 1} is playing`);
    let ended = 0;
    for (const t of chosen) {
      const judge = t.seats.find((s) => s.role === 'judge');
      if (t.phase === 'day' && judge && bots.move(t.matchID, judge.seat, 'endDayForTable', {})) ended++;
    }
    return { ended };
  }

  /**
   * Puts a stand-in bot on an absent student's seat, or hands the seat back. The bot has
   * the seat's credentials but not the student's keys — those stay in the student's
   * browser (architecture.md) — so it keeps the table moving with a device of its own.
   */
  async standIn(code: string, key: string | undefined, id: string, on: boolean): Promise<void> {
    const record = await this.#teacher(code, key);
    const bots = this.#botControl();
    const seat = (await this.#current(code, record.rounds)).find((s) => s.student === id);
    if (!seat?.credentials) throw new ClassError(404, 'that student has no seat in this round');
    if (on === (seat.standIn === true)) return;
    if (on) {
      await bots.standIn({ matchID: seat.matchID, seat: seat.seat, role: seat.role, credentials: seat.credentials });
    } else {
      bots.release(seat.matchID, seat.seat);
    }
    await this.#store.setStandIn(code, seat.matchID, seat.seat, on);
  }

  /** Runs class changes one at a time (two rounds never start at once). */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Creates a class: its code and the teacher's key (shown once; only its hash is kept). */
  async create(settings: ClassSettings): Promise<{ code: string; teacherKey: string }> {
    const teacherKey = toHex(this.#random(32));
    for (let attempt = 0; attempt < 32; attempt++) {
      const code = randomCode(this.#random);
      // The store refuses a taken code atomically (its primary key), so two servers never share one.
      if (await this.#store.createClass(code, hash(teacherKey), settings)) return { code, teacherKey };
    }
    throw new Error('could not find a free class code');
  }

  /** The class, if the teacher key is its key. */
  async #teacher(code: string, key: string | undefined): Promise<ClassRecord> {
    const record = await this.#store.getClass(code);
    if (!record) throw new ClassError(404, `no class has the code ${code}`);
    if (!key) throw new ClassError(401, 'this needs the teacher key of the class');
    if (!sameHash(hash(key), record.teacherKeyHash))
      throw new ClassError(403, 'that is not the teacher key of this class');
    return record;
  }

  /** Public facts for the join page: whether the class exists and takes students. */
  async info(code: string): Promise<{ code: string; scenario: string; locked: boolean; students: number }> {
    const record = await this.#store.getClass(code);
    if (!record) throw new ClassError(404, `no class has the code ${code}`);
    const students = (await this.#store.students(code)).filter((s) => !s.removed).length;
    return { code, scenario: record.settings.scenario, locked: record.locked, students };
  }

  /** A friendly nickname to offer. */
  suggestion(): string {
    return suggestNickname(this.#random);
  }

  /** A student joins with a nickname (or a suggested one); the token is their way back in. */
  async join(code: string, nickname?: string): Promise<{ id: string; token: string; nickname: string }> {
    const record = await this.#store.getClass(code);
    if (!record) throw new ClassError(404, `no class has the code ${code}`);
    if (record.locked) throw new ClassError(409, 'the class is locked: ask your teacher');
    const checked = checkNickname(nickname ?? suggestNickname(this.#random));
    if (!checked.ok) throw new ClassError(400, checked.reason);
    const id = toHex(this.#random(8));
    const token = toHex(this.#random(32));
    try {
      await this.#store.addStudent(code, { id, nickname: checked.name, tokenHash: hash(token) });
    } catch (e) {
      // Locked between the check above and the join (another process, say).
      if (e instanceof ClassLocked) throw new ClassError(409, 'the class is locked: ask your teacher');
      throw e;
    }
    return { id, token, nickname: checked.name };
  }

  /** A student's own record and seat in the current round (found by their token). */
  async me(
    code: string,
    token: string | undefined,
  ): Promise<{
    id: string;
    nickname: string;
    round: number;
    seat?: { matchID: string; playerID: string; credentials: string; role: Role; table: number };
  }> {
    const record = await this.#store.getClass(code);
    if (!record) throw new ClassError(404, `no class has the code ${code}`);
    if (!token) throw new ClassError(401, 'this needs your student token');
    const student = (await this.#store.students(code)).find((s) => sameHash(s.tokenHash, hash(token)));
    if (!student) throw new ClassError(403, 'that token is not a student of this class');
    if (student.removed) throw new ClassError(403, 'your teacher removed you from this class');
    const round = record.rounds - 1;
    const seat = (await this.#store.seats(code)).find(
      (s) => s.round === round && s.student === student.id && s.credentials !== undefined,
    );
    return {
      id: student.id,
      nickname: student.nickname,
      round: record.rounds,
      ...(seat
        ? {
            seat: {
              matchID: seat.matchID,
              playerID: seat.seat,
              credentials: seat.credentials as string,
              role: seat.role,
              table: seat.table,
            },
          }
        : {}),
    };
  }

  /** Renames or removes (or brings back) a student. */
  async updateStudent(
    code: string,
    key: string | undefined,
    id: string,
    change: { nickname?: string; removed?: boolean },
  ): Promise<void> {
    await this.#teacher(code, key);
    if (!(await this.#store.students(code)).some((s) => s.id === id)) throw new ClassError(404, 'no such student');
    if (change.nickname !== undefined) {
      const checked = checkNickname(change.nickname);
      if (!checked.ok) throw new ClassError(400, checked.reason);
      await this.#store.rename(code, id, checked.name);
    }
    if (change.removed !== undefined) await this.#store.setRemoved(code, id, change.removed);
  }

  /** Locks the class (no one else joins) or opens it again. */
  async lock(code: string, key: string | undefined, locked: boolean): Promise<void> {
    await this.#teacher(code, key);
    await this.#store.setLocked(code, locked);
  }

  /**
   * Starts a round: seats every student still in the class at balanced tables, roles
   * rotated from earlier rounds, bots elsewhere; the judge is the teacher or a bot. The
   * teacher may place students first (a table and a role each); the rest are seated around them.
   */
  startRound(
    code: string,
    key: string | undefined,
    placements: readonly { student: string; table: number; role: Role }[] = [],
  ): Promise<{ round: number; tables: number }> {
    return this.#serial(async () => {
      const record = await this.#teacher(code, key);
      const { settings } = record;
      const students = (await this.#store.students(code)).filter((s) => !s.removed);
      if (students.length === 0) throw new ClassError(409, 'no student has joined yet');
      const round = record.rounds;
      const history = new Map<string, Role[]>();
      for (const s of await this.#store.seats(code)) {
        if (s.student && s.student !== 'teacher') history.set(s.student, [...(history.get(s.student) ?? []), s.role]);
      }
      const placed = new Map(placements.map((p) => [p.student, { table: p.table, role: p.role }]));
      let plans: ReturnType<typeof planRound>;
      try {
        plans = planRound(
          students.map((s) => s.id),
          { crew: settings.crew, round, history, placed },
        );
      } catch (e) {
        // The teacher's placements cannot all hold (seating.ts says which): a plain refusal.
        throw new ClassError(400, (e as Error).message);
      }
      const names = new Map(students.map((s) => [s.id, s.nickname]));
      // Claim the round first (the store moves the round count only from `round`): of two
      // processes starting this round at once, the second is refused before it creates a
      // match, so no table is left running outside every round.
      try {
        await this.#store.saveRound(code, round, []);
      } catch (e) {
        if (e instanceof RoundTaken) throw new ClassError(409, 'another round of this class started just now');
        throw e;
      }
      const seats: ClassSeat[] = [];
      try {
        await this.#seatRound(settings, round, plans, names, seats);
      } finally {
        // Whatever was created is recorded, so that the class can see (and end) it.
        if (seats.length > 0) await this.#store.addSeats(code, seats);
      }
      return { round, tables: plans.length };
    });
  }

  /** Creates the round's tables and seats its people, adding each seat to `seats` as it is made. */
  async #seatRound(
    settings: ClassSettings,
    round: number,
    plans: ReturnType<typeof planRound>,
    names: ReadonlyMap<string, string>,
    seats: ClassSeat[],
  ): Promise<void> {
    for (const [table, plan] of plans.entries()) {
      const teacherJudges = settings.judge === 'teacher';
      const created = await this.#tables.create({
        scenario: settings.scenario as never,
        seats: plan.seats.map((s) => ({
          role: s.role,
          bot: !(s.student || (s.role === 'judge' && teacherJudges)),
        })),
        ...(settings.days ? { options: { days: settings.days } } : {}),
        ...(settings.dayTimerSeconds ? { dayTimerSeconds: settings.dayTimerSeconds } : {}),
      });
      // Each person takes the exact seat the plan gives them (join takes a free seat of the role, in order).
      for (const [i, s] of plan.seats.entries()) {
        const person = s.student ?? (s.role === 'judge' && teacherJudges ? 'teacher' : undefined);
        if (!person) {
          seats.push({ round, table, matchID: created.matchID, seat: String(i), role: s.role });
          continue;
        }
        const joined = await this.#tables.join({
          code: created.code,
          name: person === 'teacher' ? 'Teacher' : (names.get(person) ?? 'Student'),
          role: s.role,
        });
        seats.push({
          round,
          table,
          matchID: created.matchID,
          seat: joined.playerID,
          role: s.role,
          student: person,
          credentials: joined.credentials,
        });
      }
    }
  }

  async #tablesOf(
    code: string,
    round: number,
  ): Promise<{ seats: ClassSeat[]; tables: DashboardTable[]; events: Map<string, GameState['events']> }> {
    const seats = (await this.#store.seats(code)).filter((s) => s.round === round);
    const matchIDs = [...new Set(seats.map((s) => s.matchID))];
    const tables: DashboardTable[] = [];
    const events = new Map<string, GameState['events']>();
    for (const matchID of matchIDs) {
      const { state, metadata } = await this.#matches.fetch(matchID, { state: true, metadata: true });
      const mine = seats.filter((s) => s.matchID === matchID);
      const G = state?.G;
      events.set(matchID, G?.events ?? []);
      tables.push({
        table: mine[0]?.table ?? 0,
        matchID,
        day: G?.day ?? 0,
        phase: state?.ctx.gameover !== undefined ? 'over' : (state?.ctx.phase ?? 'setup'),
        over: state?.ctx.gameover !== undefined,
        ...(G?.outcome ? { outcome: G.outcome } : {}),
        seats: mine.map((s) => {
          const player = metadata?.players[Number(s.seat)];
          return {
            seat: s.seat,
            role: s.role,
            name: G?.seats[s.seat]?.name ?? s.role,
            player: s.student === undefined ? 'bot' : s.student === 'teacher' ? 'teacher' : 'student',
            ...(s.student && s.student !== 'teacher' ? { student: s.student } : {}),
            connected: s.student === undefined || s.standIn === true ? true : player?.isConnected === true,
            ended: G?.ended[s.seat] === true,
            ...(s.standIn ? { standIn: true } : {}),
          };
        }),
      });
    }
    return { seats, tables, events };
  }

  /** The teacher's dashboard of the current round. */
  async dashboard(code: string, key: string | undefined): Promise<Dashboard> {
    const record = await this.#teacher(code, key);
    const round = record.rounds - 1;
    const { seats, tables } = await this.#tablesOf(code, round);
    const placed = new Map(seats.filter((s) => s.student).map((s) => [s.student as string, s]));
    return {
      code,
      settings: record.settings,
      locked: record.locked,
      paused: record.paused,
      rounds: record.rounds,
      students: (await this.#store.students(code)).map((s) => {
        const seat = placed.get(s.id);
        return {
          id: s.id,
          nickname: s.nickname,
          removed: s.removed,
          ...(seat ? { table: seat.table, role: seat.role } : {}),
        };
      }),
      tables,
      judgeSeats: seats
        .filter((s) => s.student === 'teacher' && s.credentials)
        .map((s) => ({ table: s.table, matchID: s.matchID, playerID: s.seat, credentials: s.credentials as string })),
    };
  }

  /** The class debrief: every table of every round with its outcome and win path, the totals, the questions. */
  async debrief(code: string, key: string | undefined): Promise<ClassDebrief> {
    const record = await this.#teacher(code, key);
    const seats = await this.#store.seats(code);
    const nicknames = new Map((await this.#store.students(code)).map((s) => [s.id, s.nickname]));
    const tables: DebriefTable[] = [];
    for (const matchID of [...new Set(seats.map((s) => s.matchID))]) {
      const mine = seats.filter((s) => s.matchID === matchID);
      const first = mine[0];
      if (!first) continue;
      const { state } = await this.#matches.fetch(matchID, { state: true, metadata: true });
      const G = state?.G;
      if (!G) continue;
      const winPath = winPathOf(G);
      tables.push({
        round: first.round,
        table: first.table,
        matchID,
        over: state.ctx.gameover !== undefined,
        day: G.day,
        ...(G.outcome ? { outcome: G.outcome } : {}),
        ...(winPath ? { winPath } : {}),
        players: mine.map((s) => ({
          seat: s.seat,
          role: s.role,
          name: G.seats[s.seat]?.name ?? s.role,
          player: s.student === undefined ? 'bot' : s.student === 'teacher' ? 'teacher' : 'student',
          ...(s.student && nicknames.has(s.student) ? { nickname: nicknames.get(s.student) as string } : {}),
          score: G.scores[s.seat] ?? 0,
        })),
        secureMessages: G.messages.length,
        sms: G.sms.length,
        ghosts: G.devices.filter((d) => d.addedBy === 'relay').length,
        ghostsFound: G.devices.filter((d) => d.addedBy === 'relay' && d.discoveredDay !== undefined).length,
      });
    }
    const rounds: RoundTotals[] = [];
    for (let round = 0; round < record.rounds; round++) {
      const these = tables.filter((t) => t.round === round);
      const count = (winner: string) => these.filter((t) => t.outcome?.winner === winner).length;
      const paths: Partial<Record<KeySource, number>> = {};
      for (const t of these) if (t.winPath) paths[t.winPath] = (paths[t.winPath] ?? 0) + 1;
      const totals = {
        round,
        tables: these.length,
        over: these.filter((t) => t.over).length,
        crew: count('crew'),
        investigator: count('investigator'),
        draw: count('draw'),
        paths,
      };
      rounds.push({ ...totals, summary: roundSummary(totals) });
    }
    const scenario = SCENARIOS[record.settings.scenario as ScenarioId];
    return {
      code,
      scenario: record.settings.scenario,
      title: scenario?.title ?? record.settings.scenario,
      rounds,
      tables,
      questions: scenario?.debrief ?? [],
    };
  }

  /** The projector: the class code, each table's status, and only the public event feed. */
  async projector(
    code: string,
    key: string | undefined,
  ): Promise<{ code: string; scenario: string; rounds: number; students: number; tables: ProjectorTable[] }> {
    const record = await this.#teacher(code, key);
    const { tables, events } = await this.#tablesOf(code, record.rounds - 1);
    return {
      code,
      scenario: record.settings.scenario,
      rounds: record.rounds,
      students: (await this.#store.students(code)).filter((s) => !s.removed).length,
      tables: tables.map(({ seats, ...t }) => ({
        ...t,
        seats: seats.length,
        ended: seats.filter((s) => s.ended).length,
        // Public lines only: an event with an audience is part of a seat's private view.
        events: (events.get(t.matchID) ?? [])
          .filter((e) => !e.audience)
          .map(({ seq, day, text }) => ({ seq, day, text })),
      })),
    };
  }
}
