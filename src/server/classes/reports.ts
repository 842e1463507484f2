/**
 * What the class API answers with, beside the class itself: the teacher's dashboard, the
 * projector's public feed and the class debrief — plain data, shared by the server
 * (service.ts) and the classroom screens (src/ui/classroom/), and the one sentence that
 * sums up a round.
 * @module
 */
import type { GameState, KeySource, Role } from '../../game/index.ts';
import type { ClassSettings } from './store.ts';

/** One seat of a table as the dashboard shows it. */
export interface DashboardSeat {
  readonly seat: string;
  readonly role: Role;
  readonly name: string;
  /** "student" (with the student's id), "teacher" or "bot". */
  readonly player: 'student' | 'teacher' | 'bot';
  readonly student?: string;
  readonly connected: boolean;
  readonly ended: boolean;
  /** A stand-in bot plays this student's seat. */
  readonly standIn?: boolean;
}

/** One table of the current round. */
export interface DashboardTable {
  readonly table: number;
  readonly matchID: string;
  readonly day: number;
  readonly phase: string;
  readonly over: boolean;
  readonly outcome?: GameState['outcome'];
  readonly seats: DashboardSeat[];
}

/** The teacher's view of the class. */
export interface Dashboard {
  readonly code: string;
  readonly settings: ClassSettings;
  readonly locked: boolean;
  readonly paused: boolean;
  /** Rounds started so far; the current round is `rounds - 1`. */
  readonly rounds: number;
  readonly students: { id: string; nickname: string; removed: boolean; table?: number; role?: Role }[];
  readonly tables: DashboardTable[];
  /** Where the teacher sits as judge in this round (one seat per table), when the teacher judges. */
  readonly judgeSeats: { table: number; matchID: string; playerID: string; credentials: string }[];
}

/** One finished (or unfinished) table of any round, for the class debrief. */
export interface DebriefTable {
  readonly round: number;
  readonly table: number;
  readonly matchID: string;
  readonly over: boolean;
  readonly day: number;
  readonly outcome?: GameState['outcome'];
  /** How the investigator won: which kind of key opened its evidence. */
  readonly winPath?: KeySource;
  readonly players: {
    seat: string;
    role: Role;
    name: string;
    player: 'student' | 'teacher' | 'bot';
    /** The student's nickname, for a student's seat. */
    nickname?: string;
    score: number;
  }[];
  /** Messages by channel, ghosts added and found: what the class talks about. */
  readonly secureMessages: number;
  readonly sms: number;
  readonly ghosts: number;
  readonly ghostsFound: number;
}

/** One round's totals. */
export interface RoundTotals {
  readonly round: number;
  readonly tables: number;
  readonly over: number;
  readonly crew: number;
  readonly investigator: number;
  readonly draw: number;
  readonly paths: Partial<Record<KeySource, number>>;
  /** The round in one sentence: "4 of 6 investigators won; 3 through escrowed backups." */
  readonly summary: string;
}

/** The class debrief: every table of every round, the totals, and the scenario's questions. */
export interface ClassDebrief {
  readonly code: string;
  readonly scenario: string;
  readonly title: string;
  readonly rounds: RoundTotals[];
  readonly tables: DebriefTable[];
  readonly questions: readonly string[];
}

const PATH_WORDS: Record<KeySource, string> = {
  'sim-wiretap': 'an SMS wiretap',
  'backup-warrant': 'escrowed backups',
  'seized-device': 'a seized phone',
  'ghost-device': 'a ghost device',
};

/** "4 of 6 investigators won; 3 through escrowed backups, 1 through an SMS wiretap. The crew won 1; 1 draw." */
export function roundSummary(t: Omit<RoundTotals, 'summary'>): string {
  if (t.over === 0) return `No table has finished yet (${t.tables} playing).`;
  const paths = (Object.entries(t.paths) as [KeySource, number][])
    .sort((a, b) => b[1] - a[1])
    .map(([path, n]) => `${n} through ${PATH_WORDS[path]}`);
  const investigators = `${t.investigator} of ${t.over} investigator${t.over === 1 ? '' : 's'} won${paths.length ? `; ${paths.join(', ')}` : ''}.`;
  const rest = [`The crew won ${t.crew}`, `${t.draw} draw${t.draw === 1 ? '' : 's'}`];
  const playing = t.tables - t.over;
  return `${investigators} ${rest.join('; ')}.${playing ? ` ${playing} still playing.` : ''}`;
}

/** The public feed of one table, for the projector. */
export interface ProjectorTable extends Omit<DashboardTable, 'seats'> {
  readonly ended: number;
  readonly seats: number;
  readonly events: { seq: number; day: number; text: string }[];
}
