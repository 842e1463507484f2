/**
 * The sender's conversations (game.md §5 Sender: send, read, prove receipt; ui.md "Role
 * desks: Sender"): a chat per crew member and one for the whole crew, blue bubbles for
 * the secure messenger and green ones for SMS, each with an icon and a word. Received
 * items are opened here, with this browser's keys; sent ones show their ciphertext and
 * the devices they were wrapped to. The composer under the chat picks the channel —
 * and says why SMS is forced when it is — attaches the plan card, and counts today's
 * budget. A received message that may carry the plan can be proved to the referee by
 * handing over its key (game.md §6).
 * @module
 */
import { type FormEvent, useId, useState } from 'react';
import { type MessagePayload, toHex } from '../../crypto/index.ts';
import type { InboxItem, SenderDevice } from '../../device/index.ts';
import type { ProofRecord, Seat, SeatView } from '../../game/index.ts';
import { type BoardProps, Explain, HexBlock, Lock, PartyTag, Term } from './kit.tsx';
import {
  type Bubble,
  bubbles,
  CREW_CHAT,
  crewOthers,
  deviceLabel,
  nameOf,
  rememberSent,
  rememberSms,
  smsBlocked,
  smsForcedReasons,
} from './senderChatModel.ts';

/** Whether this seat still has to prove receipt, and what its accepted proofs show so far. */
function receiptSoFar(view: SeatView): { place: boolean; time: boolean } {
  const mine = view.proofs.filter((p) => p.by === view.you && p.purpose === 'receipt' && p.accepted);
  return { place: mine.some((p) => p.revealsPlace), time: mine.some((p) => p.revealsTime) };
}

function Tick({ ok, children }: { ok: boolean; children: string }) {
  return (
    <span className={ok ? 'sd-yes' : 'sd-no'}>
      <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
      {children} {ok ? 'shown' : 'not shown'}
    </span>
  );
}

/** The referee's answer to this seat's proofs for one item, and the button to prove it. */
function Receipt({
  view,
  device,
  move,
  item,
  planner,
}: BoardProps<SenderDevice> & { item: InboxItem; planner: boolean }) {
  const proofs: ProofRecord[] = view.proofs.filter((p) => p.by === view.you && p.item.id === item.id);
  const accepted = proofs.find((p) => p.accepted);
  const last = proofs.at(-1);
  const [asked, setAsked] = useState(false);
  const likely = !!item.payload.plan || planner;
  if (accepted) {
    return (
      <div className="sd-receipt">
        <p className="sd-verdict sd-verdict-ok">
          <span aria-hidden="true">⚖️ </span>Referee: your key opens it ✓ — <Tick ok={accepted.revealsPlace}>place</Tick>
          , <Tick ok={accepted.revealsTime}>time</Tick>
        </p>
      </div>
    );
  }
  if (!likely && !last) return null;
  return (
    <div className="sd-receipt">
      {last && !last.accepted && (
        <p className="sd-verdict sd-verdict-bad">
          <span aria-hidden="true">⚖️ </span>Referee: ✗ refused — {last.reason ?? 'the key does not open it'}
        </p>
      )}
      <button
        type="button"
        className={item.payload.plan ? 'primary' : ''}
        disabled={asked && !last}
        onClick={() => {
          setAsked(true);
          move('proveReceipt', device.receiptProof(item));
        }}
      >
        {asked && !last ? 'Sent to the referee…' : 'Prove receipt'}
      </button>
      <Explain>
        Proof by key, not by claim: your phone hands the referee this message’s key, the referee opens the stored
        ciphertext with it and looks for the place and the time.
      </Explain>
    </div>
  );
}

function Plan({ plan }: { plan: NonNullable<MessagePayload['plan']> }) {
  return (
    <p className="plan-card sd-plan">
      <span aria-hidden="true">🗺️ </span>
      <span className="plan-label">Place</span> <strong>{plan.place}</strong> · <span className="plan-label">Time</span>{' '}
      <strong>{plan.time}</strong>
    </p>
  );
}

