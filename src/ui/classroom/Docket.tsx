/**
 * The teacher's docket (`#/class/<code>/docket`): when the teacher judges a class, this
 * browser takes every table's judge seat at once (game.md §5, Judge). Each seat gets its
 * own game client and its own court signer (`useSeatDevice`), so in setup each table's
 * court key is made here and only its public half is published; during the day every
 * table's applications waiting for a ruling are listed with the rule a real court
 * applies and the game's guide in leads, and a grant is an order signed in this browser
 * with that table's court key (`CourtSigner.ruling`). The judge ends the day at one
 * table as a seat, or closes the day at every table at once (`endDayForTable`).
 *
 * The judge seats come from the class dashboard (teacher key from this browser's
 * storage). Contested technical-assistance orders are decided by the court at night
 * (src/game/night.ts): they are counted, not decided, here.
 * @module
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { groupCode, loadSeat, normalizeCode, saveSeat } from '../api.ts';
import { Explain, type Move, PartyTag } from '../boards/kit.tsx';
import { ErrorAlert } from '../components.tsx';
import { useGameClient } from '../useGameClient.ts';
import { useSeatDevice } from '../useSeatDevice.ts';
import { type Dashboard, fetchDashboard, type JudgeSeat, loadTeacherKey, usePoll } from './classApi.ts';
import { PollStatus } from './Dashboard.tsx';
import { DocketTable } from './DocketTable.tsx';
import { dayOpen, docketRows, docketSummary, plural, skipReason, type TableState } from './docketModel.ts';
import { classHref, pollErrorText, TEACHER_POLL_MS, tableName } from './model.ts';
import '../boards/legal.css';
import './docket.css';

/* ── One judge seat, connected ───────────────────────────────────────────────────── */

/** Reports a table's state up to the docket; `null` when the seat goes away. */
type Report = (matchID: string, state: TableState | null, move?: Move) => void;

/** Connects one judge seat: its game client, its court signer, and its panel. */
function JudgeSeatTable({ seat, onReport }: { seat: JudgeSeat; onReport: Report }) {
  const { matchID, playerID, credentials, table } = seat;
  // Keep the seat in this browser, so the full judge desk opens with it.
  useEffect(() => {
    const held = loadSeat(matchID);
    if (held?.playerID === playerID && held.credentials === credentials) return;
    saveSeat({ matchID, playerID, credentials, name: 'Teacher' });
  }, [matchID, playerID, credentials]);
  const game = useGameClient({ matchID, playerID, credentials });
  // The seat's device: in setup it makes the court key here and publishes the public half.
  const device = useSeatDevice(matchID, game.view, game.phase, game.move);
  const { status, view, phase, gameover, move } = game;
  const moveRef = useRef(move);
  moveRef.current = move;
  const stableMove = useCallback<Move>((name, args) => moveRef.current(name, args), []);
  useEffect(() => {
    onReport(
      matchID,
      { table, matchID, status, gameover, ...(view ? { view } : {}), ...(phase ? { phase } : {}) },
      stableMove,
    );
  }, [onReport, matchID, table, status, view, phase, gameover, stableMove]);
  useEffect(() => () => onReport(matchID, null), [onReport, matchID]);
  return (
    <DocketTable
      table={table}
      matchID={matchID}
      playerID={playerID}
      status={status}
      view={view}
      phase={phase}
      gameover={gameover}
      court={device.devices.court}
      keys={device.keys}
      {...(device.error ? { keysError: device.error } : {})}
      move={stableMove}
    />
  );
}

/* ── The docket ──────────────────────────────────────────────────────────────────── */

