/**
 * The teacher's dashboard of a class: the class code with its QR code and link, lock and
 * unlock, the students (rename, remove, bring back), "Start round N", and every table of
 * the current round — day and phase, each seat (role, name, who plays it, connected,
 * ended the day) and the outcome. Before a round starts the teacher may seat some
 * students themselves (a table and a role each); the server seats everyone else and
 * refuses, with the reason, placements that cannot hold. Asks the server again every 3 s and says how fresh
 * the page is. The teacher key comes from this browser; without one, a form asks for it.
 *
 * Mid-game controls (classControls.ts): pause and resume the class (with a banner while
 * paused), end the day at every table or one — through the judge bots; a teacher who
 * judges ends days from the docket instead — and a stand-in bot for an absent student's
 * seat, handed back when the student returns. Every button says it is busy at once,
 * stays focused while busy (aria-disabled, not disabled), and reports in a status line.
 * The round controls are in DashboardRounds.tsx, the mid-game ones in DashboardControls.tsx.
 * @module
 */
import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { type ApiError, groupCode, loadSeat, normalizeCode, saveSeat } from '../api.ts';
import { scenarioTitle } from '../catalog.ts';
import { CopyButton, ErrorAlert, JoinCode, RoleBadge, SubmitButton, useRequest } from '../components.tsx';
import { QrCode } from '../QrCode.tsx';
import { href } from '../router.ts';
import {
  type Dashboard as DashboardData,
  type DashboardTable,
  fetchDashboard,
  forgetTeacherKey,
  type JudgeSeat,
  loadTeacherKey,
  type Poll,
  saveTeacherKey,
  updateStudent,
  useNow,
  usePoll,
} from './classApi.ts';
import { classPaused, seatStandIn } from './classControls.ts';
import {
  agoText,
  asSentence,
  classDays,
  classHref,
  classJoinLink,
  isStale,
  normaliseTeacherKey,
  pollErrorText,
  type StudentRow,
  seatRows,
  studentRows,
  TEACHER_POLL_MS,
  tableSummary,
} from './model.ts';
import '../pausedBanner.css';
import './classroom.css';
import './dashboardControls.css';
import './placements.css';
import {
  ClassControlsPanel,
  ClassPausedBanner,
  type Controls,
  EndTableDay,
  StandInControl,
  useShownPause,
} from './DashboardControls.tsx';

export { ClassPausedBanner };

import { LockControl, RoundControl } from './DashboardRounds.tsx';

/* ── Pieces the projector shares ─────────────────────────────────────────────────── */

/** How fresh the screen is: "Updated 3 s ago", or a warning when the answers stopped. */
export function PollStatus({ poll, what }: { poll: Pick<Poll<unknown>, 'updatedAt' | 'error'>; what: string }) {
  const now = useNow();
  const stale = isStale(poll.updatedAt, now) || (poll.error !== undefined && poll.updatedAt === undefined);
  return (
    <div className="poll-status">
      {/* The seconds tick visibly; only a change between live and out of date is announced. */}
      <p className={stale ? 'poll-line poll-stale' : 'poll-line poll-live'}>
        <span aria-hidden="true">{stale ? '⚠ ' : '⟳ '}</span>
        {agoText(poll.updatedAt, now)}
        {stale ? ' — out of date, still trying' : `; the ${what} updates every ${TEACHER_POLL_MS / 1000} s`}
      </p>
      <p role="status" className="sr-only">
        {stale ? `The ${what} is out of date: the server has not answered for a while.` : ''}
      </p>
    </div>
  );
}

/** The class code, large, with the QR code and link students open to join. */
export function ClassJoinPanel({ code, qrSize, children }: { code: string; qrSize?: number; children?: ReactNode }) {
  const id = useId();
  const link = classJoinLink(window.location, code);
  return (
    <section className="panel code-panel class-join" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Students join here</h2>
      <div className="class-join-body">
        <div>
          <JoinCode code={code} />
          <p className="field">
            <label htmlFor={`${id}-link`}>Class link</label>
            <input id={`${id}-link`} readOnly value={link} onFocus={(e) => e.target.select()} className="mono wide" />
          </p>
          <p>
            <CopyButton text={link} label="Copy the class link" />
          </p>
        </div>
        <QrCode
          text={link}
          label={`QR code of the class link for class ${code}`}
          {...(qrSize ? { size: qrSize } : {})}
        />
      </div>
      {children}
    </section>
  );
}

