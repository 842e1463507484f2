/**
 * The judge's desk, a docket (game.md §5 Judge; ui.md "Role desks"): applications
 * waiting for a ruling with the leads cited and the rule a real court applies beside
 * the game's guide; grant — the court signer in this browser signs the order with the
 * court key (`CourtSigner.ruling`) — or refuse with a reason. Contested
 * technical-assistance orders are decided by the court at night (src/game/night.ts):
 * the judge has no move for them, so they are shown, not decided. Then past rulings,
 * the court key, and ending the day for the whole table.
 * @module
 */
import { useId, useState } from 'react';
import { toHex } from '../../crypto/index.ts';
import type { CourtSigner } from '../../device/index.ts';
import { DOCUMENTS, type LegalDocument, type SeatView } from '../../game/index.ts';
import { DocumentLaw, ruleText } from './JudgeStandards.tsx';
import { type BoardProps, DocumentCard, Explain, groupHex, HexBlock, PartyTag, Term, whoHas } from './kit.tsx';
import './legal.css';

function Pending({ view, device, move, doc }: BoardProps<CourtSigner> & { doc: LegalDocument }) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [ruled, setRuled] = useState<string | undefined>();
  const rule = (grant: boolean) => {
    move('rule', device.ruling(view, doc, grant, reason.trim() || undefined));
    setRuled(grant ? 'Order signed and sent.' : 'Refusal sent.');
  };
  return (
    <DocumentCard view={view} doc={doc}>
      <ApplicationFacts view={view} doc={doc} />
      {!view.debrief && (
        <>
          <p className="field">
            <label htmlFor={`${id}-reason`}>Reason (optional, the investigator sees it)</label>
            <input
              id={`${id}-reason`}
              value={reason}
              maxLength={200}
              onChange={(e) => setReason(e.target.value)}
              placeholder="e.g. not enough facts yet"
            />
          </p>
          <p className="actions">
            <button type="button" className="primary legal-grant" onClick={() => rule(true)}>
              <span aria-hidden="true">✍ </span>Grant: sign the order
            </button>
            <button type="button" className="legal-refuse" onClick={() => rule(false)}>
              <span aria-hidden="true">✗ </span>Refuse
            </button>
          </p>
          <Explain>
            Granting signs an order with the court key: it names the type, the target and the days it is valid (day{' '}
            {view.day} to {view.options.days}). The provider’s software checks that signature.
          </Explain>
        </>
      )}
      {ruled && (
        <p className="legal-sent" role="status">
          {ruled}
        </p>
      )}
    </DocumentCard>
  );
}

function Contested({ view, docs }: { view: SeatView; docs: LegalDocument[] }) {
  if (docs.length === 0) return null;
  const chance = Math.round(view.options.contestUpheldChance * 100);
  return (
    <section className="panel legal-section" aria-labelledby="judge-contested-title">
      <h2 id="judge-contested-title">
        <span aria-hidden="true">⚖ </span>Contested orders
      </h2>
      <p>
        The relay contested these orders. <strong>The court decides tonight</strong>: in this scenario an order is
        upheld {chance} times in 100. You have no move to make here.
      </p>
      <Explain>
        In 2016 Apple contested an order to help unlock a phone; a New York judge refused a similar{' '}
        <Term id="technical-assistance">technical-assistance order</Term>.
      </Explain>
      <div className="legal-grid">
        {docs.map((d) => (
          <DocumentCard key={d.id} view={view} doc={d} />
        ))}
      </div>
    </section>
  );
}

function PastRulings({ view, docs }: { view: SeatView; docs: LegalDocument[] }) {
  return (
    <section className="panel legal-section" aria-labelledby="judge-past-title">
      <h2 id="judge-past-title">
        <span aria-hidden="true">📚 </span>Past rulings
      </h2>
      {docs.length === 0 && <p>None yet.</p>}
      <div className="legal-grid">
        {docs.map((d) => (
          <DocumentCard key={d.id} view={view} doc={d} />
        ))}
      </div>
    </section>
  );
}

function OutOfCourt({ view, docs }: { view: SeatView; docs: LegalDocument[] }) {
  if (docs.length === 0) return null;
  return (
    <section className="panel legal-section" aria-labelledby="judge-out-title">
      <h2 id="judge-out-title">
        <span aria-hidden="true">📎 </span>Not before the court
      </h2>
      <p className="hint">Subpoenas need no judge; informal requests skip the court. You see them, but do not rule.</p>
      <ul className="legal-list">
        {docs.map((d) => (
          <li key={d.id} className={d.informal ? 'legal-bad' : ''}>
            <span aria-hidden="true">{d.informal ? '✗ ' : '📄 '}</span>
            {d.informal ? 'Informal request' : 'Subpoena'}: {DOCUMENTS[d.type].title} on {whoHas(view, d.target)}, to
            the {d.provider}, day {d.day} — {d.status}
            {d.lawful === false ? ' (unlawful)' : ''}
          </li>
        ))}
      </ul>
      <Explain>
        <Term id="informal">Informal requests</Term> have no order: what they obtain is inadmissible.
      </Explain>
    </section>
  );
}

