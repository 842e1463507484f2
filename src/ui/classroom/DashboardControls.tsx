/**
 * The dashboard's mid-game controls (classControls.ts): pause and resume the class, end the
 * day at every table or one — through the judge bots; a teacher who judges ends days from
 * the docket — and a stand-in bot for an absent student's seat. Every button says it is busy
 * at once, stays focused while busy (aria-disabled), and reports in a status line.
 * @module
 */
import { useEffect, useId, useRef, useState } from 'react';
import { ErrorAlert, useRequest } from '../components.tsx';
import { href } from '../router.ts';
import type { DashboardTable } from './classApi.ts';
import { endDay, pauseClass, seatStandIn, setStandIn } from './classControls.ts';
import { asSentence, tableName } from './model.ts';
import '../pausedBanner.css';
import './classroom.css';
import './dashboardControls.css';
import './placements.css';

/* ── Pause, end the day, stand-ins ───────────────────────────────────────────────── */

/** What the table controls need from the class. */
export interface Controls {
  readonly code: string;
  readonly teacherKey: string;
  readonly paused: boolean;
  /** The teacher judges (days end from the docket), rather than a bot. */
  readonly teacherJudges: boolean;
  readonly onChanged: () => void;
}

/**
 * The class's pause state as shown: the server's answer, or the answer a click just got
 * until the next poll agrees (so the screen changes at once, not 3 s later).
 */
export function useShownPause(serverPaused: boolean): readonly [boolean, (paused: boolean) => void] {
  const [asked, setAsked] = useState<boolean | undefined>();
  useEffect(() => {
    if (asked === undefined) return;
    if (asked === serverPaused) {
      setAsked(undefined);
      return;
    }
    // Changed from elsewhere (another tab): the server's word wins after a while.
    const timer = setTimeout(() => setAsked(undefined), 15_000);
    return () => clearTimeout(timer);
  }, [asked, serverPaused]);
  return [asked ?? serverPaused, setAsked] as const;
}

/** The banner every teacher screen shows while the class is paused (an always-present status region). */
export function ClassPausedBanner({ paused }: { paused: boolean }) {
  return (
    <div role="status" className="paused-region">
      {paused && (
        <p className="paused-banner">
          <span aria-hidden="true">⏸ </span>
          <strong>Class paused:</strong> no move counts at any table and the bots wait, until you resume.
        </p>
      )}
    </div>
  );
}

function PauseControl({ controls, onPaused }: { controls: Controls; onPaused: (paused: boolean) => void }) {
  const { code, teacherKey, paused } = controls;
  const { busy, error, run } = useRequest();
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState('');
  const id = useId();
  const toggle = async () => {
    if (busy) return;
    const next = !paused;
    setAsking(next);
    setDone('');
    const answer = await run(() => pauseClass(code, teacherKey, next));
    if (answer === undefined) return;
    onPaused(next);
    setDone(next ? 'Paused every table.' : 'Resumed: the tables play again.');
    controls.onChanged();
  };
  return (
    <div className="control-block">
      {/* aria-disabled, not disabled: the button keeps the keyboard focus while it works. */}
      <button
        type="button"
        className={paused ? 'primary' : undefined}
        aria-disabled={busy}
        aria-describedby={`${id}-hint`}
        onClick={toggle}
      >
        {busy ? (
          asking ? (
            'Pausing…'
          ) : (
            'Resuming…'
          )
        ) : paused ? (
          <>
            <span aria-hidden="true">▶ </span>Resume the class
          </>
        ) : (
          <>
            <span aria-hidden="true">⏸ </span>Pause the class
          </>
        )}
      </button>
      <p className="hint" id={`${id}-hint`}>
        While paused, moves do not count, bots wait and students see “Paused by the teacher”. A judge bot’s day timer
        starts again from the resume.
      </p>
      <p role="status" className="progress">
        {done}
      </p>
      <ErrorAlert error={error && asSentence(error)} />
    </div>
  );
}

function EndAllDays({ controls, tables }: { controls: Controls; tables: readonly DashboardTable[] }) {
  const { code, teacherKey, paused } = controls;
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState('');
  const { busy, error, run } = useRequest();
  const trigger = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const id = useId();
  const inDay = tables.filter((t) => !t.over && t.phase === 'day').length;

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) trigger.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  if (controls.teacherJudges) {
    return (
      <div className="control-block">
        <p>
          <a className="button" href={href({ name: 'class-docket', code })}>
            <span aria-hidden="true">📋 </span>Open your docket to end the day
          </a>
        </p>
        <p className="hint">You judge this class, so you end each table’s day from your docket.</p>
      </div>
    );
  }
  if (paused) {
    return (
      <p className="control-block lock-line">
        <span aria-hidden="true">🔒 </span>Resume the class to end a day.
      </p>
    );
  }
  if (tables.every((t) => t.over)) return null;

  const endAll = async () => {
    if (busy) return;
    setConfirming(false);
    setDone('');
    const answer = await run(() => endDay(code, teacherKey));
    if (!answer) return;
    setDone(
      answer.ended === 0
        ? 'No table was in its day: nothing to end.'
        : `The judge bots ended the day at ${answer.ended} ${answer.ended === 1 ? 'table' : 'tables'}.`,
    );
    controls.onChanged();
  };

  return (
    <div className="control-block">
      {confirming ? (
        <div className="confirm">
          <p>
            <span aria-hidden="true">⚠ </span>
            End the day at every table now? Players who have not finished stop here, and the night begins.
          </p>
          <p className="actions">
            <button type="button" className="primary" ref={confirmButton} onClick={endAll}>
              Yes, end the day everywhere
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Not yet
            </button>
          </p>
        </div>
      ) : (
        <button
          type="button"
          ref={trigger}
          aria-disabled={busy || inDay === 0}
          aria-describedby={`${id}-hint`}
          onClick={() => {
            if (!busy && inDay > 0) setConfirming(true);
          }}
        >
          {busy ? (
            'Ending the day…'
          ) : (
            <>
              <span aria-hidden="true">☀ </span>End the day at every table
            </>
          )}
        </button>
      )}
      <p className="hint" id={`${id}-hint`}>
        {inDay === 0
          ? 'No table is in its day right now (they are making keys or in the night).'
          : `The judge bot of each table ends its day (${inDay} ${inDay === 1 ? 'table is' : 'tables are'} in the day).`}
      </p>
      <p role="status" className="progress">
        {done}
      </p>
      <ErrorAlert error={error && asSentence(error)} />
    </div>
  );
}