/** "End the day at every table", with a confirm step. */
function EndEveryDay({ states, moves }: { states: readonly TableState[]; moves: ReadonlyMap<string, Move> }) {
  const [confirming, setConfirming] = useState(false);
  const [said, setSaid] = useState('');
  const confirmButton = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const ready = states.filter((s) => dayOpen(s));
  const skipped = states
    .map((s) => ({ s, why: skipReason(s) }))
    .filter((x): x is { s: TableState; why: string } => x.why !== undefined);
  // The court's own End day at every table: the day ends there once the students end theirs.
  const judgeDone = () => {
    let asked = 0;
    for (const s of ready) {
      if (s.view?.you !== null && s.view?.you !== undefined && s.view.ended[s.view.you]) continue;
      const move = moves.get(s.matchID);
      if (!move) continue;
      move('endDay', {});
      asked++;
    }
    setSaid(
      asked === 0
        ? 'You have ended your day at every table already.'
        : `Ended your day as judge at ${plural(asked, 'table')}: each day ends when its students end theirs.`,
    );
  };
  const endAll = () => {
    let asked = 0;
    for (const s of ready) {
      const move = moves.get(s.matchID);
      if (!move) continue;
      move('endDayForTable', {});
      asked++;
    }
    setConfirming(false);
    setSaid(`Asked ${plural(asked, 'table')} to end the day: the night begins there.`);
  };
  return (
    <section className="panel docket-all" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <span aria-hidden="true">🌙 </span>Close the day everywhere
      </h2>
      {confirming ? (
        <fieldset className="legal-confirm">
          <legend>
            <span aria-hidden="true">⚠ </span>End the day now at {ready.map((s) => tableName(s.table)).join(', ')}?
          </legend>
          <p>Seats still playing there lose the rest of the day.</p>
          <p className="actions">
            <button
              type="button"
              className="primary"
              ref={confirmButton}
              onClick={endAll}
              disabled={ready.length === 0}
            >
              Yes, end the day at {plural(ready.length, 'table')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </p>
        </fieldset>
      ) : (
        <p className="actions">
          <button type="button" className="primary" onClick={judgeDone} disabled={ready.length === 0}>
            I have ruled: end my day at every table
          </button>
          <button type="button" onClick={() => setConfirming(true)} disabled={ready.length === 0}>
            End the day at every table…
          </button>
        </p>
      )}
      {skipped.length > 0 && (
        <p className="hint">Skipped: {skipped.map(({ s, why }) => `${tableName(s.table)} (${why})`).join('; ')}.</p>
      )}
      <p role="status" className="legal-sent">
        {said}
      </p>
      <Explain>A court keeps its own hours: when it closes, the day’s business is over for everyone.</Explain>
    </section>
  );
}

/** The docket for one dashboard answer: the summary, the end-every-day control, and one panel per judge seat. */
function DocketBoard({ dashboard }: { dashboard: Dashboard }) {
  const [states, setStates] = useState<Readonly<Record<string, TableState>>>({});
  const moves = useRef(new Map<string, Move>());
  const onReport = useCallback<Report>((matchID, state, move) => {
    if (state === null) moves.current.delete(matchID);
    else if (move) moves.current.set(matchID, move);
    setStates((all) => {
      if (state === null) {
        const { [matchID]: _gone, ...rest } = all;
        return rest;
      }
      return { ...all, [matchID]: state };
    });
  }, []);
  const seats = [...dashboard.judgeSeats].sort((a, b) => a.table - b.table);
  const followed = seats.map((s) => states[s.matchID]).filter((s): s is TableState => s !== undefined);
  const rows = docketRows(followed);
  return (
    <>
      <section className="panel docket-summary" aria-labelledby="docket-summary-title">
        <h2 id="docket-summary-title">
          <span aria-hidden="true">⚖️ </span>The docket · <PartyTag party="court" />
        </h2>
        <p role="status" className="docket-total">
          {docketSummary(rows, seats.length)}
        </p>
        <p>
          You are the judge at {plural(seats.length, 'table')}. Each table has its own court key, made and kept in this
          browser. <strong>You may decide as you see fit</strong>: the guide in leads is advice, not a command.
        </p>
      </section>
      <EndEveryDay states={followed} moves={moves.current} />
      <div className="docket-tables">
        {seats.map((s) => (
          <JudgeSeatTable key={`${s.matchID}/${s.playerID}`} seat={s} onReport={onReport} />
        ))}
      </div>
    </>
  );
}

function refused(status: number | undefined): boolean {
  return status === 401 || status === 403;
}

function TeacherDocket({ code, teacherKey }: { code: string; teacherKey: string }) {
  const poll = usePoll(
    (signal) => fetchDashboard(code, teacherKey, signal),
    TEACHER_POLL_MS,
    true,
    `${code}/${teacherKey}`,
  );
  const dashboard = poll.data;
  const dashboardLink = <a href={classHref(code, 'dashboard')}>the class dashboard</a>;
  return (
    <div className="classroom docket">
      <h1 tabIndex={-1}>Class {groupCode(code)}: the judge’s docket</h1>
      <PollStatus poll={poll} what="list of tables" />
      {refused(poll.error?.status) ? (
        <div className="alert" role="alert">
          <p>
            <span aria-hidden="true">⚠ </span>
            The teacher key in this browser was not accepted ({poll.error?.message}). Enter the right key on{' '}
            {dashboardLink}.
          </p>
        </div>
      ) : (
        <ErrorAlert error={poll.error && pollErrorText(poll.error.message, TEACHER_POLL_MS)} />
      )}
      {dashboard &&
        (dashboard.settings.judge === 'bot' ? (
          <p className="panel">
            <span aria-hidden="true">🤖 </span>The bots judge this class: there is no docket for you. See{' '}
            {dashboardLink}.
          </p>
        ) : dashboard.judgeSeats.length === 0 ? (
          <p className="panel">
            <span aria-hidden="true">🪑 </span>No round is being played yet. Start one on {dashboardLink}; the tables
            appear here by themselves.
          </p>
        ) : (
          <DocketBoard dashboard={dashboard} />
        ))}
      <p>
        <a href={classHref(code, 'dashboard')}>
          <span aria-hidden="true">← </span>Back to the dashboard
        </a>
      </p>
    </div>
  );
}

/** The docket route (`#/class/<code>/docket`): every table's judge seat in one view. */
export function Docket({ code: rawCode }: { code: string }) {
  const code = normalizeCode(rawCode);
  const teacherKey = loadTeacherKey(code);
  if (!teacherKey) {
    return (
      <div className="classroom docket">
        <h1 tabIndex={-1}>Class {groupCode(code)}: the judge’s docket</h1>
        <p className="alert" role="alert">
          <span aria-hidden="true">🔑 </span>
          This browser does not hold the teacher key of this class, so it cannot take the judge seats.
        </p>
        <p>
          Open <a href={classHref(code, 'dashboard')}>the class dashboard</a> and enter the teacher key there, then come
          back.
        </p>
      </div>
    );
  }
  return <TeacherDocket code={code} teacherKey={teacherKey} />;
}
