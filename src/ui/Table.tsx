/**
 * The table route (ui.md "Layout of a seat's screen"): connects this browser's seat and
 * shows the top bar (day, sun or moon, connection, End day, who we wait for), the network
 * map beside the seat's desk, the seat card with its key fingerprints, who is at the
 * table, the event log, and the way to take the seat to another device. After the game
 * the debrief takes the place of the map and the desk.
 * @module
 */
import { useEffect, useMemo, useState } from 'react';
import type { SeatView } from '../game/index.ts';
import { loadSeat, type StoredSeat } from './api.ts';
import { findScenario, ROLE_INFO } from './catalog.ts';
import { ClassBanner } from './classroom/ClassBanner.tsx';
import { RoleBadge } from './components.tsx';
import { Desk } from './Desk.tsx';
import { Debrief } from './debrief/Debrief.tsx';
import { NetworkMap } from './map/NetworkMap.tsx';
import { openerFor } from './map/opener.ts';
import { PausedBanner, usePaused } from './PausedBanner.tsx';
import { href } from './router.ts';
import { SeatLink } from './SeatHandoff.tsx';
import { SeatKeys } from './SeatKeys.tsx';
import {
  ConnectionStatus,
  DayTimer,
  EventLog,
  keysReady,
  PlanCardView,
  phaseText,
  SeatList,
  waitingFor,
} from './TablePanels.tsx';
import { useGameClient } from './useGameClient.ts';
import { type SeatDeviceState, useSeatDevice } from './useSeatDevice.ts';

/** How long to wait for the first sync before suggesting the seat may be stale. */
const STALL_MS = 8000;

function useStalled(waiting: boolean): boolean {
  const [stalled, setStalled] = useState(false);
  useEffect(() => {
    setStalled(false);
    if (!waiting) return;
    const timer = window.setTimeout(() => setStalled(true), STALL_MS);
    return () => window.clearTimeout(timer);
  }, [waiting]);
  return stalled;
}

