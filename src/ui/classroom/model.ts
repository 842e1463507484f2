/**
 * The classroom screens' logic without a browser: links, the words for a table's day and
 * phase, the dashboard's rows, the teacher's placements for the next round, the
 * projector's feed, the create form's checks and the "updated 5 s ago" line. Pure
 * functions, so the tests can check them directly.
 * @module
 */
import type { Outcome, Role } from '../../game/types.ts';
import { normalizeCode } from '../api.ts';
import { findScenario, ROLE_INFO } from '../catalog.ts';
import type {
  CreateClassRequest,
  Dashboard,
  DashboardSeat,
  DashboardStudent,
  DashboardTable,
  FeedEvent,
  MySeat,
  Placement,
  ProjectorTable,
} from './classApi.ts';

/** How often the teacher's screens ask the server again. */
export const TEACHER_POLL_MS = 3000;
/** How often a waiting student asks for their seat. */
export const STUDENT_POLL_MS = 2000;
/** After this long without a fresh answer, the status line says the screen is out of date. */
export const STALE_MS = 10_000;
/** The most events the projector shows. */
export const FEED_CAP = 40;

/* ── Links ───────────────────────────────────────────────────────────────────────── */

/** The class screens, as hash routes. */
export type ClassScreen = 'join' | 'dashboard' | 'projector';

/** The hash of a class screen: `#/class/K7QM2X`, `#/class/K7QM2X/dashboard`. */
export function classHref(code: string, screen: ClassScreen = 'join'): string {
  const base = `#/class/${encodeURIComponent(normalizeCode(code))}`;
  return screen === 'join' ? base : `${base}/${screen}`;
}

/** The hash of the create-a-class form. */
export const CREATE_CLASS_HREF = '#/class/new';

/** The link students open to join (`<origin><path>#/class/<code>`). */
export function classJoinLink(location: { origin: string; pathname: string }, code: string): string {
  return `${location.origin}${location.pathname}${classHref(code)}`;
}

/* ── A table in words ───────────────────────────────────────────────────────────── */

/** Tables are numbered from 0 by the server and from 1 on screen. */
export function tableName(table: number): string {
  return `Table ${table + 1}`;
}

/** The table's day and phase in words, with an icon (never colour alone). */
export function phaseLabel(table: { phase: string; day: number; over: boolean }, days?: number): string {
  if (table.over) return '🏁 Game over';
  if (table.phase === 'setup') return '🔑 Setting up keys';
  if (table.phase === 'night') return `🌙 Night ${table.day}`;
  if (table.phase === 'day') return `☀ Day ${table.day}${days ? ` of ${days}` : ''}`;
  return table.phase;
}

/** Who won, in words. */
export function outcomeTitle(outcome: Outcome): string {
  const who =
    outcome.winner === 'draw'
      ? '🤝 A draw'
      : outcome.winner === 'crew'
        ? '📱 The crew wins'
        : '🏢 The investigator wins';
  return `${who} (day ${outcome.day})`;
}

/** "3 of 7 ended the day". */
export function endedText(ended: number, seats: number): string {
  return `${ended} of ${seats} ended the day`;
}

/** One seat of a table, ready to show. */
export interface SeatRow {
  readonly key: string;
  readonly role: Role;
  /** The student's nickname for a student's seat, else the seat's name in the game. */
  readonly name: string;
  /** The seat's name in the game (Alice, Bob…) when it adds to `name` and the role. */
  readonly character?: string;
  /** Who plays it, with an icon. */
  readonly who: string;
  /** Connected or not (bots are always there, so undefined). */
  readonly online?: boolean;
  readonly connection?: string;
  readonly ended: boolean;
  readonly endedText: string;
}

const WHO: Record<DashboardSeat['player'], string> = {
  student: '👤 student',
  teacher: '🧑‍🏫 teacher',
  bot: '🤖 bot',
};

/**
 * A table's seats in words: connection and "ended the day" each with a symbol and a
 * word; a student's seat is named by the student's nickname (from `students`).
 */
