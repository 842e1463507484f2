/**
 * The class API as the browser calls it (routes in src/server/classes/routes.ts), the
 * secrets this browser keeps for a class, and the polling hook the class screens share.
 *
 * The teacher key and a student's token go only in the `Authorization: Bearer` header
 * (RFC 6750 §2.1) — never in a URL, where they would land in history and server logs
 * (RFC 6750 §5.3) — and are stored in this browser's localStorage, one entry per class.
 * Errors come back as {@link ApiError} with the same sentences as api.ts.
 * @module
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Outcome, Role } from '../../game/types.ts';
import { ApiError, apiRequest, normalizeCode } from '../api.ts';

/* ── Shapes (mirrors of src/server/classes/reports.ts; the tests check they match) ─── */

/** POST /api/classes */
export interface CreateClassRequest {
  readonly scenario: string;
  readonly crew: 2 | 3;
  readonly judge: 'teacher' | 'bot';
  readonly days?: number;
  readonly dayTimerSeconds?: number;
}

/** The class's settings, as the teacher chose them. */
export type ClassSettings = CreateClassRequest;

export interface CreatedClass {
  readonly code: string;
  readonly teacherKey: string;
}

/** GET /api/classes/:code: the public facts of a class. */
export interface ClassInfo {
  readonly code: string;
  readonly scenario: string;
  readonly locked: boolean;
  readonly students: number;
}

/** POST /api/classes/:code/students */
export interface JoinedClass {
  readonly id: string;
  readonly token: string;
  readonly nickname: string;
}

/** A student's seat in the current round. */
export interface MySeat {
  readonly matchID: string;
  readonly playerID: string;
  readonly credentials: string;
  readonly role: Role;
  readonly table: number;
}

/** GET /api/classes/:code/me */
export interface Me {
  readonly id: string;
  readonly nickname: string;
  /** Rounds started so far. */
  readonly round: number;
  readonly seat?: MySeat;
}

export interface DashboardSeat {
  readonly seat: string;
  readonly role: Role;
  readonly name: string;
  readonly player: 'student' | 'teacher' | 'bot';
  readonly student?: string;
  readonly connected: boolean;
  readonly ended: boolean;
}

export interface DashboardTable {
  readonly table: number;
  readonly matchID: string;
  readonly day: number;
  readonly phase: string;
  readonly over: boolean;
  readonly outcome?: Outcome;
  readonly seats: readonly DashboardSeat[];
}

export interface DashboardStudent {
  readonly id: string;
  readonly nickname: string;
  readonly removed: boolean;
  readonly table?: number;
  readonly role?: Role;
}

export interface JudgeSeat {
  readonly table: number;
  readonly matchID: string;
  readonly playerID: string;
  readonly credentials: string;
}

/** GET /api/classes/:code/dashboard */
export interface Dashboard {
  readonly code: string;
  readonly settings: ClassSettings;
  readonly locked: boolean;
  /** Rounds started so far; the current round is number `rounds` (counting from 1). */
  readonly rounds: number;
  readonly students: readonly DashboardStudent[];
  readonly tables: readonly DashboardTable[];
  readonly judgeSeats: readonly JudgeSeat[];
}

export interface FeedEvent {
  readonly seq: number;
  readonly day: number;
  readonly text: string;
}

export interface ProjectorTable extends Omit<DashboardTable, 'seats'> {
  readonly ended: number;
  readonly seats: number;
  readonly events: readonly FeedEvent[];
}

/** GET /api/classes/:code/projector: status and the public feed only. */
export interface ProjectorView {
  readonly code: string;
  readonly scenario: string;
  readonly rounds: number;
  readonly students: number;
  readonly tables: readonly ProjectorTable[];
}

/* ── Requests ───────────────────────────────────────────────────────────────────── */

