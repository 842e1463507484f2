/**
 * Pieces the class pages share (the dashboard, the docket, the projector): how fresh a
 * polled page is, the panel that shows a class's code, QR code and link to join, and
 * the form that asks for a teacher key.
 * @module
 */
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { groupCode } from '../api.ts';
import { CopyButton, ErrorAlert, JoinCode, SubmitButton, useRequest } from '../components.tsx';
import { QrCode } from '../QrCode.tsx';
import { fetchDashboard, type Poll, saveTeacherKey, useNow } from './classApi.ts';
import {
  agoText,
  asSentence,
  classHref,
  classJoinLink,
  isStale,
  normaliseTeacherKey,
  TEACHER_POLL_MS,
} from './model.ts';
import './classroom.css';

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
export function EnterTeacherKey({ code, onKey }: { code: string; onKey: (key: string) => void }) {
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
