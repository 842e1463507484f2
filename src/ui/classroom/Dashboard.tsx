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
 * The round controls are in DashboardRounds.tsx, the mid-game ones in DashboardControls.tsx,
 * the students and the tables in DashboardStudents.tsx and DashboardTables.tsx, and the
 * pieces other class pages share (freshness, join panel, teacher-key form) in classPieces.tsx.
 * @module
 */
import { useId, useState } from 'react';
import { type ApiError, groupCode, normalizeCode } from '../api.ts';
import { scenarioTitle } from '../catalog.ts';
import { CopyButton, ErrorAlert } from '../components.tsx';
import { href } from '../router.ts';
import {
  type Dashboard as DashboardData,
  fetchDashboard,
  forgetTeacherKey,
  loadTeacherKey,
  usePoll,
} from './classApi.ts';
import { classPaused } from './classControls.ts';
import { classDays, classHref, pollErrorText, TEACHER_POLL_MS } from './model.ts';
import '../pausedBanner.css';
import './classroom.css';
import './dashboardControls.css';
import './placements.css';
import { ClassControlsPanel, ClassPausedBanner, type Controls, useShownPause } from './DashboardControls.tsx';

export { ClassPausedBanner };

import { ClassJoinPanel, EnterTeacherKey, PollStatus } from './classPieces.tsx';
import { LockControl, RoundControl } from './DashboardRounds.tsx';
import { Students } from './DashboardStudents.tsx';
import { TableCard, useJudgeSeats } from './DashboardTables.tsx';

export { ClassJoinPanel, PollStatus };

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
