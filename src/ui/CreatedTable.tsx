/**
 * A table just created: the join code large enough to read across a classroom, a link
 * to copy, and the seats (bot or waiting for a player).
 * @module
 */
import { useEffect, useId, useRef } from 'react';
import { joinLink, type TableResponse } from './api.ts';
import { CopyButton, JoinCode, RoleBadge } from './components.tsx';
import { QrCode } from './QrCode.tsx';
import { href } from './router.ts';

/** The created table, with the way for the host to sit down too. */
export function CreatedTable({ table, onAnother }: { table: TableResponse; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const linkId = useId();
  const link = joinLink(table.code);
  const open = table.seats.filter((s) => !s.bot).length;
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        Your table is ready
      </h1>
      <section className="panel code-panel" aria-labelledby={`${linkId}-code`}>
        <h2 id={`${linkId}-code`}>Join code</h2>
        <JoinCode code={table.code} />
        <p>
          <CopyButton text={table.code} label="Copy the code" />
        </p>
        <p className="field">
          <label htmlFor={linkId}>Join link</label>
          <input id={linkId} readOnly value={link} onFocus={(e) => e.target.select()} className="mono" />
        </p>
        <p>
          <CopyButton text={link} label="Copy the link" />
        </p>
        <QrCode text={link} label={`QR code of the join link for table ${table.code}`} />
        <p className="hint">Scan it with a phone’s camera to open the join page.</p>
      </section>
      <section className="panel" aria-labelledby={`${linkId}-seats`}>
        <h2 id={`${linkId}-seats`}>Seats</h2>
        <p>
          {open === 0
            ? 'Bots play every seat.'
            : `${open} ${open === 1 ? 'seat waits' : 'seats wait'} for a player; bots play the rest.`}
        </p>
        <ol className="plain seat-list">
          {table.seats.map((s) => (
            <li key={s.seat}>
              <span className="seat-number">Seat {s.seat}</span> <RoleBadge role={s.role} />{' '}
              <span className={s.bot ? 'tag tag-bot' : 'tag tag-open'}>{s.bot ? '🤖 bot' : '🪑 open'}</span>
            </li>
          ))}
        </ol>
      </section>
      <p className="actions">
        {open > 0 && (
          <a className="button primary" href={href({ name: 'join', code: table.code })}>
            Take a seat yourself
          </a>
        )}
        <button type="button" onClick={onAnother}>
          Create another table
        </button>
      </p>
    </>
  );
}