export function seatRows(table: DashboardTable, students: readonly DashboardStudent[] = []): SeatRow[] {
  const nicknames = new Map(students.map((s) => [s.id, s.nickname]));
  return table.seats.map((s) => {
    const nickname = s.student === undefined ? undefined : nicknames.get(s.student);
    return {
      key: s.seat,
      role: s.role,
      name: nickname ?? s.name,
      // The game's name (Alice) only where it says more than the role's badge already does.
      ...(nickname !== undefined && nickname !== s.name && s.name !== ROLE_INFO[s.role].label
        ? { character: s.name }
        : {}),
      who: WHO[s.player],
      ...(s.player === 'bot'
        ? {}
        : { online: s.connected, connection: s.connected ? '● connected' : '○ not connected' }),
      ended: s.ended,
      endedText: s.ended ? '✓ ended the day' : '… still playing',
    };
  });
}

/** Where a feed line happened: "Table 2 · day 3", or "· setting up" before day 1. */
export function feedWhere(line: Pick<FeedLine, 'table' | 'day'>): string {
  return `${tableName(line.table)} · ${line.day === 0 ? 'setting up' : `day ${line.day}`}`;
}

/** A dashboard table's headline facts. */
export interface TableSummary {
  readonly title: string;
  readonly phase: string;
  readonly ended: string;
  readonly outcome?: { readonly title: string; readonly reason: string };
  readonly offline: number;
}

/** The number of days a class plays: the teacher's choice, or the scenario's. */
export function classDays(dashboard: Pick<Dashboard, 'settings'>): number | undefined {
  return dashboard.settings.days ?? findScenario(dashboard.settings.scenario)?.options.days;
}

/** The headline of one dashboard table. */
export function tableSummary(table: DashboardTable, days?: number): TableSummary {
  const ended = table.seats.filter((s) => s.ended).length;
  return {
    title: tableName(table.table),
    phase: phaseLabel(table, days),
    ended: endedText(ended, table.seats.length),
    ...(table.outcome ? { outcome: { title: outcomeTitle(table.outcome), reason: table.outcome.reason } } : {}),
    offline: table.seats.filter((s) => s.player !== 'bot' && !s.connected).length,
  };
}

/** One student in the dashboard's list. */
export interface StudentRow extends DashboardStudent {
  /** Where they sit this round, in words. */
  readonly place: string;
}

/** The students, those still in the class first (in joining order), each with where they sit. */
export function studentRows(dashboard: Pick<Dashboard, 'students' | 'rounds'>): StudentRow[] {
  const rows = dashboard.students.map((s) => ({
    ...s,
    place: s.removed
      ? '🚫 removed from the class'
      : s.table !== undefined
        ? tableName(s.table)
        : dashboard.rounds === 0
          ? 'Waiting for round 1'
          : 'Not at a table this round (joins next round)',
  }));
  return [...rows.filter((s) => !s.removed), ...rows.filter((s) => s.removed)];
}

/** What the "Start round" area needs: the next round's number and whether a game is still on. */
export function roundState(dashboard: Pick<Dashboard, 'students' | 'rounds' | 'tables'>): {
  readonly current: number;
  readonly next: number;
  readonly students: number;
  readonly playing: number;
  readonly canStart: boolean;
} {
  const students = dashboard.students.filter((s) => !s.removed).length;
  return {
    current: dashboard.rounds,
    next: dashboard.rounds + 1,
    students,
    playing: dashboard.tables.filter((t) => !t.over).length,
    canStart: students > 0,
  };
}

/* ── The teacher's placements for the next round ─────────────────────────────────── */

/** The roles a teacher can place a student in, in the order the form lists them (the judge is never a student). */
export const PLACEABLE_ROLES: readonly Placement['role'][] = ['sender', 'carrier', 'relay', 'investigator'];

/** Seats students can take at one table: the crew, the carrier, the relay operator and the investigator. */
export function seatsPerTable(crew: 2 | 3): number {
  return crew + 3;
}