/** Pause and resume, end the day everywhere (or the docket), and the class debrief. */
export function ClassControlsPanel({
  controls,
  tables,
  onPaused,
}: {
  controls: Controls;
  tables: readonly DashboardTable[];
  onPaused: (paused: boolean) => void;
}) {
  const id = useId();
  return (
    <section className="panel class-controls" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>During the game</h2>
      <PauseControl controls={controls} onPaused={onPaused} />
      <EndAllDays controls={controls} tables={tables} />
    </section>
  );
}

/** End the day at one table (judge bot), or where to do it (teacher judge), or why not now. */
export function EndTableDay({ controls, table }: { controls: Controls; table: DashboardTable }) {
  const { busy, error, run } = useRequest();
  const [done, setDone] = useState('');
  const result = useRef<HTMLParagraphElement>(null);
  const name = tableName(table.table);
  if (table.over) return null;
  if (controls.teacherJudges) {
    return (
      <p>
        <a href={href({ name: 'class-docket', code: controls.code })}>
          <span aria-hidden="true">📋 </span>End the day from your docket<span className="sr-only"> ({name})</span>
        </a>
      </p>
    );
  }
  const lock = controls.paused
    ? 'Paused: resume the class to end the day.'
    : table.phase === 'day'
      ? undefined
      : table.phase === 'setup'
        ? 'Still making keys: the day can be ended once it begins.'
        : 'Night: the day can be ended once the next day begins.';
  const end = async () => {
    if (busy) return;
    setDone('');
    const answer = await run(() => endDay(controls.code, controls.teacherKey, table.table));
    if (!answer) return;
    setDone(
      answer.ended === 1
        ? `The judge bot ended the day at ${name}.`
        : `Nothing to end: ${name} is not in its day any more.`,
    );
    // The button may go (the night begins): the result line takes the focus.
    result.current?.focus();
    controls.onChanged();
  };
  return (
    <div className="table-control">
      {lock ? (
        <p className="lock-line">
          <span aria-hidden="true">🔒 </span>
          {lock}
        </p>
      ) : (
        <button type="button" aria-disabled={busy} onClick={end}>
          {busy ? (
            'Ending the day…'
          ) : (
            <>
              <span aria-hidden="true">☀ </span>End the day at this table<span className="sr-only"> ({name})</span>
            </>
          )}
        </button>
      )}
      <p role="status" className="progress" tabIndex={-1} ref={result}>
        {done}
      </p>
      <ErrorAlert error={error && asSentence(error)} />
    </div>
  );
}

/** "Play this seat with a bot" for an absent student, and "Give the seat back". */
export function StandInControl({
  controls,
  seat,
  nickname,
}: {
  controls: Controls;
  seat: DashboardTable['seats'][number];
  nickname: string;
}) {
  const serverOn = seatStandIn(seat);
  const [asked, setAsked] = useState<boolean | undefined>();
  const [done, setDone] = useState('');
  const { busy, error, run } = useRequest();
  const acted = useRef(false);
  const result = useRef<HTMLSpanElement>(null);
  const id = useId();
  const on = asked ?? serverOn;
  const shown = on || !seat.connected;

  useEffect(() => {
    if (asked !== undefined && asked === serverOn) setAsked(undefined);
  }, [asked, serverOn]);
  useEffect(() => {
    // The button went away under the keyboard (the student came back): keep the focus nearby.
    if (!shown && acted.current) result.current?.focus();
  }, [shown]);

  const student = seat.student;
  if (!student || !(shown || done || error)) return null;
  const toggle = async () => {
    if (busy) return;
    const next = !on;
    acted.current = true;
    setDone('');
    const answer = await run(() => setStandIn(controls.code, controls.teacherKey, student, next));
    if (answer === undefined) return;
    setAsked(next);
    setDone(next ? `A bot plays ${nickname}’s seat.` : `The seat is ${nickname}’s again.`);
    controls.onChanged();
  };
  return (
    <div className="seat-control">
      {shown && (
        <>
          <button type="button" aria-disabled={busy} aria-describedby={`${id}-why`} onClick={toggle}>
            {busy ? (
              on ? (
                'Handing the seat back…'
              ) : (
                'Starting a bot…'
              )
            ) : on ? (
              <>
                <span aria-hidden="true">↩ </span>Give the seat back<span className="sr-only"> to {nickname}</span>
              </>
            ) : (
              <>
                <span aria-hidden="true">🤖 </span>Play this seat with a bot
                <span className="sr-only"> for {nickname}</span>
              </>
            )}
          </button>
          <span className="hint" id={`${id}-why`}>
            A stand-in bot has its own device, so the student’s old messages stay in the student’s browser.
          </span>
        </>
      )}
      <span role="status" className="progress" tabIndex={-1} ref={result}>
        {done}
      </span>
      <ErrorAlert error={error && asSentence(error)} />
    </div>
  );
}
