/**
 * On a student's table: which class it belongs to, with a link back, and — when the
 * teacher starts a new round — a clear way to the student's new seat. The class is found
 * from this browser's own student record (the seat it was last sent to); the new seat
 * comes from the class's `/me` endpoint with the student's token.
 * @module
 */
import { useEffect, useState } from 'react';
import { saveSeat } from '../api.ts';
import { href, navigate } from '../router.ts';
import { fetchMe, loadStudent, type MySeat, type StoredStudent, saveStudent } from './classApi.ts';

const PREFIX = 'going-dark/class-student/';
const POLL_MS = 5000;

/** The class whose student record in this browser points at this match, if any. */
export function classOfMatch(matchID: string): { code: string; student: StoredStudent } | undefined {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const code = key.slice(PREFIX.length);
      const student = loadStudent(code);
      if (student?.seat?.startsWith(`${matchID}/`)) return { code, student };
    }
  } catch {
    // Storage disabled: no class to find.
  }
  return undefined;
}

/** Polls the student's seat; returns a seat of a newer round than this table's, when there is one. */
function useNewSeat(
  code: string | undefined,
  student: StoredStudent | undefined,
): { seat: MySeat; round: number } | undefined {
  const [found, setFound] = useState<{ seat: MySeat; round: number } | undefined>();
  useEffect(() => {
    if (!code || !student) return;
    let live = true;
    const controller = new AbortController();
    const check = () => {
      fetchMe(code, student.token, controller.signal).then(
        (me) => {
          if (!live || !me.seat) return;
          const id = `${me.seat.matchID}/${me.seat.playerID}`;
          setFound(id === student.seat ? undefined : { seat: me.seat, round: me.round });
        },
        () => undefined, // offline or removed: stay on this table quietly
      );
    };
    check();
    const timer = window.setInterval(check, POLL_MS);
    return () => {
      live = false;
      controller.abort();
      window.clearInterval(timer);
    };
  }, [code, student]);
  return found;
}

/** The class line on a student's table. */
export function ClassBanner({ matchID }: { matchID: string }) {
  const [mine] = useState(() => classOfMatch(matchID));
  const next = useNewSeat(mine?.code, mine?.student);
  if (!mine) return null;
  const go = () => {
    if (!next) return;
    const { seat } = next;
    saveSeat({
      matchID: seat.matchID,
      playerID: seat.playerID,
      credentials: seat.credentials,
      name: mine.student.nickname,
    });
    saveStudent(mine.code, { ...mine.student, seat: `${seat.matchID}/${seat.playerID}` });
    navigate({ name: 'table', matchID: seat.matchID, playerID: seat.playerID });
  };
  return (
    <div className="class-banner">
      <p>
        <span aria-hidden="true">🏫 </span>Class <span className="mono">{mine.code}</span> ·{' '}
        <a href={href({ name: 'class-join', code: mine.code })}>Back to the class page</a>
      </p>
      {next && (
        <p role="status" className="waiting">
          Round {next.round} has started: your new seat is at table {next.seat.table + 1}.{' '}
          <button type="button" className="primary" onClick={go}>
            Go to my new table
          </button>
        </p>
      )}
    </div>
  );
}
