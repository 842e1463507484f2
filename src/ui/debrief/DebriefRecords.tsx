/**
 * The debrief's records (game.md §9): the legal documents with the court seal as this
 * client checks it, the changes to the relay's directory, the plan, the proofs and the
 * referee's verdicts, and the scores.
 * @module
 */
import { useId } from 'react';
import type { LegalDocument, ProofRecord, SeatView } from '../../game/index.ts';
import { DocumentCard, groupHex, Term } from '../boards/kit.tsx';
import { RoleBadge } from '../components.tsx';
import { changeIcon, directoryChanges, shortId } from './timeline.ts';
import './debrief.css';

function DocumentFacts({ view, doc }: { view: SeatView; doc: LegalDocument }) {
  const facts: string[] = [];
  if (doc.status === 'complied') {
    facts.push(
      doc.lawful === false
        ? 'Complied with unlawfully: what it gave is not evidence.'
        : 'Complied with lawfully: what it gave can be evidence.',
    );
  }
  const handed = view.handovers.filter((h) => h.documentId === doc.id);
  for (const h of handed) {
    const what =
      h.handover.kind === 'sim-key'
        ? 'a SIM key'
        : h.handover.kind === 'backup-key'
          ? 'the escrowed backup key'
          : h.handover.kind === 'device-key'
            ? "the seized phone's key"
            : h.handover.kind;
    facts.push(`Handed over ${what}, sealed to the investigator's workstation.`);
  }
  if (doc.seizedDevice) {
    facts.push(
      doc.unlockedDay !== undefined
        ? `Seized phone ${shortId(doc.seizedDevice)} unlocked on day ${doc.unlockedDay}.`
        : `Seized phone ${shortId(doc.seizedDevice)} was never unlocked.`,
    );
  }
  if (doc.ghost) {
    facts.push(`Ghost device ${shortId(doc.ghost.deviceId)}.`);
    if (doc.ghostHidden !== undefined) facts.push(doc.ghostHidden ? 'The relay hid it.' : 'The relay did not hide it.');
    if (view.options.keyTransparency && doc.ghostLogged !== undefined) {
      facts.push(doc.ghostLogged ? 'It went into the transparency log.' : 'It was left out of the transparency log.');
    }
  }
  if (doc.upheld) facts.push('The relay contested it; the court upheld it.');
  if (facts.length === 0) return null;
  return (
    <ul className="dbf-facts">
      {facts.map((f) => (
        <li key={f}>{f}</li>
      ))}
    </ul>
  );
}

export function Documents({ view }: { view: SeatView }) {
  const heading = useId();
  return (
    <section className="dbf-section" aria-labelledby={heading}>
      <h2 id={heading}>Legal documents</h2>
      {view.documents.length === 0 ? (
        <p>The investigator filed no document.</p>
      ) : (
        <div className="dbf-docs">
          {view.documents.map((doc) => (
            <DocumentCard key={doc.id} view={view} doc={doc}>
              <DocumentFacts view={view} doc={doc} />
            </DocumentCard>
          ))}
        </div>
      )}
    </section>
  );
}

export function Directory({ view }: { view: SeatView }) {
  const heading = useId();
  const changes = directoryChanges(view);
  return (
    <section className="dbf-section" aria-labelledby={heading}>
      <h2 id={heading}>Directory changes</h2>
      <p className="hint">
        Every device the relay’s directory listed. A <Term id="ghost">ghost</Term> is a device the relay added for the
        investigator.
      </p>
      <ul className="plain dbf-changes">
        {changes.map((c) => (
          <li key={c.key} className={`dbf-change${c.ghost ? ' dbf-ghost' : ''}`}>
            <span aria-hidden="true">{changeIcon(c.change)} </span>
            {c.ghost && <strong className="dbf-ghost-word">Ghost: </strong>}
            <span className="hint">{c.day === undefined ? 'day unknown' : c.day === 0 ? 'setup' : `day ${c.day}`}</span>{' '}
            {c.text}
            {c.details.length > 0 && (
              <ul className="dbf-facts">
                {c.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Plan({ view }: { view: SeatView }) {
  const heading = useId();
  const evidence = view.proofs.filter((p) => p.purpose === 'evidence' && p.accepted);
  const place = evidence.some((p) => p.revealsPlace);
  const time = evidence.some((p) => p.revealsTime);
  return (
    <section className="dbf-section" aria-labelledby={heading}>
      <h2 id={heading}>The plan</h2>
      {view.plan ? (
        <div className="plan-card dbf-plan">
          <p>
            <span aria-hidden="true">🗺️ </span>
            <span className="plan-label">Place</span> {view.plan.place}
          </p>
          <p>
            <span aria-hidden="true">🕒 </span>
            <span className="plan-label">Time</span> {view.plan.time}
          </p>
        </div>
      ) : (
        <p>No plan was dealt.</p>
      )}
      <p>
        Proved by the investigator’s evidence: place {place ? '✓ yes' : '✗ no'}, time {time ? '✓ yes' : '✗ no'}.
      </p>
    </section>
  );
}

function proofItem(p: ProofRecord): string {
  const kind = p.item.kind === 'message' ? 'secure message' : p.item.kind === 'sms' ? 'SMS' : 'backup';
  return `${kind} ${groupHex(p.item.id, 8)}`;
}

export function Proofs({ view }: { view: SeatView }) {
  const heading = useId();
  if (view.proofs.length === 0) return null;
  return (
    <section className="dbf-section" aria-labelledby={heading}>
      <h2 id={heading}>Proofs and the referee’s verdicts</h2>
      <ul className="plain dbf-proofs">
        {view.proofs.map((p) => (
          <li key={p.seq} className={`card dbf-proof ${p.accepted ? 'dbf-accepted' : 'dbf-refused'}`}>
            <p>
              <strong>
                <span aria-hidden="true">{p.accepted ? '✅ ' : '❌ '}</span>
                {p.accepted ? 'Accepted' : 'Refused'}
              </strong>{' '}
              — day {p.day}, {view.seats[p.by]?.name ?? p.by}’s{' '}
              {p.purpose === 'evidence' ? 'evidence' : 'proof of receipt'} for the {proofItem(p)}, with a {p.keyKind}{' '}
              key.
            </p>
            {p.reason && <p className="hint">{p.reason}</p>}
            {p.plaintext !== undefined && (
              <p className="paper dbf-plaintext">
                {p.plaintext}
                <span className="paper-key">
                  Reveals the place: {p.revealsPlace ? 'yes' : 'no'} · the time: {p.revealsTime ? 'yes' : 'no'}
                </span>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Scores({ view }: { view: SeatView }) {
  const heading = useId();
  const seats = Object.values(view.seats).sort((a, b) => Number(a.id) - Number(b.id));
  return (
    <section className="dbf-section" aria-labelledby={heading}>
      <h2 id={heading}>Scores</h2>
      <table className="dbf-scores">
        <caption className="sr-only">Final score of each seat</caption>
        <thead>
          <tr>
            <th scope="col">Seat</th>
            <th scope="col">Role</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {seats.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                {s.name}
                {s.id === view.you && <span className="tag tag-you">you</span>}
              </th>
              <td>
                <RoleBadge role={s.role} />
                {s.planner && <span className="tag">planner</span>}
              </td>
              <td className="dbf-score">{view.scores[s.id] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
