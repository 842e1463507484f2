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
import {
  type Envelope,
  type MessagePayload,
  openEnvelope,
  type SmsHop,
  smsDecrypt,
  toHex,
} from '../../crypto/index.ts';
import type { InboxItem, SenderDevice } from '../../device/index.ts';
import type { ProofRecord, Seat, SeatView } from '../../game/index.ts';
import { type BoardProps, Explain, HexBlock, Lock, PartyTag, Term } from './kit.tsx';

type DeviceView = SeatView['devices'][number];

/** The whole-crew chat's key (every other key is a crew member's seat id). */
export const CREW_CHAT = 'crew';

/** One bubble in a chat: a secure message or an SMS, sent or received. */
export interface Bubble {
  readonly key: string;
  readonly seq: number;
  readonly day: number;
  /** A crew member's seat id, or {@link CREW_CHAT}. */
  readonly chat: string;
  readonly channel: 'secure' | 'sms';
  readonly direction: 'in' | 'out';
  readonly fromAccount: string;
  readonly toAccounts: readonly string[];
  /** The text, where this browser could open it (or remembers what it sent). */
  readonly payload?: MessagePayload;
  /** Which key opened it, in words. */
  readonly openedWith?: string;
  /** Why this browser cannot read it. */
  readonly lockedReason?: string;
  /** What reached this phone (received items only): the key for a proof of receipt. */
  readonly item?: InboxItem;
  /** The ciphertext as it travelled. */
  readonly cipher?: string;
  readonly wraps?: Envelope['wraps'];
  /** SMS: the carrier forwarded it. */
  readonly delivered?: boolean;
}

/**
 * What this browser sent in this session, by message id: the phone does not wrap a
 * message to itself, so once sent its text is kept only here (lost on reload).
 */
const sentCopies = new WeakMap<SenderDevice, Map<string, MessagePayload>>();
/** Messages from this account's other devices opened here, by id (null: not openable here). */
const ownCopies = new WeakMap<SenderDevice, Map<string, MessagePayload | null>>();
/** Sent SMS opened with this phone's SIM key, by id (null: not openable here). */
const smsCopies = new WeakMap<SenderDevice, Map<string, MessagePayload | null>>();

function copiesOf<T>(store: WeakMap<SenderDevice, Map<string, T>>, device: SenderDevice): Map<string, T> {
  let m = store.get(device);
  if (!m) {
    m = new Map();
    store.set(device, m);
  }
  return m;
}

/** The kind of this browser's device as the directory lists it ("phone" until registered). */
export function browserKind(view: SeatView, device: SenderDevice): string {
  const id = toHex(device.phone.deviceId);
  return view.devices.find((d) => d.deviceId === id)?.kind ?? 'phone';
}

/** A crew member's name, or the number itself. */
function nameOf(view: SeatView, account: string): string {
  return Object.values(view.seats).find((s) => s.account === account)?.name ?? account;
}

/** "Bob’s phone", "your laptop", "an unknown device". */
export function deviceLabel(view: SeatView, me: Seat, d: DeviceView | undefined): string {
  if (!d) return 'a device not in your list';
  return d.account === me.account ? `your ${d.kind}` : `${nameOf(view, d.account)}’s ${d.kind}`;
}

function chatOf(me: Seat, others: readonly Seat[], accounts: readonly string[]): string {
  const them = accounts.filter((a) => a !== me.account);
  if (them.length > 1) return CREW_CHAT;
  return others.find((s) => s.account === them[0])?.id ?? CREW_CHAT;
}

/** Opens a message sent from another of this account's devices, which wrapped a copy to this one. */
function ownCopy(view: SeatView, device: SenderDevice, e: Envelope): MessagePayload | undefined {
  const mine = toHex(device.phone.deviceId);
  if (e.fromDevice === mine || !e.wraps.some((w) => w.device === mine)) return undefined;
  const cache = copiesOf(ownCopies, device);
  const cached = cache.get(e.id);
  if (cached !== undefined) return cached ?? undefined;
  const sender = view.devices.find((d) => d.deviceId === e.fromDevice);
  if (!sender) return undefined;
  let payload: MessagePayload | null = null;
  try {
    payload = openEnvelope(e, { account: device.account, device: device.phone }, sender.sigPub).payload;
  } catch {
    // Tampered, or a signature that does not check: not shown.
  }
  cache.set(e.id, payload);
  return payload ?? undefined;
}

/** Opens an SMS this line sent with this phone's SIM key (the uplink was encrypted under it). */
function smsCopy(device: SenderDevice, sim: Uint8Array | undefined, id: string, uplink: SmsHop): MessagePayload | null {
  const cache = copiesOf(smsCopies, device);
  const cached = cache.get(id);
  if (cached !== undefined) return cached;
  if (!sim) return null;
  let payload: MessagePayload | null = null;
  try {
    payload = smsDecrypt(uplink, sim);
  } catch {
    // Sent from another phone, with another SIM.
  }
  cache.set(id, payload);
  return payload;
}

function lockedSecure(device: SenderDevice, e: Envelope): string {
  const mine = toHex(device.phone.deviceId);
  return e.wraps.some((w) => w.device === mine)
    ? 'it was wrapped to this device but does not open: the signature or the ciphertext is wrong'
    : 'it was not wrapped to this browser’s device — it was sent to your account’s devices before this one was added';
}

/**
 * Every bubble this seat can place in a chat, in the order the relay and the carrier
 * stored them.
 * @param view - the seat's view
 * @param device - this browser's device
 * @param me - the seat
 */
