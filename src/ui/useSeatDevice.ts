/**
 * The seat's own device in this browser: during setup it makes the seat's keys and
 * registers only their public halves (a phone's key pairs, the carrier's SIMs, the
 * relay's log key and escrow, the court's key, the investigator's workstation) — the
 * game's first lesson, done by the device, not the server.
 * @module
 */
import { useEffect, useMemo, useRef } from 'react';
import { type Bot, createBot } from '../bots/index.ts';
import { secureRandom } from '../crypto/index.ts';
import type { SeatView } from '../game/index.ts';
import { BrowserKeyStore } from './browserKeyStore.ts';

/**
 * Runs the device's setup duties for this seat.
 * @param matchID - the match
 * @param view - the seat's view (undefined until the first sync)
 * @param phase - the current phase
 * @param move - sends a move
 */
export function useSeatDevice(
  matchID: string,
  view: SeatView | undefined,
  phase: string | undefined,
  move: (name: string, args: unknown) => void,
): void {
  const you = view?.you ?? null;
  const role = view?.role ?? null;
  const account = you !== null ? view?.seats[you]?.account : undefined;
  const device = useMemo<Bot | undefined>(() => {
    if (you === null || role === null) return undefined;
    const store = new BrowserKeyStore(matchID, you);
    return createBot({ role, ...(account ? { account } : {}), store, random: secureRandom });
  }, [matchID, you, role, account]);
  const last = useRef<string>('');
  useEffect(() => {
    if (!device || !view || phase !== 'setup') return;
    const action = device.next(view, 'setup');
    if (!action) return;
    const key = `${action.move}:${view.events.length}:${view.devices.length}:${view.sims.length}`;
    if (last.current === key) return; // one attempt per state
    last.current = key;
    move(action.move, action.args);
  }, [device, view, phase, move]);
}