/** The API call of api.ts, with the class's secret (teacher key or student token) as the bearer. */
export function classRequest<T>(
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  options: { body?: unknown; secret?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const { secret, body, signal } = options;
  return apiRequest<T>(method, path, {
    ...(body !== undefined ? { body } : {}),
    ...(signal ? { signal } : {}),
    ...(secret ? { bearer: secret } : {}),
  });
}

const request = classRequest;

/** The path of a class route. */
export const classPath = (code: string, rest = '') => `/api/classes/${encodeURIComponent(code)}${rest}`;

/** Creates a class: its code and the teacher key (shown once; the server keeps only a hash). */
export function createClass(body: CreateClassRequest): Promise<CreatedClass> {
  return request('POST', '/api/classes', { body });
}

/** The class's scenario and whether it takes students. */
export function classInfo(code: string, signal?: AbortSignal): Promise<ClassInfo> {
  return request('GET', classPath(code), signal ? { signal } : {});
}

/** A friendly nickname to offer a student. */
export function suggestNickname(code: string, signal?: AbortSignal): Promise<{ nickname: string }> {
  return request('GET', classPath(code, '/nickname'), signal ? { signal } : {});
}

/** Joins the class; the token is the student's way back in. */
export function joinClass(code: string, nickname: string): Promise<JoinedClass> {
  return request('POST', classPath(code, '/students'), { body: { nickname } });
}

/** The student's own nickname and seat this round. */
export function fetchMe(code: string, token: string, signal?: AbortSignal): Promise<Me> {
  return request('GET', classPath(code, '/me'), { secret: token, ...(signal ? { signal } : {}) });
}

/** The teacher's dashboard. */
export function fetchDashboard(code: string, teacherKey: string, signal?: AbortSignal): Promise<Dashboard> {
  return request('GET', classPath(code, '/dashboard'), { secret: teacherKey, ...(signal ? { signal } : {}) });
}

/** The projector's status and public feed. */
export function fetchProjector(code: string, teacherKey: string, signal?: AbortSignal): Promise<ProjectorView> {
  return request('GET', classPath(code, '/projector'), { secret: teacherKey, ...(signal ? { signal } : {}) });
}

/** Starts the next round (roles rotate). */
/** A teacher's placement of one student for the next round (tables numbered from 0). */
export interface Placement {
  readonly student: string;
  readonly table: number;
  readonly role: Exclude<Role, 'judge'>;
}

/** Starts the next round: every student seated (the placed ones where the teacher put them), roles rotated. */
export function startRound(
  code: string,
  teacherKey: string,
  placements: readonly Placement[] = [],
): Promise<{ round: number; tables: number }> {
  return request('POST', classPath(code, '/rounds'), { secret: teacherKey, body: { placements } });
}

/** Locks the class (no one else joins) or opens it again. */
export function setLocked(code: string, teacherKey: string, locked: boolean): Promise<unknown> {
  return request('POST', classPath(code, '/lock'), { secret: teacherKey, body: { locked } });
}

/** Renames a student, or removes them / brings them back. */
export function updateStudent(
  code: string,
  teacherKey: string,
  id: string,
  change: { nickname?: string; removed?: boolean },
): Promise<unknown> {
  return request('PATCH', classPath(code, `/students/${encodeURIComponent(id)}`), { secret: teacherKey, body: change });
}

/* ── What this browser keeps per class (localStorage) ──────────────────────────────── */

const TEACHER_PREFIX = 'going-dark/class-teacher/';
const STUDENT_PREFIX = 'going-dark/class-student/';

/** The key under which a class's teacher key is stored. */
export const teacherStorageKey = (code: string) => TEACHER_PREFIX + normalizeCode(code);
/** The key under which a class's student record is stored. */
export const studentStorageKey = (code: string) => STUDENT_PREFIX + normalizeCode(code);

function read(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: string | undefined): boolean {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** Keeps the teacher key of a class; false when this browser cannot store it. */
export function saveTeacherKey(code: string, key: string): boolean {
  return write(teacherStorageKey(code), key);
}

/** The teacher key of a class kept in this browser, if any. */
export function loadTeacherKey(code: string): string | undefined {
  const key = read(teacherStorageKey(code));
  return key && /^[0-9a-f]{16,128}$/.test(key) ? key : undefined;
}

/** Forgets the teacher key of a class in this browser. */
export function forgetTeacherKey(code: string): void {
  write(teacherStorageKey(code), undefined);
}

/** A student's place in a class, as this browser keeps it. */
export interface StoredStudent {
  readonly id: string;
  readonly token: string;
  readonly nickname: string;
  /** The last seat this browser was sent to ("matchID/playerID"), so it is not sent there twice. */
  readonly seat?: string;
}

function isStoredStudent(value: unknown): value is StoredStudent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    ['id', 'token', 'nickname'].every((k) => typeof v[k] === 'string') &&
    (v.seat === undefined || typeof v.seat === 'string')
  );
}