/**
 * How many tables the next round has: ceil(students / seats per table), as the server's
 * planRound (src/server/classes/seating.ts) counts them; 0 without students.
 */
export function nextRoundTables(students: number, crew: 2 | 3): number {
  return students > 0 ? Math.ceil(students / seatsPerTable(crew)) : 0;
}

/** One student's choice in the placement form; an unset field means "Any". */
export interface PlacementChoice {
  /** Numbered from 0, as the server numbers tables. */
  readonly table?: number;
  readonly role?: Placement['role'];
}

/**
 * The placements to send with "Start round": a student is placed only when both a table
 * and a role are chosen, the table exists next round, and the student is still in the class.
 */
export function placementsToSend(
  choices: Readonly<Record<string, PlacementChoice>>,
  students: readonly Pick<DashboardStudent, 'id' | 'removed'>[],
  tables: number,
): Placement[] {
  const placements: Placement[] = [];
  for (const s of students) {
    const choice = choices[s.id];
    if (s.removed || choice?.table === undefined || choice.role === undefined) continue;
    if (choice.table < 0 || choice.table >= tables) continue;
    placements.push({ student: s.id, table: choice.table, role: choice.role });
  }
  return placements;
}

/** A placement in words: "placed: table 2, investigator". */
export function placedText(placement: Pick<Placement, 'table' | 'role'>): string {
  return `placed: table ${placement.table + 1}, ${ROLE_INFO[placement.role].label.toLowerCase()}`;
}

/**
 * The placements the server would refuse for want of seats — more students placed in a
 * role at one table than it has seats — in the teacher's words (nicknames, tables from 1).
 */
