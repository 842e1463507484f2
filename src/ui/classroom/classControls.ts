/**
 * The teacher's mid-game controls as the browser calls them (routes in
 * src/server/classes/routes.ts): pause and resume the class, end the day at one table or
 * all (through the judge bots), put a stand-in bot on an absent student's seat or hand
 * it back, and the public "is this table paused?" status the table screen polls.
 *
 * Like classApi.ts, the teacher key goes only in the `Authorization: Bearer` header
 * (RFC 6750 §2.1), never in a URL (RFC 6750 §5.3). Errors come back as {@link ApiError}
 * with the server's sentence. The dashboard fields these controls add (`paused`, a
 * seat's `standIn`) are read through {@link classPaused} and {@link seatStandIn}, so the
 * dashboard keeps accepting classApi.ts's {@link Dashboard}.
 * @module
 */
import { classPath, classRequest, type Dashboard, type DashboardSeat, type DashboardTable } from './classApi.ts';

/* ── Shapes (mirrors of src/server/classes/service.ts; the tests check they match) ── */

/** A dashboard seat with the stand-in flag. */
export interface ControlSeat extends DashboardSeat {
  /** A stand-in bot plays this student's seat. */
  readonly standIn?: boolean;
}

/** A dashboard table whose seats carry the stand-in flag. */
export interface ControlTable extends Omit<DashboardTable, 'seats'> {
  readonly seats: readonly ControlSeat[];
}

/** GET /api/classes/:code/dashboard with the pause and stand-in fields. */
export interface ControlDashboard extends Omit<Dashboard, 'tables'> {
  readonly paused: boolean;
  readonly tables: readonly ControlTable[];
}

/** POST /api/classes/:code/end-day */
export interface EndedDays {
  /** How many tables' judge bots ended the day (tables not in their day are skipped). */
  readonly ended: number;
}

/** GET /api/matches/:matchID/status */
export interface MatchStatus {
  readonly paused: boolean;
}

/** Whether the class is paused (false when the answer does not say). */
export function classPaused(dashboard: Dashboard): boolean {
  return (dashboard as Dashboard & { readonly paused?: unknown }).paused === true;
}

/** Whether a stand-in bot plays this seat. */
export function seatStandIn(seat: DashboardSeat): boolean {
  return (seat as ControlSeat).standIn === true;
}

/* ── Requests ───────────────────────────────────────────────────────────────────── */

const request = classRequest;

/** Pauses the class (moves are dropped, bots wait) or resumes it. */
export function pauseClass(code: string, teacherKey: string, paused: boolean): Promise<unknown> {
  return request('POST', classPath(code, '/pause'), { secret: teacherKey, body: { paused } });
}

/**
 * Ends the day at one table (numbered from 0, as the dashboard's `table`) or, without a
 * table, at every table, through the judge bots. Refused (409) when the teacher judges or
 * the class is paused; 404 when that table is not playing.
 */
export function endDay(code: string, teacherKey: string, table?: number): Promise<EndedDays> {
  return request('POST', classPath(code, '/end-day'), {
    secret: teacherKey,
    body: table === undefined ? {} : { table },
  });
}

/**
 * Puts a stand-in bot on a student's seat (`on`) or hands the seat back. The bot uses the
 * seat's credentials with a device of its own: the student's keys stay in their browser.
 */
export function setStandIn(code: string, teacherKey: string, studentID: string, on: boolean): Promise<unknown> {
  return request('POST', classPath(code, `/students/${encodeURIComponent(studentID)}/stand-in`), {
    secret: teacherKey,
    body: { on },
  });
}

/** Whether a table's class is paused (public; a table without a class is never paused). */
export function matchStatus(matchID: string, signal?: AbortSignal): Promise<MatchStatus> {
  return request('GET', `/api/matches/${encodeURIComponent(matchID)}/status`, signal ? { signal } : {});
}
