/**
 * The teacher's docket (`#/class/<code>/docket`): when the teacher judges a class, this
 * browser takes every table's judge seat at once (game.md §5, Judge). Each seat gets its
 * own game client and its own court signer (`useSeatDevice`), so in setup each table's
 * court key is made here and only its public half is published; during the day every
 * table's applications waiting for a ruling are listed with the rule a real court
 * applies and the game's guide in leads, and a grant is an order signed in this browser
 * with that table's court key (`CourtSigner.ruling`). The judge ends the day at one
 * table as a seat, or closes the day at every table at once (`endDayForTable`).
 *
 * The judge seats come from the class dashboard (teacher key from this browser's
 * storage). Contested technical-assistance orders are decided by the court at night
 * (src/game/night.ts): they are counted, not decided, here.
 * @module
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { toHex } from '../../crypto/index.ts';
import type { CourtSigner } from '../../device/index.ts';
import { DOCUMENTS, type LegalDocument, type SeatView } from '../../game/index.ts';
import { groupCode, loadSeat, normalizeCode, saveSeat } from '../api.ts';
import { ApplicationFacts } from '../boards/JudgeBoard.tsx';
import { DocumentCard, Explain, groupHex, type Move, PartyTag, whoHas } from '../boards/kit.tsx';
import { ROLE_INFO } from '../catalog.ts';
import { ErrorAlert } from '../components.tsx';
import { href } from '../router.ts';
import { ConnectionStatus, phaseText } from '../TablePanels.tsx';
import { type GameSnapshot, useGameClient } from '../useGameClient.ts';
import { type SeatDeviceState, useSeatDevice } from '../useSeatDevice.ts';
import { type Dashboard, fetchDashboard, type JudgeSeat, loadTeacherKey, usePoll } from './classApi.ts';
import { PollStatus } from './Dashboard.tsx';
import { classHref, pollErrorText, TEACHER_POLL_MS, tableName } from './model.ts';
import '../boards/legal.css';
import './docket.css';

/** How long a ruling may stay unanswered before the docket says it was not accepted. */
const RULING_TIMEOUT_MS = 6000;

/* ── Pure parts (tested without a browser) ───────────────────────────────────────── */

/** One table's view, as the docket has it so far (undefined until the first sync). */
export interface DocketSource {
  readonly table: number;
  readonly view?: SeatView | undefined;
}

/** One application waiting for the judge, at one table. */
export interface DocketRow {
  readonly table: number;
  readonly doc: LegalDocument;
  /** The game's guide in leads for this document (src/game/legal.ts). */
  readonly need: number;
  /** The leads cited meet the guide. */
  readonly meets: boolean;
}

/** Documents that go before the court (no subpoenas, no informal requests), as JudgeBoard counts them. */
function beforeCourt(doc: LegalDocument): boolean {
  return DOCUMENTS[doc.type].needsJudge && !doc.informal;
}

