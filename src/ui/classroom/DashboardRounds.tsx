/**
 * The dashboard's round controls: lock or open the class, the teacher's placements for the
 * next round (a table and a role each, with live warnings), and "Start round N" (with a
 * confirm step while tables still play). Part of Dashboard.tsx's screen.
 * @module
 */
import { useEffect, useId, useRef, useState } from 'react';
import { ROLE_INFO } from '../catalog.ts';
import { ErrorAlert, useRequest } from '../components.tsx';
import { type Dashboard as DashboardData, setLocked, startRound } from './classApi.ts';
import {
  asSentence,
  nextRoundTables,
  PLACEABLE_ROLES,
  type PlacementChoice,
  placedText,
  placementProblems,
  placementsToSend,
  roundState,
  type StudentRow,
  seatsPerTable,
  studentRows,
  tableName,
  withNicknames,
} from './model.ts';
import '../pausedBanner.css';
import './classroom.css';
import './dashboardControls.css';
import './placements.css';

/* ── Lock and rounds ────────────────────────────────────────────────────────────── */

export function LockControl({
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

export function RoundControl({
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