export function bubbles(view: SeatView, device: SenderDevice, me: Seat): Bubble[] {
  const account = me.account;
  if (!account) return [];
  const others = crewOthers(view, me);
  const inbox = new Map(device.inbox(view).map((i) => [i.id, i]));
  const kind = browserKind(view, device);
  const sim = device.simKey(view);
  const sent = copiesOf(sentCopies, device);
  const out: Bubble[] = [];
  for (const m of view.messages) {
    const e = m.envelope;
    if (!e) continue;
    const base = {
      key: `m-${e.id}`,
      seq: m.seq,
      day: m.day,
      channel: 'secure' as const,
      cipher: e.body,
      wraps: e.wraps,
    };
    if (e.fromAccount === account) {
      const kept = sent.get(e.id);
      const opened = kept ? undefined : ownCopy(view, device, e);
      const payload = kept ?? opened;
      out.push({
        ...base,
        chat: chatOf(me, others, e.recipients),
        direction: 'out',
        fromAccount: e.fromAccount,
        toAccounts: e.recipients,
        ...(payload ? { payload } : {}),
        ...(kept ? { openedWith: 'your copy, kept on this screen since you sent it' } : {}),
        ...(opened ? { openedWith: `opened with your ${kind}’s key: your other device wrapped a copy to it` } : {}),
        ...(payload
          ? {}
          : {
              lockedReason:
                e.fromDevice === toHex(device.phone.deviceId)
                  ? 'your phone does not wrap a message to itself, and this screen was reloaded since'
                  : 'sent from your other device before this one was added',
            }),
      });
    } else if (e.recipients.includes(account)) {
      const item = inbox.get(e.id);
      out.push({
        ...base,
        chat: chatOf(me, others, [e.fromAccount, ...e.recipients]),
        direction: 'in',
        fromAccount: e.fromAccount,
        toAccounts: e.recipients,
        ...(item
          ? { payload: item.payload, item, openedWith: `opened with your ${kind}’s key` }
          : { lockedReason: lockedSecure(device, e) }),
      });
    }
  }
  for (const s of view.sms) {
    const base = { key: `s-${s.id}`, seq: s.seq, day: s.day, channel: 'sms' as const, delivered: !!s.downlink };
    if (s.fromLine === account) {
      const payload = s.uplink ? smsCopy(device, sim, s.id, s.uplink) : null;
      out.push({
        ...base,
        chat: chatOf(me, others, [s.toLine]),
        direction: 'out',
        fromAccount: s.fromLine,
        toAccounts: [s.toLine],
        ...(s.uplink ? { cipher: s.uplink.body } : {}),
        ...(payload
          ? { payload, openedWith: 'your copy, opened with your SIM key' }
          : { lockedReason: 'sent from your other phone, whose SIM is not in this browser' }),
      });
    } else if (s.toLine === account) {
      const item = inbox.get(s.id);
      const lockedReason = !s.downlink
        ? 'still at the carrier’s switch: it has not been forwarded to your phone yet'
        : sim
          ? 'it was sent to the SIM of your old phone'
          : 'this browser has no SIM: an SMS opens only with the SIM key in your phone';
      out.push({
        ...base,
        chat: chatOf(me, others, [s.fromLine]),
        direction: 'in',
        fromAccount: s.fromLine,
        toAccounts: [s.toLine],
        ...(s.downlink ? { cipher: s.downlink.body } : {}),
        ...(item ? { payload: item.payload, item, openedWith: 'opened with your SIM key' } : { lockedReason }),
      });
    }
  }
  return out.sort((a, b) => a.seq - b.seq);
}

/** The other crew members, in seat order. */
export function crewOthers(view: SeatView, me: Seat): Seat[] {
  return Object.values(view.seats).filter((s) => s.role === 'sender' && s.id !== me.id && s.account);
}

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

/** Why SMS is forced for these recipients (empty: the secure messenger is open). */
export function smsForcedReasons(me: Seat, recipients: readonly Seat[]): string[] {
  const reasons: string[] = [];
  if (!me.hasMessenger) reasons.push('You have no secure messenger: your phone can only send SMS.');
  const without = recipients.filter((s) => !s.hasMessenger);
  if (without.length > 0) {
    const names = without.map((s) => s.name).join(' and ');
    reasons.push(
      recipients.length > 1
        ? `${names} ${without.length === 1 ? 'has' : 'have'} no secure messenger: a group with a green bubble goes by SMS, one SMS per member.`
        : `${names} has no secure messenger: messages to ${names} can only go by SMS.`,
    );
  }
  return reasons;
}

/** Why this browser cannot send SMS (undefined: it can). */
function smsBlocked(view: SeatView, device: SenderDevice, active: boolean): string | undefined {
  if (!active) return 'this browser is not a registered device of your account';
  if (browserKind(view, device) !== 'phone') return 'this browser is your laptop: the SIM is in your phone';
  if (!device.simKey(view)) return 'this phone has no SIM yet: the carrier has not provisioned one';
  return undefined;
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
        const copies = copiesOf(smsCopies, device);
        for (const account of accounts) {
          const args = device.composeSms(view, account, payload);
          copies.set(args.uplink.id, payload);
          move('sendSms', args);
        }
      } else {
        const args = device.composeSecure(view, accounts, payload);
        copiesOf(sentCopies, device).set(args.envelope.id, payload);
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
