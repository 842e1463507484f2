/**
 * Join with a code: the code is looked up as it is typed (lowercase and spaces are
 * fine) so the player sees which seats are free, then the server assigns a seat and
 * this browser keeps its credentials.
 * @module
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { Role } from '../game/index.ts';
import { groupCode, joinTable, lookupTable, normalizeCode, saveSeat, type TableInfo } from './api.ts';
import { scenarioTitle } from './catalog.ts';
import { ErrorAlert, errorText, NameField, RoleBadge, RoleSelect, SubmitButton, useRequest } from './components.tsx';
import { navigate } from './router.ts';

type Lookup =
  | { readonly state: 'idle' }
  | { readonly state: 'loading'; readonly code: string }
  | { readonly state: 'found'; readonly code: string; readonly table: TableInfo }
  | { readonly state: 'failed'; readonly code: string; readonly error: string };

/** Codes shorter than this are not looked up while typing. */
const MIN_CODE = 4;

function useTableLookup(code: string): Lookup {
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });
  useEffect(() => {
    if (code.length < MIN_CODE) {
      setLookup({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setLookup({ state: 'loading', code });
      lookupTable(code, controller.signal).then(
        (table) => setLookup({ state: 'found', code, table }),
        (error: unknown) => {
          if (!controller.signal.aborted) setLookup({ state: 'failed', code, error: errorText(error) });
        },
      );
    }, 350);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [code]);
  return lookup;
}

function freeRoles(table: TableInfo): Role[] {
  return [...new Set(table.seats.filter((s) => !s.bot && !s.taken).map((s) => s.role))];
}

function SeatsPreview({ lookup }: { lookup: Lookup }) {
  if (lookup.state === 'idle') return null;
  if (lookup.state === 'loading') return <p role="status">Looking up {groupCode(lookup.code)}…</p>;
  if (lookup.state === 'failed') {
    return (
      <p role="status" className="hint">
        {lookup.error}
      </p>
    );
  }
  const { table } = lookup;
  const free = freeRoles(table).length;
  return (
    <section className="panel" aria-labelledby="preview-title">
      <h2 id="preview-title">
        Table {groupCode(table.code)} · {scenarioTitle(table.scenario)}
      </h2>
      <p role="status">{free === 0 ? 'Every seat is taken.' : 'Free seats are marked 🪑 free.'}</p>
      <ol className="plain seat-list">
        {table.seats.map((s) => (
          <li key={s.seat}>
            <span className="seat-number">Seat {s.seat}</span> <RoleBadge role={s.role} />{' '}
            {s.bot ? (
              <span className="tag tag-bot">🤖 bot</span>
            ) : s.taken ? (
              <span className="tag tag-taken">👤 taken{s.name ? ` by ${s.name}` : ''}</span>
            ) : (
              <span className="tag tag-open">🪑 free</span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The join form. */
export function JoinForm({ initialCode }: { initialCode?: string }) {
  const [codeInput, setCodeInput] = useState(initialCode ?? '');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const { busy, error, run } = useRequest();
  const codeId = useId();
  const codeHint = useId();
  const code = normalizeCode(codeInput);
  const lookup = useTableLookup(code);
  const available = lookup.state === 'found' ? freeRoles(lookup.table) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = name.trim();
    const seat = await run(() => joinTable({ code, name: trimmed, ...(role ? { role } : {}) }));
    if (!seat) return;
    saveSeat({ matchID: seat.matchID, playerID: seat.playerID, credentials: seat.credentials, name: trimmed });
    navigate({ name: 'table', matchID: seat.matchID, playerID: seat.playerID });
  };

  return (
    <>
      <h1 tabIndex={-1}>Join with a code</h1>
      <form onSubmit={submit} aria-busy={busy}>
        <p className="field">
          <label htmlFor={codeId}>Join code</label>
          <input
            id={codeId}
            className="mono code-input"
            value={codeInput}
            onChange={(e) => setCodeInput(e.target.value)}
            required
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={32}
            aria-describedby={codeHint}
          />
          <span className="hint" id={codeHint}>
            Capitals, small letters and spaces are all fine.
          </span>
        </p>
        <SeatsPreview lookup={lookup} />
        <NameField value={name} onChange={setName} />
        <RoleSelect
          label="Preferred role (optional)"
          value={role}
          onChange={setRole}
          anyLabel="Any free seat"
          {...(available ? { available } : {})}
        />
        <ErrorAlert error={error} />
        <SubmitButton busy={busy} busyText="Taking a seat…">
          Join the table
        </SubmitButton>
      </form>
    </>
  );
}