/** One bubble: channel and direction in words, the opened text or the lock, the ciphertext. */
function BubbleCard(props: BoardProps<SenderDevice> & { me: Seat; b: Bubble; planner: boolean }) {
  const { view, me, b } = props;
  const route =
    b.direction === 'out'
      ? `You → ${b.toAccounts.map((a) => nameOf(view, a)).join(', ')}`
      : `${nameOf(view, b.fromAccount)} → ${b.toAccounts.length > 1 ? 'the crew' : 'you'}`;
  const wraps = b.wraps ?? [];
  const wrapNames = wraps.map((w) =>
    deviceLabel(
      view,
      me,
      view.devices.find((d) => d.deviceId === w.device),
    ),
  );
  return (
    <li className={`sd-bubble sd-${b.direction} sd-${b.channel}`}>
      <p className="sd-bubble-head">
        <PartyTag party={b.channel} /> <span className="sd-route">{route}</span>{' '}
        <span className="hint">
          {b.direction === 'out' ? 'sent' : 'received'} day {b.day}
        </span>
      </p>
      {b.payload ? (
        <div className="paper sd-paper">
          <p className="message-text">{b.payload.text || <span className="hint">(no text)</span>}</p>
          {b.payload.plan && <Plan plan={b.payload.plan} />}
          <p className="paper-key">
            <Lock open reason={b.openedWith ?? 'opened on this phone'} />
          </p>
        </div>
      ) : (
        <p className="sd-locked">
          <Lock open={false} reason={b.lockedReason ?? 'not readable on this device'} />
        </p>
      )}
      {b.cipher && (
        <HexBlock
          hex={b.cipher}
          label={
            b.channel === 'secure'
              ? 'Ciphertext the relay carries'
              : b.direction === 'out'
                ? 'Uplink: phone → carrier'
                : 'Downlink: carrier → phone'
          }
          preview={32}
        />
      )}
      {b.direction === 'out' && b.channel === 'secure' && (
        <p className="sd-wraps">
          <span aria-hidden="true">🔑 </span>
          {`wrapped to ${wraps.length} ${wraps.length === 1 ? 'device' : 'devices'}`}
          {wrapNames.length > 0 && <span className="hint"> ({wrapNames.join(', ')})</span>}
        </p>
      )}
      {b.direction === 'out' && b.channel === 'sms' && (
        <p className="sd-wraps">
          {b.delivered
            ? '📡 Delivered: the carrier’s switch opened it with your SIM key and re-encrypted it for the other phone.'
            : '📡 At the carrier’s switch: it opens it with your SIM key before forwarding.'}
        </p>
      )}
      {b.item && !me.planner && <Receipt {...props} item={b.item} />}
    </li>
  );
}

