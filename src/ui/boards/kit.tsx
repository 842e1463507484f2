/**
 * The pieces every desk is built from (ui.md, "Visual language"): ciphertext as grouped
 * hex with an expander and a copy button, a lock that says in words whether this viewer
 * can open an item and why, the one-line real-world counterpart of an action, a
 * party's name with its colour, icon and word, and a legal document as a card with the
 * court's seal as this client checked it.
 * @module
 */
import { type ReactNode, useId, useState } from 'react';
import { checkOrder } from '../../crypto/index.ts';
import { DOCUMENTS, type LegalDocument, type SeatView } from '../../game/index.ts';
import { CopyButton } from '../components.tsx';
import { glossaryEntry } from '../glossary.ts';
import './kit.css';

/** Sends a move to the game server. */
export type Move = (name: string, args: unknown) => void;

/** What every role's desk receives: this seat's view, its device in this browser, and `move`. */
export interface BoardProps<D> {
  readonly view: SeatView;
  readonly device: D;
  readonly move: Move;
}

/** Hex in groups of four: `9f3a 1c77 e0b2 …`. */
export function groupHex(hex: string, max = Number.POSITIVE_INFINITY): string {
  const shown = hex.length > max ? hex.slice(0, max) : hex;
  return shown.replace(/(.{4})/g, '$1 ').trim() + (hex.length > max ? ' …' : '');
}

/** Ciphertext (or any key material a seat may see): grouped hex, truncated, with Show all and Copy. */
export function HexBlock({ hex, label, preview = 48 }: { hex: string; label: string; preview?: number }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const long = hex.length > preview;
  return (
    <div className="hex-block">
      <span className="hex-label">
        {label} <span className="hint">({hex.length / 2} bytes)</span>
      </span>
      <code className="hex" id={id}>
        {groupHex(hex, open ? Number.POSITIVE_INFINITY : preview)}
      </code>
      <span className="hex-actions">
        {long && (
          <button
            type="button"
            className="small"
            aria-expanded={open}
            aria-controls={id}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Show less' : 'Show all'}
          </button>
        )}
        <CopyButton text={hex} label="Copy hex" />
      </span>
    </div>
  );
}

/**
 * An open or closed lock, with the reason in words (never the icon alone). The words
 * default to this viewer's ("open to you" / "locked"); a column for another party passes
 * its own ("can read" / "cannot read").
 */
export function Lock({
  open,
  reason,
  words = ['open to you', 'locked'],
}: {
  open: boolean;
  reason: string;
  words?: readonly [open: string, closed: string];
}) {
  return (
    <span className={`lock ${open ? 'lock-open' : 'lock-closed'}`} title={reason}>
      <span aria-hidden="true">{open ? '🔓' : '🔒'}</span>
      <span className="lock-word">{open ? words[0] : words[1]}</span>
      <span className="lock-reason">: {reason}</span>
    </span>
  );
}

/** The real-world counterpart of an action, in one line. */
export function Explain({ children }: { children: ReactNode }) {
  return (
    <p className="explain">
      <span aria-hidden="true">ℹ️ </span>
      <span className="sr-only">In real life: </span>
      {children}
    </p>
  );
}

/** A party of the game: colour, icon and word together. */
export type Party = 'crew' | 'carrier' | 'relay' | 'investigator' | 'court' | 'secure' | 'sms';

const PARTY: Record<Party, { icon: string; word: string }> = {
  crew: { icon: '📱', word: 'crew' },
  carrier: { icon: '📡', word: 'carrier' },
  relay: { icon: '☁️', word: 'relay' },
  investigator: { icon: '🏢', word: 'investigator' },
  court: { icon: '⚖️', word: 'court' },
  secure: { icon: '🔵', word: 'secure messenger' },
  sms: { icon: '🟢', word: 'SMS' },
};

/** A small coloured tag naming a party or a channel. */
export function PartyTag({ party, children }: { party: Party; children?: ReactNode }) {
  const p = PARTY[party];
  return (
    <span className={`party party-${party}`}>
      <span aria-hidden="true">{p.icon} </span>
      {children ?? p.word}
    </span>
  );
}

