/**
 * The investigator's desk, a case board (game.md §5 Investigator and §6; ui.md "Role
 * desks"): the leads and where each came from, the intercepts — locked, or opened on
 * a paper card with the key that opened them — with evidence filing and the referee's
 * verdict, the keys this workstation holds and whether they were lawfully obtained,
 * the application forms, and every order with its status and seal.
 * @module
 */
import { useMemo } from 'react';
import { toHex } from '../../crypto/index.ts';
import type { Workstation } from '../../device/index.ts';
import type { SeatView } from '../../game/index.ts';
import { ApplicationForms, crewOf } from './InvestigatorApply.tsx';
import { type HeldKeys, Intercepts, lawfulWord, orderRef } from './InvestigatorIntercepts.tsx';
import { type BoardProps, DocumentCard, Explain, groupHex, PartyTag, Term, whoHas } from './kit.tsx';
import './legal.css';

/** Event lines that speak of leads or of evidence that counted as one. */
const LEAD_EVENT = /gained a lead|filed evidence/i;

function Leads({ view }: { view: SeatView }) {
  const events = view.events.filter((e) => LEAD_EVENT.test(e.text));
  const tip = view.options.tipLeads;
  return (
    <section className="panel legal-section" aria-labelledby="inv-leads-title">
      <h2 id="inv-leads-title">
        <span aria-hidden="true">🧷 </span>Leads: {view.leads ?? 0}
      </h2>
      <p className="hint">Leads are what you show the judge. Each source counts once.</p>
      <ul className="legal-leads">
        <li>
          <strong>The tip</strong> (start of the game): {tip} lead{tip === 1 ? '' : 's'} — the crew’s phone numbers:{' '}
          {crewOf(view)
            .map((s) => `${s.name} ${s.account}`)
            .join(', ')}
          .
        </li>
        {events.map((e) => (
          <li key={e.seq}>
            <span className="event-day">Day {e.day}:</span> {e.text}
          </li>
        ))}
      </ul>
      <p className="hint">
        More leads come from records that show the crew in contact, from each later day a pen register shows contact,
        and from each crew message you file as evidence.
      </p>
    </section>
  );
}

const KEY_WORD: Record<string, string> = {
  'sim-key': 'SIM key',
  'backup-key': 'backup key',
  'device-key': 'seized phone’s key',
};

function KeysHeld({ view, keys }: { view: SeatView; keys: HeldKeys }) {
  const ghosts = view.documents.filter((d) => d.type === 'technical-assistance' && d.ghost && d.status === 'complied');
  const rows = [
    ...[...keys].map(([docId, k]) => {
      const doc = view.documents.find((d) => d.id === docId);
      const of = k.kind === 'device-key' ? `phone ${groupHex(k.subject, 8)}` : whoHas(view, k.subject);
      return { key: docId, what: `${KEY_WORD[k.kind] ?? k.kind} of ${of}`, doc };
    }),
    ...ghosts.map((doc) => ({ key: `ghost ${doc.id}`, what: `ghost device key on ${whoHas(view, doc.target)}`, doc })),
  ];
  return (
    <section className="panel legal-section" aria-labelledby="inv-keys-title">
      <h2 id="inv-keys-title">
        <span aria-hidden="true">🔑 </span>Keys you hold
      </h2>
      <p className="hint">They stay in this workstation; filing evidence hands one to the referee.</p>
      {rows.length === 0 && <p>None yet. A wiretap, a backup warrant, a seized phone or a ghost device brings one.</p>}
      <ul className="legal-list">
        {rows.map((row) => {
          const lawful = lawfulWord(row.doc);
          return (
            <li key={row.key} className={`legal-key ${lawful.ok ? 'legal-ok' : 'legal-bad'}`}>
              <span aria-hidden="true">{lawful.ok ? '✓ ' : '✗ '}</span>
              <strong>{row.what}</strong> — under {orderRef(row.doc)}
              {row.doc?.informal ? ' (informal request)' : ''}: {lawful.text}
            </li>
          );
        })}
      </ul>
      <Explain>
        A <Term id="ghost">ghost device</Term> was made by this workstation; its key never left it. The relay only added
        its public half to the target’s account.
      </Explain>
    </section>
  );
}

function Orders({ view }: { view: SeatView }) {
  const docs = [...view.documents].sort((a, b) => b.seq - a.seq);
  return (
    <section className="panel legal-section" aria-labelledby="inv-orders-title">
      <h2 id="inv-orders-title">
        <span aria-hidden="true">📜 </span>Your orders and requests
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

/** The investigator's desk. */
export function InvestigatorBoard(props: BoardProps<Workstation>) {
  const { view, device } = props;
  // Opening handovers and trying keys costs real crypto: once per view (the workstation caches per item too).
  const keys = useMemo<HeldKeys>(() => {
    const out = new Map<string, { kind: string; subject: string; hex: string }>();
    for (const [docId, k] of device.handoverKeys(view))
      out.set(docId, { kind: k.kind, subject: k.subject, hex: toHex(k.key) });
    return out;
  }, [device, view]);
  const readable = useMemo(() => device.readable(view), [device, view]);
  const score = view.you !== null ? (view.scores[view.you] ?? 0) : 0;
  const admitted = view.proofs.filter((p) => p.by === view.you && p.purpose === 'evidence' && p.accepted);
  return (
    <div className="legal-desk legal-investigator">
      <section className="panel legal-head" aria-labelledby="inv-title">
        <h2 id="inv-title">
          <span aria-hidden="true">🏢 </span>Case board · <PartyTag party="investigator" />
        </h2>
        <p>
          <strong>Goal:</strong> file evidence that shows both the place and the time of the crew’s plan, read with keys
          you obtained lawfully.
        </p>
        <p className="legal-stats">
          <span>Day {view.day}</span> · <span>Score {score}</span> · <span>Leads {view.leads ?? 0}</span> ·{' '}
          <span>Evidence admitted {admitted.length}</span>
        </p>
      </section>
      <div className="legal-columns">
        <div>
          <Intercepts {...props} readable={readable} keys={keys} />
          <KeysHeld view={view} keys={keys} />
        </div>
        <div>
          <Leads view={view} />
          {!view.debrief && <ApplicationForms {...props} />}
          <Orders view={view} />
        </div>
      </div>
    </div>
  );
}