/** Keeps a student's token (and nickname and last seat) for a class; false when it cannot. */
export function saveStudent(code: string, student: StoredStudent): boolean {
  const { id, token, nickname, seat } = student;
  return write(studentStorageKey(code), JSON.stringify({ id, token, nickname, ...(seat ? { seat } : {}) }));
}

/** The student record this browser keeps for a class, if any. */
export function loadStudent(code: string): StoredStudent | undefined {
  try {
    const raw = read(studentStorageKey(code));
    const value: unknown = raw ? JSON.parse(raw) : undefined;
    return isStoredStudent(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets this browser's place in a class. */
export function forgetStudent(code: string): void {
  write(studentStorageKey(code), undefined);
}

/* ── Polling ──────────────────────────────────────────────────────────────────────── */

/** The state of a polled request. */
export interface Poll<T> {
  /** The last answer (kept while later requests fail). */
  readonly data: T | undefined;
  /** The last request's error sentence and status; cleared by the next success. */
  readonly error: ApiError | undefined;
  /** When the last answer arrived (ms since the epoch). */
  readonly updatedAt: number | undefined;
  /** Asks again now (after an action). */
  readonly refresh: () => void;
}

/**
 * Asks `load` now and then every `intervalMs` after each answer (never two requests at
 * once); stops while `enabled` is false and when the component goes away. Changing
 * `resetKey` forgets the old answer and starts again.
 */
export function usePoll<T>(
  load: (signal: AbortSignal) => Promise<T>,
  intervalMs: number,
  enabled: boolean,
  resetKey = '',
): Poll<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; updatedAt?: number }>({});
  const loadRef = useRef(load);
  loadRef.current = load;
  const kick = useRef<() => void>(() => {});

  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey restarts the loop on purpose
  useEffect(() => {
    setState({});
    if (!enabled) return;
    const controller = new AbortController();
    let timer: number | undefined;
    let running = false;
    let again = false;
    const tick = async () => {
      if (running) {
        again = true; // asked during a request: ask once more right after it
        return;
      }
      running = true;
      again = false;
      window.clearTimeout(timer);
      try {
        const data = await loadRef.current(controller.signal);
        if (!controller.signal.aborted) setState({ data, updatedAt: Date.now() });
      } catch (e) {
        if (controller.signal.aborted) return;
        const error =
          e instanceof ApiError ? e : new ApiError(0, e instanceof Error ? e.message : 'Something went wrong.');
        setState((s) => ({ ...s, error }));
      } finally {
        running = false;
        if (!controller.signal.aborted) timer = window.setTimeout(tick, again ? 0 : intervalMs);
      }
    };
    kick.current = () => void tick();
    void tick();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
      kick.current = () => {};
    };
  }, [enabled, intervalMs, resetKey]);

  const refresh = useCallback(() => kick.current(), []);
  return { data: state.data, error: state.error, updatedAt: state.updatedAt, refresh };
}

/** The current time, re-read every `everyMs` (for "updated 5 s ago"). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The class debrief: every table of every round, the round totals and the scenario's questions. */
export function fetchClassDebrief(
  code: string,
  teacherKey: string,
  signal?: AbortSignal,
): Promise<import('./classDebrief.ts').ClassDebrief> {
  return request('GET', classPath(code, '/debrief'), { secret: teacherKey, ...(signal ? { signal } : {}) });
}
