/**
 * The crew member's board (game.md §5, Sender): write to the crew by secure messenger
 * (blue) or SMS (green), read what reached this phone — opened here, with this phone's
 * keys — and prove receipt by handing the referee a message's key.
 * @module
 */
import { type FormEvent, useState } from 'react';
import type { MessagePayload } from '../crypto/index.ts';
import type { InboxItem, SenderDevice } from '../device/index.ts';
import type { Seat, SeatView } from '../game/index.ts';

function groups(hex: string, max = 64): string {
  const shown = hex.length > max ? `${hex.slice(0, max)}…` : hex;
  return shown.replace(/(.{4})/g, '$1 ').trim();
}

function Compose({ view, device, me, move }: Props & { me: Seat }) {
  const crew = Object.values(view.seats).filter((s) => s.role === 'sender' && s.id !== me.id);
  const [to, setTo] = useState<string>(crew[0]?.id ?? '');
  const [channel, setChannel] = useState<'secure' | 'sms'>(me.hasMessenger ? 'secure' : 'sms');
  const [text, setText] = useState('');
  const [withPlan, setWithPlan] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const recipient = crew.find((s) => s.id === to);
  const smsOnly = !me.hasMessenger || recipient?.hasMessenger === false;
  const left = view.options.messagesPerDay - view.sentToday;
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!recipient?.account) return;
    const payload: MessagePayload = withPlan && view.plan ? { text, plan: view.plan } : { text };
    try {
      if (smsOnly || channel === 'sms') move('sendSms', device.composeSms(view, recipient.account, payload));
      else move('sendSecure', device.composeSecure(view, [recipient.account], payload));
      setText('');
      setWithPlan(false);
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="panel compose" onSubmit={send} aria-labelledby="compose-title">
      <h2 id="compose-title">Write to the crew</h2>
      <p>
        Messages left today: {left} of {view.options.messagesPerDay}
      </p>
      <label>
        To{' '}
        <select value={to} onChange={(e) => setTo(e.target.value)}>
          {crew.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.account})
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Channel</legend>
        <label>
          <input
            type="radio"
            name="channel"
            checked={!smsOnly && channel === 'secure'}
            disabled={smsOnly}
            onChange={() => setChannel('secure')}
          />{' '}
          🔵 Secure messenger (end to end: the relay sees only who, when and how much)
        </label>
        <label>
          <input
            type="radio"
            name="channel"
            checked={smsOnly || channel === 'sms'}
            onChange={() => setChannel('sms')}
          />{' '}
          🟢 SMS (hop by hop: the carrier reads it)
        </label>
      </fieldset>
      <label>
        Message <input value={text} maxLength={500} onChange={(e) => setText(e.target.value)} required />
      </label>
      {view.plan && (
        <label>
          <input type="checkbox" checked={withPlan} onChange={(e) => setWithPlan(e.target.checked)} /> Attach the plan
          card
        </label>
      )}
      {error && <p role="alert">{error}</p>}
      <button type="submit" className="primary" disabled={left <= 0 || !recipient}>
        Encrypt on this phone and send
      </button>
    </form>
  );
}

function Inbox({ view, device, move }: Props) {
  const items: InboxItem[] = device.inbox(view);
  const proved = new Set(view.proofs.filter((p) => p.by === view.you && p.accepted).map((p) => p.item.id));
  return (
    <section className="panel inbox" aria-labelledby="inbox-title">
      <h2 id="inbox-title">Received on this phone</h2>
      {items.length === 0 && <p>Nothing yet.</p>}
      <ul>
        {items.map((i) => (
          <li key={i.id} className={`paper ${i.kind === 'message' ? 'blue' : 'green'}`}>
            <p>
              🔓 From {i.from} · day {i.day} ·{' '}
              {i.kind === 'message'
                ? 'secure messenger, opened with your phone’s key'
                : 'SMS, opened with your SIM key'}
            </p>
            <p className="message-text">{i.payload.text}</p>
            {i.payload.plan && (
              <p>
                Plan: <strong>{i.payload.plan.place}</strong>, <strong>{i.payload.plan.time}</strong>
              </p>
            )}
            {proved.has(i.id) ? (
              <p>✓ Receipt proved to the referee</p>
            ) : (
              <button type="button" onClick={() => move('proveReceipt', device.receiptProof(i))}>
                Prove receipt (hand the referee this message’s key)
              </button>
            )}
          </li>
        ))}
      </ul>
      <h3>What the relay carries (you sent)</h3>
      <ul>
        {view.messages
          .filter((m) => m.envelope?.fromAccount === device.account)
          .map((m) => (
            <li key={m.envelope?.id} className="mono">
              🔒 {groups(m.envelope?.body ?? '')} — wrapped to {m.envelope?.wraps.length} device(s)
            </li>
          ))}
      </ul>
    </section>
  );
}

interface Props {
  readonly view: SeatView;
  readonly device: SenderDevice;
  readonly move: (name: string, args: unknown) => void;
}

/** The sender's board. */
export function SenderBoard(props: Props) {
  const me = props.view.you !== null ? props.view.seats[props.view.you] : undefined;
  if (!me) return null;
  return (
    <div className="columns">
      <Compose {...props} me={me} />
      <Inbox {...props} />
    </div>
  );
}