/** The composer for one chat: channel, text, plan card, budget, and what the phone will encrypt to. */
function Composer(
  props: BoardProps<SenderDevice> & { me: Seat; recipients: readonly Seat[]; label: string; active: boolean },
) {
  const { view, device, move, me, recipients, label, active } = props;
  const [channel, setChannel] = useState<'secure' | 'sms'>('secure');
  const [text, setText] = useState('');
  const [withPlan, setWithPlan] = useState(false);
  const [status, setStatus] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const id = useId();
  const forced = smsForcedReasons(me, recipients);
  const noSms = smsBlocked(view, device, active);
  const effective = forced.length > 0 ? 'sms' : channel;
  const accounts = recipients.map((s) => s.account as string);
  const perDay = view.options.messagesPerDay;
  const left = Math.max(0, perDay - view.sentToday);
  const cost = effective === 'sms' ? recipients.length : 1;
  const targets = active && effective === 'secure' ? device.wrapTargets(view, accounts) : [];
  const mine = toHex(device.phone.deviceId);
  const refused = view.devices.filter(
    (d) =>
      d.status === 'active' &&
      d.deviceId !== mine &&
      (accounts.includes(d.account) || d.account === me.account) &&
      !targets.some((t) => t.deviceId === d.deviceId),
  );
  const blocked = !active
    ? 'Register this browser first (see “Your devices”): it has no place in the directory yet.'
    : recipients.length === 0
      ? 'There is no one to write to.'
      : effective === 'sms' && noSms
        ? `SMS is not possible here: ${noSms}.`
        : left < cost
          ? `Not enough messages left today: this needs ${cost}, you have ${left}.`
          : undefined;
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    const payload: MessagePayload = withPlan && view.plan ? { text, plan: view.plan } : { text };
    try {
      if (effective === 'sms') {
        // SMS has no groups: one message per line, each encrypted under this phone's SIM key.
        for (const account of accounts) {
          const args = device.composeSms(view, account, payload);
          rememberSms(device, args.uplink.id, payload);
          move('sendSms', args);
        }
      } else {
        const args = device.composeSecure(view, accounts, payload);
        rememberSent(device, args.envelope.id, payload);
        move('sendSecure', args);
      }
      setText('');
      setWithPlan(false);
      setError(undefined);
      setStatus(
        effective === 'sms'
          ? `Encrypted for the tower and sent: ${cost} SMS.`
          : 'Encrypted on this phone and handed to the relay.',
      );
    } catch (err) {
      setStatus(undefined);
      setError(`Your phone could not encrypt it: ${(err as Error).message}`);
    }
  };
  return (
    <form className="sd-compose" onSubmit={send} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Write to the crew: {label}</h3>
      <p className="sd-budget">
        <span aria-hidden="true">✉️ </span>
        Messages left today: <strong>{left}</strong> of {perDay}
        {recipients.length > 1 && effective === 'sms' && (
          <span className="hint"> · SMS has no groups: this costs {recipients.length}, one per member</span>
        )}
      </p>
      <fieldset className="sd-channel">
        <legend>Channel</legend>
        <label className="check">
          <input
            type="radio"
            name={`${id}-channel`}
            value="secure"
            checked={effective === 'secure'}
            disabled={forced.length > 0}
            onChange={() => setChannel('secure')}
          />
          <PartyTag party="secure" />
          <span className="hint">end to end: the relay sees who, when, how big</span>
        </label>
        <label className="check">
          <input
            type="radio"
            name={`${id}-channel`}
            value="sms"
            checked={effective === 'sms'}
            onChange={() => setChannel('sms')}
          />
          <PartyTag party="sms" />
          <span className="hint">hop by hop: the carrier reads it</span>
        </label>
        {forced.map((r) => (
          <p key={r} className="sd-forced">
            <span aria-hidden="true">🟢 </span>SMS forced. {r}
          </p>
        ))}
        {effective === 'secure' ? (
          <Explain>
            <Term id="e2e">End to end</Term>, like iMessage or WhatsApp: your phone encrypts to each device of the
            recipient; the relay carries ciphertext it cannot open.
          </Explain>
        ) : (
          <Explain>
            <Term id="sms">SMS</Term> is encrypted only to the tower: the carrier opens it in its switch, and a wiretap
            order gets the line’s key.
          </Explain>
        )}
      </fieldset>
      <label className="field">
        Message
        <textarea value={text} maxLength={500} rows={2} onChange={(e) => setText(e.target.value)} required />
      </label>
      {view.plan && (
        <label className="check">
          <input type="checkbox" checked={withPlan} onChange={(e) => setWithPlan(e.target.checked)} /> Attach the plan
          card
          <span className="hint">
            ({view.plan.place}, {view.plan.time})
          </span>
        </label>
      )}
      {effective === 'secure' && active && (
        <p className="hint sd-targets">
          <span aria-hidden="true">🔑 </span>
          Your phone will encrypt it to {targets.length} {targets.length === 1 ? 'device' : 'devices'}
          {targets.length > 0 &&
            `: ${targets
              .map((t) =>
                deviceLabel(
                  view,
                  me,
                  view.devices.find((d) => d.deviceId === t.deviceId),
                ),
              )
              .join(', ')}`}
          .
          {refused.map((d) => (
            <span key={d.deviceId} className="sd-refused">
              {' '}
              It refuses {deviceLabel(view, me, d)} (added day {d.day}):{' '}
              {d.discoveredDay !== undefined ? 'exposed as a device no one in the crew added' : 'not in the public log'}
              .
            </span>
          ))}
        </p>
      )}
      {blocked && <p className="sd-blocked">{blocked}</p>}
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <button
        type="submit"
        className={effective === 'secure' ? 'primary' : 'primary sd-sms-button'}
        disabled={!!blocked}
      >
        Encrypt on this phone and send
        <span className="sd-send-channel"> · {effective === 'secure' ? '🔵 secure messenger' : '🟢 SMS'}</span>
      </button>
      <p role="status" className="hint">
        {status}
      </p>
    </form>
  );
}

