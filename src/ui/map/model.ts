/**
 * The network map as data (ui.md, "Layout"): from one seat's view, the places on the map
 * — each crew member's devices grouped by account, the relay's cloud with its directory,
 * the carrier's tower, the investigator's office, the court — and the tokens that travel
 * between them along their real path (game.md §3): a secure message from the sending
 * device through the relay to each device it was wrapped to, an SMS from phone to tower
 * to phone, a backup from phone to relay, a handover from a provider to the investigator.
 *
 * Pure: only what the view holds. A ghost device is drawn only where the view tells this
 * seat it is one — the relay and the investigator see who added it and who holds its
 * keys; the crew sees it once it was exposed; the view already hides a hidden ghost from
 * its owner. Everyone else sees it as an ordinary device, as a real client would.
 * @module
 */
import { INVESTIGATOR_ACCOUNT, type SeatView } from '../../game/index.ts';
import type { DeviceView, MessageView, SmsView } from '../../game/view.ts';
import type { Party } from '../boards/kit.tsx';

/** The drawing's size in SVG user units (the SVG scales to its box). */
export const MAP_WIDTH = 720;
export const MAP_HEIGHT = 420;

/** A device as the map draws it. */
export interface MapDevice {
  readonly deviceId: string;
  readonly account: string;
  /** The crew member whose account lists it (name, or the number if unknown). */
  readonly ownerName: string;
  readonly kind: string;
  readonly day: number;
  readonly status: DeviceView['status'];
  /** Short fingerprint: the first 8 bytes of the device id, in groups. */
  readonly fingerprint: string;
  /** Drawn dashed: this seat knows it is a ghost. */
  readonly ghost: boolean;
  /** Why this seat knows it is a ghost, in words. */
  readonly ghostNote?: string;
  /** The seat that holds its keys, when the view says (relay, investigator, debrief). */
  readonly controller?: string;
}

/** A place on the map. */
export interface MapNode {
  /** "relay", "tower", "investigator", "court", "device:<id>", or "account:<number>". */
  readonly id: string;
  readonly kind: 'device' | 'account' | 'relay' | 'tower' | 'investigator' | 'court';
  readonly party: Party;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly device?: MapDevice;
}

/** A crew member's account: a box on the left holding its devices. */
export interface MapAccount {
  readonly account: string;
  readonly name: string;
  readonly seat?: string;
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** The account's anchor (used when a token's device is not known to this seat). */
  readonly anchor: MapNode;
  readonly devices: readonly MapNode[];
}

/** What kind of item a token is. */
export type TokenKind = 'message' | 'sms' | 'backup' | 'handover';

/** An item the opener is asked about. */
export interface ItemRef {
  readonly kind: TokenKind;
  readonly id: string;
}

/** The item behind a token, as this seat sees it. */
export type TokenItem =
  | { readonly kind: 'message'; readonly message: MessageView }
  | { readonly kind: 'sms'; readonly sms: SmsView }
  | { readonly kind: 'backup'; readonly backup: SeatView['backups'][number] }
  | { readonly kind: 'handover'; readonly handover: SeatView['handovers'][number] };

/** A device a secure message was wrapped to. */
export interface WrapTarget {
  readonly deviceId: string;
  readonly fingerprint: string;
  readonly account: string;
  /** "Bob's phone", "a ghost on Bob's account", … */
  readonly name: string;
  readonly ghost: boolean;
}

