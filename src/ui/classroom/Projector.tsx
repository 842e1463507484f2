/**
 * The projector view of a class, readable from the back of a room: the class code with
 * its QR code and link, how many students, each table's day and phase, how many ended
 * the day, the outcome, and the public event feed of all tables (newest first). It
 * shows only what GET /api/classes/:code/projector returns — never a seat's private
 * view — and asks again every 3 s. It needs the teacher key kept in this browser.
 * @module
 */
import { groupCode, normalizeCode } from '../api.ts';
import { scenarioTitle } from '../catalog.ts';
import { ErrorAlert, JoinCode } from '../components.tsx';
import { QrCode } from '../QrCode.tsx';
import { fetchProjector, loadTeacherKey, type ProjectorTable, type ProjectorView, usePoll } from './classApi.ts';
import { PollStatus } from './Dashboard.tsx';
import {
  classHref,
  classJoinLink,
  endedText,
  feedWhere,
  interleaveFeed,
  outcomeTitle,
  phaseLabel,
  pollErrorText,
  TEACHER_POLL_MS,
  tableName,
} from './model.ts';
import './classroom.css';

function ProjectorCard({ table }: { table: ProjectorTable }) {
  return (
    <li className={table.over ? 'card projector-table over' : 'card projector-table'}>
      <h3>{tableName(table.table)}</h3>
      <p className="projector-phase">{phaseLabel(table)}</p>
      {table.over && table.outcome ? (
        <p className="projector-outcome">
          <strong>{outcomeTitle(table.outcome)}</strong>
          <br />
          {table.outcome.reason}
        </p>
      ) : (
        <p className="projector-ended">
          <span aria-hidden="true">✓ </span>
          {endedText(table.ended, table.seats)}
        </p>
      )}
    </li>
  );
}

/** The projector's tables and feed for one answer of the server (exported for the tests). */
export function ProjectorContent({ view }: { view: ProjectorView }) {
  const feed = interleaveFeed(view.tables);
  const tables = [...view.tables].sort((a, b) => a.table - b.table);
  return (
    <>
      <section aria-labelledby="projector-tables">
        <h2 id="projector-tables">{view.rounds === 0 ? 'Waiting for round 1' : `Round ${view.rounds}`}</h2>
        {tables.length === 0 ? (
          <p className="waiting">Scan the code to join. The game starts when your teacher starts round 1.</p>
        ) : (
          <ul className="plain projector-tables">
            {tables.map((t) => (
              <ProjectorCard key={t.matchID} table={t} />
            ))}
          </ul>
        )}
      </section>
      {tables.length > 0 && (
        <section aria-labelledby="projector-feed">
          <h2 id="projector-feed">What happened (newest first)</h2>
          {feed.length === 0 ? (
            <p className="waiting">Nothing public has happened yet.</p>
          ) : (
            <ol className="plain projector-feed">
              {feed.map((line) => (
                <li key={line.key}>
                  <span className="feed-where">{feedWhere(line)}</span> {line.text}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </>
  );
}

function ProjectorScreen({ code, teacherKey }: { code: string; teacherKey: string }) {
  const poll = usePoll(
    (signal) => fetchProjector(code, teacherKey, signal),
    TEACHER_POLL_MS,
    true,
    `${code}/${teacherKey}`,
  );
  const view = poll.data;
  const link = classJoinLink(window.location, code);
  const refused = poll.error?.status === 401 || poll.error?.status === 403;

  return (
    <div className="classroom projector">
      <h1 tabIndex={-1}>Join the class</h1>
      <section className="projector-join" aria-label="How to join">
        <div>
          <JoinCode code={code} />
          <p className="projector-link mono">{link}</p>
          <p className="projector-facts">
            {view ? (
              <>
                <span aria-hidden="true">👥 </span>
                {view.students} {view.students === 1 ? 'student' : 'students'} · {scenarioTitle(view.scenario)}
                {view.rounds > 0 ? ` · Round ${view.rounds}` : ''}
              </>
            ) : (
              'Loading the class…'
            )}
          </p>
        </div>
        <QrCode text={link} label={`QR code of the class link for class ${code}`} size={280} />
      </section>
      {refused ? (
        <p className="alert" role="alert">
          <span aria-hidden="true">⚠ </span>
          The teacher key in this browser was not accepted ({poll.error?.message}). Enter the right key on the{' '}
          <a href={classHref(code, 'dashboard')}>dashboard</a>.
        </p>
      ) : (
        <ErrorAlert error={poll.error && pollErrorText(poll.error.message, TEACHER_POLL_MS)} />
      )}
      {view && <ProjectorContent view={view} />}
      <PollStatus poll={poll} what="projector" />
    </div>
  );
}

/** The projector route (`#/class/<code>/projector`). */
export function Projector({ code: rawCode }: { code: string }) {
  const code = normalizeCode(rawCode);
  const teacherKey = loadTeacherKey(code);
  if (!teacherKey) {
    return (
      <div className="classroom">
        <h1 tabIndex={-1}>Projector: the teacher key is missing</h1>
        <p className="alert" role="alert">
          <span aria-hidden="true">⚠ </span>
          This browser does not hold the teacher key of class {groupCode(code)}, so it cannot show the projector view.
        </p>
        <p>
          Open the projector from the dashboard in the browser where you created the class, or{' '}
          <a href={classHref(code, 'dashboard')}>enter the teacher key on the dashboard</a> first, then come back.
        </p>
      </div>
    );
  }
  return <ProjectorScreen code={code} teacherKey={teacherKey} />;
}
