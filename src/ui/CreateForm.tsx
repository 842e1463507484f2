/**
 * Create a table: scenario, crew size, which seats bots play (with a personality
 * each), an optional day timer. The answer is a join code to hand out.
 * @module
 */
import { type FormEvent, useId, useState } from 'react';
import type { Role, ScenarioId } from '../game/index.ts';
import { createTable, type TableRequest, type TableResponse } from './api.ts';
import { CreatedTable } from './CreatedTable.tsx';
import { DEFAULT_SCENARIO, PERSONALITIES, ROLE_INFO } from './catalog.ts';
import { ErrorAlert, ScenarioPicker, SubmitButton, useRequest } from './components.tsx';

interface SlotChoice {
  readonly bot: boolean;
  readonly personality: string;
}

interface Slot {
  readonly key: string;
  readonly role: Role;
  readonly label: string;
}

const OTHER_ROLES: readonly Role[] = ['carrier', 'relay', 'investigator', 'judge'];

function slots(crew: 2 | 3): Slot[] {
  const members = Array.from({ length: crew }, (_, i) => ({
    key: `crew-${i}`,
    role: 'sender' as const,
    label: i === 0 ? 'Crew member 1 (the planner)' : `Crew member ${i + 1}`,
  }));
  return [...members, ...OTHER_ROLES.map((role) => ({ key: role, role, label: ROLE_INFO[role].label }))];
}

function initialChoices(): Record<string, SlotChoice> {
  return Object.fromEntries(
    slots(3).map((s) => [s.key, { bot: s.role === 'judge', personality: PERSONALITIES[s.role][0] ?? '' }]),
  );
}

function SeatRow({ slot, choice, onChange }: { slot: Slot; choice: SlotChoice; onChange: (c: SlotChoice) => void }) {
  const id = useId();
  const personalities = PERSONALITIES[slot.role];
  return (
    <li className={`role-${slot.role}`}>
      <span className="seat-name">
        <span aria-hidden="true">{ROLE_INFO[slot.role].icon} </span>
        {slot.label}
      </span>
      <label className="check">
        <input type="checkbox" checked={choice.bot} onChange={(e) => onChange({ ...choice, bot: e.target.checked })} />
        Bot<span className="sr-only"> plays {slot.label}</span>
      </label>
      {choice.bot ? (
        <span className="field-inline">
          <label htmlFor={id}>
            Personality<span className="sr-only"> of the {slot.label} bot</span>
          </label>
          <select
            id={id}
            value={choice.personality}
            onChange={(e) => onChange({ ...choice, personality: e.target.value })}
          >
            {personalities.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </span>
      ) : (
        <span className="hint">A player joins with the code.</span>
      )}
    </li>
  );
}

/** The create form, then the created table. */
export function CreateForm() {
  const [scenario, setScenario] = useState<ScenarioId>(DEFAULT_SCENARIO);
  const [crew, setCrew] = useState<2 | 3>(3);
  const [choices, setChoices] = useState<Record<string, SlotChoice>>(initialChoices);
  const [minutes, setMinutes] = useState('');
  const [created, setCreated] = useState<TableResponse | undefined>();
  const [timerError, setTimerError] = useState<string | undefined>();
  const { busy, error, run } = useRequest();
  const crewId = useId();
  const timerId = useId();
  const timerHint = useId();

  const current = slots(crew);
  const allBots = current.every((s) => choices[s.key]?.bot);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const value = minutes.trim() === '' ? undefined : Number(minutes);
    if (value !== undefined && !(Number.isFinite(value) && value >= 1 && value <= 60)) {
      setTimerError('The day timer is a number of minutes from 1 to 60, or empty for no timer.');
      return;
    }
    setTimerError(undefined);
    const body: TableRequest = {
      scenario,
      seats: current.map((s) => {
        const c = choices[s.key] ?? { bot: false, personality: '' };
        return c.bot ? { role: s.role, bot: true, personality: c.personality } : { role: s.role, bot: false };
      }),
      ...(value !== undefined ? { dayTimerSeconds: Math.round(value * 60) } : {}),
    };
    const table = await run(() => createTable(body));
    if (table) setCreated(table);
  };

  if (created) return <CreatedTable table={created} onAnother={() => setCreated(undefined)} />;

  return (
    <>
      <h1 tabIndex={-1}>Create a table</h1>
      <p>Choose who plays each seat. You get a code; everyone, you included, joins with it.</p>
      <form onSubmit={submit} aria-busy={busy}>
        <ScenarioPicker value={scenario} onChange={setScenario} />
        <p className="field">
          <label htmlFor={crewId}>Crew size</label>
          <select id={crewId} value={crew} onChange={(e) => setCrew(e.target.value === '2' ? 2 : 3)}>
            <option value="3">3 crew members (7 seats)</option>
            <option value="2">2 crew members (6 seats)</option>
          </select>
        </p>
        <fieldset>
          <legend>Seats: who plays them</legend>
          <ul className="plain seat-rows">
            {current.map((s) => (
              <SeatRow
                key={s.key}
                slot={s}
                choice={choices[s.key] ?? { bot: false, personality: '' }}
                onChange={(c) => setChoices((all) => ({ ...all, [s.key]: c }))}
              />
            ))}
          </ul>
          {allBots && (
            <p className="hint" role="status">
              Every seat is a bot: nobody will be able to join this table, only watch it.
            </p>
          )}
        </fieldset>
        <p className="field">
          <label htmlFor={timerId}>Day timer in minutes (optional)</label>
          <input
            id={timerId}
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            step={1}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            aria-describedby={timerHint}
            aria-invalid={timerError ? true : undefined}
          />
          <span className="hint" id={timerHint}>
            Empty: each day lasts until every seat presses End day or the judge ends it.
          </span>
        </p>
        <ErrorAlert error={timerError ?? error} />
        <SubmitButton busy={busy} busyText="Creating the table…">
          Create the table
        </SubmitButton>
      </form>
    </>
  );
}
