/**
 * The dashboard's tables of the current round: day and phase, each seat (role, name, who
 * plays it, connected, ended the day), the outcome, and the table's mid-game controls;
 * and the judge seats the teacher's browser keeps for the docket.
 * @module
 */
import { useEffect } from 'react';
import { loadSeat, saveSeat } from '../api.ts';
import { RoleBadge } from '../components.tsx';
import { href } from '../router.ts';
import type { Dashboard as DashboardData, DashboardTable, JudgeSeat } from './classApi.ts';
import { seatStandIn } from './classControls.ts';
import { seatRows, tableSummary } from './model.ts';
import './classroom.css';
import { type Controls, EndTableDay, StandInControl } from './DashboardControls.tsx';

/* ── Tables ─────────────────────────────────────────────────────────────────────── */

export function TableCard({
  table,
  students,
  days,
  judgeSeat,
  controls,
}: {
  table: DashboardTable;
  students: DashboardData['students'];
  days?: number;
  judgeSeat?: JudgeSeat;
  controls: Controls;
}) {
  const summary = tableSummary(table, days);
  const bySeat = new Map(table.seats.map((s) => [s.seat, s]));
  return (
    <li className={table.over ? 'card class-table over' : 'card class-table'}>
      <h3>{summary.title}</h3>
      <p className="table-status">
        <span className="phase-text">{summary.phase}</span> · {summary.ended}
        {summary.offline > 0 && (
          <>
            {' '}
            · <span className="tag connection-offline">○ {summary.offline} not connected</span>
          </>
        )}
        {controls.paused && !table.over && (
          <>
            {' '}
            · <span className="tag tag-paused">⏸ paused</span>
          </>
        )}
      </p>
      {summary.outcome && (
        <p className="outcome-line">
          <strong>{summary.outcome.title}</strong>: {summary.outcome.reason}
        </p>
      )}
      <ul className="plain table-seats">
        {seatRows(table, students).map((s) => {
          const seat = bySeat.get(s.key);
          const standIn = seat !== undefined && seatStandIn(seat);
          return (
            <li key={s.key} className={`role-${s.role}`}>
              <RoleBadge role={s.role} /> <span className="seat-player">{s.name}</span>
              {s.character && <span className="hint"> as {s.character}</span>} <span className="tag">{s.who}</span>
              {standIn && (
                <>
                  {' '}
                  <span className="tag tag-stand-in">🤖 stand-in bot</span>
                </>
              )}
              {s.connection && !standIn && (
                <>
                  {' '}
                  <span className={`tag ${s.online ? 'connection-online' : 'connection-offline'}`}>{s.connection}</span>
                </>
              )}{' '}
              <span className={s.ended ? 'tag tag-ended' : 'tag'}>{s.endedText}</span>
              {seat?.player === 'student' && !table.over && (
                <StandInControl controls={controls} seat={seat} nickname={s.name} />
              )}
            </li>
          );
        })}
      </ul>
      <EndTableDay controls={controls} table={table} />
      {judgeSeat && (
        <p>
          <a
            className="button"
            href={href({ name: 'table', matchID: judgeSeat.matchID, playerID: judgeSeat.playerID })}
          >
            <span aria-hidden="true">⚖ </span>Open your judge seat<span className="sr-only"> at {summary.title}</span>
          </a>
        </p>
      )}
    </li>
  );
}

/** Keeps the teacher's judge seats in this browser, so the links to them open the seat. */
export function useJudgeSeats(seats: readonly JudgeSeat[] | undefined): void {
  useEffect(() => {
    for (const s of seats ?? []) {
      const held = loadSeat(s.matchID);
      if (held?.playerID === s.playerID && held.credentials === s.credentials) continue;
      saveSeat({ matchID: s.matchID, playerID: s.playerID, credentials: s.credentials, name: 'Teacher' });
    }
  }, [seats]);
}
