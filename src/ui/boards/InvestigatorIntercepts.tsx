/**
 * What the investigator intercepts (game.md §5–6; ui.md "Visual language"): every
 * secure message, SMS and backup this seat sees — as records only, or as ciphertext in
 * hex — each with a lock that says whether this workstation can open it. An item the
 * workstation opens (`Workstation.readable`) is shown on a paper card with the line
 * naming the key and the order it came under, and a button that files it as evidence:
 * proof by key, never by claim — the referee decrypts it again and gives its verdict.
 * @module
 */
import type { Readable, Workstation } from '../../device/index.ts';
import type { LegalDocument, ProofRecord, SeatView } from '../../game/index.ts';
import { type BoardProps, Explain, HexBlock, Lock, type Party, PartyTag, Term, whoHas } from './kit.tsx';

/** A key this workstation holds, by the document it came under. */
export interface HeldKey {
  readonly kind: string;
  readonly subject: string;
  /** The key as hex (never shown: it only matches a Readable's proof to its document). */
  readonly hex: string;
}

/** Keys handed over to this workstation, by document id. */
export type HeldKeys = ReadonlyMap<string, HeldKey>;

/** An order as the desks name it. */
export function orderRef(doc: LegalDocument | undefined): string {
  return doc ? `#${doc.id}` : '(unknown order)';
}

/** The document a readable item's key came under, or undefined. */
function sourceOf(view: SeatView, keys: HeldKeys, r: Readable): LegalDocument | undefined {
  const p = r.proof;
  if (p.keyKind === 'device') {
    const ghost = view.documents.find((d) => d.type === 'technical-assistance' && d.ghost?.deviceId === p.deviceId);
    if (ghost) return ghost;
  }
  for (const [docId, k] of keys) {
    if (k.hex === p.key) return view.documents.find((d) => d.id === docId);
  }
  return undefined;
}

/** Whether evidence read with this document's key can be admitted. */
export function lawfulWord(doc: LegalDocument | undefined): { ok: boolean; text: string } {
  if (!doc) return { ok: false, text: 'no order on record' };
  if (doc.informal) return { ok: false, text: 'unlawful: an informal request, so inadmissible' };
  if (doc.lawful === true) return { ok: true, text: 'lawful: under a signed order' };
  return { ok: false, text: 'unlawful: the order did not cover it, so inadmissible' };
}

/** "opened with the SIM key handed over under order #…". */
function openedLine(view: SeatView, keys: HeldKeys, r: Readable): { text: string; lawful: boolean } {
  const doc = sourceOf(view, keys, r);
  const ref = orderRef(doc);
  const lawful = lawfulWord(doc);
  const p = r.proof;
  let text: string;
  if (p.keyKind === 'sim') text = `opened with the SIM key of ${whoHas(view, String(p.line))} handed over under ${ref}`;
  else if (p.keyKind === 'backup') text = `opened with the backup key handed over under ${ref}`;
  else if (doc?.type === 'technical-assistance')
    text = `opened with your ghost device’s key on ${whoHas(view, doc.target)}, added under ${ref}`;
  else text = `opened with the seized phone’s key, extracted under ${ref}`;
  return { text: `${text} (${lawful.text})`, lawful: lawful.ok };
}

interface Intercept {
  readonly key: string;
  readonly kind: 'message' | 'sms' | 'backup';
  readonly id?: string;
  readonly day: number;
  readonly party: Party;
  readonly what: string;
  readonly from: string;
  readonly to: string;
  readonly size: number;
  readonly cipher: readonly { readonly label: string; readonly hex: string }[];
  readonly closedReason: string;
}

function intercepts(view: SeatView): Intercept[] {
  const out: Intercept[] = [];
  for (const m of view.messages) {
    const e = m.envelope;
    const id = e?.id ?? m.id;
    const from = e?.fromAccount ?? m.fromAccount;
    if (!from) continue;
    out.push({
      key: `m${m.seq}`,
      kind: 'message',
      ...(id ? { id } : {}),
      day: m.day,
      party: 'secure',
      what: 'Secure message',
      from: whoHas(view, from),
      to: (e?.recipients ?? m.recipients ?? []).map((a) => whoHas(view, a)).join(', '),
      size: m.size,
      cipher: e ? [{ label: 'Ciphertext', hex: e.body }] : [],
      closedReason: e
        ? `end to end: wrapped to ${e.wraps.length} device(s), none of whose keys you hold`
        : 'records only: who, when and how big — no content',
    });
  }
  for (const s of view.sms) {
    const cipher = [
      ...(s.uplink ? [{ label: 'Uplink ciphertext (phone → tower)', hex: s.uplink.body }] : []),
      ...(s.downlink ? [{ label: 'Downlink ciphertext (tower → phone)', hex: s.downlink.body }] : []),
    ];
    out.push({
      key: `s${s.seq}`,
      kind: 'sms',
      id: s.id,
      day: s.day,
      party: 'sms',
      what: 'SMS',
      from: whoHas(view, s.fromLine),
      to: whoHas(view, s.toLine),
      size: s.size,
      cipher,
      closedReason:
        cipher.length > 0
          ? 'encrypted hop by hop with SIM keys you do not hold'
          : 'records only: who, when and how big — no content',
    });
  }
  for (const b of view.backups) {
    out.push({
      key: `b${b.seq}`,
      kind: 'backup',
      id: b.backup.id,
      day: b.backup.day,
      party: 'relay',
      what: 'Cloud backup',
      from: whoHas(view, b.backup.account),
      to: 'the relay’s storage',
      size: b.backup.body.length / 2,
      cipher: [{ label: 'Backup ciphertext', hex: b.backup.body }],
      closedReason: 'sealed with a backup key you do not hold',
    });
  }
  return out.sort((a, b) => b.day - a.day);
}

