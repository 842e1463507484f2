/**
 * The carrier's desk (game.md §5, Carrier; ui.md "Role desks"): the switchboard with
 * every SMS it carries, in plaintext — the switch made every SIM and kept a copy of its
 * key, so it opens each uplink — the secure messenger's traffic as the carrier sees it
 * (only that a phone used data: when and how much), the SIMs it provisioned, its
 * score, and the legal inbox with comply / refuse. Forwarding and provisioning are done
 * by the carrier's device on its own (useSeatDevice.ts); this desk only shows them.
 * @module
 */
import type { MessagePayload } from '../../crypto/index.ts';
import type { CarrierSwitch } from '../../device/index.ts';
import type { SeatView, SmsView } from '../../game/index.ts';
import { ErrorAlert } from '../components.tsx';
import { type BoardProps, Explain, HexBlock, Lock, PartyTag, Term, whoHas } from './kit.tsx';
import { LegalInbox } from './LegalInbox.tsx';
import './provider.css';

type Readable = ReturnType<CarrierSwitch['read']>[number];

/** The switch's plaintext of every SMS it can open (all of them, unless its SIM keys were lost). */
function readAll(device: CarrierSwitch, view: SeatView): { read: Map<string, MessagePayload>; error?: string } {
  try {
    return { read: new Map(device.read(view).map((r: Readable) => [r.id, r.payload])) };
  } catch (e) {
    return { read: new Map(), error: `Your switch could not open an SMS: ${(e as Error).message}` };
  }
}

/** One SMS on the switchboard: plaintext on paper with the key that opened it, or the locked uplink. */
function SmsCard({ view, sms, payload }: { view: SeatView; sms: SmsView; payload: MessagePayload | undefined }) {
  const from = whoHas(view, sms.fromLine);
  const to = whoHas(view, sms.toLine);
  return (
    <li className={`pd-item ${payload ? 'paper pd-paper-sms' : 'pd-locked'}`}>
      <p className="pd-item-head">
        <PartyTag party="sms" /> <span className="hint">day {sms.day}</span>
      </p>
      <p className="pd-route">
        <span>
          <span className="pd-route-label">From</span> {from}
        </span>{' '}
        <span aria-hidden="true">→</span>{' '}
        <span>
          <span className="pd-route-label">To</span> {to}
        </span>
      </p>
      {payload ? (
        <>
          <p className="message-text pd-plaintext">{payload.text}</p>
          {payload.plan && (
            <p className="pd-plan">
              <span aria-hidden="true">🗺️ </span>Plan card: <strong>{payload.plan.place}</strong>,{' '}
              <strong>{payload.plan.time}</strong>
            </p>
          )}
          <p className="paper-key">
            <Lock open reason={`opened with the SIM key of ${from} — your network made that SIM and kept a copy`} />
          </p>
        </>
      ) : (
        <>
          <p className="paper-key">
            <Lock open={false} reason="this browser no longer holds the sender’s SIM key" />
          </p>
          {sms.uplink && <HexBlock hex={sms.uplink.body} label="Uplink ciphertext" />}
        </>
      )}
      <p className="hint pd-status">
        {sms.downlink
          ? '✓ Delivered: your switch re-encrypted it with the recipient’s SIM key.'
          : '⏳ At the switch: your network forwards it on its own.'}
      </p>
    </li>
  );
}