/** The teacher's key is needed and this browser has none (or it was refused). */
function EnterTeacherKey({ code, onKey }: { code: string; onKey: (key: string) => void }) {
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const { busy, error, run } = useRequest();
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const key = normaliseTeacherKey(value);
    if (!key) {
      setInvalid('A teacher key is a long string of digits 0–9 and letters a–f. Check it and try again.');
      return;
    }
    setInvalid(undefined);
    const ok = await run(() => fetchDashboard(code, key));
    if (!ok) return;
    saveTeacherKey(code, key);
    onKey(key);
  };
  return (
    <div className="classroom">
      <h1 tabIndex={-1}>Class {groupCode(code)}: enter the teacher key</h1>
      <p>
        This browser does not hold the teacher key of this class. On the computer where you created the class, open the
        dashboard, choose <strong>Show teacher key</strong>, and type or paste it here.
      </p>
      <form onSubmit={submit} aria-busy={busy} noValidate>
        <p className="field">
          <label htmlFor={id}>Enter the teacher key</label>
          <input
            id={id}
            type="password"
            className="mono wide"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            required
            aria-describedby={`${id}-hint`}
            aria-invalid={invalid ? true : undefined}
          />
          <span className="hint" id={`${id}-hint`}>
            Hidden as you type, in case the screen is projected. It is kept in this browser only.
          </span>
        </p>
        <ErrorAlert error={invalid ?? (error && asSentence(error))} />
        <SubmitButton busy={busy} busyText="Checking the key…">
          Use this key
        </SubmitButton>
      </form>
      <p>
        <a href={classHref(code)}>Not the teacher? Join the class as a student.</a>
      </p>
    </div>
  );
}

/* ── Students ───────────────────────────────────────────────────────────────────── */

function StudentItem({
  row,
  code,
  teacherKey,
  onChanged,
}: {
  row: StudentRow;
  code: string;
  teacherKey: string;
  onChanged: () => void;
}) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(row.nickname);
  const { busy, error, run } = useRequest();
  const input = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);
  const id = useId();

  useEffect(() => {
    if (renaming) input.current?.focus();
    else if (wasRenaming.current) renameButton.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const nickname = name.trim();
    if (nickname === row.nickname) {
      setRenaming(false);
      return;
    }
    const done = await run(() => updateStudent(code, teacherKey, row.id, { nickname }));
    if (done === undefined) return;
    setRenaming(false);
    onChanged();
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setName(row.nickname);
      setRenaming(false);
    }
  };
  const toggleRemoved = async () => {
    if (busy) return;
    const done = await run(() => updateStudent(code, teacherKey, row.id, { removed: !row.removed }));
    if (done !== undefined) onChanged();
  };

  return (
    <li className={row.removed ? 'student removed' : 'student'}>
      {renaming ? (
        <form className="inline-form" onSubmit={save} aria-busy={busy}>
          <label htmlFor={id}>New nickname for {row.nickname}</label>
          <input
            id={id}
            ref={input}
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={cancelOnEscape}
            maxLength={32}
            required
            autoComplete="off"
          />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button
            type="button"
            onClick={() => {
              setName(row.nickname);
              setRenaming(false);
            }}
          >
            Cancel
          </button>
        </form>
      ) : (
        <>
          <span className="student-name">{row.nickname}</span>
          <span className="student-place">
            {row.removed ? <span className="tag tag-removed">{row.place}</span> : row.place}
            {!row.removed && row.role && (
              <>
                {' '}
                <RoleBadge role={row.role} />
              </>
            )}
          </span>
          <span className="student-actions">
            <button type="button" ref={renameButton} onClick={() => setRenaming(true)} disabled={busy}>
              Rename<span className="sr-only"> {row.nickname}</span>
            </button>
            <button type="button" onClick={toggleRemoved} disabled={busy}>
              {row.removed ? 'Bring back' : 'Remove'}
              <span className="sr-only"> {row.nickname}</span>
            </button>
          </span>
        </>
      )}
      <ErrorAlert error={error && asSentence(error)} />
    </li>
  );
}

