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
 * @module
 */
import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { type ApiError, groupCode, loadSeat, normalizeCode, saveSeat } from '../api.ts';
import { ROLE_INFO, scenarioTitle } from '../catalog.ts';
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
  setLocked,
  startRound,
  updateStudent,
  useNow,
  usePoll,
} from './classApi.ts';
import { classPaused, endDay, pauseClass, seatStandIn, setStandIn } from './classControls.ts';
import {
  agoText,
  asSentence,
  classDays,
  classHref,
  classJoinLink,
  isStale,
  nextRoundTables,
  normaliseTeacherKey,
  PLACEABLE_ROLES,
  type PlacementChoice,
  placedText,
  placementProblems,
  placementsToSend,
  pollErrorText,
  roundState,
  type StudentRow,
  seatRows,
  seatsPerTable,
  studentRows,
  TEACHER_POLL_MS,
  tableName,
  tableSummary,
  withNicknames,
} from './model.ts';
import '../pausedBanner.css';
import './classroom.css';
import './dashboardControls.css';
import './placements.css';

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

/* ── Lock and rounds ────────────────────────────────────────────────────────────── */

function LockControl({
  dashboard,
  teacherKey,
  onChanged,
}: {
  dashboard: DashboardData;
  teacherKey: string;
  onChanged: () => void;
}) {
  const { busy, error, run } = useRequest();
  const toggle = async () => {
    if (busy) return;
    const done = await run(() => setLocked(dashboard.code, teacherKey, !dashboard.locked));
    if (done !== undefined) onChanged();
  };
  return (
    <div className="lock-control">
      <p className={dashboard.locked ? 'lock-state locked' : 'lock-state open'}>
        <span aria-hidden="true">{dashboard.locked ? '🔒 ' : '🔓 '}</span>
        {dashboard.locked ? 'Locked: no one else can join.' : 'Open: students can join with the code.'}
      </p>
      <button type="button" onClick={toggle} disabled={busy}>
        {dashboard.locked ? 'Open the class again' : 'Lock the class'}
      </button>
      <ErrorAlert error={error && asSentence(error)} />
    </div>
  );
}

/** The placement form's choices, by student id (component state only: never stored). */
type Choices = Readonly<Record<string, PlacementChoice>>;

/** A choice from its two fields, leaving out the unset ones. */
function choiceOf(table: number | undefined, role: PlacementChoice['role']): PlacementChoice {
  return { ...(table === undefined ? {} : { table }), ...(role === undefined ? {} : { role }) };
}

/** Where a choice puts a student, in words with an icon; a table the next round lacks reads as "Any table". */
function choiceState(choice: PlacementChoice, tables: number) {
  const table = choice.table !== undefined && choice.table < tables ? choice.table : undefined;
  const { role } = choice;
  if (table !== undefined && role !== undefined)
    return { table, placed: true, icon: '📌', text: placedText({ table, role }) };
  if (table === undefined && role === undefined)
    return { table, placed: false, icon: '🔀', text: 'seated automatically' };
  return {
    table,
    placed: false,
    icon: '○',
    text: `not placed yet: choose ${table === undefined ? 'a table' : 'a role'} too`,
  };
}

/** One student's table and role selects, and where that puts them, in words. */
function PlacementRow({
  student,
  tables,
  choice,
  onChange,
}: {
  student: StudentRow;
  tables: number;
  choice: PlacementChoice;
  onChange: (choice: PlacementChoice, said: string) => void;
}) {
  const id = useId();
  const state = choiceState(choice, tables);
  const change = (next: PlacementChoice) => onChange(next, `${student.nickname}: ${choiceState(next, tables).text}.`);
  return (
    <li className={state.placed ? 'placement placed' : 'placement'}>
      <span className="placement-name">{student.nickname}</span>
      <span className="placement-field placement-table">
        <label htmlFor={`${id}-table`}>
          Table<span className="sr-only"> for {student.nickname}</span>
        </label>
        <select
          id={`${id}-table`}
          value={state.table === undefined ? '' : String(state.table)}
          aria-describedby={`${id}-state`}
          onChange={(e) => change(choiceOf(e.target.value === '' ? undefined : Number(e.target.value), choice.role))}
        >
          <option value="">Any table</option>
          {[...Array(tables).keys()].map((t) => (
            <option key={t} value={String(t)}>
              {tableName(t)}
            </option>
          ))}
        </select>
      </span>
      <span className="placement-field placement-role">
        <label htmlFor={`${id}-role`}>
          Role<span className="sr-only"> for {student.nickname}</span>
        </label>
        <select
          id={`${id}-role`}
          value={choice.role ?? ''}
          aria-describedby={`${id}-state`}
          onChange={(e) =>
            change(
              choiceOf(
                state.table,
                PLACEABLE_ROLES.find((r) => r === e.target.value),
              ),
            )
          }
        >
          <option value="">Any role</option>
          {PLACEABLE_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_INFO[r].label}
            </option>
          ))}
        </select>
      </span>
      <span className="placement-state" id={`${id}-state`}>
        <span aria-hidden="true">{state.icon} </span>
        {state.text}
      </span>
    </li>
  );
}

/**
 * "Seat students yourself (optional)": a disclosure with a table and a role select per
 * student still in the class. `initiallyOpen` is for the tests (a static render cannot click).
 */
