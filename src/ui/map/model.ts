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
 *
 * The tokens are built in tokens.ts, who can read each in access.ts, names in names.ts.
 * @module
 */
import { INVESTIGATOR_ACCOUNT, type SeatView } from '../../game/index.ts';
import type { DeviceView, MessageView, SmsView } from '../../game/view.ts';
import type { Party } from '../boards/kit.tsx';
import { fingerprint, nameOf, seatName } from './names.ts';
import { backupToken, handoverToken, messageToken, smsToken } from './tokens.ts';

export { type Access, accessOf, type Blocked, type Reader } from './access.ts';
export { docNumber, fingerprint, nameOf, seatName } from './names.ts';

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