/** Every application waiting for a ruling, across tables: by table, then in filing order. */
export function docketRows(sources: readonly DocketSource[]): DocketRow[] {
  const rows: DocketRow[] = [];
  for (const { table, view } of sources) {
    if (!view || view.debrief) continue;
    for (const doc of view.documents) {
      if (doc.status !== 'pending' || !beforeCourt(doc)) continue;
      const need = DOCUMENTS[doc.type].leads(view.options);
      rows.push({ table, doc, need, meets: doc.leads >= need });
    }
  }
  return rows.sort((a, b) => a.table - b.table || a.doc.seq - b.doc.seq);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 applications waiting across 2 tables" (or that none is waiting). */
export function docketSummary(rows: readonly DocketRow[], tables: number): string {
  if (rows.length === 0)
    return `No application is waiting at ${tables === 1 ? 'your table' : `any of ${tables} tables`}.`;
  const at = new Set(rows.map((r) => r.table)).size;
  return `${plural(rows.length, 'application')} waiting ${at === 1 ? 'at' : 'across'} ${plural(at, 'table')}.`;
}

/** A judge seat's table as the docket follows it. */
export interface TableState {
  readonly table: number;
  readonly matchID: string;
  readonly status: GameSnapshot['status'];
  readonly view?: SeatView;
  readonly phase?: string;
  readonly gameover: boolean;
}

/** The judge can act at this table now: connected, in the day, game not over. */
export function dayOpen(state: Pick<TableState, 'status' | 'view' | 'phase' | 'gameover'>): boolean {
  return state.status === 'online' && state.phase === 'day' && !state.gameover && state.view?.debrief === false;
}

/** Why "End the day at every table" skips a table, in words; undefined when it does not. */
export function skipReason(state: TableState): string | undefined {
  if (dayOpen(state)) return undefined;
  if (state.gameover || state.view?.debrief) return 'the game is over';
  if (state.status !== 'online') return 'not connected';
  if (state.phase === 'setup') return 'still setting up keys';
  if (state.phase === 'night') return 'it is night';
  return 'not ready';
}

/** Who has ended the day at a table, and who is still playing (the judge is "you"). */
export function dayRoll(view: SeatView): { ended: string[]; playing: string[] } {
  const ended: string[] = [];
  const playing: string[] = [];
  for (const seat of Object.values(view.seats)) {
    const name =
      seat.id === view.you
        ? 'you'
        : seat.role === 'sender'
          ? seat.name
          : `the ${ROLE_INFO[seat.role].label.toLowerCase()}`;
    (view.ended[seat.id] ? ended : playing).push(name);
  }
  return { ended, playing };
}

/** Whether this browser's court signer holds the table's published court key. */
export function courtKeyState(view: SeatView, court: CourtSigner | undefined): 'unpublished' | 'mine' | 'other' {
  if (!view.courtPub) return 'unpublished';
  return court && toHex(court.key.publicKey) === view.courtPub ? 'mine' : 'other';
}

/* ── One application ─────────────────────────────────────────────────────────────── */

interface RuleProps {
  readonly view: SeatView;
  readonly row: DocketRow;
  readonly court: CourtSigner | undefined;
  readonly canSign: boolean;
  readonly active: boolean;
  readonly onRule: (doc: LegalDocument, grant: boolean, reason: string | undefined) => void;
}

/** An application on the docket: the rule, the leads against the guide, a reason, Grant and Refuse. */
function Application({ view, row, court, canSign, active, onRule }: RuleProps) {
  const id = useId();
  const [reason, setReason] = useState('');
  const { doc } = row;
  const where = tableName(row.table);
  return (
    <DocumentCard view={view} doc={doc}>
      <ApplicationFacts view={view} doc={doc} />
      <p className="field">
        <label htmlFor={`${id}-reason`}>
          Reason (optional, the investigator sees it)
          <span className="sr-only">
            {' '}
            for #{doc.id} at {where}
          </span>
        </label>
        <input
          id={`${id}-reason`}
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. not enough facts yet"
        />
      </p>
      <p className="actions docket-rule">
        <button
          type="button"
          className="primary legal-grant"
          disabled={!active || !canSign || !court}
          aria-describedby={canSign ? undefined : `${id}-nokey`}
          onClick={() => onRule(doc, true, undefined)}
        >
          <span aria-hidden="true">✍ </span>Grant: sign the order
          <span className="sr-only">
            {' '}
            #{doc.id} at {where}
          </span>
        </button>
        <button
          type="button"
          className="legal-refuse"
          disabled={!active || !court}
          onClick={() => onRule(doc, false, reason.trim() || undefined)}
        >
          <span aria-hidden="true">✗ </span>Refuse
          <span className="sr-only">
            {' '}
            #{doc.id} at {where}
          </span>
        </button>
      </p>
      {!canSign && (
        <p className="hint" id={`${id}-nokey`}>
          <span aria-hidden="true">🔒 </span>Grant is locked: this browser does not hold {where}’s court key.
        </p>
      )}
      <Explain>
        Granting signs an order with the court key: it names the type, the target and the days it is valid (day{' '}
        {view.day} to {view.options.days}). The provider’s software checks that signature.
      </Explain>
    </DocumentCard>
  );
}

/* ── One table's panel ───────────────────────────────────────────────────────────── */

/** What one table's panel is given: the seat's state, its court signer here, and `move`. */
export interface DocketTableProps {
  readonly table: number;
  readonly matchID: string;
  readonly playerID: string;
  readonly status: GameSnapshot['status'];
  readonly view: SeatView | undefined;
  readonly phase: string | undefined;
  readonly gameover: boolean;
  readonly court: CourtSigner | undefined;
  /** Where the court key store stands in this browser (useSeatDevice); "ready" when omitted. */
  readonly keys?: SeatDeviceState['keys'];
  readonly keysError?: string;
  readonly move: Move;
}

/** The court key at this table, in words. */
function CourtKeyLine({
  view,
  phase,
  court,
  keys,
  keysError,
}: Pick<DocketTableProps, 'phase' | 'court' | 'keys' | 'keysError'> & { view: SeatView }) {
  if (keys === 'failed') return <ErrorAlert error={keysError ?? 'This browser cannot keep the court key.'} />;
  const state = courtKeyState(view, court);
  if (state === 'mine') {
    return (
      <p className="docket-key legal-ok">
        <span aria-hidden="true">🔏 </span>Court key{' '}
        <code className="docket-hex">{groupHex(view.courtPub ?? '', 8)}</code> published; this browser holds its private
        half.
      </p>
    );
  }
  if (state === 'other') {
    return (
      <p className="docket-key legal-bad" role="alert">
        <span aria-hidden="true">✗ </span>This browser does not hold this table’s court key, so it cannot sign orders
        here (refusing still works). Use the browser that made the key.
      </p>
    );
  }
  return (
    <p className="docket-key">
      <span aria-hidden="true">🔑 </span>
      {phase === 'setup'
        ? keys === 'opening'
          ? 'Opening the court key store in this browser…'
          : 'This browser is making the court key and publishing its public half.'
        : 'The court key is not published.'}
    </p>
  );
}

/** What the panel says about the last ruling sent from it. */
function rulingText(view: SeatView, sent: { docId: string; grant: boolean }): string {
  const doc = view.documents.find((d) => d.id === sent.docId);
  if (!doc || doc.status === 'pending') return `Sending your ruling on #${sent.docId}…`;
  if (doc.status === 'refused') return `✓ #${sent.docId} refused: the investigator sees your reason.`;
  return `✓ #${sent.docId} granted: the order is signed and served on the ${doc.provider}.`;
}

/** One table on the docket: status, day, who has ended it, the applications, End day. */
export function DocketTable(props: DocketTableProps) {
  const { table, matchID, playerID, status, view, phase, gameover, court, keys = 'ready', keysError, move } = props;
  const id = useId();
  const [sent, setSent] = useState<{ docId: string; grant: boolean } | undefined>();
  const [stuck, setStuck] = useState<string | undefined>();
  const [endAsked, setEndAsked] = useState<number | undefined>();
  const title = tableName(table);
  const pendingNow = sent !== undefined && view?.documents.some((d) => d.id === sent.docId && d.status === 'pending');

  // A ruling the table has not taken within a few seconds was refused or lost: say so, and let the judge retry.
  useEffect(() => {
    if (!sent || !pendingNow) return;
    const timer = window.setTimeout(
      () => setStuck(`${title} has not taken your ruling on #${sent.docId}. Check the connection, then try again.`),
      RULING_TIMEOUT_MS,
    );
    return () => window.clearTimeout(timer);
  }, [sent, pendingNow, title]);

  const head = (
    <h2 id={`${id}-title`}>
      <span aria-hidden="true">⚖️ </span>
      {title}
    </h2>
  );
  if (!view) {
    return (
      <section className="panel docket-table" aria-labelledby={`${id}-title`}>
        {head}
        <ConnectionStatus status={status} stalled={false} />
      </section>
    );
  }
  const over = gameover || view.debrief;
  const open = dayOpen({ status, view, phase, gameover });
  const rows = docketRows([{ table, view }]);
  const contested = view.documents.filter((d) => beforeCourt(d) && d.status === 'contested').length;
  const decided = view.documents
    .filter((d) => beforeCourt(d) && d.decidedDay === view.day && d.status !== 'pending')
    .sort((a, b) => a.seq - b.seq);
  const roll = dayRoll(view);
  const youEnded = view.you !== null && view.ended[view.you] === true;
  const canSign = courtKeyState(view, court) === 'mine';
  const rule = (doc: LegalDocument, grant: boolean, reason: string | undefined) => {
    if (!court) return;
    move('rule', court.ruling(view, doc, grant, reason));
    setStuck(undefined);
    setSent({ docId: doc.id, grant });
  };

  return (
    <section className={`panel docket-table${over ? ' docket-over' : ''}`} aria-labelledby={`${id}-title`}>
      {head}
      <div className="docket-facts">
        <p className="docket-phase">{phaseText(phase, view, over)}</p>
        <ConnectionStatus status={status} stalled={false} />
      </div>
      {view.outcome && (
        <p className="docket-outcome">
          <strong>
            {view.outcome.winner === 'draw'
              ? 'A draw'
              : view.outcome.winner === 'crew'
                ? 'The crew wins'
                : 'The investigator wins'}
          </strong>{' '}
          (day {view.outcome.day}): {view.outcome.reason}
        </p>
      )}
      <CourtKeyLine view={view} phase={phase} court={court} keys={keys} {...(keysError ? { keysError } : {})} />
      {phase === 'day' && !over && (
        <ul className="plain docket-roll">
          <li>
            <span aria-hidden="true">✓ </span>Ended the day:{' '}
            {roll.ended.length > 0 ? roll.ended.join(', ') : 'nobody yet'}
          </li>
          <li>
            <span aria-hidden="true">… </span>Still playing:{' '}
            {roll.playing.length > 0 ? roll.playing.join(', ') : 'nobody'}
          </li>
        </ul>
      )}
      {!over && phase === 'day' && (
        <>
          <p className="docket-count">
            <span aria-hidden="true">⏳ </span>
            <strong>Applications waiting: {rows.length}</strong>
          </p>
          {rows.length === 0 && <p>No application is waiting at this table.</p>}
          <div className="docket-docs">
            {rows.map((row) => (
              <Application
                key={row.doc.id}
                view={view}
                row={row}
                court={court}
                canSign={canSign}
                active={open && !(pendingNow && sent?.docId === row.doc.id && !stuck)}
                onRule={rule}
              />
            ))}
          </div>
          {contested > 0 && (
            <p className="hint">
              <span aria-hidden="true">⚖ </span>
              {plural(contested, 'contested order')}: the court decides tonight; there is nothing to rule on here.
            </p>
          )}
          {decided.length > 0 && (
            <ul className="plain docket-decided" aria-label={`Decided today at ${title}`}>
              {decided.map((d) => (
                <li key={d.id}>
                  <span aria-hidden="true">{d.status === 'refused' || d.status === 'quashed' ? '✗ ' : '✍ '}</span>#
                  {d.id} {DOCUMENTS[d.type].title} on {whoHas(view, d.target)}: {d.status}
                  {d.reason ? ` — ${d.reason}` : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <p role="status" className="legal-sent docket-said">
        {sent ? rulingText(view, sent) : ''}
      </p>
      <ErrorAlert error={stuck} />
      {!over && phase === 'day' && (
        <div className="docket-end">
          <p className="actions">
            <button
              type="button"
              onClick={() => {
                setEndAsked(view.day);
                move('endDay', {});
              }}
              disabled={!open || youEnded || endAsked === view.day}
            >
              {youEnded
                ? `✓ You ended day ${view.day} here`
                : endAsked === view.day
                  ? 'Ending the day…'
                  : 'End day (as judge)'}
              <span className="sr-only"> at {title}</span>
            </button>
          </p>
          <Explain>
            Like every seat, the judge says “done for today”; the night starts when the whole table has, or when the
            court closes the day.
          </Explain>
        </div>
      )}
      {!over && (
        <p>
          <a href={href({ name: 'table', matchID, playerID })}>
            Open the full judge desk<span className="sr-only"> at {title}</span>
          </a>{' '}
          <span className="hint">(past rulings, the court key, the map)</span>
        </p>
      )}
    </section>
  );
}

/* ── One judge seat, connected ───────────────────────────────────────────────────── */

/** Reports a table's state up to the docket; `null` when the seat goes away. */
type Report = (matchID: string, state: TableState | null, move?: Move) => void;

/** Connects one judge seat: its game client, its court signer, and its panel. */
function JudgeSeatTable({ seat, onReport }: { seat: JudgeSeat; onReport: Report }) {
  const { matchID, playerID, credentials, table } = seat;
  // Keep the seat in this browser, so the full judge desk opens with it.
  useEffect(() => {
    const held = loadSeat(matchID);
    if (held?.playerID === playerID && held.credentials === credentials) return;
    saveSeat({ matchID, playerID, credentials, name: 'Teacher' });
  }, [matchID, playerID, credentials]);
  const game = useGameClient({ matchID, playerID, credentials });
  // The seat's device: in setup it makes the court key here and publishes the public half.
  const device = useSeatDevice(matchID, game.view, game.phase, game.move);
  const { status, view, phase, gameover, move } = game;
  const moveRef = useRef(move);
  moveRef.current = move;
  const stableMove = useCallback<Move>((name, args) => moveRef.current(name, args), []);
  useEffect(() => {
    onReport(
      matchID,
      { table, matchID, status, gameover, ...(view ? { view } : {}), ...(phase ? { phase } : {}) },
      stableMove,
    );
  }, [onReport, matchID, table, status, view, phase, gameover, stableMove]);
  useEffect(() => () => onReport(matchID, null), [onReport, matchID]);
  return (
    <DocketTable
      table={table}
      matchID={matchID}
      playerID={playerID}
      status={status}
      view={view}
      phase={phase}
      gameover={gameover}
      court={device.devices.court}
      keys={device.keys}
      {...(device.error ? { keysError: device.error } : {})}
      move={stableMove}
    />
  );
}

/* ── The docket ──────────────────────────────────────────────────────────────────── */

/** "End the day at every table", with a confirm step. */
function EndEveryDay({ states, moves }: { states: readonly TableState[]; moves: ReadonlyMap<string, Move> }) {
  const [confirming, setConfirming] = useState(false);
  const [said, setSaid] = useState('');
  const confirmButton = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const ready = states.filter((s) => dayOpen(s));
  const skipped = states
    .map((s) => ({ s, why: skipReason(s) }))
    .filter((x): x is { s: TableState; why: string } => x.why !== undefined);
  // The court's own End day at every table: the day ends there once the students end theirs.
  const judgeDone = () => {
    let asked = 0;
    for (const s of ready) {
      if (s.view?.you !== null && s.view?.you !== undefined && s.view.ended[s.view.you]) continue;
      const move = moves.get(s.matchID);
      if (!move) continue;
      move('endDay', {});
      asked++;
    }
    setSaid(
      asked === 0
        ? 'You have ended your day at every table already.'
        : `Ended your day as judge at ${plural(asked, 'table')}: each day ends when its students end theirs.`,
    );
  };
  const endAll = () => {
    let asked = 0;
    for (const s of ready) {
      const move = moves.get(s.matchID);
      if (!move) continue;
      move('endDayForTable', {});
      asked++;
    }
    setConfirming(false);
    setSaid(`Asked ${plural(asked, 'table')} to end the day: the night begins there.`);
  };
  return (
    <section className="panel docket-all" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <span aria-hidden="true">🌙 </span>Close the day everywhere
      </h2>
      {confirming ? (
        <fieldset className="legal-confirm">
          <legend>
            <span aria-hidden="true">⚠ </span>End the day now at {ready.map((s) => tableName(s.table)).join(', ')}?
          </legend>
          <p>Seats still playing there lose the rest of the day.</p>
          <p className="actions">
            <button
              type="button"
              className="primary"
              ref={confirmButton}
              onClick={endAll}
              disabled={ready.length === 0}
            >
              Yes, end the day at {plural(ready.length, 'table')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </p>
        </fieldset>
      ) : (
        <p className="actions">
          <button type="button" className="primary" onClick={judgeDone} disabled={ready.length === 0}>
            I have ruled: end my day at every table
          </button>
          <button type="button" onClick={() => setConfirming(true)} disabled={ready.length === 0}>
            End the day at every table…
          </button>
        </p>
      )}
      {skipped.length > 0 && (
        <p className="hint">Skipped: {skipped.map(({ s, why }) => `${tableName(s.table)} (${why})`).join('; ')}.</p>
      )}
      <p role="status" className="legal-sent">
        {said}
      </p>
      <Explain>A court keeps its own hours: when it closes, the day’s business is over for everyone.</Explain>
    </section>
  );
}

/** The docket for one dashboard answer: the summary, the end-every-day control, and one panel per judge seat. */
function DocketBoard({ dashboard }: { dashboard: Dashboard }) {
  const [states, setStates] = useState<Readonly<Record<string, TableState>>>({});
  const moves = useRef(new Map<string, Move>());
  const onReport = useCallback<Report>((matchID, state, move) => {
    if (state === null) moves.current.delete(matchID);
    else if (move) moves.current.set(matchID, move);
    setStates((all) => {
      if (state === null) {
        const { [matchID]: _gone, ...rest } = all;
        return rest;
      }
      return { ...all, [matchID]: state };
    });
  }, []);
  const seats = [...dashboard.judgeSeats].sort((a, b) => a.table - b.table);
  const followed = seats.map((s) => states[s.matchID]).filter((s): s is TableState => s !== undefined);
  const rows = docketRows(followed);
  return (
    <>
      <section className="panel docket-summary" aria-labelledby="docket-summary-title">
        <h2 id="docket-summary-title">
          <span aria-hidden="true">⚖️ </span>The docket · <PartyTag party="court" />
        </h2>
        <p role="status" className="docket-total">
          {docketSummary(rows, seats.length)}
        </p>
        <p>
          You are the judge at {plural(seats.length, 'table')}. Each table has its own court key, made and kept in this
          browser. <strong>You may decide as you see fit</strong>: the guide in leads is advice, not a command.
        </p>
      </section>
      <EndEveryDay states={followed} moves={moves.current} />
      <div className="docket-tables">
        {seats.map((s) => (
          <JudgeSeatTable key={`${s.matchID}/${s.playerID}`} seat={s} onReport={onReport} />
        ))}
      </div>
    </>
  );
}

function refused(status: number | undefined): boolean {
  return status === 401 || status === 403;
}

function TeacherDocket({ code, teacherKey }: { code: string; teacherKey: string }) {
  const poll = usePoll(
    (signal) => fetchDashboard(code, teacherKey, signal),
    TEACHER_POLL_MS,
    true,
    `${code}/${teacherKey}`,
  );
  const dashboard = poll.data;
  const dashboardLink = <a href={classHref(code, 'dashboard')}>the class dashboard</a>;
  return (
    <div className="classroom docket">
      <h1 tabIndex={-1}>Class {groupCode(code)}: the judge’s docket</h1>
      <PollStatus poll={poll} what="list of tables" />
      {refused(poll.error?.status) ? (
        <div className="alert" role="alert">
          <p>
            <span aria-hidden="true">⚠ </span>
            The teacher key in this browser was not accepted ({poll.error?.message}). Enter the right key on{' '}
            {dashboardLink}.
          </p>
        </div>
      ) : (
        <ErrorAlert error={poll.error && pollErrorText(poll.error.message, TEACHER_POLL_MS)} />
      )}
      {dashboard &&
        (dashboard.settings.judge === 'bot' ? (
          <p className="panel">
            <span aria-hidden="true">🤖 </span>The bots judge this class: there is no docket for you. See{' '}
            {dashboardLink}.
          </p>
        ) : dashboard.judgeSeats.length === 0 ? (
          <p className="panel">
            <span aria-hidden="true">🪑 </span>No round is being played yet. Start one on {dashboardLink}; the tables
            appear here by themselves.
          </p>
        ) : (
          <DocketBoard dashboard={dashboard} />
        ))}
      <p>
        <a href={classHref(code, 'dashboard')}>
          <span aria-hidden="true">← </span>Back to the dashboard
        </a>
      </p>
    </div>
  );
}

/** The docket route (`#/class/<code>/docket`): every table's judge seat in one view. */
export function Docket({ code: rawCode }: { code: string }) {
  const code = normalizeCode(rawCode);
  const teacherKey = loadTeacherKey(code);
  if (!teacherKey) {
    return (
      <div className="classroom docket">
        <h1 tabIndex={-1}>Class {groupCode(code)}: the judge’s docket</h1>
        <p className="alert" role="alert">
          <span aria-hidden="true">🔑 </span>
          This browser does not hold the teacher key of this class, so it cannot take the judge seats.
        </p>
        <p>
          Open <a href={classHref(code, 'dashboard')}>the class dashboard</a> and enter the teacher key there, then come
          back.
        </p>
      </div>
    );
  }
  return <TeacherDocket code={code} teacherKey={teacherKey} />;
}
