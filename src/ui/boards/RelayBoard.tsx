/**
 * The relay operator's desk (game.md §5, Relay operator; ui.md "Role desks"): the
 * traffic it relays — metadata and ciphertext, never plaintext, because the crew's
 * phones made the keys and the relay holds none — the directory of accounts and their
 * devices (a ghost marked as such), the key-transparency log and its signed heads when
 * the scenario has one, the backups it stores (and which it can open, because it
 * escrows their key), its score, and the legal inbox with comply / contest / refuse and
 * the ghost decision spelled out with its risk. This desk never decrypts anything.
 * @module
 */
import { useId, useState } from 'react';
import type { RelayDesk } from '../../device/index.ts';
import type { LegalDocument, SeatView } from '../../game/index.ts';
import { type BoardProps, Explain, HexBlock, Lock, type Move, PartyTag, Term, whoHas } from './kit.tsx';
import { LegalInbox, type SendAnswer, Stakes } from './LegalInbox.tsx';
import './provider.css';
import { accountName, Directory, TransparencyLog } from './RelayDirectory.tsx';

/** The crew member's first name for an account (for short sentences). */
function firstName(view: SeatView, account: string): string {
  return Object.values(view.seats).find((s) => s.account === account)?.name ?? account;
}

/** Secure messages as the relay sees them: who, to whom, when, how big, and the ciphertext. */
function Traffic({ view }: { view: SeatView }) {
  const ghosts = new Set(view.devices.filter((d) => d.addedBy === 'relay').map((d) => d.deviceId));
  const messages = view.messages.slice().sort((a, b) => b.seq - a.seq);
  return (
    <section className="panel pd-traffic" aria-labelledby="relay-traffic-title">
      <h2 id="relay-traffic-title">
        <PartyTag party="secure">Secure messenger</PartyTag> traffic
      </h2>
      <p>
        <strong>You never see the text.</strong> Each message is <Term id="e2e">end-to-end</Term> encrypted: its key is
        wrapped only to the recipients’ devices. You see who, to whom, when, how big — and the ciphertext.
      </p>
      {messages.length === 0 ? (
        <p className="hint">No secure messages yet.</p>
      ) : (
        <ul className="plain pd-list">
          {messages.map((m) => {
            const e = m.envelope;
            const from = e?.fromAccount ?? m.fromAccount;
            const to = e?.recipients ?? m.recipients ?? [];
            const toGhost = e?.wraps.filter((w) => ghosts.has(w.device)).length ?? 0;
            return (
              <li key={m.seq} className="pd-item pd-cipher-card">
                <p className="pd-item-head">
                  <PartyTag party="secure" /> <span className="hint">day {m.day}</span>
                </p>
                <dl className="pd-meta">
                  <dt>From</dt>
                  <dd>{from ? whoHas(view, from) : 'unknown'}</dd>
                  <dt>To</dt>
                  <dd>{to.length ? to.map((a) => whoHas(view, a)).join(', ') : 'unknown'}</dd>
                  <dt>Size</dt>
                  <dd>{m.size} bytes of ciphertext</dd>
                  {e && (
                    <>
                      <dt>Key wrapped to</dt>
                      <dd>
                        {e.wraps.length} device{e.wraps.length === 1 ? '' : 's'}
                        {toGhost > 0 ? ` — including the ghost 👻 (the investigator can open this one)` : ''}
                      </dd>
                    </>
                  )}
                </dl>
                <p>
                  <Lock open={false} reason="only the devices it was wrapped to hold a key; you hold none" />
                </p>
                {e && <HexBlock hex={e.body} label="Ciphertext" />}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Backups the relay stores, and whether it holds their key. */
function Backups({ view }: { view: SeatView }) {
  const crew = Object.values(view.seats).filter((s) => s.account);
  const escrowed = (account: string) => view.escrow.some((e) => e.handover.subject === account);
  const backups = view.backups.slice().sort((a, b) => b.seq - a.seq);
  return (
    <section className="panel pd-backups" aria-labelledby="relay-backups-title">
      <h2 id="relay-backups-title">
        <span aria-hidden="true">☁️ </span>Stored backups
      </h2>
      <ul className="plain pd-list">
        {crew.map((s) => {
          const mode = view.backupMode[s.id];
          return (
            <li key={s.id}>
              <strong>{s.name}</strong>:{' '}
              {mode === 'escrowed'
                ? `backup on, key escrowed — ${escrowed(String(s.account)) ? 'you keep a copy of the key' : 'you will keep a copy of the key'}`
                : mode === 'device'
                  ? 'backup on, key held on the devices only (Advanced Data Protection)'
                  : mode === 'off'
                    ? 'backup off'
                    : 'unknown'}
            </li>
          );
        })}
      </ul>
      {backups.length === 0 ? (
        <p className="hint">No backups stored yet.</p>
      ) : (
        <ul className="plain pd-list">
          {backups.map((b) => {
            const withKey = escrowed(b.backup.account);
            return (
              <li key={b.seq} className="pd-item pd-cipher-card">
                <p className="pd-item-head">
                  {accountName(view, b.backup.account)} · <span className="hint">day {b.backup.day}</span> ·{' '}
                  {b.backup.body.length / 2} bytes
                </p>
                <p>
                  <Lock
                    open={withKey}
                    reason={
                      withKey
                        ? 'you escrow this account’s backup key: you could open it, and a warrant can make you hand the key over'
                        : 'the key is on the crew’s devices only: you cannot open it'
                    }
                  />
                </p>
                <HexBlock hex={b.backup.body} label="Backup ciphertext" />
              </li>
            );
          })}
        </ul>
      )}
      <Explain>
        Like iCloud in 2013: backups were encrypted, but Apple kept the key — so a search warrant reached the messages.
        See <Term id="adp">Advanced Data Protection</Term>.
      </Explain>
    </section>
  );
}

/**
 * Contest, comply or refuse a technical-assistance order, with the ghost decision
 * spelled out: hide it from the owner's list (only where the scenario allows), and —
 * with key transparency — log it or not (RelayDesk.response's `ghost` argument;
 * compliance.ts decides what takes effect).
 */
function GhostDecision({
  view,
  device,
  doc,
  send,
  move,
  late,
}: {
  view: SeatView;
  device: RelayDesk;
  doc: LegalDocument;
  send: SendAnswer;
  move: Move;
  /** The relay refused this valid order and may still comply. */
  late: boolean;
}) {
  const canHide = view.options.ghostHiding;
  const kt = view.options.keyTransparency;
  const [hide, setHide] = useState(canHide);
  const [log, setLog] = useState(true);
  const id = useId();
  const who = firstName(view, doc.target);
  const lawful = device.check(view, doc).lawful;
  const canContest = !late && !doc.informal && !doc.upheld;
  const upheld = Math.round(view.options.contestUpheldChance * 100);
  const check = view.options.contactVerification
    ? ' A safety-code check between the crew would expose it: −5 for you.'
    : '';
  let risk: string;
  if (kt && log) {
    risk = `The public log will show a new device on ${who}’s account. ${who}’s phone audits the log and will raise the alarm: −5 for you when it is found.`;
  } else if (kt) {
    risk = `The crew’s phones refuse to encrypt to a device the log does not show: the ghost will read nothing.${check}`;
  } else if (hide) {
    risk = `${who}’s own device list will not show it, and there is no public log.${check || ' Nothing on the crew’s side can show it.'}`;
  } else {
    risk = `${who}’s own device list will show a new device: ${who} may notice it and stop trusting the messenger.${check}`;
  }
  return (
    <div className="pd-actions pd-ghost-decision">
      <h4>Your decision</h4>
      <Stakes view={view} device={device} doc={doc} />
      {canContest && (
        <div className="pd-contest">
          <button type="button" onClick={() => move('contest', { documentId: doc.id })}>
            <span aria-hidden="true">⚖️ </span>Contest in court
          </button>
          <Explain>
            Like Apple against the FBI in 2016 (All Writs Act): the court decides tonight. Here it upholds the order{' '}
            {upheld}% of the time; then each night you refuse costs 2 points.
          </Explain>
        </div>
      )}
      <fieldset className="pd-choice">
        <legend>Hide it from {who}’s own device list?</legend>
        {canHide ? (
          <>
            <label>
              <input type="radio" name={`${id}-hide`} checked={hide} onChange={() => setHide(true)} /> Yes, hide it
            </label>
            <label>
              <input type="radio" name={`${id}-hide`} checked={!hide} onChange={() => setHide(false)} /> No, list it
            </label>
          </>
        ) : (
          <p className="hint">
            <span aria-hidden="true">🔒 </span>Not possible in this scenario: it will show on {who}’s own list.
          </p>
        )}
      </fieldset>
      {kt && (
        <fieldset className="pd-choice">
          <legend>Record it in the public transparency log?</legend>
          <label>
            <input type="radio" name={`${id}-log`} checked={log} onChange={() => setLog(true)} /> Yes, log it ({who}’s
            phone audits the log)
          </label>
          <label>
            <input type="radio" name={`${id}-log`} checked={!log} onChange={() => setLog(false)} /> No, leave it out
            (the crew’s phones will not encrypt to it)
          </label>
        </fieldset>
      )}
      <p className="pd-risk" role="status">
        <span aria-hidden="true">⚠ </span>
        <strong>Risk:</strong> {risk}
      </p>
      <div className="pd-buttons">
        <button
          type="button"
          className="pd-comply"
          onClick={() => send(() => device.response(view, doc, true, { hide: canHide && hide, log: !kt || log }))}
        >
          <span aria-hidden="true">✓ </span>
          {late ? 'Comply after all: add the ghost' : 'Comply: add the ghost'}
        </button>
        {!late && (
          <button type="button" className="pd-refuse" onClick={() => send(() => device.response(view, doc, false))}>
            <span aria-hidden="true">✗ </span>Refuse
          </button>
        )}
      </div>
      {!lawful && <p className="hint">Your client found this is not lawful process: you owe nothing by refusing.</p>}
    </div>
  );
}

/** The relay operator's desk. */
export function RelayBoard({ view, device, move }: BoardProps<RelayDesk>) {
  const score = view.you !== null ? (view.scores[view.you] ?? 0) : 0;
  return (
    <div className="provider-desk relay-desk">
      <section className="panel pd-head" aria-labelledby="relay-desk-title">
        <h2 id="relay-desk-title">
          <PartyTag party="relay">Relay operator</PartyTag> desk
        </h2>
        <dl className="pd-stats">
          <dt>Score</dt>
          <dd>
            <strong>{score}</strong> <span className="hint">(+1 per secure message relayed)</span>
          </dd>
          <dt>Messages relayed</dt>
          <dd>{view.messages.length}</dd>
          <dt>Devices listed</dt>
          <dd>{view.devices.filter((d) => d.status === 'active').length}</dd>
        </dl>
        <p>
          <span aria-hidden="true">⚙️ </span>
          Your servers work on their own: they pass on every message, keep the directory
          {view.options.keyTransparency ? ', sign the log each night' : ''} and store backups. You decide only how to
          answer the law.
        </p>
        <Explain>
          <Term id="calea">CALEA</Term> does not cover messaging services, and no law makes you decrypt what you hold no
          key for.
        </Explain>
      </section>
      <Traffic view={view} />
      <Directory view={view} />
      {view.options.keyTransparency && <TransparencyLog view={view} />}
      <Backups view={view} />
      <LegalInbox
        view={view}
        provider="relay"
        device={device}
        move={move}
        respond={(doc, comply) => device.response(view, doc, comply)}
        special={(doc, send, late) =>
          doc.type === 'technical-assistance' ? (
            <GhostDecision view={view} device={device} doc={doc} send={send} move={move} late={late} />
          ) : undefined
        }
      />
    </div>
  );
}