/** The chats: a picker, the chosen chat's bubbles in order, and its composer. */
export function SenderChats(props: BoardProps<SenderDevice> & { me: Seat; active: boolean; initialChat?: string }) {
  const { view, device, me, active, initialChat } = props;
  const others = crewOthers(view, me);
  const chats = [
    ...others.map((s) => ({ id: s.id, name: s.name, recipients: [s] })),
    ...(others.length > 1 ? [{ id: CREW_CHAT, name: 'Whole crew', recipients: others }] : []),
  ];
  const [chosen, setChosen] = useState<string>(initialChat ?? chats[0]?.id ?? '');
  const chat = chats.find((c) => c.id === chosen) ?? chats[0];
  const all = bubbles(view, device, me);
  const shown = all.filter((b) => b.chat === chat?.id);
  const planner = Object.values(view.seats).find((s) => s.planner)?.account;
  const proved = receiptSoFar(view);
  const headId = useId();
  return (
    <section className="panel sd-chats" aria-labelledby={headId}>
      <h2 id={headId}>
        <span aria-hidden="true">💬 </span>Conversations
      </h2>
      {!me.planner && (
        <p className="sd-goal">
          To win, prove you received the plan’s place and time by the end of day {view.options.days}. So far:{' '}
          <Tick ok={proved.place}>place</Tick>, <Tick ok={proved.time}>time</Tick>.
        </p>
      )}
      {me.planner && view.plan && (
        <div className="sd-goal">
          <p>You hold the plan card. Get it to the crew without the investigator reading it.</p>
          <Plan plan={view.plan} />
        </div>
      )}
      <ul className="sd-chat-list">
        {chats.map((c) => {
          const n = all.filter((b) => b.chat === c.id).length;
          const green = c.recipients.some((s) => !s.hasMessenger) || !me.hasMessenger;
          return (
            <li key={c.id}>
              <button type="button" aria-pressed={c.id === chat?.id} onClick={() => setChosen(c.id)}>
                <span aria-hidden="true">{c.id === CREW_CHAT ? '👥 ' : '👤 '}</span>
                {c.name}
                <span className="hint">
                  {' '}
                  · {n} {n === 1 ? 'item' : 'items'}
                  {green ? ' · 🟢 SMS only' : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {others.length === 1 && <p className="hint">The whole crew is you and {others[0]?.name}: write in their chat.</p>}
      {chat && (
        <>
          <h3 className="sd-chat-title">
            {chat.id === CREW_CHAT ? 'Whole crew' : `Chat with ${chat.name}`}{' '}
            <span className="hint">({chat.recipients.map((s) => s.account).join(', ')})</span>
          </h3>
          {shown.length === 0 ? (
            <p className="hint">Nothing yet.</p>
          ) : (
            <ol className="sd-thread">
              {shown.map((b) => (
                <BubbleCard key={b.key} {...props} b={b} planner={b.fromAccount === planner} />
              ))}
            </ol>
          )}
          {chat.id === CREW_CHAT && (
            <p className="hint">SMS sent to the whole crew shows in each member’s chat: SMS has no groups.</p>
          )}
          <Composer key={chat.id} {...props} recipients={chat.recipients} label={chat.name} active={active} />
        </>
      )}
    </section>
  );
}
