/**
 * The class debrief without a browser: the shapes GET /api/classes/:code/debrief sends
 * (the server's own types, imported as types only), each table's
 * outcome and win path in words, the round's tally, and the two exports.
 *
 * **CSV** (RFC 4180): one file, one row per player per table. The table's own facts
 * (round, table, match, outcome, win path, day, messages, ghosts) repeat on each of its
 * rows, so a spreadsheet can sort and filter the one sheet; rounds and tables count
 * from 1, as on screen. The JSON export keeps the nesting (rounds, tables, players).
 * Neither holds a secret: the teacher key, students' tokens and seat credentials are
 * not in the server's answer, and the exports copy named fields only.
 * @module
 */
import type { KeySource } from '../../game/winPath.ts';
import type { ClassDebrief, DebriefTable, RoundTotals } from '../../server/classes/reports.ts';
import { normalizeCode } from '../api.ts';
import { ROLE_INFO } from '../catalog.ts';
import { tableName } from './model.ts';

/* ── Shapes ───────────────────────────────────────────────────────────────────────── */

// The server's answer, typed once (src/server/classes/service.ts); a type-only import adds no code to the page.
export type { ClassDebrief, DebriefTable, RoundTotals } from '../../server/classes/reports.ts';
export type { KeySource };

/** One player of a debriefed table. */
export type DebriefPlayer = DebriefTable['players'][number];

/** Who plays a seat. */
export type PlayerKind = DebriefPlayer['player'];

/** How often the debrief asks again while a table is still playing. */
export const DEBRIEF_POLL_MS = 5000;

/* ── Words ────────────────────────────────────────────────────────────────────────── */

/** A win path: an icon and words (the server's summary uses the same words). */
export const PATH_INFO: Readonly<Record<KeySource, { readonly icon: string; readonly words: string }>> = {
  'backup-warrant': { icon: '☁', words: 'escrowed backups' },
  'sim-wiretap': { icon: '📡', words: 'an SMS wiretap' },
  'seized-device': { icon: '📱', words: 'a seized phone' },
  'ghost-device': { icon: '👻', words: 'a ghost device' },
};

/** The win paths in the order the screen lists them. */
export const PATHS: readonly KeySource[] = ['backup-warrant', 'sim-wiretap', 'seized-device', 'ghost-device'];

/** A table's state: who won, a draw, or still playing. */
export type OutcomeKind = 'crew' | 'investigator' | 'draw' | 'playing';

/** Each outcome with an icon and words (colour is never the only signal). */
export const OUTCOME_INFO: Readonly<Record<OutcomeKind, { readonly icon: string; readonly words: string }>> = {
  crew: { icon: '📱', words: 'Crew won' },
  investigator: { icon: '🏢', words: 'Investigator won' },
  draw: { icon: '🤝', words: 'Draw' },
  playing: { icon: '⏳', words: 'Still playing' },
};

/** Who plays a seat, with an icon. */
export const PLAYER_INFO: Readonly<Record<PlayerKind, { readonly icon: string; readonly words: string }>> = {
  student: { icon: '👤', words: 'student' },
  teacher: { icon: '🧑‍🏫', words: 'teacher' },
  bot: { icon: '🤖', words: 'bot' },
};

/** The state of a table. */
export function outcomeKind(table: Pick<DebriefTable, 'over' | 'outcome'>): OutcomeKind {
  return table.outcome?.winner ?? 'playing';
}

/** The win path in words: "escrowed backups"; "" when the investigator did not win. */
export function winPathWords(table: Pick<DebriefTable, 'winPath' | 'outcome'>): string {
  if (table.winPath) return PATH_INFO[table.winPath].words;
  return table.outcome?.winner === 'investigator' ? 'not recorded' : '';
}

/** A round's heading: rounds count from 1 on screen. */
export function roundName(round: number): string {
  return `Round ${round + 1}`;
}

/** A round's tally, with "still playing" (tables minus those with an outcome). */
export function roundTally(totals: RoundTotals): { kind: OutcomeKind; count: number }[] {
  const playing = Math.max(0, totals.tables - totals.crew - totals.investigator - totals.draw);
  return [
    { kind: 'crew', count: totals.crew },
    { kind: 'investigator', count: totals.investigator },
    { kind: 'draw', count: totals.draw },
    { kind: 'playing', count: playing },
  ];
}

/** A round's win paths, most used first; paths nobody used are left out. */
export function roundPaths(totals: RoundTotals): { path: KeySource; count: number }[] {
  return PATHS.map((path) => ({ path, count: totals.paths[path] ?? 0 }))
    .filter((p) => p.count > 0)
    .sort((a, b) => b.count - a.count);
}

/** The tables of one round, in table order. */
export function tablesOfRound(debrief: Pick<ClassDebrief, 'tables'>, round: number): DebriefTable[] {
  return debrief.tables.filter((t) => t.round === round).sort((a, b) => a.table - b.table);
}

/** True while any table has not ended (the page keeps asking). */
export function stillPlaying(debrief: Pick<ClassDebrief, 'tables'>): boolean {
  return debrief.tables.some((t) => !t.over);
}

/* ── CSV (RFC 4180) ──────────────────────────────────────────────────────────────── */

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field. Text that starts with = + - @ (or a tab or carriage return) gets a
 * leading apostrophe, so a spreadsheet shows it as text rather than running it as a
 * formula (OWASP, CSV Injection). Numbers are written as numbers, never prefixed (a
 * score of -2 stays -2). A field holding a comma, a double quote, CR or LF is quoted,
 * its quotes doubled (RFC 4180 §2.6, §2.7).
 */