/** One item travelling on the map. */
export interface MapToken extends ItemRef {
  /** Unique on the map: "<kind>:<id>". */
  readonly key: string;
  readonly seq: number;
  readonly day: number;
  /** Bytes on the wire, where this seat knows it (tells two look-alike tokens apart). */
  readonly size?: number;
  /** The colour: the channel (secure, sms) or the party it goes to. */
  readonly party: Party;
  /** What it is: "Secure message", "SMS", "Data use", … */
  readonly what: string;
  /** Where it went: "Alice → Bob". */
  readonly path: string;
  /** One short line: "Secure message · Alice → Bob". */
  readonly title: string;
  /** How much of it this seat sees. */
  readonly access: 'full' | 'records' | 'data';
  /** Each route is a list of node ids, first to last: one per device it was wrapped to. */
  readonly routes: readonly (readonly string[])[];
  /** Header fields, in order. */
  readonly header: readonly { readonly label: string; readonly value: string }[];
  /** The ciphertext this seat holds, hop by hop. */
  readonly ciphertexts: readonly { readonly label: string; readonly hex: string }[];
  /** Secure messages this seat sees whole: the devices it was wrapped to (those this seat knows of). */
  readonly wrappedTo?: readonly WrapTarget[];
  readonly item: TokenItem;
}

/** The whole map for one seat. */
export interface NetworkModel {
  readonly accounts: readonly MapAccount[];
  /** Relay, tower, investigator, court. */
  readonly hubs: readonly MapNode[];
  /** Every node, by id (hubs, anchors, devices). */
  readonly nodes: ReadonlyMap<string, MapNode>;
  /** Oldest first. */
  readonly tokens: readonly MapToken[];
}

/** A short device fingerprint: the first 8 bytes of its id, in groups of four hex digits. */
export function fingerprint(deviceId: string): string {
  return (
    deviceId
      .slice(0, 16)
      .replace(/(.{4})/g, '$1 ')
      .trim() + (deviceId.length > 16 ? ' …' : '')
  );
}

/** The crew member whose number this is, or the number itself. */
export function nameOf(view: SeatView, account: string): string {
  if (account === INVESTIGATOR_ACCOUNT) return 'the investigator';
  return Object.values(view.seats).find((s) => s.account === account)?.name ?? account;
}

/** A seat's name, or "someone". */
export function seatName(view: SeatView, seat: string | undefined): string {
  return (seat !== undefined ? view.seats[seat]?.name : undefined) ?? 'someone';
}

/** A document's short number, as cards show it. */
export function docNumber(id: string): string {
  return `#${id.slice(0, 6)}`;
}

function named(what: string, path: string): { what: string; path: string; title: string } {
  return { what, path, title: `${what} · ${path}` };
}

/** Whether this seat knows the device is a ghost, and how. */
function ghostOf(view: SeatView, d: DeviceView): { ghost: boolean; note?: string } {
  if (d.addedBy === 'relay' || (d.controller !== undefined && d.controller !== d.owner)) {
    const holder = d.controller !== undefined ? ` Its keys are held by ${seatName(view, d.controller)}.` : '';
    const hidden = d.hiddenFromOwner ? ' Hidden from the owner’s device list.' : '';
    return { ghost: true, note: `Added by the relay, not by the owner.${holder}${hidden}` };
  }
  if (d.discoveredDay !== undefined) return { ghost: true, note: `Exposed as a ghost on day ${d.discoveredDay}.` };
  return { ghost: false };
}

function mapDevice(view: SeatView, d: DeviceView): MapDevice {
  const g = ghostOf(view, d);
  return {
    deviceId: d.deviceId,
    account: d.account,
    ownerName: nameOf(view, d.account),
    kind: d.kind,
    day: d.day,
    status: d.status,
    fingerprint: fingerprint(d.deviceId),
    ghost: g.ghost,
    ...(g.note !== undefined ? { ghostNote: g.note } : {}),
    ...(d.controller !== undefined ? { controller: d.controller } : {}),
  };
}

/** Where the hubs stand: relay top centre, tower bottom centre, investigator and court on the right (ui.md). */
const HUBS: readonly MapNode[] = [
  { id: 'relay', kind: 'relay', party: 'relay', label: 'relay (directory)', x: 420, y: 70 },
  { id: 'tower', kind: 'tower', party: 'carrier', label: 'carrier tower', x: 420, y: 350 },
  { id: 'investigator', kind: 'investigator', party: 'investigator', label: 'investigator', x: 640, y: 130 },
  { id: 'court', kind: 'court', party: 'court', label: 'court', x: 640, y: 300 },
];

