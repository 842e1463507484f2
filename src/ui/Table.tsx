/**
 * The table route, until the device-driven table arrives: connects this browser's
 * seat and shows where the game stands — scenario, your seat, day and phase, who has
 * ended the day, the plan card for the planner, the event log — with End day.
 * @module
 */
import { useEffect, useState } from 'react';
import { loadSeat, type StoredSeat } from './api.ts';
import { findScenario, ROLE_INFO } from './catalog.ts';
import { RoleBadge } from './components.tsx';
import { href } from './router.ts';
import { SenderBoard } from './SenderBoard.tsx';
import {
  ConnectionStatus,
  EventLog,
  keysReady,
  PlanCardView,
  phaseText,
  SeatList,
  waitingFor,
} from './TablePanels.tsx';
import { useGameClient } from './useGameClient.ts';
import { useSeatDevice } from './useSeatDevice.ts';

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
  const dayOpen = phase === 'day' && !game.gameover;
  const pending = !ended && endRequested === view.day;
  const endDay = () => {
    setEndRequested(view.day);
    game.move('endDay', {});
  };
  const waiting = waitingFor(view);

  return (
    <>
      <header className="top-bar">
        <p className="phase">{phaseText(phase, view, game.gameover)}</p>
        <ConnectionStatus status={game.status} stalled={false} />
        {dayOpen && (
          <p className="end-day">
            <button
              type="button"
              className="primary big"
              onClick={endDay}
              disabled={ended || pending || game.status !== 'online'}
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
      <h1 tabIndex={-1}>{scenario?.title ?? view.scenario}</h1>
      {scenario && <p className="briefing">{scenario.briefing}</p>}
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
      {phase === 'day' && !game.gameover && device.sender && (
        <SenderBoard view={view} device={device.sender} move={game.move} />
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
            </>
          ) : (
            <p>You are watching: the server did not give this browser a seat.</p>
          )}
          {view.plan && <PlanCardView plan={view.plan} />}
        </section>
        <section className="panel" aria-labelledby="seats-title">
          <h2 id="seats-title">At the table</h2>
          <SeatList view={view} presence={presence} {...(phase ? { phase } : {})} />
        </section>
      </div>
      <EventLog events={view.events} />
    </>
  );
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
