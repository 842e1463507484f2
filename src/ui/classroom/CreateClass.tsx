/**
 * Create a class: scenario, crew size, who judges, and optionally the number of days and
 * a day timer. The server answers with a class code and the teacher key; the key is kept
 * in this browser and the teacher goes to the dashboard.
 * @module
 */
import { type FormEvent, useId, useState } from 'react';
import type { ScenarioId } from '../../game/scenarios.ts';
import { DEFAULT_SCENARIO } from '../catalog.ts';
import { CopyButton, ErrorAlert, ScenarioPicker, SubmitButton, useRequest } from '../components.tsx';
import { type CreatedClass, createClass, saveTeacherKey } from './classApi.ts';
import { asSentence, classHref, createClassRequest } from './model.ts';
import './classroom.css';

/** Shown when this browser cannot keep the key: the teacher must copy it now. */
function KeyNotStored({ created }: { created: CreatedClass }) {
  const id = useId();
  return (
    <>
      <h1 tabIndex={-1}>Class created: copy your teacher key</h1>
      <p className="alert" role="alert">
        <span aria-hidden="true">⚠ </span>
        This browser would not store the teacher key (private mode or storage turned off). Copy it now: without it you
        cannot start rounds or see the dashboard.
      </p>
      <p className="field">
        <label htmlFor={id}>Teacher key (secret)</label>
        <input id={id} readOnly value={created.teacherKey} className="mono wide" onFocus={(e) => e.target.select()} />
      </p>
      <p>
        <CopyButton text={created.teacherKey} label="Copy the teacher key" />
      </p>
      <p>
        <a className="button primary" href={classHref(created.code, 'dashboard')}>
          Go to the dashboard
        </a>{' '}
        <span className="hint">It will ask for the key.</span>
      </p>
    </>
  );
}

/** The create-a-class form. */
export function CreateClass() {
  const [scenario, setScenario] = useState<ScenarioId>(DEFAULT_SCENARIO);
  const [crew, setCrew] = useState<2 | 3>(3);
  const [judge, setJudge] = useState<'teacher' | 'bot'>('bot');
  const [days, setDays] = useState('');
  const [minutes, setMinutes] = useState('');
  const [invalid, setInvalid] = useState<{ field: 'days' | 'minutes'; error: string } | undefined>();
  const [unsaved, setUnsaved] = useState<CreatedClass | undefined>();
  const { busy, error, run } = useRequest();
  const ids = { crew: useId(), judge: useId(), days: useId(), daysHint: useId(), timer: useId(), timerHint: useId() };
  const keyNote = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = createClassRequest({ scenario, crew, judge, days, minutes });
    if (!checked.ok) {
      setInvalid({ field: checked.field, error: checked.error });
      document.getElementById(checked.field === 'days' ? ids.days : ids.timer)?.focus();
      return;
    }
    setInvalid(undefined);
    const created = await run(() => createClass(checked.request));
    if (!created) return;
    if (saveTeacherKey(created.code, created.teacherKey)) window.location.hash = classHref(created.code, 'dashboard');
    else setUnsaved(created);
  };

  if (unsaved) return <KeyNotStored created={unsaved} />;

  return (
    <div className="classroom">
      <h1 tabIndex={-1}>Create a class</h1>
      <p>
        Students join with one class code. Each round you start seats them at tables with new roles; bots fill the empty
        seats.
      </p>
      <form onSubmit={submit} aria-busy={busy} noValidate>
        <ScenarioPicker value={scenario} onChange={setScenario} />
        <p className="field">
          <label htmlFor={ids.crew}>Crew size at each table</label>
          <select id={ids.crew} value={crew} onChange={(e) => setCrew(e.target.value === '2' ? 2 : 3)}>
            <option value="3">3 crew members (6 students per table)</option>
            <option value="2">2 crew members (5 students per table)</option>
          </select>
        </p>
        <fieldset>
          <legend>Who plays the judge?</legend>
          <label className="check">
            <input
              type="radio"
              name={ids.judge}
              value="bot"
              checked={judge === 'bot'}
              onChange={() => setJudge('bot')}
            />
            A bot judges at every table
          </label>
          <br />
          <label className="check">
            <input
              type="radio"
              name={ids.judge}
              value="teacher"
              checked={judge === 'teacher'}
              onChange={() => setJudge('teacher')}
            />
            I judge (one judge seat per table, opened from the dashboard)
          </label>
        </fieldset>
        <p className="field">
          <label htmlFor={ids.days}>Days in a game (optional)</label>
          <input
            id={ids.days}
            type="number"
            inputMode="numeric"
            min={2}
            max={10}
            step={1}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-describedby={ids.daysHint}
            aria-invalid={invalid?.field === 'days' ? true : undefined}
          />
          <span className="hint" id={ids.daysHint}>
            2 to 10. Empty: the scenario’s own number of days.
          </span>
        </p>
        <p className="field">
          <label htmlFor={ids.timer}>Day timer in minutes (optional)</label>
          <input
            id={ids.timer}
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            step={1}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            aria-describedby={ids.timerHint}
            aria-invalid={invalid?.field === 'minutes' ? true : undefined}
          />
          <span className="hint" id={ids.timerHint}>
            Empty: each day lasts until every seat presses End day.
          </span>
        </p>
        <p className="hint" id={keyNote}>
          <span aria-hidden="true">🔑 </span>
          You get a teacher key: it stays in this browser, and every teacher action (dashboard, rounds, projector) needs
          it.
        </p>
        <ErrorAlert error={invalid?.error ?? (error && asSentence(error))} />
        <SubmitButton busy={busy} busyText="Creating the class…">
          Create the class
        </SubmitButton>
      </form>
    </div>
  );
}