/** The crew's accounts on the left, each with its devices in a row. */
function layoutAccounts(view: SeatView): MapAccount[] {
  const crew = Object.values(view.seats).filter((s) => s.account !== undefined);
  const numbers = new Set<string>(crew.map((s) => s.account as string));
  for (const d of view.devices) if (d.account !== INVESTIGATOR_ACCOUNT) numbers.add(d.account);
  const list = [...numbers];
  const top = 16;
  const band = (MAP_HEIGHT - 2 * top) / Math.max(list.length, 1);
  return list.map((account, i) => {
    const seat = crew.find((s) => s.account === account);
    const y = top + i * band;
    const box = { x: 12, y: y + 4, width: 248, height: band - 8 };
    const mid = y + band / 2 + 8;
    const anchor: MapNode = {
      id: `account:${account}`,
      kind: 'account',
      party: 'crew',
      label: nameOf(view, account),
      x: box.x + box.width - 8,
      y: mid,
    };
    const own = view.devices.filter((d) => d.account === account);
    const step = Math.min(64, 200 / Math.max(own.length, 1));
    const devices = own.map<MapNode>((d, j) => {
      const device = mapDevice(view, d);
      return {
        id: `device:${d.deviceId}`,
        kind: 'device',
        party: 'crew',
        label: `${device.ghost ? 'ghost' : d.kind} ${d.deviceId.slice(0, 4)}`,
        x: box.x + 36 + j * step,
        y: mid,
        device,
      };
    });
    return { account, name: nameOf(view, account), ...(seat ? { seat: seat.id } : {}), box, anchor, devices };
  });
}

/** The node a crew account's items start from: this device if known, else the account's phone, else its box. */
function deviceNode(model: Pick<NetworkModel, 'nodes'>, account: string, deviceId?: string): string {
  if (deviceId !== undefined && model.nodes.has(`device:${deviceId}`)) return `device:${deviceId}`;
  return `account:${account}`;
}

/** The phone that holds a line's SIM: the latest provisioned device, else the account's active phone. */
function phoneOf(view: SeatView, nodes: ReadonlyMap<string, MapNode>, line: string): string {
  const sim = view.sims.filter((p) => p.line === line).at(-1);
  if (sim && nodes.has(`device:${sim.sealed.toDevice}`)) return `device:${sim.sealed.toDevice}`;
  const phone = view.devices.find((d) => d.account === line && d.kind === 'phone' && d.status === 'active');
  return phone ? `device:${phone.deviceId}` : `account:${line}`;
}

function wrapTarget(view: SeatView, nodes: ReadonlyMap<string, MapNode>, account: string, id: string): WrapTarget {
  const d = nodes.get(`device:${id}`)?.device;
  const owner = nameOf(view, account);
  const name = d?.ghost ? `a ghost device on ${owner}’s account` : `${owner}’s ${d?.kind ?? 'device'}`;
  return { deviceId: id, fingerprint: fingerprint(id), account, name, ghost: d?.ghost === true };
}

