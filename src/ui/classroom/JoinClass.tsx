/**
 * A student joins a class (`#/class/<code>`): the class's scenario and whether it is
 * locked, a nickname (a suggestion filled in, another one on request), then a waiting
 * screen that asks every 2 s whether the teacher has seated them. When a seat appears —
 * or a new round gives a new one — it is kept in this browser and the student goes to
 * the table. The token stays in this browser; a returning student goes straight to
 * waiting.
 * @module
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { groupCode, normalizeCode, saveSeat } from '../api.ts';
import { scenarioTitle } from '../catalog.ts';
import { ErrorAlert, errorText, RoleBadge, SubmitButton, useRequest } from '../components.tsx';
import { href } from '../router.ts';
import {
  type ClassInfo,
  classInfo,
  fetchMe,
  forgetStudent,
  joinClass,
  loadStudent,
  type StoredStudent,
  saveStudent,
  suggestNickname,
  usePoll,
} from './classApi.ts';
import { asSentence, isNewSeat, pollErrorText, STUDENT_POLL_MS, seatKey, tableName } from './model.ts';
import './classroom.css';

type InfoState =
  | { readonly state: 'loading' }
  | { readonly state: 'found'; readonly info: ClassInfo }
  | { readonly state: 'failed'; readonly error: string };

function ClassFacts({ info }: { info: InfoState }) {
  if (info.state === 'loading') return <p role="status">Looking up the class…</p>;
  if (info.state === 'failed') {
    return (
      <p className="alert" role="alert">
        <span aria-hidden="true">⚠ </span>
        {info.error} Check the code with your teacher.
      </p>
    );
  }
  const { scenario, locked, students } = info.info;
  return (
    <div className="panel">
      <p>
        <strong>Scenario:</strong> {scenarioTitle(scenario)}
      </p>
      <p className={locked ? 'lock-state locked' : 'lock-state open'} role="status">
        <span aria-hidden="true">{locked ? '🔒 ' : '🔓 '}</span>
        {locked
          ? 'The class is locked: no one can join right now. Ask your teacher.'
          : `Open: ${students} ${students === 1 ? 'student has' : 'students have'} joined.`}
      </p>
    </div>
  );
}

function JoinForm({ code, onJoined }: { code: string; onJoined: (student: StoredStudent, stored: boolean) => void }) {
  const [info, setInfo] = useState<InfoState>({ state: 'loading' });
  const [name, setName] = useState('');
  const [edited, setEdited] = useState(false);
  const [suggested, setSuggested] = useState<string | undefined>();
  const [suggesting, setSuggesting] = useState(false);
  const { busy, error, run } = useRequest();
  const id = useId();

  useEffect(() => {
    const controller = new AbortController();
    classInfo(code, controller.signal).then(
      (found) => setInfo({ state: 'found', info: found }),
      (e: unknown) => {
        if (!controller.signal.aborted) setInfo({ state: 'failed', error: errorText(e) });
      },
    );
    suggestNickname(code, controller.signal).then(
      ({ nickname }) => {
        setSuggested(nickname);
        setName((current) => (current === '' ? nickname : current));
      },
      () => {}, // no suggestion: the student types one
    );
    return () => controller.abort();
  }, [code]);

  const another = async () => {
    setSuggesting(true);
    try {
      const { nickname } = await suggestNickname(code);
      setSuggested(nickname);
      setName(nickname);
      setEdited(false);
    } catch {
      // Keep the current name.
    } finally {
      setSuggesting(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const joined = await run(() => joinClass(code, name.trim()));
    if (!joined) return;
    const student: StoredStudent = { id: joined.id, token: joined.token, nickname: joined.nickname };
    onJoined(student, saveStudent(code, student));
  };

  return (
    <div className="classroom">
      <h1 tabIndex={-1}>Join class {groupCode(code)}</h1>
      <ClassFacts info={info} />
      <form onSubmit={submit} aria-busy={busy}>
        <p className="field">
          <label htmlFor={id}>Your nickname</label>
          <input
            id={id}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setEdited(true);
            }}
            required
            maxLength={32}
            autoComplete="off"
            aria-describedby={`${id}-hint`}
          />
          <span className="hint" id={`${id}-hint`}>
            Shown to your class. Not your real name: keep the suggestion or make up another.
          </span>
        </p>
        <p className="actions">
          <button type="button" onClick={another} disabled={suggesting}>
            {suggesting ? 'Thinking…' : 'Another suggestion'}
          </button>
          <span className="sr-only" role="status">
            {suggested && !edited ? `Suggested nickname: ${suggested}` : ''}
          </span>
        </p>
        <ErrorAlert error={error && asSentence(error)} />
        <SubmitButton busy={busy} busyText="Joining…">
          Join the class
        </SubmitButton>
      </form>
    </div>
  );
}

function Waiting({
  code,
  student,
  stored,
  onSeat,
  onLeave,
}: {
  code: string;
  student: StoredStudent;
  stored: boolean;
  onSeat: (seat: string) => void;
  onLeave: () => void;
}) {
  const poll = usePoll(
    (signal) => fetchMe(code, student.token, signal),
    STUDENT_POLL_MS,
    true,
    `${code}/${student.token}`,
  );
  const me = poll.data;
  const seat = me?.seat;

  useEffect(() => {
    if (!me?.seat || !isNewSeat(me.seat, student.seat)) return;
    const { matchID, playerID, credentials } = me.seat;
    saveSeat({ matchID, playerID, credentials, name: me.nickname });
    onSeat(seatKey(me.seat));
    window.location.hash = href({ name: 'table', matchID, playerID });
  }, [me, student.seat, onSeat]);

  const nickname = me?.nickname ?? student.nickname;
  // 403: removed by the teacher (or a token this class does not know); 404: no such class.
  const shutOut = poll.error?.status === 403 || poll.error?.status === 404;
  return (
    <div className="classroom">
      <h1 tabIndex={-1}>Class {groupCode(code)}</h1>
      <p>
        Your nickname: <strong>{nickname}</strong>
      </p>
      {!stored && (
        <p className="warning">
          <span aria-hidden="true">⚠ </span>
          This browser cannot remember you: keep this page open, or you will have to join again.
        </p>
      )}
      <p className="waiting-big" role="status">
        <span aria-hidden="true">{shutOut ? '🚫 ' : '⏳ '}</span>
        {shutOut
          ? 'You are not in the class right now.'
          : seat
            ? 'You are in. Waiting for your teacher to start the next round…'
            : 'You are in. Waiting for your teacher to start the round…'}
      </p>
      {seat && !isNewSeat(seat, student.seat) && (
        <div className="panel">
          <p>
            Round {me?.round}: you sit at {tableName(seat.table)} as <RoleBadge role={seat.role} />.
          </p>
          <p>
            <a
              className="button primary"
              href={href({ name: 'table', matchID: seat.matchID, playerID: seat.playerID })}
            >
              Back to your table
            </a>
          </p>
          <p className="hint">When your teacher starts the next round, this page takes you to your new table.</p>
        </div>
      )}
      <ErrorAlert error={poll.error && pollErrorText(poll.error.message, STUDENT_POLL_MS)} />
      <details className="leave">
        <summary>Not you, or a shared computer?</summary>
        <p>
          Leaving forgets you on this browser; you would join again as a new student.{' '}
          <button type="button" onClick={onLeave}>
            Leave this class on this browser
          </button>
        </p>
      </details>
    </div>
  );
}

/** The class join route (`#/class/<code>`). */
export function JoinClass({ code: rawCode }: { code: string }) {
  const code = normalizeCode(rawCode);
  const [student, setStudent] = useState<{ value: StoredStudent; stored: boolean } | undefined>(() => {
    const value = loadStudent(code);
    return value ? { value, stored: true } : undefined;
  });
  if (!student) return <JoinForm code={code} onJoined={(value, stored) => setStudent({ value, stored })} />;
  return (
    <Waiting
      code={code}
      student={student.value}
      stored={student.stored}
      onSeat={(seat) => {
        const value = { ...student.value, seat };
        saveStudent(code, value);
        setStudent({ ...student, value });
      }}
      onLeave={() => {
        forgetStudent(code);
        setStudent(undefined);
      }}
    />
  );
}
