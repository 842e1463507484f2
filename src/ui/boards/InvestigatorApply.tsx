/**
 * The investigator's application forms (game.md §5, Investigator): one card per
 * document the scenario offers, with what it needs (the game's guide in leads), what
 * it yields and its legal basis; a target among the crew's numbers, the provider when
 * there are two; `apply` to the judge (or serve a subpoena), or — behind a warning —
 * `askInformally`. A technical-assistance application carries the ghost device this
 * workstation makes for the target (`Workstation.ghostFor`).
 * @module
 */
import { type FormEvent, useId, useState } from 'react';
import type { Workstation } from '../../device/index.ts';
import { DOCUMENTS, type DocumentType, type Provider, type Seat, type SeatView } from '../../game/index.ts';
import { DocumentLaw, InformalLaw } from './JudgeStandards.tsx';
import type { BoardProps } from './kit.tsx';

/** The crew's seats (their numbers came with the tip). */
export function crewOf(view: SeatView): Seat[] {
  return Object.values(view.seats).filter((s) => s.role === 'sender' && s.account !== undefined);
}

/** The document types this scenario offers: technical assistance only where the scenario has ghost orders. */
export function offeredTypes(view: SeatView): DocumentType[] {
  return (Object.keys(DOCUMENTS) as DocumentType[]).filter(
    (t) => t !== 'technical-assistance' || view.options.ghostOrders,
  );
}

const PROVIDER_WORD: Record<Provider, string> = {
  carrier: '📡 the carrier (SMS and phone lines)',
  relay: '☁️ the relay (secure messenger)',
  investigator: '🏢 your own officers',
};

function ApplicationForm({ view, device, move, type }: BoardProps<Workstation> & { type: DocumentType }) {
  const kind = DOCUMENTS[type];
  const crew = crewOf(view);
  const id = useId();
  const [target, setTarget] = useState<string>(crew[0]?.account ?? '');
  const [provider, setProvider] = useState<Provider>(kind.providers[0] ?? 'carrier');
  const [sent, setSent] = useState<string | undefined>();
  const need = kind.leads(view.options);
  const have = view.leads ?? 0;
  const meets = have >= need;
  const args = () => ({
    type,
    target,
    provider,
    // The ghost's keys are made here and stay here; only its public registration goes to the court (game.md §5).
    ...(type === 'technical-assistance' ? { ghost: device.ghostFor(target, view.day) } : {}),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!target) return;
    move('apply', args());
    setSent(kind.needsJudge ? 'Application sent to the judge: see your orders.' : 'Subpoena served: see your orders.');
  };
  const informal = () => {
    if (!target) return;
    move('askInformally', args());
    setSent('Informal request sent: see your orders.');
  };
  const canAskInformally = provider !== 'investigator';
  return (
    <article className="card legal-apply" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{kind.title}</h3>
      <p className={`legal-needs ${kind.needsJudge && !meets ? 'legal-below' : 'legal-meets'}`}>
        {kind.needsJudge ? (
          <>
            <span aria-hidden="true">{meets ? '✓ ' : '⚠ '}</span>
            <strong>Needs:</strong> {need} lead{need === 1 ? '' : 's'} (the game’s guide) — you have {have}
            {meets ? '.' : ': the judge may refuse.'}
          </>
        ) : (
          <>
            <span aria-hidden="true">✓ </span>
            <strong>Needs:</strong> no judge and no leads.
          </>
        )}
      </p>
      <p>
        <strong>Yields:</strong> {kind.yields}
      </p>
      <p className="hint">
        <strong>Law:</strong> {kind.basis}
      </p>
      <DocumentLaw type={type} />
      <form className="legal-form" onSubmit={submit}>
        <p className="field">
          <label htmlFor={`${id}-target`}>Target</label>
          <select id={`${id}-target`} value={target} onChange={(e) => setTarget(e.target.value)}>
            {crew.map((s) => (
              <option key={s.id} value={s.account}>
                {s.name} ({s.account})
                {provider === 'relay' && s.hasMessenger === false ? ' — no messenger account' : ''}
              </option>
            ))}
          </select>
        </p>
        {kind.providers.length > 1 && (
          <fieldset className="legal-providers">
            <legend>Serve it on</legend>
            {kind.providers.map((p) => (
              <label key={p} className="check">
                <input
                  type="radio"
                  name={`${id}-provider`}
                  value={p}
                  checked={provider === p}
                  onChange={() => setProvider(p)}
                />
                {PROVIDER_WORD[p]}
              </label>
            ))}
          </fieldset>
        )}
        {kind.providers.length === 1 && (
          <p className="hint">Served on {PROVIDER_WORD[kind.providers[0] ?? 'carrier']}.</p>
        )}
        <p className="actions">
          <button type="submit" className="primary" disabled={!target}>
            {kind.needsJudge ? 'Apply to the judge' : 'Serve the subpoena'}
          </button>
        </p>
      </form>
      {canAskInformally && (
        <details className="legal-informal">
          <summary>No order: ask informally…</summary>
          <p className="legal-warning">
            <span aria-hidden="true">⚠ </span>
            <strong>Warning:</strong> anything you get this way is <strong>inadmissible</strong> — the referee refuses
            it as evidence — and the provider loses 3 points if it hands it over.
          </p>
          <p className="actions">
            <button type="button" className="legal-danger" onClick={informal} disabled={!target}>
              Ask {provider === 'relay' ? 'the relay' : 'the carrier'} informally (inadmissible)
            </button>
          </p>
          <InformalLaw />
        </details>
      )}
      {sent && (
        <p className="legal-sent" role="status">
          <span aria-hidden="true">✉ </span>
          {sent}
        </p>
      )}
    </article>
  );
}

/** The application forms, one per document type the scenario offers. */
export function ApplicationForms(props: BoardProps<Workstation>) {
  return (
    <section className="panel legal-section" aria-labelledby="inv-apply-title">
      <h2 id="inv-apply-title">
        <span aria-hidden="true">📝 </span>Apply for an order
      </h2>
      <p className="hint">
        Each document needs leads; the judge decides. A document served on you (a phone warrant) is executed by your
        officers at night.
      </p>
      <div className="legal-grid">
        {offeredTypes(props.view).map((t) => (
          <ApplicationForm key={t} {...props} type={t} />
        ))}
      </div>
    </section>
  );
}
