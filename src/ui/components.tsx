/**
 * Small pieces the screens share: role badges, the scenario picker, the role select,
 * error alerts, submit buttons that say what they are waiting for, and the join code.
 * @module
 */
import { type ReactNode, useCallback, useId, useState } from 'react';
import type { Role, ScenarioId } from '../game/index.ts';
import { ApiError, groupCode } from './api.ts';
import { PLAYABLE_SCENARIOS, ROLE_INFO, ROLES } from './catalog.ts';

/** A role as a coloured badge with its icon and its word. */
export function RoleBadge({ role }: { role: Role }) {
  const info = ROLE_INFO[role];
  return (
    <span className={`badge role-${role}`}>
      <span aria-hidden="true">{info.icon}</span> {info.label}
    </span>
  );
}

/** The sentence to show for a failed request. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return `Something went wrong: ${error.message}`;
  return 'Something went wrong.';
}

/** An error next to a form, announced to screen readers. */
export function ErrorAlert({ error, id }: { error: string | undefined; id?: string }) {
  return error ? (
    <p className="alert" role="alert" id={id}>
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  ) : null;
}

/** Runs one request at a time and keeps its error. */
export function useRequest(): {
  busy: boolean;
  error: string | undefined;
  run: <T>(task: () => Promise<T>) => Promise<T | undefined>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = useCallback(async <T,>(task: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await task();
    } catch (e) {
      setError(errorText(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}

/** A submit button that is disabled, and says so, while its request is in flight. */
export function SubmitButton({ busy, busyText, children }: { busy: boolean; busyText: string; children: ReactNode }) {
  return (
    <p className="actions">
      <button type="submit" className="primary" disabled={busy} aria-disabled={busy}>
        {busy ? busyText : children}
      </button>
      {busy && (
        <span className="progress" role="status">
          {busyText}
        </span>
      )}
    </p>
  );
}

/** The scenarios as radio cards, each with its title and briefing. */
export function ScenarioPicker({ value, onChange }: { value: ScenarioId; onChange: (id: ScenarioId) => void }) {
  const name = useId();
  return (
    <fieldset className="scenarios">
      <legend>Scenario</legend>
      {PLAYABLE_SCENARIOS.map((s) => (
        <label key={s.id} className={`scenario-card${s.id === value ? ' selected' : ''}`}>
          <input type="radio" name={name} value={s.id} checked={s.id === value} onChange={() => onChange(s.id)} />
          <span className="scenario-title">{s.title}</span>
          <span className="scenario-briefing">{s.briefing}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** A labelled select of roles; `anyLabel` adds a "no preference" first option. */
export function RoleSelect({
  label,
  value,
  onChange,
  anyLabel,
  available,
}: {
  label: string;
  value: Role | '';
  onChange: (role: Role | '') => void;
  anyLabel?: string;
  /** Roles with a free seat; others are listed but disabled. */
  available?: readonly Role[];
}) {
  const id = useId();
  return (
    <p className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Role | '')}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {ROLES.map((r) => {
          const full = available !== undefined && !available.includes(r);
          return (
            <option key={r} value={r} disabled={full}>
              {ROLE_INFO[r].icon} {ROLE_INFO[r].label}
              {full ? ' (no free seat)' : ` — ${ROLE_INFO[r].blurb}`}
            </option>
          );
        })}
      </select>
    </p>
  );
}

/** The player's display name. */
export function NameField({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const id = useId();
  const hint = useId();
  return (
    <p className="field">
      <label htmlFor={id}>Your name</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        maxLength={32}
        autoComplete="nickname"
        aria-describedby={hint}
      />
      <span className="hint" id={hint}>
        Shown to the other players; up to 32 characters.
      </span>
    </p>
  );
}

/** Copies a text to the clipboard, and says whether it worked. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span className="hint" role="status">
        {state === 'copied' ? 'Copied.' : state === 'failed' ? 'Could not copy: select the text and copy it.' : ''}
      </span>
    </>
  );
}

/** A join code, large, monospace and grouped; spelled out for screen readers. */
export function JoinCode({ code }: { code: string }) {
  return (
    <p className="join-code">
      <span className="sr-only">Join code, letter by letter: {code.split('').join(' ')}</span>
      <code aria-hidden="true" data-testid="join-code">
        {groupCode(code)}
      </code>
    </p>
  );
}
