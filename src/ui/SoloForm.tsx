/**
 * Play solo: pick a scenario and a role, the server seats bots everywhere else, and
 * this browser keeps the seat's credentials.
 * @module
 */
import { type FormEvent, useState } from 'react';
import type { Role, ScenarioId } from '../game/index.ts';
import { createSolo, saveSeat } from './api.ts';
import { DEFAULT_SCENARIO } from './catalog.ts';
import { ErrorAlert, NameField, RoleSelect, ScenarioPicker, SubmitButton, useRequest } from './components.tsx';
import { navigate } from './router.ts';

/** The solo form. */
export function SoloForm() {
  const [scenario, setScenario] = useState<ScenarioId>(DEFAULT_SCENARIO);
  const [role, setRole] = useState<Role>('sender');
  const [name, setName] = useState('');
  const { busy, error, run } = useRequest();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = name.trim();
    const seat = await run(() => createSolo({ scenario, role, name: trimmed }));
    if (!seat) return;
    saveSeat({ matchID: seat.matchID, playerID: seat.playerID, credentials: seat.credentials, name: trimmed });
    navigate({ name: 'table', matchID: seat.matchID, playerID: seat.playerID });
  };

  return (
    <>
      <h1 tabIndex={-1}>Play solo against bots</h1>
      <p>You take one seat; bots with ordinary personalities play every other seat.</p>
      <form onSubmit={submit} aria-describedby={error ? 'solo-error' : undefined} aria-busy={busy}>
        <ScenarioPicker value={scenario} onChange={setScenario} />
        <RoleSelect label="Your role" value={role} onChange={(r) => r && setRole(r)} />
        <NameField value={name} onChange={setName} />
        <ErrorAlert error={error} id="solo-error" />
        <SubmitButton busy={busy} busyText="Setting the table…">
          Start the game
        </SubmitButton>
      </form>
    </>
  );
}
