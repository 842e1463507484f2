/**
 * The dashboard's students: each one's nickname (renamed in place), table and role this
 * round, whether connected, and remove or bring back.
 * @module
 */
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { ErrorAlert, RoleBadge, useRequest } from '../components.tsx';
import { type Dashboard as DashboardData, updateStudent } from './classApi.ts';
import { asSentence, type StudentRow, studentRows } from './model.ts';
import './classroom.css';

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

export function Students({
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
