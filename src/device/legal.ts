/**
 * How a provider's client reads a legal document before complying: an informal
 * request is no process at all; a subpoena needs no judge; anything else needs a court
 * order whose signature, type, target and days check out (crypto `checkOrder`).
 * @module
 */
import { checkOrder } from '../crypto/index.ts';
import type { LegalDocument, SeatView } from '../game/index.ts';

/** What the provider's screen says about a document. */
export interface DocumentCheck {
  readonly lawful: boolean;
  readonly detail: string;
}

/** Checks a document served on this provider. */
export function checkDocument(view: SeatView, doc: LegalDocument): DocumentCheck {
  if (doc.informal)
    return { lawful: false, detail: 'an informal request: no order, no obligation — complying is unlawful' };
  if (doc.type === 'subpoena') return { lawful: true, detail: 'a subpoena: subscriber information needs no judge' };
  if (!doc.order || !view.courtPub) return { lawful: false, detail: 'no court order' };
  const check = checkOrder(doc.order, view.courtPub, { types: [doc.type], target: doc.target, day: view.day });
  return check.ok
    ? { lawful: true, detail: `court signature ✓, ${doc.type} on ${doc.target}, valid today` }
    : { lawful: false, detail: check.detail };
}

/** The investigator's workstation as the directory lists it (handovers are sealed to it). */
export function workstationOf(view: SeatView) {
  return view.devices.find((d) => d.account === 'investigator' && d.status === 'active');
}