function Students({
  dashboard,
  teacherKey,
  onChanged,
}: {
  dashboard: DashboardData;
  teacherKey: string;
  onChanged: () => void;
}) {
  const rows = studentRows(dashboard);
  const active = rows.filter((r) => !r.removed).length;
  return (
    <section className="panel" aria-labelledby="class-students">
      <h2 id="class-students">
        Students <span className="count">({active})</span>
      </h2>
      {rows.length === 0 ? (
        <p className="waiting">No student has joined yet. Show them the code or the QR code.</p>
      ) : (
        <ul className="plain student-list">
          {rows.map((row) => (
            <StudentItem key={row.id} row={row} code={dashboard.code} teacherKey={teacherKey} onChanged={onChanged} />
          ))}
        </ul>
      )}
      <p className="hint">Removed students leave at the next round and cannot open their seat; Bring back undoes it.</p>
    </section>
  );
}

/* ── Tables ─────────────────────────────────────────────────────────────────────── */

function TableCard({
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
function useJudgeSeats(seats: readonly JudgeSeat[] | undefined): void {
  useEffect(() => {
    for (const s of seats ?? []) {
      const held = loadSeat(s.matchID);
      if (held?.playerID === s.playerID && held.credentials === s.credentials) continue;
      saveSeat({ matchID: s.matchID, playerID: s.playerID, credentials: s.credentials, name: 'Teacher' });
    }
  }, [seats]);
}

/* ── The teacher key ────────────────────────────────────────────────────────────── */

function TeacherKeyPanel({ teacherKey, onForget }: { teacherKey: string; onForget: () => void }) {
  const [shown, setShown] = useState(false);
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Teacher key</h2>
      <p>
        <span aria-hidden="true">🔑 </span>
        The teacher key stays in this browser, and every teacher action needs it. To run the class from another
        computer, copy it there.
      </p>
      <button type="button" aria-expanded={shown} aria-controls={`${id}-key`} onClick={() => setShown((s) => !s)}>
        {shown ? 'Hide teacher key' : 'Show teacher key'}
      </button>
      <div id={`${id}-key`} hidden={!shown}>
        {shown && (
          <>
            <p className="warning">
              <span aria-hidden="true">⚠ </span>
              Anyone with this key can run your class. Do not show it on the projector or share it with students.
            </p>
            <p className="field">
              <label htmlFor={`${id}-value`}>Teacher key (secret)</label>
              <input
                id={`${id}-value`}
                readOnly
                value={teacherKey}
                className="mono wide"
                onFocus={(e) => e.target.select()}
              />
            </p>
            <p>
              <CopyButton text={teacherKey} label="Copy the teacher key" />
            </p>
            <p>
              <button type="button" onClick={onForget}>
                Forget the key on this computer
              </button>{' '}
              <span className="hint">Only if you have copied it: without it you cannot run the class.</span>
            </p>
          </>
        )}
      </div>
    </section>
  );
}

/* ── The dashboard ──────────────────────────────────────────────────────────────── */

function refusedKey(error: ApiError | undefined): boolean {
  return error?.status === 401 || error?.status === 403;
}

/**
 * The dashboard's body for one answer of the server: the class facts, join panel, lock,
 * round control, students, tables and the teacher key panel (exported for the tests).
 */
export function DashboardContent({
  dashboard,
  teacherKey,
  refresh,
  onForget,
  placementsOpen,
}: {
  dashboard: DashboardData;
  teacherKey: string;
  refresh: () => void;
  onForget: () => void;
  /** Opens "Seat students yourself" from the first render (for the tests). */
  placementsOpen?: boolean;
}) {
  const { code } = dashboard;
  const days = classDays(dashboard);
  const [paused, setPaused] = useShownPause(classPaused(dashboard));
  const teacherJudges = dashboard.settings.judge === 'teacher';
  const controls: Controls = { code, teacherKey, paused, teacherJudges, onChanged: refresh };
  return (
    <>
      <ClassPausedBanner paused={paused} />
      <p className="class-facts">
        {scenarioTitle(dashboard.settings.scenario)} · {dashboard.settings.crew} crew members per table
        {days ? ` · ${days} days` : ''}
        {dashboard.settings.dayTimerSeconds ? ` · ${Math.round(dashboard.settings.dayTimerSeconds / 60)} min days` : ''}
      </p>
      <p>
        <a href={classHref(code, 'projector')} target="_blank" rel="noopener">
          <span aria-hidden="true">📽 </span>Open the projector view<span className="hint"> (new tab)</span>
        </a>
      </p>
      <ul className="plain class-links">
        <li>
          <a href={href({ name: 'class-debrief', code })}>
            <span aria-hidden="true">🗂 </span>Class debrief: every table’s outcome and the questions to discuss
          </a>
        </li>
        {teacherJudges && (
          <li>
            <a href={href({ name: 'class-docket', code })}>
              <span aria-hidden="true">📋 </span>Your docket: rule on requests and end the day at every table
            </a>
          </li>
        )}
      </ul>
      <div className="dashboard-top">
        <ClassJoinPanel code={dashboard.code}>
          <LockControl dashboard={dashboard} teacherKey={teacherKey} onChanged={refresh} />
        </ClassJoinPanel>
        <RoundControl
          dashboard={dashboard}
          teacherKey={teacherKey}
          onChanged={refresh}
          {...(placementsOpen ? { placementsOpen } : {})}
        />
        {(dashboard.rounds > 0 || paused) && (
          <ClassControlsPanel controls={controls} tables={dashboard.tables} onPaused={setPaused} />
        )}
      </div>
      <Students dashboard={dashboard} teacherKey={teacherKey} onChanged={refresh} />
      <section aria-labelledby="class-tables">
        <h2 id="class-tables">{dashboard.rounds === 0 ? 'Tables' : `Tables of round ${dashboard.rounds}`}</h2>
        {dashboard.tables.length === 0 ? (
          <p className="waiting">No tables yet: start a round when the students have joined.</p>
        ) : (
          <ul className="plain class-tables">
            {[...dashboard.tables]
              .sort((a, b) => a.table - b.table)
              .map((t) => {
                const judgeSeat = dashboard.judgeSeats.find((j) => j.matchID === t.matchID);
                return (
                  <TableCard
                    key={t.matchID}
                    table={t}
                    students={dashboard.students}
                    {...(days ? { days } : {})}
                    {...(judgeSeat ? { judgeSeat } : {})}
                    controls={controls}
                  />
                );
              })}
          </ul>
        )}
        {dashboard.judgeSeats.length > 0 && (
          <p className="hint">
            Your judge seats open in this browser; each table keeps one seat per browser, so judge every table from
            here.
          </p>
        )}
      </section>
      <TeacherKeyPanel teacherKey={teacherKey} onForget={onForget} />
    </>
  );
}

function TeacherDashboard({ code, teacherKey, onForget }: { code: string; teacherKey: string; onForget: () => void }) {
  const poll = usePoll(
    (signal) => fetchDashboard(code, teacherKey, signal),
    TEACHER_POLL_MS,
    true,
    `${code}/${teacherKey}`,
  );
  const dashboard = poll.data;
  useJudgeSeats(dashboard?.judgeSeats);

  return (
    <div className="classroom dashboard">
      <h1 tabIndex={-1}>Class {groupCode(code)}: dashboard</h1>
      <PollStatus poll={poll} what="dashboard" />
      {refusedKey(poll.error) ? (
        <div className="alert" role="alert">
          <p>
            <span aria-hidden="true">⚠ </span>
            The teacher key in this browser was not accepted ({poll.error?.message}).
          </p>
          <button type="button" onClick={onForget}>
            Enter another key
          </button>
        </div>
      ) : (
        <ErrorAlert error={poll.error && pollErrorText(poll.error.message, TEACHER_POLL_MS)} />
      )}
      {dashboard && (
        <DashboardContent dashboard={dashboard} teacherKey={teacherKey} refresh={poll.refresh} onForget={onForget} />
      )}
    </div>
  );
}

/** The dashboard route (`#/class/<code>/dashboard`). */
export function Dashboard({ code: rawCode }: { code: string }) {
  const code = normalizeCode(rawCode);
  const [teacherKey, setTeacherKey] = useState(() => loadTeacherKey(code));
  if (!teacherKey) return <EnterTeacherKey code={code} onKey={setTeacherKey} />;
  return (
    <TeacherDashboard
      code={code}
      teacherKey={teacherKey}
      onForget={() => {
        forgetTeacherKey(code);
        setTeacherKey(undefined);
      }}
    />
  );
}