export function placementProblems(
  placements: readonly Placement[],
  crew: 2 | 3,
  students: readonly Pick<DashboardStudent, 'id' | 'nickname'>[],
): string[] {
  const names = new Map(students.map((s) => [s.id, s.nickname]));
  const groups = new Map<string, Placement[]>();
  for (const p of placements) {
    const key = `${p.table}\u0000${p.role}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const order = (p: Placement | undefined) =>
    p === undefined ? 0 : p.table * PLACEABLE_ROLES.length + PLACEABLE_ROLES.indexOf(p.role);
  const problems: string[] = [];
  for (const group of [...groups.values()].sort((a, b) => order(a[0]) - order(b[0]))) {
    const first = group[0];
    if (!first) continue;
    const seats = first.role === 'sender' ? crew : 1;
    if (group.length <= seats) continue;
    const label = ROLE_INFO[first.role].label.toLowerCase();
    const who = group.map((p) => names.get(p.student) ?? p.student).join(', ');
    problems.push(
      `${tableName(first.table)} has ${seats === 1 ? `one ${label} seat` : `${seats} ${label} seats`}, and you placed ${group.length} there: ${who}.`,
    );
  }
  return problems;
}

/** A server sentence with each student's id (quoted, as seating.ts writes it) replaced by the nickname. */
export function withNicknames(message: string, students: readonly Pick<DashboardStudent, 'id' | 'nickname'>[]): string {
  return students.reduce((text, s) => text.split(`"${s.id}"`).join(s.nickname), message);
}

/* ── The projector's feed ─────────────────────────────────────────────────────────── */

/** One line of the projector's feed. */
export interface FeedLine extends FeedEvent {
  readonly key: string;
  readonly table: number;
}

/**
 * The public events of every table, newest first and interleaved by table: each table's
 * newest, then each table's second newest, and so on (tables in number order), so a
 * busy table cannot push the others off the screen; at most `cap` lines.
 */
export function interleaveFeed(
  tables: readonly Pick<ProjectorTable, 'table' | 'events'>[],
  cap = FEED_CAP,
): FeedLine[] {
  const queues = [...tables]
    .sort((a, b) => a.table - b.table)
    .map((t) => ({ table: t.table, events: [...t.events].sort((a, b) => b.seq - a.seq) }));
  const lines: FeedLine[] = [];
  for (let rank = 0; lines.length < cap; rank++) {
    let any = false;
    for (const q of queues) {
      const event = q.events[rank];
      if (!event) continue;
      any = true;
      lines.push({ ...event, table: q.table, key: `${q.table}:${event.seq}` });
      if (lines.length >= cap) break;
    }
    if (!any) break;
  }
  return lines;
}

/* ── Status line ───────────────────────────────────────────────────────────────────── */

/** "Updated just now", "Updated 7 s ago", "Updated 2 min ago". */
export function agoText(updatedAt: number | undefined, now: number): string {
  if (updatedAt === undefined) return 'Loading…';
  const seconds = Math.max(0, Math.floor((now - updatedAt) / 1000));
  if (seconds < 2) return 'Updated just now';
  if (seconds < 120) return `Updated ${seconds} s ago`;
  return `Updated ${Math.floor(seconds / 60)} min ago`;
}

/** A server message as a sentence: capital first letter, full stop at the end. */
export function asSentence(message: string): string {
  const text = message.trim();
  if (text === '') return '';
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

/** The error line of a polled screen. */
export function pollErrorText(message: string, intervalMs: number): string {
  return `${asSentence(message)} Still trying every ${intervalMs / 1000} s.`;
}

/** True when the last answer is too old to trust. */
export function isStale(updatedAt: number | undefined, now: number): boolean {
  return updatedAt !== undefined && now - updatedAt > STALE_MS;
}

/* ── Forms ────────────────────────────────────────────────────────────────────────── */

/** The create-a-class form's fields, as typed. */
export interface CreateClassFields {
  readonly scenario: string;
  readonly crew: 2 | 3;
  readonly judge: 'teacher' | 'bot';
  readonly days: string;
  readonly minutes: string;
}

/** Checks the create form: the request to send, or the sentence that says what to fix. */
export function createClassRequest(
  fields: CreateClassFields,
):
  | { readonly ok: true; readonly request: CreateClassRequest }
  | { readonly ok: false; readonly field: 'days' | 'minutes'; readonly error: string } {
  const days = fields.days.trim() === '' ? undefined : Number(fields.days);
  if (days !== undefined && !(Number.isInteger(days) && days >= 2 && days <= 10)) {
    return { ok: false, field: 'days', error: 'Days is a whole number from 2 to 10, or empty for the scenario’s own.' };
  }
  const minutes = fields.minutes.trim() === '' ? undefined : Number(fields.minutes);
  if (minutes !== undefined && !(Number.isFinite(minutes) && minutes >= 1 && minutes <= 60)) {
    return {
      ok: false,
      field: 'minutes',
      error: 'The day timer is a number of minutes from 1 to 60, or empty for no timer.',
    };
  }
  return {
    ok: true,
    request: {
      scenario: fields.scenario,
      crew: fields.crew,
      judge: fields.judge,
      ...(days !== undefined ? { days } : {}),
      ...(minutes !== undefined ? { dayTimerSeconds: Math.round(minutes * 60) } : {}),
    },
  };
}

/** A teacher key as pasted (spaces, line breaks, capitals are fine), or undefined if it cannot be one. */
export function normaliseTeacherKey(input: string): string | undefined {
  const key = input.replace(/\s+/g, '').toLowerCase();
  return /^[0-9a-f]{16,128}$/.test(key) ? key : undefined;
}

/* ── A student's seat ─────────────────────────────────────────────────────────────── */

/** A seat's identity, to tell a new round's seat from the one already opened. */
export function seatKey(seat: Pick<MySeat, 'matchID' | 'playerID'>): string {
  return `${seat.matchID}/${seat.playerID}`;
}

/** True when the server gives a seat this browser has not been sent to yet. */
export function isNewSeat(seat: MySeat | undefined, lastSeen: string | undefined): boolean {
  return seat !== undefined && seatKey(seat) !== lastSeen;
}