function messageToken(view: SeatView, nodes: ReadonlyMap<string, MapNode>, m: MessageView): MapToken {
  const base = { kind: 'message' as const, seq: m.seq, day: m.day, size: m.size, party: 'secure' as const };
  const item = { kind: 'message' as const, message: m };
  const e = m.envelope;
  if (e) {
    const from = deviceNode({ nodes }, e.fromAccount, e.fromDevice);
    // Only devices this seat knows of: a hidden ghost stays off its owner's map (ui.md).
    const known = e.wraps.filter((w) => nodes.has(`device:${w.device}`));
    const routes = known.length > 0 ? known.map((w) => [from, 'relay', `device:${w.device}`]) : [[from, 'relay']];
    const to = e.recipients.map((r) => nameOf(view, r)).join(', ');
    return {
      ...base,
      id: e.id,
      key: `message:${e.id}`,
      ...named('Secure message', `${nameOf(view, e.fromAccount)} → ${to}`),
      access: 'full',
      routes,
      header: [
        {
          label: 'From',
          value: `${nameOf(view, e.fromAccount)} (${e.fromAccount}), device ${fingerprint(e.fromDevice)}`,
        },
        { label: 'To', value: e.recipients.map((r) => `${nameOf(view, r)} (${r})`).join(', ') },
        { label: 'Day', value: String(e.day) },
        { label: 'Size', value: `${m.size} bytes` },
        { label: 'Message id', value: e.id },
      ],
      ciphertexts: [{ label: 'Sealed body', hex: e.body }],
      wrappedTo: known.map((w) => wrapTarget(view, nodes, w.account, w.device)),
      item,
    };
  }
  if (m.id !== undefined && m.fromAccount !== undefined) {
    const from = m.fromAccount;
    const recipients = m.recipients ?? [];
    return {
      ...base,
      id: m.id,
      key: `message:${m.id}`,
      ...named(
        'Secure message (records)',
        `${nameOf(view, from)} → ${recipients.map((r) => nameOf(view, r)).join(', ')}`,
      ),
      access: 'records',
      routes: recipients.length > 0 ? recipients.map((r) => [`account:${from}`, 'relay', `account:${r}`]) : [],
      header: [
        { label: 'From', value: `${nameOf(view, from)} (${from})` },
        { label: 'To', value: recipients.map((r) => `${nameOf(view, r)} (${r})`).join(', ') },
        { label: 'Day', value: String(m.day) },
        { label: 'Size', value: `${m.size} bytes` },
        { label: 'What you hold', value: 'records only: who, when, how big' },
      ],
      ciphertexts: [],
      item,
    };
  }
  // The carrier's view of the messenger: a phone used data, through the tower, to the relay.
  const from = m.dataFrom ?? '';
  return {
    ...base,
    id: `data-${m.seq}`,
    key: `message:data-${m.seq}`,
    ...named('Data use', `${nameOf(view, from)}’s phone → relay`),
    access: 'data',
    routes: [[phoneOf(view, nodes, from), 'tower', 'relay']],
    header: [
      { label: 'Phone', value: `${nameOf(view, from)} (${from})` },
      { label: 'Day', value: String(m.day) },
      { label: 'Size', value: `${m.size} bytes` },
      { label: 'What you hold', value: 'only that this phone used data' },
    ],
    ciphertexts: [],
    item,
  };
}

function smsToken(view: SeatView, nodes: ReadonlyMap<string, MapNode>, s: SmsView): MapToken {
  const ciphertexts = [
    ...(s.uplink ? [{ label: 'Uplink: phone → tower (sender’s SIM key)', hex: s.uplink.body }] : []),
    ...(s.downlink ? [{ label: 'Downlink: tower → phone (recipient’s SIM key)', hex: s.downlink.body }] : []),
  ];
  return {
    kind: 'sms',
    id: s.id,
    key: `sms:${s.id}`,
    seq: s.seq,
    day: s.day,
    size: s.size,
    party: 'sms',
    ...named('SMS', `${nameOf(view, s.fromLine)} → ${nameOf(view, s.toLine)}`),
    access: s.uplink ? 'full' : 'records',
    routes: [
      [phoneOf(view, nodes, s.fromLine), 'tower', ...(s.downlink || !s.uplink ? [phoneOf(view, nodes, s.toLine)] : [])],
    ],
    header: [
      { label: 'From line', value: `${nameOf(view, s.fromLine)} (${s.fromLine})` },
      { label: 'To line', value: `${nameOf(view, s.toLine)} (${s.toLine})` },
      { label: 'Day', value: String(s.day) },
      { label: 'Size', value: `${s.size} bytes` },
      {
        label: 'Delivered',
        value: s.downlink ? 'yes: the switch re-encrypted it' : s.uplink ? 'waiting at the switch' : 'unknown',
      },
      { label: 'SMS id', value: s.id },
    ],
    ciphertexts,
    item: { kind: 'sms', sms: s },
  };
}

