/**
 * The parts of the table's status panel: the top bar (day, phase, connection, End
 * day), the seats and who has ended the day, the plan card, and the public event log.
 * @module
 */
import { useEffect, useRef, useState } from 'react';
import { INVESTIGATOR_ACCOUNT, type PlanCard, type Seat, type SeatView } from '../game/index.ts';
import { ROLE_INFO } from './catalog.ts';
import { RoleBadge } from './components.tsx';
import type { GameSnapshot, SeatPresence } from './useGameClient.ts';

/** The phase in words, with its sun or moon. */
export function phaseText(phase: string | undefined, view: SeatView, gameover: boolean): string {
  if (gameover || view.debrief) return '🏁 Game over';
  if (phase === 'setup') return '🔑 Setting up: every device makes its keys';
  if (phase === 'night') return `🌙 Night ${view.day}`;
  if (phase === 'day') return `☀ Day ${view.day} of ${view.options.days}`;
  return phase ?? '';
}

const STATUS_TEXT: Record<GameSnapshot['status'], string> = {
  connecting: 'Connecting to the table…',
  online: 'Connected',
  offline: 'Connection lost — reconnecting…',
};

/** The connection state, in words and colour. */
export function ConnectionStatus({ status, stalled }: { status: GameSnapshot['status']; stalled: boolean }) {
  return (
    <p className={`connection connection-${status}`} role="status">
      <span aria-hidden="true">{status === 'online' ? '● ' : '○ '}</span>
      {STATUS_TEXT[status]}
      {status === 'connecting' && stalled && (
        <span className="hint">
          {' '}
          The server has not sent the table yet. If this lasts, the seat stored in this browser may no longer be valid:
          join again with the code.
        </span>
      )}
    </p>
  );
}

function presenceOf(seat: Seat, presence: readonly SeatPresence[]): SeatPresence | undefined {
  return presence.find((p) => String(p.id) === seat.id);
}

/** Who plays a seat: a bot, a named player, or nobody yet; and whether they are connected. */
function PlayedBy({ seat, presence }: { seat: Seat; presence: readonly SeatPresence[] }) {
  const p = presenceOf(seat, presence);
  if (p?.data?.bot === true) return <span className="tag tag-bot">🤖 bot</span>;
  if (p?.name === undefined) return <span className="tag">🪑 empty seat</span>;
  return (
    <>
      <span>played by {p.name}</span>
      <span className={`tag presence-${p.isConnected ? 'online' : 'offline'}`}>
        {p.isConnected ? '● online' : '○ offline'}
      </span>
    </>
  );
}

/** In setup: whether this seat's part of the keys is published (what the referee waits for). */
export function keysReady(view: SeatView, seat: Seat): boolean {
  switch (seat.role) {
    case 'sender':
      return view.devices.some((d) => d.account === seat.account && d.kind === 'phone');
    case 'carrier':
      return Object.values(view.seats).every((s) => s.role !== 'sender' || view.sims.some((p) => p.line === s.account));
    case 'relay':
      return view.relayLogPub !== undefined;
    case 'investigator':
      return view.devices.some((d) => d.account === INVESTIGATOR_ACCOUNT);
    case 'judge':
      return view.courtPub !== undefined;
  }
}

/** Names of the seats that have not ended the day: "Bob and the relay operator". */
export function waitingFor(view: SeatView): string {
  const names = Object.values(view.seats)
    .filter((s) => !view.ended[s.id] && s.id !== view.you)
    .map((s) => (s.role === 'sender' ? s.name : `the ${ROLE_INFO[s.role].label.toLowerCase()}`));
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Every seat: role, name, presence, and whether it has ended the day. */
export function SeatList({
  view,
  presence,
  phase,
}: {
  view: SeatView;
  presence: readonly SeatPresence[];
  phase?: string;
}) {
  return (
    <ul className="plain seat-list">
      {Object.values(view.seats).map((s) => (
        <li key={s.id} className={s.id === view.you ? 'you' : undefined}>
          <RoleBadge role={s.role} /> <strong>{s.name}</strong>
          {s.planner && <span className="tag">planner</span>}
          {s.id === view.you && <span className="tag tag-you">you</span>}
          <PlayedBy seat={s} presence={presence} />
          {phase === 'setup' &&
            (keysReady(view, s) ? (
              <span className="tag tag-ended">🔑 keys ready</span>
            ) : (
              <span className="tag tag-acting">… making keys</span>
            ))}
          {phase === 'day' &&
            (view.ended[s.id] ? (
              <span className="tag tag-ended">✓ ended the day</span>
            ) : (
              <span className="tag tag-acting">… still playing</span>
            ))}
        </li>
      ))}
    </ul>
  );
}

/** The planner's secret card: place and time. */
export function PlanCardView({ plan }: { plan: PlanCard }) {
  return (
    <section className="card plan-card" aria-labelledby="plan-title">
      <h2 id="plan-title">
        <span aria-hidden="true">🗺 </span>The plan card (only you can see it)
      </h2>
      <p className="plan-line">
        <span className="plan-label">Place</span> {plan.place}
      </p>
      <p className="plan-line">
        <span className="plan-label">Time</span> {plan.time}
      </p>
      <p className="hint">Get it to every crew member without the investigator being able to prove it.</p>
    </section>
  );
}

/** The public event log, oldest first, following new lines. */
export function EventLog({ events }: { events: SeatView['events'] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el && events.length > 0) el.scrollTop = el.scrollHeight;
  }, [events.length]);
  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">Event log</h2>
      {events.length === 0 ? (
        <p className="hint">Nothing has happened yet.</p>
      ) : (
        // The log role goes on a wrapper: on the list itself it would hide the list from screen readers.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <div className="event-log" role="log" aria-labelledby="log-title" ref={box} tabIndex={0}>
          <ol className="plain">
            {events.map((e) => (
              <li key={e.seq}>
                <span className="event-day">{e.day === 0 ? 'Setup' : `Day ${e.day}`}</span> {e.text}
                {e.audience && <span className="tag">not public</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

/**
 * The table's day timer, counted from when this browser saw the day begin. The game
 * keeps no clock: the hosted judge bot ends the day by its own clock (game.md §4), so
 * this is a guide, and says so.
 */
export function DayTimer({ seconds, day }: { seconds: number; day: number }) {
  const started = useRef<{ day: number; at: number }>({ day, at: Date.now() });
  if (started.current.day !== day) started.current = { day, at: Date.now() };
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.ceil(seconds - (now - started.current.at) / 1000));
  const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return (
    <p className="day-timer" title="Counted by this browser; the judge ends the day when the table’s timer runs out.">
      <span aria-hidden="true">⏱ </span>
      <span className="sr-only">Time left today, about </span>
      {left > 0 ? text : 'time is up: the judge ends the day'}
    </p>
  );
}
