/**
 * The lock on each map token, for this viewer (ui.md, "Locks"): whether this browser's
 * device opens the item and with which key, in words. Only the seat's own device decides,
 * with the keys it really holds: a crew phone opens what was wrapped to it or sent to its
 * SIM; the carrier's switch opens every SMS with the SIM keys it keeps (hop-by-hop
 * encryption, game.md §3); the relay opens no content — it carries ciphertext; the
 * investigator's workstation opens what a handed-over key or a ghost's key opens; the
 * court sees only what a proof made public.
 * @module
 */
import type { MessagePayload } from '../../crypto/index.ts';
import type { KeyKind, SeatView } from '../../game/index.ts';
import type { SeatDevice } from '../useSeatDevice.ts';
import { docNumber, fingerprint, type ItemRef, nameOf, seatName } from './model.ts';

/** Whether this viewer opens an item, why (in words), and the plaintext when it opened. */
export interface Opening {
  readonly open: boolean;
  readonly reason: string;
  readonly text?: string;
}

/** Asks about one item: a message, an SMS, a backup or a handover, by kind and id. */
export type Opener = (item: ItemRef) => Opening;

function textOf(p: MessagePayload): string {
  return p.plan ? `${p.text}\nPlan: ${p.plan.place}, ${p.plan.time}` : p.text;
}

const KEY_WORDS: Record<KeyKind, string> = {
  content: 'content key',
  hop: 'SMS hop key',
  device: 'device key',
  sim: 'SIM key',
  backup: 'backup key',
};

const closed = (reason: string): Opening => ({ open: false, reason });

/** A proof this viewer sees with its plaintext: the prover's own, or evidence for the court. */
function proved(view: SeatView, item: ItemRef): Opening | undefined {
  const proof = view.proofs.find(
    (p) => p.item.kind === item.kind && p.item.id === item.id && p.accepted && p.plaintext !== undefined,
  );
  if (!proof || proof.plaintext === undefined) return undefined;
  return {
    open: true,
    reason: `shown by the ${KEY_WORDS[proof.keyKind]} ${seatName(view, proof.by)} handed in as ${
      proof.purpose === 'receipt' ? 'proof of receipt' : 'evidence'
    } on day ${proof.day}`,
    text: proof.plaintext,
  };
}

function senderOpener(view: SeatView, phone: NonNullable<SeatDevice['sender']>): Opener {
  const inbox = new Map(phone.inbox(view).map((i) => [`${i.kind}:${i.id}`, i]));
  return (item) => {
    const got = inbox.get(`${item.kind}:${item.id}`);
    if (got) {
      return {
        open: true,
        reason: got.kind === 'message' ? 'opened with your phone’s key' : 'opened with your SIM key',
        text: textOf(got.payload),
      };
    }
    if (item.kind === 'message') {
      const e = view.messages.find((m) => m.envelope?.id === item.id)?.envelope;
      if (e?.fromAccount === phone.account)
        return { open: true, reason: 'you wrote it: its content key stayed on your phone' };
      if (e?.recipients.includes(phone.account)) return closed('not wrapped to this phone (sent before it was added)');
      return closed('not wrapped to any of your devices');
    }
    if (item.kind === 'sms') {
      const s = view.sms.find((x) => x.id === item.id);
      if (s?.fromLine === phone.account) return { open: true, reason: 'you wrote it: sealed with your SIM key' };
      if (s && !s.downlink) return closed('still at the carrier’s switch: not yet re-encrypted for you');
      return closed('your SIM key does not open it');
    }
    if (item.kind === 'backup') {
      const b = view.backups.find((x) => x.backup.id === item.id);
      if (b?.owner === view.you) return { open: true, reason: 'your own backup: made on your phone' };
      return closed('you do not hold its backup key');
    }
    return closed('sealed to the investigator’s workstation: only it opens it');
  };
}

function carrierOpener(view: SeatView, carrier: NonNullable<SeatDevice['carrier']>): Opener {
  const read = new Map(carrier.read(view).map((s) => [s.id, s]));
  return (item) => {
    if (item.kind === 'sms') {
      const s = read.get(item.id);
      if (s) {
        // Hop-by-hop: the network keeps each subscriber's SIM key (game.md §3; CALEA, 47 U.S.C. 1002).
        return {
          open: true,
          reason: `opened with ${nameOf(view, s.fromLine)}’s SIM key, which the carrier keeps`,
          text: textOf(s.payload),
        };
      }
      return closed('this switch holds no SIM key for it');
    }
    if (item.kind === 'message') return closed('end to end: you see only that a phone used data');
    if (item.kind === 'backup') return closed('stored by the relay: it never reaches you');
    return closed('sealed to the investigator’s workstation (your own copy of the key stays with you)');
  };
}