function backupToken(view: SeatView, nodes: ReadonlyMap<string, MapNode>, b: SeatView['backups'][number]): MapToken {
  const k = b.backup;
  return {
    kind: 'backup',
    id: k.id,
    key: `backup:${k.id}`,
    seq: b.seq,
    day: k.day,
    party: 'relay',
    ...named('Backup', `${nameOf(view, k.account)}’s phone → relay`),
    access: 'full',
    routes: [[deviceNode({ nodes }, k.account, k.device), 'relay']],
    header: [
      { label: 'Account', value: `${nameOf(view, k.account)} (${k.account})` },
      { label: 'Device', value: fingerprint(k.device) },
      { label: 'Day', value: String(k.day) },
      { label: 'Backup id', value: k.id },
    ],
    ciphertexts: [{ label: 'Backup body', hex: k.body }],
    item: { kind: 'backup', backup: b },
  };
}

const HANDOVER_KIND: Record<string, string> = {
  'sim-key': 'SIM key',
  'backup-key': 'backup key',
  'device-key': 'device key',
};

function handoverToken(
  view: SeatView,
  nodes: ReadonlyMap<string, MapNode>,
  h: SeatView['handovers'][number],
): MapToken {
  const role = view.seats[h.from]?.role;
  const account = view.seats[h.from]?.account;
  const from =
    role === 'carrier'
      ? 'tower'
      : role === 'relay'
        ? 'relay'
        : account !== undefined
          ? deviceNode({ nodes }, account, h.handover.kind === 'device-key' ? h.handover.subject : undefined)
          : 'relay';
  const what = HANDOVER_KIND[h.handover.kind] ?? h.handover.kind;
  const subject =
    h.handover.kind === 'device-key' ? `device ${fingerprint(h.handover.subject)}` : nameOf(view, h.handover.subject);
  return {
    kind: 'handover',
    id: `${h.documentId}:${h.seq}`,
    key: `handover:${h.documentId}:${h.seq}`,
    seq: h.seq,
    day: view.documents.find((d) => d.id === h.documentId)?.decidedDay ?? view.day,
    party: 'investigator',
    ...named(`Handover of the ${what}`, `${subject}: ${seatName(view, h.from)} → ${seatName(view, h.to)}`),
    access: 'full',
    routes: [[from, 'investigator']],
    header: [
      { label: 'What', value: `the ${what} of ${subject}` },
      { label: 'From', value: seatName(view, h.from) },
      { label: 'Sealed to', value: `${seatName(view, h.to)}’s workstation ${fingerprint(h.handover.toDevice)}` },
      { label: 'Answers', value: `document ${docNumber(h.documentId)}` },
    ],
    ciphertexts: [{ label: 'Sealed key', hex: h.handover.ct }],
    item: { kind: 'handover', handover: h },
  };
}

/**
 * The map for one seat: places and tokens, from its view only.
 * @param view - the seat's view (`debrief: true` after the game: everything)
 */
export function buildNetwork(view: SeatView): NetworkModel {
  const accounts = layoutAccounts(view);
  const nodes = new Map<string, MapNode>();
  for (const h of HUBS) nodes.set(h.id, h);
  for (const a of accounts) {
    nodes.set(a.anchor.id, a.anchor);
    for (const d of a.devices) nodes.set(d.id, d);
  }
  const tokens: MapToken[] = [
    ...view.messages.map((m) => messageToken(view, nodes, m)),
    ...view.sms.map((s) => smsToken(view, nodes, s)),
    ...view.backups.map((b) => backupToken(view, nodes, b)),
    ...view.handovers.map((h) => handoverToken(view, nodes, h)),
  ].sort((a, b) => a.seq - b.seq);
  return { accounts, hubs: HUBS, nodes, tokens };
}

