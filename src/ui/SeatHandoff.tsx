/**
 * Taking a seat to another browser. The seat's credentials travel in a link's hash (a
 * browser never sends the part after `#` to the server) or its QR code; the keys do not
 * travel at all — they stay in the browser that made them (architecture.md), so the
 * other browser is a new device, and the game says so when it opens the table.
 * @module
 */
import { useEffect, useId, useState } from 'react';
import { loadSeat, type StoredSeat, saveSeat } from './api.ts';
import { CopyButton } from './components.tsx';
import { QrCode } from './QrCode.tsx';
import { href, type Route } from './router.ts';

/** The link that hands this seat to another browser. */
export function seatLink(seat: StoredSeat): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}${href({
    name: 'seat',
    matchID: seat.matchID,
    playerID: seat.playerID,
    credentials: seat.credentials,
    player: seat.name,
  })}`;
}

/** A panel on the table: the seat's link and QR code, behind a button, with what it means. */
export function SeatLink({ seat }: { seat: StoredSeat }) {
  const [shown, setShown] = useState(false);
  const id = useId();
  const link = seatLink(seat);
  return (
    <section className="panel seat-link" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Play this seat on another device</h2>
      <p>
        Open your seat in another browser or on your phone. Your keys stay here: the other browser makes new keys and
        becomes a <strong>new device</strong> on your account — as a new phone would.
      </p>
      <button type="button" aria-expanded={shown} aria-controls={`${id}-body`} onClick={() => setShown(!shown)}>
        {shown ? 'Hide the seat link' : 'Show the seat link'}
      </button>
      {shown && (
        <div id={`${id}-body`} className="seat-link-body">
          <p className="warning" role="note">
            <span aria-hidden="true">⚠ </span>Anyone with this link can play your seat. Share it only with yourself.
          </p>
          <QrCode text={link} label={`QR code of the link to seat ${seat.playerID}`} />
          <p className="field">
            <label htmlFor={`${id}-link`}>Seat link</label>
            <input id={`${id}-link`} readOnly value={link} className="mono" onFocus={(e) => e.target.select()} />
          </p>
          <CopyButton text={link} label="Copy the seat link" />
        </div>
      )}
    </section>
  );
}

/** The screen a seat link opens: remembers the seat in this browser, then goes to the table. */
export function SeatArrival({ route }: { route: Extract<Route, { name: 'seat' }> }) {
  const held = loadSeat(route.matchID);
  const clash = held !== undefined && held.playerID !== route.playerID;
  const [confirmed, setConfirmed] = useState(!clash);
  useEffect(() => {
    if (!confirmed) return;
    saveSeat({
      matchID: route.matchID,
      playerID: route.playerID,
      credentials: route.credentials,
      name: route.player,
    });
    // Replace the entry so the credentials are not left in this browser's history.
    window.location.replace(href({ name: 'table', matchID: route.matchID, playerID: route.playerID }));
  }, [confirmed, route]);
  if (confirmed) {
    return (
      <h1 tabIndex={-1} aria-busy="true">
        Taking your seat…
      </h1>
    );
  }
  return (
    <>
      <h1 tabIndex={-1}>Replace your seat at this table?</h1>
      <p>
        This browser already holds seat {held?.playerID} at this match. The link is for seat {route.playerID} (
        {route.player}).
      </p>
      <p className="actions">
        <button type="button" className="primary" onClick={() => setConfirmed(true)}>
          Take seat {route.playerID} instead
        </button>
        <a className="button" href={href({ name: 'table', matchID: route.matchID, playerID: held?.playerID ?? '' })}>
          Keep seat {held?.playerID}
        </a>
      </p>
    </>
  );
}