function relayOpener(view: SeatView): Opener {
  return (item) => {
    if (item.kind === 'message') {
      return closed('end to end: you carry only ciphertext; the content key is wrapped to the devices');
    }
    if (item.kind === 'backup') {
      const b = view.backups.find((x) => x.backup.id === item.id);
      const escrowed = b !== undefined && view.backupMode[b.owner] === 'escrowed';
      return closed(
        escrowed
          ? 'you store it as ciphertext (you do keep its escrowed key, but your desk does not open backups)'
          : 'you store it as ciphertext; the backup key never left the phone',
      );
    }
    if (item.kind === 'sms') return closed('an SMS never passes through the relay');
    return closed('sealed to the investigator’s workstation');
  };
}

function investigatorOpener(view: SeatView, workstation: NonNullable<SeatDevice['workstation']>): Opener {
  const readable = workstation.readable(view);
  const byItem = new Map(readable.map((r) => [`${r.proof.item.kind}:${r.proof.item.id}`, r]));
  return (item) => {
    if (item.kind === 'handover') {
      const h = view.handovers.find((x) => `${x.documentId}:${x.seq}` === item.id);
      if (h?.to === view.you) return { open: true, reason: 'sealed to your workstation: opened with its key' };
      return closed('sealed to another device');
    }
    const r = byItem.get(`${item.kind}:${item.id}`);
    if (r) {
      const p = r.proof;
      if (p.keyKind === 'device' && p.deviceId !== undefined) {
        const d = view.devices.find((x) => x.deviceId === p.deviceId);
        const seized = view.handovers.find(
          (h) => h.handover.kind === 'device-key' && h.handover.subject === p.deviceId,
        );
        const reason = seized
          ? `opened with the key of the seized phone ${fingerprint(p.deviceId)}, handed over under warrant ${docNumber(seized.documentId)}`
          : `opened with your ghost device’s key (${fingerprint(p.deviceId)} on ${nameOf(view, d?.account ?? '')}’s account)`;
        return { open: true, reason, text: r.text };
      }
      const kind = p.keyKind === 'sim' ? 'sim-key' : 'backup-key';
      const subject = p.keyKind === 'sim' ? p.line : view.backups.find((b) => b.backup.id === item.id)?.backup.account;
      const h = view.handovers.find((x) => x.handover.kind === kind && x.handover.subject === subject);
      const under = h
        ? ` handed over under ${p.keyKind === 'sim' ? 'order' : 'warrant'} ${docNumber(h.documentId)}`
        : '';
      return { open: true, reason: `opened with the ${KEY_WORDS[p.keyKind]}${under}`, text: r.text };
    }
    if (item.kind === 'message') {
      const m = view.messages.find((x) => x.envelope?.id === item.id || x.id === item.id);
      return closed(
        m?.envelope
          ? 'a copy of the ciphertext: wrapped only to devices whose keys you do not hold'
          : 'records only: who, when, how big',
      );
    }
    if (item.kind === 'sms') {
      const s = view.sms.find((x) => x.id === item.id);
      return closed(s?.uplink ? 'you hold no SIM key for these lines' : 'records only: who, when, how big');
    }
    return closed('you hold no backup key for this account');
  };
}

function judgeOpener(): Opener {
  return () => closed('the court sees only what is filed as evidence');
}

/**
 * The opener for this viewer: asks the seat's own device, never anything it does not hold.
 * @param view - the seat's view
 * @param devices - the seat's devices in this browser (from `useSeatDevice`)
 */
export function openerFor(view: SeatView, devices: SeatDevice): Opener {
  let own: Opener = () => closed('this browser holds no key for it');
  if (view.role === 'sender' && devices.sender) own = senderOpener(view, devices.sender);
  else if (view.role === 'carrier' && devices.carrier) own = carrierOpener(view, devices.carrier);
  else if (view.role === 'relay') own = relayOpener(view);
  else if (view.role === 'investigator' && devices.workstation) own = investigatorOpener(view, devices.workstation);
  else if (view.role === 'judge') own = judgeOpener();
  return (item) => {
    const result = own(item);
    if (result.open && result.text !== undefined) return result;
    return proved(view, item) ?? result;
  };
}