function PlacementPanel({
  students,
  crew,
  tables,
  choices,
  onChange,
  onClear,
  placed,
  problems,
  summaryId,
  initiallyOpen = false,
}: {
  students: readonly StudentRow[];
  crew: 2 | 3;
  tables: number;
  choices: Choices;
  onChange: (student: StudentRow, choice: PlacementChoice) => void;
  onClear: () => void;
  placed: number;
  problems: readonly string[];
  summaryId: string;
  initiallyOpen?: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const [said, setSaid] = useState('');
  const id = useId();
  const others = crew === 2 ? 'two' : 'three';
  return (
    <div className="placements">
      <button
        type="button"
        className="disclosure"
        aria-expanded={open}
        aria-controls={`${id}-body`}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>Seat students yourself (optional)
      </button>
      <p className="hint" id={summaryId}>
        {placed === 0
          ? 'Everyone is seated automatically.'
          : `${placed} ${placed === 1 ? 'student is' : 'students are'} placed by you; the rest are seated automatically.`}
      </p>
      <div id={`${id}-body`} className="placements-body" hidden={!open}>
        {open && (
          <>
            <p className="hint" id={`${id}-how`}>
              A student is placed only when you choose both a table and a role; anyone else is seated automatically. The
              next round has {tables} {tables === 1 ? 'table' : 'tables'} of {seatsPerTable(crew)} student seats:{' '}
              {others} crew members, a carrier, a relay operator and an investigator. The judge is never a student.
            </p>
            <ul className="plain placement-list" aria-describedby={`${id}-how`}>
              {students.map((s) => (
                <PlacementRow
                  key={s.id}
                  student={s}
                  tables={tables}
                  choice={choices[s.id] ?? {}}
                  onChange={(choice, text) => {
                    setSaid(text);
                    onChange(s, choice);
                  }}
                />
              ))}
            </ul>
            {problems.length > 0 && (
              <div className="placement-problems">
                <p>
                  <span aria-hidden="true">⚠ </span>
                  These placements cannot all hold, so the server will refuse to start the round:
                </p>
                <ul>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </div>
            )}
            <p className="actions">
              <button
                type="button"
                onClick={() => {
                  onClear();
                  setSaid('Placements cleared: everyone will be seated automatically.');
                }}
              >
                Clear placements
              </button>
            </p>
            <p role="status" className="progress">
              {said}
            </p>
          </>
        )}
      </div>
    </div>
  );
}

function RoundControl({
  dashboard,
  teacherKey,
  onChanged,
  placementsOpen,
}: {
  dashboard: DashboardData;
  teacherKey: string;
  onChanged: () => void;
  placementsOpen?: boolean;
}) {
  const state = roundState(dashboard);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | undefined>();
  const [choices, setChoices] = useState<Choices>({});
  const { busy, error, run } = useRequest();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const id = useId();
  const { crew } = dashboard.settings;
  const students = studentRows(dashboard).filter((s) => !s.removed);
  const tables = nextRoundTables(state.students, crew);
  const placements = placementsToSend(choices, students, tables);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const start = async () => {
    if (busy) return;
    setConfirming(false);
    setDone(undefined);
    const sent = placements;
    const result = await run(() => startRound(dashboard.code, teacherKey, sent));
    if (!result) return;
    // The placements were for this round only.
    setChoices({});
    setDone(
      `Round ${result.round + 1} started at ${result.tables} ${result.tables === 1 ? 'table' : 'tables'}.` +
        (sent.length > 0
          ? ` ${sent.length} ${sent.length === 1 ? 'student sits' : 'students sit'} where you placed them.`
          : ''),
    );
    onChanged();
  };
  const judge = dashboard.settings.judge === 'teacher' ? 'you judge at every table' : 'a bot judges';

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{state.current === 0 ? 'No round yet' : `Round ${state.current}`}</h2>
      <p className="hint" id={`${id}-rule`}>
        Roles rotate: each student gets a role they have not played yet whenever the seats allow. Tables are balanced,
        bots fill empty seats, and {judge}.
      </p>
      {state.canStart && (
        <PlacementPanel
          students={students}
          crew={crew}
          tables={tables}
          choices={choices}
          onChange={(student, choice) => setChoices((c) => ({ ...c, [student.id]: choice }))}
          onClear={() => setChoices({})}
          placed={placements.length}
          problems={placementProblems(placements, crew, students)}
          summaryId={`${id}-placed`}
          {...(placementsOpen ? { initiallyOpen: true } : {})}
        />
      )}
      {confirming ? (
        <div className="confirm">
          <p id={`${id}-confirm`}>
            <span aria-hidden="true">⚠ </span>
            {state.playing} {state.playing === 1 ? 'table is' : 'tables are'} still playing round {state.current}.
            Students will move to their new tables. Start round {state.next} anyway?
          </p>
          <p className="actions">
            <button type="button" className="primary" ref={confirmButton} onClick={start}>
              Start round {state.next} now
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Not yet
            </button>
          </p>
        </div>
      ) : (
        <p className="actions">
          <button
            type="button"
            className="primary big"
            disabled={busy || !state.canStart}
            aria-describedby={state.canStart ? `${id}-rule ${id}-placed` : `${id}-rule`}
            onClick={() => (state.playing > 0 ? setConfirming(true) : void start())}
          >
            {busy ? 'Starting…' : `Start round ${state.next}`}
          </button>
          {!state.canStart && <span className="hint">Waiting for the first student to join.</span>}
        </p>
      )}
      <p role="status" className="progress">
        {busy ? `Seating ${state.students} students…` : (done ?? '')}
      </p>
      <ErrorAlert error={error && asSentence(withNicknames(error, dashboard.students))} />
    </section>
  );
}

/* ── Pause, end the day, stand-ins ───────────────────────────────────────────────── */

/** What the table controls need from the class. */
interface Controls {
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
function useShownPause(serverPaused: boolean): readonly [boolean, (paused: boolean) => void] {
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
function ClassControlsPanel({
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
function EndTableDay({ controls, table }: { controls: Controls; table: DashboardTable }) {
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
function StandInControl({
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