/** Someone who can read an item, and with which key. */
export interface Reader {
  readonly who: string;
  readonly party: Party;
  readonly key: string;
}

/** Someone who holds the item but not a key to it. */
export interface Blocked {
  readonly who: string;
  readonly party: Party;
  readonly why: string;
}

/** Who can read an item and with which key; who cannot and why. Complete only in the debrief. */
export interface Access {
  readonly readers: readonly Reader[];
  readonly blocked: readonly Blocked[];
  /** True in the debrief: every party's access is known. */
  readonly complete: boolean;
}

function handoverFor(view: SeatView, kind: string, subject: string, before = Number.POSITIVE_INFINITY) {
  return view.handovers.find((h) => h.handover.kind === kind && h.handover.subject === subject && h.seq < before);
}

function messageAccess(view: SeatView, token: MapToken, m: MessageView): Access {
  const readers: Reader[] = [];
  const e = m.envelope;
  const blocked: Blocked[] = [
    { who: 'the relay', party: 'relay', why: 'it carries only the ciphertext; the content key is wrapped to devices' },
    { who: 'the carrier', party: 'carrier', why: 'it sees only that a phone used data' },
  ];
  if (!e) return { readers, blocked, complete: view.debrief };
  readers.push({
    who: nameOf(view, e.fromAccount),
    party: 'crew',
    key: 'wrote it: the content key was made on the sending phone',
  });
  const devices = new Map(view.devices.map((d) => [d.deviceId, d]));
  for (const w of e.wraps) {
    const d = devices.get(w.device);
    if (!d) continue;
    const fp = fingerprint(w.device);
    if (d.controller !== undefined && d.controller !== d.owner) {
      readers.push({
        who: seatName(view, d.controller),
        party: 'investigator',
        key: `the private key of the ghost device ${fp} on ${nameOf(view, w.account)}’s account`,
      });
    } else {
      readers.push({
        who: nameOf(view, w.account),
        party: 'crew',
        key: `the private key of their ${d.kind} ${fp}`,
      });
    }
    const seized = handoverFor(view, 'device-key', w.device);
    if (seized) {
      readers.push({
        who: seatName(view, seized.to),
        party: 'investigator',
        key: `the key of the seized ${d.kind} ${fp}, extracted under warrant ${docNumber(seized.documentId)}`,
      });
    }
  }
  for (const p of view.proofs) {
    if (p.item.kind === 'message' && p.item.id === token.id && p.accepted) {
      readers.push({
        who: 'the referee',
        party: 'court',
        key: `the ${p.keyKind} key ${seatName(view, p.by)} handed in as ${p.purpose === 'receipt' ? 'proof of receipt' : 'evidence'}`,
      });
    }
  }
  return { readers, blocked, complete: view.debrief };
}

function smsAccess(view: SeatView, s: SmsView): Access {
  const carrier = Object.values(view.seats).find((x) => x.role === 'carrier')?.name ?? 'the carrier';
  const readers: Reader[] = [
    { who: nameOf(view, s.fromLine), party: 'crew', key: `the SIM key of line ${s.fromLine} (uplink)` },
    { who: nameOf(view, s.toLine), party: 'crew', key: `the SIM key of line ${s.toLine} (downlink)` },
    {
      who: carrier,
      party: 'carrier',
      key: 'its copy of both SIM keys: the switch decrypts and re-encrypts every SMS',
    },
  ];
  for (const line of [s.fromLine, s.toLine]) {
    const tap = handoverFor(view, 'sim-key', line, s.seq);
    if (tap) {
      readers.push({
        who: seatName(view, tap.to),
        party: 'investigator',
        key: `the SIM key of line ${line}, handed over under order ${docNumber(tap.documentId)}`,
      });
    }
  }
  const blocked: Blocked[] = [{ who: 'the relay', party: 'relay', why: 'an SMS never passes through it' }];
  return { readers, blocked, complete: view.debrief };
}