function Verdict({ proof }: { proof: ProofRecord }) {
  const reveals = [proof.revealsPlace ? 'the place' : '', proof.revealsTime ? 'the time' : ''].filter(Boolean);
  return (
    <p className={`legal-verdict ${proof.accepted ? 'legal-ok' : 'legal-bad'}`} role="status">
      <span aria-hidden="true">{proof.accepted ? '✓ ' : '✗ '}</span>
      {proof.accepted
        ? `The referee admitted it as evidence (day ${proof.day})${reveals.length ? `: it shows ${reveals.join(' and ')} of the plan` : ''}.`
        : `The referee refused it: ${proof.reason ?? 'inadmissible'}.`}
    </p>
  );
}

/** The intercepts panel, with evidence filing. */
export function Intercepts({
  view,
  move,
  readable,
  keys,
}: BoardProps<Workstation> & { readable: readonly Readable[]; keys: HeldKeys }) {
  const items = intercepts(view);
  const opens = new Map<string, Readable>();
  for (const r of readable) if (!opens.has(r.proof.item.id)) opens.set(r.proof.item.id, r);
  const mine = view.proofs.filter((p) => p.by === view.you && p.purpose === 'evidence');
  return (
    <section className="panel legal-section" aria-labelledby="inv-intercepts-title">
      <h2 id="inv-intercepts-title">
        <span aria-hidden="true">🎧 </span>Intercepts
      </h2>
      <p className="hint">
        What your orders let you see: records (who, when, how big) or ciphertext. Only an item your workstation holds a
        key for opens here.
      </p>
      <Explain>
        A <Term id="calea">wiretap on the messenger</Term> copies ciphertext only: nobody must decrypt what they hold no
        key for (47 U.S.C. 1002(b)(3)).
      </Explain>
      {items.length === 0 && <p>Nothing intercepted yet. Records orders and wiretaps bring items here.</p>}
      <ul className="legal-list">
        {items.map((item) => {
          const r = item.id ? opens.get(item.id) : undefined;
          const verdict = item.id ? mine.filter((p) => p.item.id === item.id).at(-1) : undefined;
          const opened = r ? openedLine(view, keys, r) : undefined;
          return (
            <li key={item.key} className={`card legal-intercept legal-${item.party}`}>
              <p className="legal-intercept-head">
                <PartyTag party={item.party}>{item.what}</PartyTag> day {item.day} · from {item.from} to {item.to} ·{' '}
                {item.size} bytes
              </p>
              <Lock
                open={r !== undefined}
                reason={r ? 'your workstation holds a key that opens it' : item.closedReason}
              />
              {item.cipher.map((c) => (
                <HexBlock key={c.label} hex={c.hex} label={c.label} />
              ))}
              {r && opened && (
                <div className="paper legal-paper">
                  <p className="paper-key">
                    <span aria-hidden="true">🔑 </span>
                    {opened.text}
                  </p>
                  <p className="legal-plaintext">{r.text}</p>
                  {verdict && <Verdict proof={verdict} />}
                  {!verdict?.accepted && !view.debrief && (
                    <>
                      {!opened.lawful && (
                        <p className="legal-warning">
                          <span aria-hidden="true">⚠ </span>This key was not lawfully obtained: the referee will refuse
                          it.
                        </p>
                      )}
                      <p className="actions">
                        <button type="button" className="primary" onClick={() => move('fileEvidence', r.proof)}>
                          {verdict ? 'File as evidence again' : 'File as evidence'}
                        </button>
                      </p>
                      <Explain>
                        You hand the referee the key, not your reading: it decrypts the item itself. Only lawfully
                        obtained content is admissible (18 U.S.C. 2515).
                      </Explain>
                    </>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
