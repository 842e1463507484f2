/**
 * The sender's conversations, their pure parts (SenderChats.tsx draws them): the bubbles
 * of each chat, opened with this browser's keys (and the copies of what it sent, kept
 * in memory), the names and device labels, the crew's other members, and why SMS is
 * forced or blocked.
 * @module
 */
import {
  type Envelope,
  type MessagePayload,
  openEnvelope,
  type SmsHop,
  smsDecrypt,
  toHex,
} from '../../crypto/index.ts';
import type { InboxItem, SenderDevice } from '../../device/index.ts';
import type { Seat, SeatView } from '../../game/index.ts';

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

/** Keeps what this browser just sent as a secure message, by message id (sentCopies). */
export function rememberSent(device: SenderDevice, id: string, payload: MessagePayload): void {
  copiesOf(sentCopies, device).set(id, payload);
}

/** Keeps what this phone just sent as an SMS, by SMS id (smsCopies). */
export function rememberSms(device: SenderDevice, id: string, payload: MessagePayload): void {
  copiesOf(smsCopies, device).set(id, payload);
}

/** The kind of this browser's device as the directory lists it ("phone" until registered). */
export function browserKind(view: SeatView, device: SenderDevice): string {
  const id = toHex(device.phone.deviceId);
  return view.devices.find((d) => d.deviceId === id)?.kind ?? 'phone';
}

/** A crew member's name, or the number itself. */
export function nameOf(view: SeatView, account: string): string {
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
export function smsBlocked(view: SeatView, device: SenderDevice, active: boolean): string | undefined {
  if (!active) return 'this browser is not a registered device of your account';
  if (browserKind(view, device) !== 'phone') return 'this browser is your laptop: the SIM is in your phone';
  if (!device.simKey(view)) return 'this phone has no SIM yet: the carrier has not provisioned one';
  return undefined;
}
