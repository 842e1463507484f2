/**
 * How the map names things: a device by its fingerprint, a crew member by account, a seat,
 * a document by number, and the title of a place or path.
 * @module
 */
import { INVESTIGATOR_ACCOUNT, type SeatView } from '../../game/index.ts';

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

export function named(what: string, path: string): { what: string; path: string; title: string } {
  return { what, path, title: `${what} · ${path}` };
}
