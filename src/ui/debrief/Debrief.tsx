/**
 * The debrief (ui.md "Debrief"; game.md §9): after the game every seat sees the whole
 * record. The page shows the outcome, a timeline by day, the readability matrix — who
 * could read each message, SMS and backup, and why — the legal documents with the
 * court seal as this client checks it, the changes to the relay's directory (ghosts
 * marked with an icon and a word), the plan, the proofs and the referee's verdicts, the
 * scores and the scenario's questions; and it can be saved as JSON or printed.
 * @module
 */
import { useId, useMemo } from 'react';
import type { LegalDocument, ProofRecord, Role, SeatView } from '../../game/index.ts';
import { DocumentCard, Explain, groupHex, Lock, type Party, PartyTag, Term } from '../boards/kit.tsx';
import { findScenario, ROLE_INFO, scenarioTitle } from '../catalog.ts';
import { RoleBadge } from '../components.tsx';
import { type MatrixParty, type MatrixRow, type ReadabilityMatrix, readabilityMatrix } from './readability.ts';
import { changeIcon, directoryChanges, shortId, type TimelineDay, timeline } from './timeline.ts';
import './debrief.css';

/** What "Export JSON" saves: the whole debrief view and the matrix computed from it (no private key is in either). */
export interface DebriefExport {
  readonly format: 'going-dark-debrief';
  readonly version: 1;
  readonly scenario: string;
  readonly view: SeatView;
  readonly readability: ReadabilityMatrix;
}

/** The exported debrief. */
export function debriefExport(view: SeatView, matrix: ReadabilityMatrix = readabilityMatrix(view)): DebriefExport {
  return { format: 'going-dark-debrief', version: 1, scenario: view.scenario, view, readability: matrix };
}

/** The file name of the export: going-dark-<scenario>-debrief.json. */
export function exportFileName(view: SeatView): string {
  const scenario = view.scenario.replace(/[^a-z0-9-]+/gi, '-').toLowerCase() || 'table';
  return `going-dark-${scenario}-debrief.json`;
}

