/**
 * The home screen: what the game teaches, the three ways in, the key lesson, and the
 * seats this browser already holds (to come back to a table after closing the tab).
 * @module
 */
import { useState } from 'react';
import { forgetSeat, listSeats, type StoredSeat } from './api.ts';
import { href } from './router.ts';

function Resume() {
  const [seats, setSeats] = useState<StoredSeat[]>(() => listSeats());
  if (seats.length === 0) return null;
  return (
    <section aria-labelledby="resume-title" className="panel">
      <h2 id="resume-title">Your seats in this browser</h2>
      <ul className="plain">
        {seats.map((s) => (
          <li key={s.matchID}>
            <a href={href({ name: 'table', matchID: s.matchID, playerID: s.playerID })}>
              Back to the table as {s.name} (seat {s.playerID})
            </a>{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                forgetSeat(s.matchID);
                setSeats(listSeats());
              }}
            >
              Forget<span className="sr-only"> the seat of {s.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The first screen. */
export function Home() {
  return (
    <>
      <h1 tabIndex={-1}>Going Dark</h1>
      <p className="pitch">
        In 2013 a leaked police note said that messages between two iPhones could not be intercepted, even with a court
        order, because the phones make their own keys. In Going Dark you play that story at a table — a crew passing a
        secret plan, a phone carrier, a messaging company, an investigator and a judge — with real encryption, and the
        investigator can win only by getting hold of a key the lawful way.
      </p>
      <nav aria-label="Start playing" className="big-actions">
        <a className="big-action" href={href({ name: 'solo' })}>
          <span className="big-action-title">Play solo against bots</span>
          <span>Take one seat; the computer plays the others.</span>
        </a>
        <a className="big-action" href={href({ name: 'create' })}>
          <span className="big-action-title">Create a table</span>
          <span>Choose the seats, get a code, invite your class or friends.</span>
        </a>
        <a className="big-action" href={href({ name: 'join' })}>
          <span className="big-action-title">Join with a code</span>
          <span>Someone gave you a code: sit down at their table.</span>
        </a>
      </nav>
      <Resume />
      <p>
        New to encryption? <a href={href({ name: 'lesson' })}>Try the two-minute key lesson</a>: two phones make their
        keys in this browser, and you see what the server carries and what only the right key opens.
      </p>
    </>
  );
}
