/**
 * One table on the teacher's docket (Docket.tsx): its status and day, who has ended the
 * day, the court key, each application waiting for a ruling with the rule a real court
 * applies and the game's guide in leads, Grant and Refuse signed with the table's own
 * court key, and End day.
 * @module
 */
import { useEffect, useId, useState } from 'react';
import type { CourtSigner } from '../../device/index.ts';
import { DOCUMENTS, type LegalDocument, type SeatView } from '../../game/index.ts';
import { ApplicationFacts } from '../boards/JudgeBoard.tsx';
import { DocumentCard, Explain, groupHex, type Move, whoHas } from '../boards/kit.tsx';
import { ErrorAlert } from '../components.tsx';
import { href } from '../router.ts';
import { ConnectionStatus, phaseText } from '../TablePanels.tsx';
import type { GameSnapshot } from '../useGameClient.ts';
import type { SeatDeviceState } from '../useSeatDevice.ts';
import { beforeCourt, courtKeyState, type DocketRow, dayOpen, dayRoll, docketRows, plural } from './docketModel.ts';
import { tableName } from './model.ts';
import '../boards/legal.css';
import './docket.css';

/** How long a ruling may stay unanswered before the docket says it was not accepted. */
const RULING_TIMEOUT_MS = 6000;

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