/** Saves the debrief as a JSON file through a Blob and an object URL. */
function download(view: SeatView, matrix: ReadabilityMatrix): void {
  const blob = new Blob([JSON.stringify(debriefExport(view, matrix), null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = exportFileName(view);
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled, so the download has started.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

const PARTY_OF_ROLE: Record<Role, Party> = {
  sender: 'crew',
  carrier: 'carrier',
  relay: 'relay',
  investigator: 'investigator',
  judge: 'court',
};

const ROLE_WORD: Record<Role, string> = {
  sender: 'crew',
  carrier: 'carrier',
  relay: 'relay',
  investigator: 'investigator',
  judge: 'judge',
};

function Outcome({ view }: { view: SeatView }) {
  const o = view.outcome;
  if (!o) return <p className="dbf-outcome">No result was recorded.</p>;
  const head =
    o.winner === 'crew' ? (
      <PartyTag party="crew">The crew wins</PartyTag>
    ) : o.winner === 'investigator' ? (
      <PartyTag party="investigator">The investigator wins</PartyTag>
    ) : (
      <span className="party">
        <span aria-hidden="true">🤝 </span>A draw
      </span>
    );
  return (
    <p className={`dbf-outcome dbf-outcome-${o.winner}`}>
      <strong>{head}</strong> on day {o.day}: {o.reason}.
    </p>
  );
}

function Timeline({ days }: { days: readonly TimelineDay[] }) {
  const heading = useId();
  return (
    <section className="dbf-section" aria-labelledby={heading}>
      <h2 id={heading}>Timeline</h2>
      <p className="hint">
        Every day, left to right. <span aria-hidden="true">👻</span> marks a ghost device; “seen by” lists who saw a
        line during the game.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it */}
      <section className="dbf-timeline" aria-labelledby={heading} tabIndex={0}>
        <ol className="dbf-days">
          {days.map((d) => (
            <li key={d.day} className="dbf-day">
              <h3>
                <span aria-hidden="true">{d.day === 0 ? '🛠️ ' : '☀️ '}</span>
                {d.title}
              </h3>
              {d.entries.length === 0 ? (
                <p className="hint">Nothing recorded.</p>
              ) : (
                <ul className="plain dbf-entries">
                  {d.entries.map((e) => (
                    <li key={e.key} className={`dbf-entry dbf-entry-${e.kind}${e.ghost ? ' dbf-ghost' : ''}`}>
                      <span aria-hidden="true">{e.icon} </span>
                      {e.ghost && <strong className="dbf-ghost-word">Ghost: </strong>}
                      {e.text}
                      {e.seenBy && <span className="hint"> (seen by {e.seenBy.join(', ')})</span>}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}

function PartyHeader({ party }: { party: MatrixParty }) {
  const word = ROLE_WORD[party.role];
  return (
    <>
      <PartyTag party={PARTY_OF_ROLE[party.role]}>{party.role === 'sender' ? party.name : word}</PartyTag>
      {party.role === 'sender' ? (
        <span className="dbf-col-role">crew</span>
      ) : (
        party.name.toLowerCase() !== word &&
        party.name.toLowerCase() !== ROLE_INFO[party.role].label.toLowerCase() && (
          <span className="dbf-col-role">{party.name}</span>
        )
      )}
    </>
  );
}

const KIND_PARTY: Record<MatrixRow['kind'], Party> = { message: 'secure', sms: 'sms', backup: 'relay' };
const KIND_WORD: Record<MatrixRow['kind'], string> = {
  message: 'Secure message',
  sms: 'SMS',
  backup: 'Backup',
};

function RowHeader({ row }: { row: MatrixRow }) {
  return (
    <>
      <PartyTag party={KIND_PARTY[row.kind]}>{KIND_WORD[row.kind]}</PartyTag>{' '}
      <span className="hint">day {row.day}</span>
      <br />
      {row.kind === 'backup' ? `${row.from}'s phone` : `${row.from} → ${row.to.join(', ')}`}
      <br />
      <code className="dbf-id" title={row.id}>
        {groupHex(row.id, 8)}
      </code>
      {row.carriedPlan && (
        <span className="dbf-plan-flag">
          <span aria-hidden="true"> 🗺️</span> carried the plan
        </span>
      )}
    </>
  );
}

function Matrix({ matrix }: { matrix: ReadabilityMatrix }) {
  const heading = useId();
  const caption = useId();
  return (
    <section className="dbf-section" aria-labelledby={heading}>
      <h2 id={heading}>Who could read what</h2>
      <p className="hint">
        <span aria-hidden="true">🔓</span> can read · <span aria-hidden="true">🔒</span> cannot read. With{' '}
        <Term id="e2e">end-to-end encryption</Term> only the devices a message was wrapped to open it; an{' '}
        <Term id="sms">SMS</Term> opens at the carrier.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table scrolls sideways on a phone; the keyboard must reach it */}
      <section className="dbf-scroll" aria-labelledby={caption} tabIndex={0}>
        <table className="dbf-matrix">
          <caption id={caption}>
            Readability: for each message, SMS and backup, which party could read it, and why
          </caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              {matrix.parties.map((p) => (
                <th scope="col" key={p.seat} className={`dbf-col dbf-col-${p.role}`}>
                  <PartyHeader party={p} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.length === 0 && (
              <tr>
                <td colSpan={matrix.parties.length + 1}>Nothing was sent.</td>
              </tr>
            )}
            {matrix.rows.map((row) => (
              <tr key={`${row.kind}-${row.id}`} className={`dbf-row-${row.kind}`}>
                <th scope="row">
                  <RowHeader row={row} />
                </th>
                {matrix.parties.map((p) => {
                  const cell = row.cells[p.seat];
                  if (!cell) return <td key={p.seat}>—</td>;
                  return (
                    <td key={p.seat} className={cell.open ? 'dbf-open' : 'dbf-closed'}>
                      <Lock open={cell.open} reason={cell.reason} words={['can read', 'cannot read']} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

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

function Documents({ view }: { view: SeatView }) {
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

function Directory({ view }: { view: SeatView }) {
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

function Plan({ view }: { view: SeatView }) {
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

function Proofs({ view }: { view: SeatView }) {
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

function Scores({ view }: { view: SeatView }) {
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

function Questions({ view }: { view: SeatView }) {
  const heading = useId();
  const scenario = findScenario(view.scenario);
  if (!scenario) return null;
  return (
    <section className="dbf-section" aria-labelledby={heading}>
      <h2 id={heading}>Questions to talk about</h2>
      <ol className="dbf-questions">
        {scenario.debrief.map((q) => (
          <li key={q}>{q}</li>
        ))}
      </ol>
    </section>
  );
}

/** The debrief of a finished game, from any seat's view (`view.debrief` is true: the whole record). */
export function Debrief({ view }: { view: SeatView }) {
  const matrix = useMemo(() => readabilityMatrix(view), [view]);
  const days = useMemo(() => timeline(view), [view]);
  const heading = useId();
  if (!view.debrief) {
    return (
      <section className="dbf-section">
        <h2>Debrief</h2>
        <p>The debrief opens when the game ends: then every seat sees the whole record.</p>
      </section>
    );
  }
  return (
    <section className="debrief" aria-labelledby={heading}>
      <h2 id={heading}>
        <span aria-hidden="true">🏁 </span>Debrief · {scenarioTitle(view.scenario)}
      </h2>
      <Outcome view={view} />
      <div className="dbf-actions">
        <p className="actions">
          <button type="button" className="primary" onClick={() => download(view, matrix)}>
            Export JSON
          </button>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </p>
        <Explain>
          A case file keeps the whole record — orders, intercepts, keys handed over — so a court or a class can check it
          later. The file holds no private key: keys never left the devices.
        </Explain>
      </div>
      <Timeline days={days} />
      <Matrix matrix={matrix} />
      <Documents view={view} />
      <Directory view={view} />
      <Plan view={view} />
      <Proofs view={view} />
      <Scores view={view} />
      <Questions view={view} />
    </section>
  );
}
