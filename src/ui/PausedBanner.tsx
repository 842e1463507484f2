/**
 * "Paused by the teacher" on a table's screen: {@link usePaused} asks the server every
 * 5 s whether the table's class is paused (GET /api/matches/:matchID/status), and
 * {@link PausedBanner} says so plainly while it is. While paused the server drops moves
 * and the bots wait, so the banner explains why nothing happens.
 * @module
 */
import { useEffect, useState } from 'react';
import { matchStatus } from './classroom/classControls.ts';
import './pausedBanner.css';

/** How often a table asks whether its class is paused. */
export const PAUSE_POLL_MS = 5000;

/**
 * Whether the table's class is paused, asked now and every 5 s after each answer; stops
 * when the component goes away. Errors are ignored (the last answer stands): a table
 * without a class is never paused.
 */
export function usePaused(matchID: string): boolean {
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    setPaused(false);
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const status = await matchStatus(matchID, controller.signal);
        if (!controller.signal.aborted) setPaused(status.paused === true);
      } catch {
        // Quietly: an unreachable server shows its own message elsewhere.
      }
      if (!controller.signal.aborted) timer = setTimeout(tick, PAUSE_POLL_MS);
    };
    void tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [matchID]);
  return paused;
}

/**
 * The banner, inside a status region that is always there (so the change is announced);
 * empty while the class plays.
 */
export function PausedBanner({ paused }: { paused: boolean }) {
  return (
    <div role="status" className="paused-region">
      {paused && (
        <p className="paused-banner">
          <span aria-hidden="true">⏸ </span>
          <strong>Paused by the teacher:</strong> moves wait until the class resumes.
        </p>
      )}
    </div>
  );
}
