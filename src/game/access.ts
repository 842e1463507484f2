/**
 * Who sees what of each new item (game.md §3), decided when the item is stored:
 * the ends and the operator of its channel see the ciphertext; an investigator sees
 * it through a complied order or a device it controls; records orders give metadata.
 * @module
 */
import { anyBasis } from './legal.ts';
import { crewByAccount, deviceById, grant, seatOf } from './state.ts';
import type { DocumentType, GameState, LegalDocument, Provider, SeatId } from './types.ts';

/** A complied document of this type, served on `provider`, covering `target` today. */
function active(G: GameState, type: DocumentType, provider: Provider, target: string): LegalDocument | undefined {
  const doc = anyBasis(G, type, target, G.day);
  return doc && doc.provider === provider ? doc : undefined;
}

/** Access lists for a new secure message. */
export function messageAccess(
  G: GameState,
  from: SeatId,
  fromAccount: string,
  recipients: readonly string[],
  wrapDevices: readonly string[],
): { full: SeatId[]; meta: SeatId[] } {
  const full: SeatId[] = [from, seatOf(G, 'relay').id];
  const meta: SeatId[] = [];
  for (const account of recipients) {
    const seat = crewByAccount(G, account);
    if (seat) grant(full, seat.id);
  }
  const investigator = seatOf(G, 'investigator').id;
  for (const id of wrapDevices) {
    const device = deviceById(G, id);
    if (device) grant(full, device.controller);
  }
  for (const account of [fromAccount, ...recipients]) {
    if (active(G, 'wiretap-messenger', 'relay', account)) grant(full, investigator);
    if (active(G, 'pen-register', 'relay', account)) grant(meta, investigator);
  }
  return { full, meta };
}

/** Access lists for a new SMS. */
export function smsAccess(
  G: GameState,
  from: SeatId,
  fromLine: string,
  toLine: string,
): { full: SeatId[]; meta: SeatId[] } {
  const full: SeatId[] = [from, seatOf(G, 'carrier').id];
  const meta: SeatId[] = [];
  const investigator = seatOf(G, 'investigator').id;
  for (const line of [fromLine, toLine]) {
    if (active(G, 'wiretap-sms', 'carrier', line)) grant(full, investigator);
    if (active(G, 'pen-register', 'carrier', line)) grant(meta, investigator);
  }
  return { full, meta };
}
