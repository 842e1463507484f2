/**
 * The debrief (ui.md "Debrief"; game.md §9): after the game every seat sees the whole
 * record. The page shows the outcome, a timeline by day, the readability matrix — who
 * could read each message, SMS and backup, and why — the legal documents with the
 * court seal as this client checks it, the changes to the relay's directory (ghosts
 * marked with an icon and a word), the plan, the proofs and the referee's verdicts, the
 * scores and the scenario's questions; and it can be saved as JSON or printed. The
 * matrix is drawn in DebriefMatrix.tsx, the records in DebriefRecords.tsx.
 * @module
 */
import { useId, useMemo } from 'react';
import type { SeatView } from '../../game/index.ts';
import { Explain, PartyTag } from '../boards/kit.tsx';
import { findScenario, scenarioTitle } from '../catalog.ts';
import { type ReadabilityMatrix, readabilityMatrix } from './readability.ts';
import { type TimelineDay, timeline } from './timeline.ts';
import './debrief.css';
import { Matrix } from './DebriefMatrix.tsx';
import { Directory, Documents, Plan, Proofs, Scores } from './DebriefRecords.tsx';

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