function CourtKey({ view, device }: { view: SeatView; device: CourtSigner }) {
  const mine = toHex(device.key.publicKey);
  return (
    <section className="panel legal-section" aria-labelledby="judge-key-title">
      <h2 id="judge-key-title">
        <span aria-hidden="true">🔏 </span>The court key
      </h2>
      {view.courtPub ? (
        <>
          <p>
            Fingerprint: <code className="legal-fingerprint">{groupHex(view.courtPub, 16)}</code>
          </p>
          <p className={view.courtPub === mine ? 'legal-ok' : 'legal-bad'}>
            <span aria-hidden="true">{view.courtPub === mine ? '✓ ' : '✗ '}</span>
            {view.courtPub === mine
              ? 'This browser holds the matching private key: only it can sign the court’s orders.'
              : 'This browser does not hold the published court key: it cannot sign orders.'}
          </p>
          <HexBlock hex={view.courtPub} label="Published court public key" />
        </>
      ) : (
        <p>The court key is not published yet.</p>
      )}
      <Explain>Every provider checks an order’s signature against this public key before it complies.</Explain>
    </section>
  );
}

function EndDay({ view, move }: { view: SeatView; move: BoardProps<CourtSigner>['move'] }) {
  const [confirm, setConfirm] = useState(false);
  const [done, setDone] = useState<number | undefined>();
  const waiting = Object.values(view.seats).filter((s) => s.id !== view.you && !view.ended[s.id]);
  return (
    <section className="panel legal-section" aria-labelledby="judge-end-title">
      <h2 id="judge-end-title">
        <span aria-hidden="true">🌙 </span>Close the day
      </h2>
      <p>
        As judge you may end the day for the whole table, even if some seats have not pressed End day. The night then
        begins for everyone.
      </p>
      <p className="hint">
        {waiting.length === 0
          ? 'Every other seat has ended the day.'
          : `Still playing: ${waiting.map((s) => s.name).join(', ')}.`}
      </p>
      {done === view.day ? (
        <p className="legal-sent" role="status">
          Ending the day…
        </p>
      ) : confirm ? (
        <fieldset className="legal-confirm">
          <legend>
            <span aria-hidden="true">⚠ </span>End day {view.day} for everyone now?
          </legend>
          <p className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                move('endDayForTable', {});
                setDone(view.day);
                setConfirm(false);
              }}
            >
              Yes, end the day for the table
            </button>
            <button type="button" onClick={() => setConfirm(false)}>
              Cancel
            </button>
          </p>
        </fieldset>
      ) : (
        <p className="actions">
          <button type="button" onClick={() => setConfirm(true)}>
            End the day for the whole table…
          </button>
        </p>
      )}
      <Explain>A court keeps its own hours: when it closes, the day’s business is over for everyone.</Explain>
    </section>
  );
}

/** The judge's desk. */
export function JudgeBoard(props: BoardProps<CourtSigner>) {
  const { view, device, move } = props;
  const courtDocs = view.documents.filter((d) => DOCUMENTS[d.type].needsJudge && !d.informal);
  const pending = courtDocs.filter((d) => d.status === 'pending');
  const contested = courtDocs.filter((d) => d.status === 'contested');
  const past = courtDocs
    .filter((d) => d.status !== 'pending' && d.status !== 'contested')
    .sort((a, b) => (b.decidedDay ?? 0) - (a.decidedDay ?? 0) || b.seq - a.seq);
  const outOfCourt = view.documents.filter((d) => !DOCUMENTS[d.type].needsJudge || d.informal);
  const score = view.you !== null ? (view.scores[view.you] ?? 0) : 0;
  return (
    <div className="legal-desk legal-judge">
      <section className="panel legal-head" aria-labelledby="judge-title">
        <h2 id="judge-title">
          <span aria-hidden="true">⚖️ </span>The docket · <PartyTag party="court" />
        </h2>
        <p>
          You rule on the investigator’s applications. Each shows the rule a real court applies and the game’s guide in
          leads. <strong>You may decide as you see fit</strong>: the guide is advice, not a command.
        </p>
        <p className="legal-stats">
          <span>Day {view.day}</span> · <span>Score {score}</span> (+1 for each ruling that follows the guide) ·{' '}
          <span>Waiting {pending.length}</span>
        </p>
      </section>
      <section className="panel legal-section" aria-labelledby="judge-pending-title">
        <h2 id="judge-pending-title">
          <span aria-hidden="true">⏳ </span>Applications waiting: {pending.length}
        </h2>
        {pending.length === 0 && <p>No application is waiting for you.</p>}
        <div className="legal-grid legal-grid-wide">
          {pending.map((d) => (
            <Pending key={d.id} view={view} device={device} move={move} doc={d} />
          ))}
        </div>
      </section>
      <Contested view={view} docs={contested} />
      {!view.debrief && <EndDay view={view} move={move} />}
      <PastRulings view={view} docs={past} />
      <OutOfCourt view={view} docs={outOfCourt} />
      <CourtKey view={view} device={device} />
    </div>
  );
}

/** What the court weighs on an application: the rule, the leads cited against the guide, a ghost's device, the law. */
export function ApplicationFacts({ view, doc }: { view: SeatView; doc: LegalDocument }) {
  const need = DOCUMENTS[doc.type].leads(view.options);
  const meets = doc.leads >= need;
  return (
    <>
      <p className="legal-rule">
        <span aria-hidden="true">⚖️ </span>
        <strong>The rule:</strong> {ruleText(doc.type, view.options)}
      </p>
      <p className={`legal-needs ${meets ? 'legal-meets' : 'legal-below'}`}>
        <span aria-hidden="true">{meets ? '✓ ' : '⚠ '}</span>
        <strong>Leads cited:</strong> {doc.leads} — {meets ? 'meets' : 'below'} the guide of {need}.
      </p>
      {doc.ghost && (
        <p>
          <strong>Device to add</strong> to {whoHas(view, doc.target)}’s account:{' '}
          <code>{groupHex(doc.ghost.deviceId, 16)}</code> (made by the investigator’s workstation).
        </p>
      )}
      <DocumentLaw type={doc.type} />
    </>
  );
}