function backupAccess(view: SeatView, b: SeatView['backups'][number]): Access {
  const account = b.backup.account;
  const mode = view.backupMode[b.owner];
  const readers: Reader[] = [
    {
      who: nameOf(view, account),
      party: 'crew',
      key: mode === 'device' ? 'the backup key kept only on their phone' : 'the backup key',
    },
  ];
  const blocked: Blocked[] = [];
  if (mode === 'escrowed') {
    readers.push({ who: 'the relay', party: 'relay', key: 'the escrowed backup key it keeps for the account' });
  } else if (mode === 'device') {
    blocked.push({ who: 'the relay', party: 'relay', why: 'the backup key never left the phone' });
  }
  const warrant = handoverFor(view, 'backup-key', account);
  if (warrant) {
    readers.push({
      who: seatName(view, warrant.to),
      party: 'investigator',
      key: `the backup key handed over under warrant ${docNumber(warrant.documentId)}`,
    });
  }
  return { readers, blocked, complete: view.debrief };
}

function handoverAccess(view: SeatView, h: SeatView['handovers'][number]): Access {
  const readers: Reader[] = [
    {
      who: seatName(view, h.to),
      party: 'investigator',
      key: `its workstation’s private key (${fingerprint(h.handover.toDevice)})`,
    },
  ];
  const blocked: Blocked[] = [
    { who: 'everyone else', party: 'court', why: 'it is sealed to one device: the investigator’s workstation' },
  ];
  const fromRole = view.seats[h.from]?.role;
  const from = fromRole === 'sender' ? 'seized phone' : fromRole === 'carrier' ? 'carrier' : 'relay';
  readers.push({
    who: seatName(view, h.from),
    party: fromRole === 'carrier' ? 'carrier' : fromRole === 'relay' ? 'relay' : 'crew',
    key: `no key needed: the ${from} already held the secret it sealed`,
  });
  return { readers, blocked, complete: view.debrief };
}

/**
 * Who can read a token's item, and with which key, as far as this seat can know (all of
 * it in the debrief: recipients' devices, a ghost's controller, the carrier for SMS, the
 * investigator if it held the SIM key, the backup key or a device key).
 * @param view - the seat's view
 * @param token - a token from {@link buildNetwork}
 */
export function accessOf(view: SeatView, token: MapToken): Access {
  const item = token.item;
  if (item.kind === 'message') return messageAccess(view, token, item.message);
  if (item.kind === 'sms') return smsAccess(view, item.sms);
  if (item.kind === 'backup') return backupAccess(view, item.backup);
  return handoverAccess(view, item.handover);
}

/** The people and places on the map, in one or two sentences (the SVG's accessible description). */
export function describeNetwork(view: SeatView, model: NetworkModel): string {
  const crew = model.accounts.map((a) => {
    const ghosts = a.devices.filter((d) => d.device?.ghost).length;
    const n = a.devices.length;
    return `${a.name} (${n} device${n === 1 ? '' : 's'}${ghosts > 0 ? `, ${ghosts} ghost${ghosts === 1 ? '' : 's'}` : ''})`;
  });
  const count = (kind: TokenKind) => model.tokens.filter((t) => t.kind === kind).length;
  const parts = [
    `${count('message')} secure message${count('message') === 1 ? '' : 's'}`,
    `${count('sms')} SMS`,
    `${count('backup')} backup${count('backup') === 1 ? '' : 's'}`,
    `${count('handover')} handover${count('handover') === 1 ? '' : 's'}`,
  ];
  return (
    `Crew devices on the left: ${crew.join(', ') || 'none yet'}. ` +
    'The relay’s cloud with the directory at the top, the carrier’s tower at the bottom, ' +
    'the investigator’s office and the court on the right. ' +
    `${view.debrief ? 'Everything that travelled' : 'What you can see travel'}: ${parts.join(', ')}.`
  );
}
