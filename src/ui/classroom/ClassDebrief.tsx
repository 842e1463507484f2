/**
 * The class debrief (`#/class/<code>/debrief`): for each round, the round in one
 * sentence, a tally of outcomes and win paths, and a table of every table's outcome,
 * win path, days, messages, ghosts and players' scores; then the scenario's discussion
 * questions. Downloads as CSV or JSON (Blob and object URL) and prints without the
 * site's header and buttons. Asks the server again every 5 s while a table is still
 * playing. Needs the teacher key kept in this browser; it never shows or exports it.
 * @module
 */
import { useEffect, useId, useState } from 'react';
import { ApiError, groupCode, normalizeCode } from '../api.ts';
import { ErrorAlert, RoleBadge } from '../components.tsx';
import { fetchClassDebrief, loadTeacherKey, useNow } from './classApi.ts';
import {
  type ClassDebrief as ClassDebriefData,
  DEBRIEF_POLL_MS,
  debriefCsv,
  debriefExport,
  exportFileName,
  OUTCOME_INFO,
  PATH_INFO,
  PLAYER_INFO,
  type RoundTotals,
  roundName,
  roundPaths,
  roundTally,
  stillPlaying,
  tableRow,
  tablesOfRound,
} from './classDebrief.ts';
import { agoText, asSentence, classHref, pollErrorText } from './model.ts';
import './classroom.css';
import './classDebrief.css';

/* ── Downloads ────────────────────────────────────────────────────────────────────── */

