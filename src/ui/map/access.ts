/**
 * Who can read a token on the map, and with which key — or why not (model.ts): the
 * wrapped devices of a secure message, the SIM keys of an SMS, the backup key, a handover's
 * recipient.
 * @module
 */
import type { SeatView } from '../../game/index.ts';
import type { MessageView, SmsView } from '../../game/view.ts';
import type { Party } from '../boards/kit.tsx';
import type { MapToken } from './model.ts';
import { docNumber, fingerprint, nameOf, seatName } from './names.ts';

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