export function csvField(value: string | number): string {
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records as CSV: fields joined by commas, every record ended by CRLF (RFC 4180 §2.1, §2.2). */
export function csvText(records: readonly (readonly (string | number)[])[]): string {
  return records.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}

/** The CSV's header record (RFC 4180 §2.3). */
export const CSV_HEADER: readonly string[] = [
  'round',
  'table',
  'match',
  'outcome',
  'outcome reason',
  'win path',
  'day',
  'seat',
  'role',
  'name',
  'player',
  'nickname',
  'score',
  'secure messages',
  'sms',
  'ghosts added',
  'ghosts found',
];

/** The outcome as the CSV writes it: "crew won", "investigator won", "draw", "still playing". */
export function outcomeWords(table: Pick<DebriefTable, 'over' | 'outcome'>): string {
  return OUTCOME_INFO[outcomeKind(table)].words.toLowerCase();
}

/** The debrief as one CSV: a header, then one record per player per table (rounds and tables from 1). */
export function debriefCsv(debrief: Pick<ClassDebrief, 'tables'>): string {
  const records: (string | number)[][] = [[...CSV_HEADER]];
  const tables = [...debrief.tables].sort((a, b) => a.round - b.round || a.table - b.table);
  for (const t of tables) {
    for (const p of [...t.players].sort((a, b) => Number(a.seat) - Number(b.seat))) {
      records.push([
        t.round + 1,
        t.table + 1,
        t.matchID,
        outcomeWords(t),
        t.outcome?.reason ?? '',
        winPathWords(t),
        t.day,
        p.seat,
        ROLE_INFO[p.role].label,
        p.name,
        p.player,
        p.nickname ?? '',
        p.score,
        t.secureMessages,
        t.sms,
        t.ghosts,
        t.ghostsFound,
      ]);
    }
  }
  return csvText(records);
}

/* ── JSON ─────────────────────────────────────────────────────────────────────────── */

/** What "Download JSON" saves. */
export interface ClassDebriefExport extends ClassDebrief {
  readonly format: 'going-dark-class-debrief';
  readonly version: 1;
}

/** The JSON export: the named fields of the debrief only (so nothing else can slip in). */
export function debriefExport(d: ClassDebrief): ClassDebriefExport {
  return {
    format: 'going-dark-class-debrief',
    version: 1,
    code: d.code,
    scenario: d.scenario,
    title: d.title,
    rounds: d.rounds.map((r) => ({
      round: r.round,
      tables: r.tables,
      over: r.over,
      crew: r.crew,
      investigator: r.investigator,
      draw: r.draw,
      paths: { ...r.paths },
      summary: r.summary,
    })),
    tables: d.tables.map((t) => ({
      round: t.round,
      table: t.table,
      matchID: t.matchID,
      over: t.over,
      day: t.day,
      ...(t.outcome ? { outcome: { winner: t.outcome.winner, day: t.outcome.day, reason: t.outcome.reason } } : {}),
      ...(t.winPath ? { winPath: t.winPath } : {}),
      players: t.players.map((p) => ({
        seat: p.seat,
        role: p.role,
        name: p.name,
        player: p.player,
        ...(p.nickname !== undefined ? { nickname: p.nickname } : {}),
        score: p.score,
      })),
      secureMessages: t.secureMessages,
      sms: t.sms,
      ghosts: t.ghosts,
      ghostsFound: t.ghostsFound,
    })),
    questions: [...d.questions],
  };
}

/** The export's file name: going-dark-class-<code>-debrief.csv / .json. */
export function exportFileName(code: string, ext: 'csv' | 'json'): string {
  const safe = normalizeCode(code).replace(/[^A-Za-z0-9]+/g, '') || 'class';
  return `going-dark-class-${safe}-debrief.${ext}`;
}

/* ── Screen lines ─────────────────────────────────────────────────────────────────── */

/** A table's row on screen. */
export interface TableRow {
  readonly key: string;
  readonly title: string;
  readonly kind: OutcomeKind;
  readonly outcome: string;
  readonly reason?: string;
  readonly path?: { readonly icon: string; readonly words: string };
  readonly days: string;
  readonly messages: string;
  readonly ghosts: string;
  readonly players: readonly DebriefPlayer[];
}

/** One table in words, for the round's <table>. */
export function tableRow(t: DebriefTable): TableRow {
  const kind = outcomeKind(t);
  const path = t.winPath ? PATH_INFO[t.winPath] : undefined;
  return {
    key: t.matchID,
    title: tableName(t.table),
    kind,
    outcome: OUTCOME_INFO[kind].words,
    ...(t.outcome ? { reason: t.outcome.reason } : {}),
    ...(path ? { path } : kind === 'investigator' ? { path: { icon: '❔', words: 'not recorded' } } : {}),
    days: t.over ? `${t.outcome?.day ?? t.day}` : t.day === 0 ? 'setting up' : `day ${t.day} so far`,
    messages: `${t.secureMessages} secure / ${t.sms} SMS`,
    ghosts: `${t.ghosts} added / ${t.ghostsFound} found`,
    players: [...t.players].sort((a, b) => Number(a.seat) - Number(b.seat)),
  };
}