/** Saves text as a file through a Blob and an object URL. */
function download(text: string, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled, so the download has started.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function downloadCsv(debrief: ClassDebriefData): void {
  // text/csv with header=present (RFC 4180 §3); the byte-order mark lets spreadsheets read UTF-8 names.
  download(
    `\uFEFF${debriefCsv(debrief)}`,
    'text/csv;charset=utf-8;header=present',
    exportFileName(debrief.code, 'csv'),
  );
}

function downloadJson(debrief: ClassDebriefData): void {
  download(JSON.stringify(debriefExport(debrief), null, 2), 'application/json', exportFileName(debrief.code, 'json'));
}

/* ── Polling ──────────────────────────────────────────────────────────────────────── */

interface Loaded {
  readonly data?: ClassDebriefData;
  readonly error?: ApiError;
  readonly updatedAt?: number;
}

/**
 * Asks for the debrief now, then every 5 s while a table is still playing or the last
 * request failed (a refused key stops it); stops when the page goes away.
 */
function useDebrief(code: string, teacherKey: string): Loaded {
  const [state, setState] = useState<Loaded>({});
  useEffect(() => {
    setState({});
    const controller = new AbortController();
    let timer: number | undefined;
    const tick = async () => {
      let again = true;
      try {
        const data = await fetchClassDebrief(code, teacherKey, controller.signal);
        if (controller.signal.aborted) return;
        setState({ data, updatedAt: Date.now() });
        again = stillPlaying(data);
      } catch (e) {
        if (controller.signal.aborted) return;
        const error =
          e instanceof ApiError ? e : new ApiError(0, e instanceof Error ? e.message : 'Something went wrong.');
        setState((s) => ({ ...s, error }));
        again = error.status !== 401 && error.status !== 403;
      }
      if (again && !controller.signal.aborted) timer = window.setTimeout(tick, DEBRIEF_POLL_MS);
    };
    void tick();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [code, teacherKey]);
  return state;
}

/* ── Pieces ───────────────────────────────────────────────────────────────────────── */

/** "Updated 3 s ago", and whether the page still updates. */
function Freshness({ loaded }: { loaded: Loaded }) {
  const now = useNow();
  const playing = loaded.data ? stillPlaying(loaded.data) : true;
  return (
    <p className="poll-line cdb-status">
      <span aria-hidden="true">{playing ? '⟳ ' : '🏁 '}</span>
      {agoText(loaded.updatedAt, now)}
      {loaded.data &&
        (playing
          ? `; updates every ${DEBRIEF_POLL_MS / 1000} s while a table is still playing`
          : '; every table has finished')}
    </p>
  );
}

/** The round's outcomes as a bar (for the eye) and a list (icon, word and number). */
function Tally({ totals }: { totals: RoundTotals }) {
  const tally = roundTally(totals);
  const paths = roundPaths(totals);
  const id = useId();
  return (
    <div className="cdb-tally">
      {totals.tables > 0 && (
        <div className="cdb-bar" aria-hidden="true">
          {tally
            .filter((t) => t.count > 0)
            .map((t) => (
              <span
                key={t.kind}
                className={`cdb-seg cdb-${t.kind}`}
                style={{ flexGrow: t.count }}
                title={`${OUTCOME_INFO[t.kind].words}: ${t.count}`}
              >
                {OUTCOME_INFO[t.kind].icon} {t.count}
              </span>
            ))}
        </div>
      )}
      <ul className="plain cdb-counts" aria-label="Outcomes">
        {tally.map((t) =>
          t.kind === 'playing' && t.count === 0 ? null : (
            <li key={t.kind} className={`cdb-count cdb-${t.kind}`}>
              <span aria-hidden="true">{OUTCOME_INFO[t.kind].icon} </span>
              {OUTCOME_INFO[t.kind].words}: <strong>{t.count}</strong>
            </li>
          ),
        )}
      </ul>
      {paths.length > 0 && (
        <>
          <p className="cdb-paths-title" id={`${id}-paths`}>
            How the investigators won
          </p>
          <ul className="plain cdb-counts" aria-labelledby={`${id}-paths`}>
            {paths.map((p) => (
              <li key={p.path} className="cdb-count cdb-path">
                <span aria-hidden="true">{PATH_INFO[p.path].icon} </span>
                Through {PATH_INFO[p.path].words}: <strong>{p.count}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function RoundSection({ debrief, totals }: { debrief: ClassDebriefData; totals: RoundTotals }) {
  const id = useId();
  const rows = tablesOfRound(debrief, totals.round).map(tableRow);
  const name = roundName(totals.round);
  return (
    <section className="panel cdb-round" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{name}</h2>
      <p className="cdb-summary">{totals.summary}</p>
      <Tally totals={totals} />
      {rows.length === 0 ? (
        <p className="waiting">No table was recorded for this round.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it
        <section className="cdb-scroll" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table className="cdb-table">
            <caption id={`${id}-caption`}>{name}: every table</caption>
            <thead>
              <tr>
                <th scope="col">Table</th>
                <th scope="col">Outcome</th>
                <th scope="col">Win path</th>
                <th scope="col">Days</th>
                <th scope="col">Messages (secure / SMS)</th>
                <th scope="col">Ghosts (added / found)</th>
                <th scope="col">Players and scores</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className={`cdb-row-${r.kind}`}>
                  <th scope="row">{r.title}</th>
                  <td>
                    <span className={`cdb-outcome cdb-${r.kind}`}>
                      <span aria-hidden="true">{OUTCOME_INFO[r.kind].icon} </span>
                      {r.outcome}
                    </span>
                    {r.reason && <span className="cdb-reason">{asSentence(r.reason)}</span>}
                  </td>
                  <td>
                    {r.path ? (
                      <>
                        <span aria-hidden="true">{r.path.icon} </span>
                        {r.path.words}
                      </>
                    ) : (
                      <span className="cdb-none">none</span>
                    )}
                  </td>
                  <td>{r.days}</td>
                  <td>{r.messages}</td>
                  <td>{r.ghosts}</td>
                  <td>
                    <ul className="plain cdb-players">
                      {r.players.map((p) => (
                        <li key={p.seat} className={`role-${p.role}`}>
                          <RoleBadge role={p.role} /> <span className="cdb-name">{p.name}</span>
                          {p.nickname && <span className="cdb-nickname"> — {p.nickname}</span>}{' '}
                          <span className="tag">
                            <span aria-hidden="true">{PLAYER_INFO[p.player].icon} </span>
                            {PLAYER_INFO[p.player].words}
                          </span>{' '}
                          <span className="cdb-score">
                            {p.score} {Math.abs(p.score) === 1 ? 'point' : 'points'}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

/** The debrief for one answer of the server (exported for the tests). */
export function ClassDebriefContent({ debrief }: { debrief: ClassDebriefData }) {
  const questions = useId();
  const actions = useId();
  return (
    <>
      <div className="cdb-actions">
        <p className="actions">
          <button type="button" className="primary" onClick={() => downloadCsv(debrief)} aria-describedby={actions}>
            Download CSV
          </button>
          <button type="button" onClick={() => downloadJson(debrief)} aria-describedby={actions}>
            Download JSON
          </button>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </p>
        <p className="hint" id={actions}>
          The CSV has one row per player per table, ready for a spreadsheet; the JSON has the same facts grouped by
          round and table. Neither holds the teacher key or a student’s token.
        </p>
      </div>
      {debrief.rounds.length === 0 ? (
        <p className="waiting">No round has been played yet. Start one from the dashboard.</p>
      ) : (
        debrief.rounds.map((r) => <RoundSection key={r.round} debrief={debrief} totals={r} />)
      )}
      <section className="panel cdb-questions" aria-labelledby={questions}>
        <h2 id={questions}>Questions for the class</h2>
        {debrief.questions.length === 0 ? (
          <p>This scenario has no questions of its own: ask what changed the outcome most, and why.</p>
        ) : (
          <ol>
            {debrief.questions.map((q) => (
              <li key={q}>{q}</li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function BackLink({ code }: { code: string }) {
  return (
    <p className="cdb-back">
      <a href={classHref(code, 'dashboard')}>
        <span aria-hidden="true">← </span>Back to the dashboard
      </a>
    </p>
  );
}

function DebriefScreen({ code, teacherKey }: { code: string; teacherKey: string }) {
  const loaded = useDebrief(code, teacherKey);
  const refused = loaded.error?.status === 401 || loaded.error?.status === 403;
  const debrief = loaded.data;
  return (
    <div className="classroom class-debrief">
      <h1 tabIndex={-1}>Class debrief</h1>
      <p className="class-facts">
        Class {groupCode(code)}
        {debrief ? ` · ${debrief.title}` : ''}
      </p>
      <BackLink code={code} />
      <Freshness loaded={loaded} />
      {refused ? (
        <p className="alert" role="alert">
          <span aria-hidden="true">⚠ </span>
          The teacher key in this browser was not accepted ({loaded.error?.message}). Enter the right key on the{' '}
          <a href={classHref(code, 'dashboard')}>dashboard</a>.
        </p>
      ) : (
        <ErrorAlert error={loaded.error && pollErrorText(loaded.error.message, DEBRIEF_POLL_MS)} />
      )}
      {debrief && <ClassDebriefContent debrief={debrief} />}
    </div>
  );
}

/** The class debrief route (`#/class/<code>/debrief`). */
export function ClassDebrief({ code: rawCode }: { code: string }) {
  const code = normalizeCode(rawCode);
  const teacherKey = loadTeacherKey(code);
  if (!teacherKey) {
    return (
      <div className="classroom class-debrief">
        <h1 tabIndex={-1}>Class debrief</h1>
        <p className="alert" role="alert">
          <span aria-hidden="true">⚠ </span>
          This browser does not hold the teacher key of class {groupCode(code)}, so it cannot show the class debrief.
        </p>
        <p>
          <a href={classHref(code, 'dashboard')}>Enter the teacher key on the dashboard</a>, then come back.
        </p>
      </div>
    );
  }
  return <DebriefScreen code={code} teacherKey={teacherKey} />;
}