function Board({ seat }: { seat: StoredSeat }) {
  const game = useGameClient(seat);
  const stalled = useStalled(game.status === 'connecting');
  const [endRequested, setEndRequested] = useState<number | undefined>();
  const { view, phase, presence } = game;
  // This browser is the seat's device: in setup it makes the keys and registers the public halves.
  const device = useSeatDevice(seat.matchID, view, phase, game.move);
  // A class's teacher may pause the game: moves wait (the server drops them) until it resumes.
  const paused = usePaused(seat.matchID);
  const opener = useMemo(() => (view ? openerFor(view, device.devices) : undefined), [view, device.devices]);
  // A dropped connection may have lost the move: let the player press End day again.
  useEffect(() => {
    if (game.status === 'offline') setEndRequested(undefined);
  }, [game.status]);

  if (!view) {
    return (
      <>
        <h1 tabIndex={-1}>Table</h1>
        <ConnectionStatus status={game.status} stalled={stalled} />
        {stalled && (
          <p>
            <a href={href({ name: 'join' })}>Join with a code</a> · <a href={href({ name: 'home' })}>Home</a>
          </p>
        )}
      </>
    );
  }

  const scenario = findScenario(view.scenario);
  const mine = view.you !== null ? view.seats[view.you] : undefined;
  const ended = view.you !== null && view.ended[view.you] === true;
  const over = game.gameover || view.debrief;
  const dayOpen = phase === 'day' && !over;
  const pending = !ended && endRequested === view.day;
  const endDay = () => {
    setEndRequested(view.day);
    game.move('endDay', {});
  };
  const waiting = waitingFor(view);

  return (
    <>
      <header className="top-bar">
        <p className="phase">{phaseText(phase, view, over)}</p>
        {dayOpen && view.dayTimerSeconds !== undefined && <DayTimer seconds={view.dayTimerSeconds} day={view.day} />}
        <ConnectionStatus status={game.status} stalled={false} />
        {dayOpen && (
          <p className="end-day">
            <button
              type="button"
              className="primary big"
              onClick={endDay}
              disabled={ended || pending || paused || game.status !== 'online'}
            >
              {ended ? `✓ You ended day ${view.day}` : pending ? 'Ending the day…' : 'End day'}
            </button>
          </p>
        )}
      </header>
      {phase === 'setup' && mine && !keysReady(view, mine) && (
        <p role="status" className="waiting">
          The game starts once every seat’s device has made its keys. This browser is making yours now: only the public
          halves leave it.
        </p>
      )}
      {dayOpen && ended && waiting && (
        <p role="status" className="waiting">
          Waiting for {waiting} to end the day.
        </p>
      )}
      <PausedBanner paused={paused} />
      <ClassBanner matchID={seat.matchID} />
      <h1 tabIndex={-1}>{scenario?.title ?? view.scenario}</h1>
      {scenario && !over && <p className="briefing">{scenario.briefing}</p>}
      <KeysNotice device={device} role={view.role} />
      {view.outcome && (
        <section className="card outcome" aria-labelledby="outcome-title">
          <h2 id="outcome-title">
            {view.outcome.winner === 'draw'
              ? 'A draw'
              : view.outcome.winner === 'crew'
                ? 'The crew wins'
                : 'The investigator wins'}{' '}
            (day {view.outcome.day})
          </h2>
          <p>{view.outcome.reason}</p>
        </section>
      )}
      {over ? (
        <Debrief view={view} />
      ) : (
        <div className="table-grid">
          {opener && (
            <div className="map-area">
              <NetworkMap view={view} opener={opener} />
            </div>
          )}
          {phase === 'day' && (
            <section className="desk-area" aria-label="Your desk">
              <Desk view={view} devices={device.devices} move={game.move} />
            </section>
          )}
        </div>
      )}
      <div className="columns">
        <section className="panel" aria-labelledby="you-title">
          <h2 id="you-title">Your seat</h2>
          {mine ? (
            <>
              <p>
                <RoleBadge role={mine.role} /> <strong>{mine.name}</strong>
                {mine.planner && <span className="tag">planner</span>} — played by you, {seat.name}
              </p>
              <p>{ROLE_INFO[mine.role].blurb}</p>
              {mine.account && (
                <p>
                  Phone number and messenger account: <span className="mono">{mine.account}</span>
                  {mine.hasMessenger === false && ' (no secure messenger: everything you send goes as SMS)'}
                </p>
              )}
              {device.keys === 'ready' && (!device.newDevice || mine.role === 'sender') && (
                <SeatKeys view={view} devices={device.devices} />
              )}
            </>
          ) : (
            <p>You are watching: the server did not give this browser a seat.</p>
          )}
          {view.plan && !over && <PlanCardView plan={view.plan} />}
        </section>
        <section className="panel" aria-labelledby="seats-title">
          <h2 id="seats-title">At the table</h2>
          <SeatList view={view} presence={presence} {...(phase ? { phase } : {})} />
        </section>
      </div>
      <EventLog events={view.events} />
      {!over && <SeatLink seat={seat} />}
      <p className="hint">
        Words you do not know? <a href={href({ name: 'glossary' })}>The glossary</a> explains them, with sources.
      </p>
    </>
  );
}

/** Where the seat's keys stand in this browser: opening, unusable, or a new device. */
function KeysNotice({ device, role }: { device: SeatDeviceState; role: SeatView['role'] }) {
  if (device.keys === 'opening') {
    return (
      <p role="status" className="waiting">
        Opening this seat’s keys in this browser…
      </p>
    );
  }
  if (device.keys === 'failed') {
    return (
      <p role="alert" className="error">
        {device.error}
      </p>
    );
  }
  if (device.newDevice && role !== 'sender' && role !== null) {
    return (
      <p role="alert" className="warning">
        <span aria-hidden="true">⚠ </span>This browser is a new device: it holds none of this seat’s keys. The{' '}
        {ROLE_INFO[role].label.toLowerCase()}’s keys stay in the browser that made them and cannot move — open the table
        there to act with them. Here you can follow the game.
      </p>
    );
  }
  return null;
}

/** The table route: finds this browser's seat at the match, then connects it. */
export function Table({ matchID, playerID }: { matchID: string; playerID: string }) {
  const seat = loadSeat(matchID);
  if (!seat) {
    return (
      <>
        <h1 tabIndex={-1}>No seat at this table</h1>
        <p>
          This browser holds no seat at this match. If you have the join code,{' '}
          <a href={href({ name: 'join' })}>join with it</a>.
        </p>
      </>
    );
  }
  if (seat.playerID !== playerID) {
    return (
      <>
        <h1 tabIndex={-1}>Another seat</h1>
        <p>
          This browser holds seat {seat.playerID} at this match, not seat {playerID}.{' '}
          <a href={href({ name: 'table', matchID, playerID: seat.playerID })}>Go to seat {seat.playerID}</a>.
        </p>
      </>
    );
  }
  return <Board key={`${matchID}/${playerID}`} seat={seat} />;
}
