/**
 * The tokens on the network map (model.ts): each secure message, SMS, backup and handover
 * as it travels its real path (game.md §3), from the sending device through the relay or
 * the tower to where it lands, with what it carries and who may read it.
 * @module
 */
import type { SeatView } from '../../game/index.ts';
import type { MessageView, SmsView } from '../../game/view.ts';
import type { MapNode, MapToken, NetworkModel, WrapTarget } from './model.ts';
import { docNumber, fingerprint, named, nameOf, seatName } from './names.ts';

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

export function messageToken(view: SeatView, nodes: ReadonlyMap<string, MapNode>, m: MessageView): MapToken {
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

export function smsToken(view: SeatView, nodes: ReadonlyMap<string, MapNode>, s: SmsView): MapToken {
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

export function backupToken(
  view: SeatView,
  nodes: ReadonlyMap<string, MapNode>,
  b: SeatView['backups'][number],
): MapToken {
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

export function handoverToken(
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
