/**
 * The teacher's docket, its pure parts (Docket.tsx draws them; tested without a browser):
 * the applications waiting across tables, whether the judge can act at a table, who has
 * ended the day, and whose court key a table published.
 * @module
 */
import { toHex } from '../../crypto/index.ts';
import type { CourtSigner } from '../../device/index.ts';
import { DOCUMENTS, type LegalDocument, type SeatView } from '../../game/index.ts';
import { ROLE_INFO } from '../catalog.ts';
import type { GameSnapshot } from '../useGameClient.ts';

/** One table's view, as the docket has it so far (undefined until the first sync). */
export interface DocketSource {
  readonly table: number;
  readonly view?: SeatView | undefined;
}

/** One application waiting for the judge, at one table. */
export interface DocketRow {
  readonly table: number;
  readonly doc: LegalDocument;
  /** The game's guide in leads for this document (src/game/legal.ts). */
  readonly need: number;
  /** The leads cited meet the guide. */
  readonly meets: boolean;
}

/** Documents that go before the court (no subpoenas, no informal requests), as JudgeBoard counts them. */
export function beforeCourt(doc: LegalDocument): boolean {
  return DOCUMENTS[doc.type].needsJudge && !doc.informal;
}

/** Every application waiting for a ruling, across tables: by table, then in filing order. */
export function docketRows(sources: readonly DocketSource[]): DocketRow[] {
  const rows: DocketRow[] = [];
  for (const { table, view } of sources) {
    if (!view || view.debrief) continue;
    for (const doc of view.documents) {
      if (doc.status !== 'pending' || !beforeCourt(doc)) continue;
      const need = DOCUMENTS[doc.type].leads(view.options);
      rows.push({ table, doc, need, meets: doc.leads >= need });
    }
  }
  return rows.sort((a, b) => a.table - b.table || a.doc.seq - b.doc.seq);
}

/** "1 table", "2 tables". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 applications waiting across 2 tables" (or that none is waiting). */
export function docketSummary(rows: readonly DocketRow[], tables: number): string {
  if (rows.length === 0)
    return `No application is waiting at ${tables === 1 ? 'your table' : `any of ${tables} tables`}.`;
  const at = new Set(rows.map((r) => r.table)).size;
  return `${plural(rows.length, 'application')} waiting ${at === 1 ? 'at' : 'across'} ${plural(at, 'table')}.`;
}

/** A judge seat's table as the docket follows it. */
export interface TableState {
  readonly table: number;
  readonly matchID: string;
  readonly status: GameSnapshot['status'];
  readonly view?: SeatView;
  readonly phase?: string;
  readonly gameover: boolean;
}

/** The judge can act at this table now: connected, in the day, game not over. */
export function dayOpen(state: Pick<TableState, 'status' | 'view' | 'phase' | 'gameover'>): boolean {
  return state.status === 'online' && state.phase === 'day' && !state.gameover && state.view?.debrief === false;
}

/** Why "End the day at every table" skips a table, in words; undefined when it does not. */
export function skipReason(state: TableState): string | undefined {
  if (dayOpen(state)) return undefined;
  if (state.gameover || state.view?.debrief) return 'the game is over';
  if (state.status !== 'online') return 'not connected';
  if (state.phase === 'setup') return 'still setting up keys';
  if (state.phase === 'night') return 'it is night';
  return 'not ready';
}

/** Who has ended the day at a table, and who is still playing (the judge is "you"). */
export function dayRoll(view: SeatView): { ended: string[]; playing: string[] } {
  const ended: string[] = [];
  const playing: string[] = [];
  for (const seat of Object.values(view.seats)) {
    const name =
      seat.id === view.you
        ? 'you'
        : seat.role === 'sender'
          ? seat.name
          : `the ${ROLE_INFO[seat.role].label.toLowerCase()}`;
    (view.ended[seat.id] ? ended : playing).push(name);
  }
  return { ended, playing };
}

/** Whether this browser's court signer holds the table's published court key. */
export function courtKeyState(view: SeatView, court: CourtSigner | undefined): 'unpublished' | 'mine' | 'other' {
  if (!view.courtPub) return 'unpublished';
  return court && toHex(court.key.publicKey) === view.courtPub ? 'mine' : 'other';
}