/** The carrier's desk. */
export function CarrierBoard({ view, device, move }: BoardProps<CarrierSwitch>) {
  const score = view.you !== null ? (view.scores[view.you] ?? 0) : 0;
  const { read, error } = readAll(device, view);
  const sms = view.sms.slice().sort((a, b) => b.seq - a.seq);
  const data = view.messages
    .map((m) => ({
      seq: m.seq,
      day: m.day,
      size: m.size,
      account: m.dataFrom ?? m.envelope?.fromAccount ?? m.fromAccount,
    }))
    .sort((a, b) => b.seq - a.seq);
  const lines = new Set(view.sims.map((s) => s.line));
  return (
    <div className="provider-desk carrier-desk">
      <section className="panel pd-head" aria-labelledby="carrier-desk-title">
        <h2 id="carrier-desk-title">
          <PartyTag party="carrier">Carrier</PartyTag> desk
        </h2>
        <dl className="pd-stats">
          <dt>Score</dt>
          <dd>
            <strong>{score}</strong> <span className="hint">(+1 for each SMS carried)</span>
          </dd>
          <dt>SMS carried</dt>
          <dd>{view.sms.filter((s) => s.downlink).length}</dd>
          <dt>SIMs provisioned</dt>
          <dd>
            {view.sims.length}{' '}
            <span className="hint">
              (on {lines.size} line{lines.size === 1 ? '' : 's'})
            </span>
          </dd>
        </dl>
        <p>
          <span aria-hidden="true">⚙️ </span>
          Your network works on its own: it makes a SIM for each crew phone (and keeps a copy of its key), and it
          forwards every SMS. You decide only how to answer the law.
        </p>
        <Explain>
          <Term id="calea">CALEA</Term>: a phone company must build its network so it can be tapped under a court order.
        </Explain>
      </section>

      <section className="panel pd-switchboard" aria-labelledby="carrier-sms-title">
        <h2 id="carrier-sms-title">
          <span aria-hidden="true">📡 </span>Switchboard: every SMS you carry
        </h2>
        <p>
          <Term id="sms">SMS</Term> is encrypted only from phone to mast. Your switch opens each one with the sender’s
          SIM key and re-encrypts it for the recipient, so you read them all.
        </p>
        <ErrorAlert error={error} />
        {sms.length === 0 ? (
          <p className="hint">No SMS yet.</p>
        ) : (
          <ul className="plain pd-list">
            {sms.map((s) => (
              <SmsCard key={s.id} view={view} sms={s} payload={read.get(s.id)} />
            ))}
          </ul>
        )}
      </section>

      <section className="panel pd-data" aria-labelledby="carrier-data-title">
        <h2 id="carrier-data-title">
          <PartyTag party="secure">Secure messenger</PartyTag> data use
        </h2>
        <p>
          <Lock
            open={false}
            reason="end-to-end encrypted between the crew’s phones: you see only that a phone used data, when, and how much"
          />
        </p>
        {data.length === 0 ? (
          <p className="hint">No data use seen yet.</p>
        ) : (
          <ul className="plain pd-list pd-data-list">
            {data.map((d) => (
              <li key={d.seq}>
                <span aria-hidden="true">📶 </span>
                Day {d.day}: {d.account ? `${whoHas(view, d.account)}’s phone` : 'a phone'} used data ({d.size} bytes)
              </li>
            ))}
          </ul>
        )}
        <Explain>
          <Term id="calea">CALEA</Term> leaves messaging apps out, and a <Term id="title-iii">Title III</Term> wiretap
          on your network would catch only this: <Term id="e2e">end-to-end</Term> ciphertext.
        </Explain>
      </section>

      <LegalInbox
        view={view}
        provider="carrier"
        device={device}
        move={move}
        respond={(doc, comply) => device.response(view, doc, comply)}
      />
      <section className="panel pd-law" aria-labelledby="carrier-law-title">
        <h2 id="carrier-law-title">
          <span aria-hidden="true">⚖️ </span>What the law asks of you
        </h2>
        <Explain>
          <Term id="title-iii">Title III</Term> wiretap on a line: hand over that line’s SIM key; later SMS on it are
          copied to the investigator.
        </Explain>
        <Explain>
          <Term id="pen-register">Pen register</Term>: live records (who texts whom) from now on. A{' '}
          <Term id="sca-2703">2703(d) order</Term>: past records. Neither gives content.
        </Explain>
        <Explain>
          <Term id="informal">Informal request</Term>: no order, no duty. Complying anyway costs you 3 points and makes
          the evidence unusable.
        </Explain>
      </section>
    </div>
  );
}