/** The name of the crew member whose phone number this is, or the number itself. */
export function whoHas(view: SeatView, account: string): string {
  const seat = Object.values(view.seats).find((s) => s.account === account);
  return seat ? `${seat.name} (${account})` : account;
}

/** What this client finds when it checks a document's court signature against the published court key. */
export function sealOf(view: SeatView, doc: LegalDocument): { ok: boolean; text: string } {
  if (doc.informal) return { ok: false, text: 'no order: an informal request' };
  if (!DOCUMENTS[doc.type].needsJudge) return { ok: true, text: 'no judge needed: a subpoena' };
  if (!doc.order) return { ok: false, text: doc.status === 'pending' ? 'not yet ruled on' : 'no signed order' };
  if (!view.courtPub) return { ok: false, text: 'the court key is not published' };
  const check = checkOrder(doc.order, view.courtPub);
  return check.ok
    ? {
        ok: true,
        text: `court signature ✓ · valid days ${doc.order.validFromDay}–${doc.order.validToDay}`,
      }
    : { ok: false, text: `court signature ✗ · ${check.detail}` };
}

const STATUS: Record<LegalDocument['status'], string> = {
  pending: '⏳ waiting for the judge',
  granted: '✍ granted: served on the provider',
  refused: '✗ refused by the judge',
  complied: '✓ complied with',
  declined: '✗ declined by the provider',
  contested: '⚖ contested: the court decides tonight',
  quashed: '✗ quashed by the court',
};

/** A legal document as a card: type, target, days, status, and the seal as this client checked it. */
export function DocumentCard({ view, doc, children }: { view: SeatView; doc: LegalDocument; children?: ReactNode }) {
  const kind = DOCUMENTS[doc.type];
  const seal = sealOf(view, doc);
  const id = useId();
  return (
    <article className={`doc-card doc-${doc.status}`} aria-labelledby={id}>
      <h3 id={id}>
        <span aria-hidden="true">📜 </span>
        {doc.informal ? `Informal request (${kind.title})` : kind.title} <span className="hint">#{doc.id}</span>
      </h3>
      <dl className="doc-terms">
        <dt>Target</dt>
        <dd>{whoHas(view, doc.target)}</dd>
        <dt>Served on</dt>
        <dd>
          <PartyTag party={doc.provider === 'investigator' ? 'investigator' : doc.provider} />
        </dd>
        <dt>Filed</dt>
        <dd>
          day {doc.day}, with {doc.leads} lead{doc.leads === 1 ? '' : 's'}
        </dd>
        <dt>Status</dt>
        <dd>
          {STATUS[doc.status]}
          {doc.reason ? ` — ${doc.reason}` : ''}
          {doc.dueDay !== undefined && doc.status === 'granted' ? ` (comply by the end of day ${doc.dueDay})` : ''}
        </dd>
        <dt>Yields</dt>
        <dd>{kind.yields}</dd>
        <dt>Law</dt>
        <dd>{kind.basis}</dd>
      </dl>
      <p className={`seal ${seal.ok ? 'seal-ok' : 'seal-bad'}`}>
        <span aria-hidden="true">{seal.ok ? '🟡 ' : '⚪ '}</span>
        Seal checked by this client: {seal.text}
      </p>
      {children}
    </article>
  );
}

/**
 * A glossary word inline: pressing it shows the plain-words meaning in place, with a link
 * to the glossary page and its sources (opens in a new tab, so the table stays).
 */
export function Term({ id, children }: { id: string; children?: ReactNode }) {
  const entry = glossaryEntry(id);
  const [open, setOpen] = useState(false);
  const noteId = useId();
  if (!entry) return <>{children}</>;
  return (
    <span className="term">
      <button
        type="button"
        className="term-button"
        aria-expanded={open}
        aria-controls={noteId}
        onClick={() => setOpen(!open)}
      >
        {children ?? entry.term}
        <span aria-hidden="true"> ⓘ</span>
      </button>
      {open && (
        <span className="term-note" id={noteId} role="note">
          {entry.plain}{' '}
          <a href={`#/glossary#${entry.id}`} target="_blank" rel="noreferrer">
            Sources in the glossary
          </a>
        </span>
      )}
    </span>
  );
}
