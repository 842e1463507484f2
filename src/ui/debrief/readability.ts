/**
 * The debrief's readability matrix (ui.md "Debrief"; game.md §9): for every secure
 * message, SMS and backup, and for every party at the table, whether that party could
 * read it and why. It is computed from the whole record the debrief view holds, by the
 * facts the referee and the devices use:
 *
 * - a secure message opens only on the devices it was wrapped to (each wrap names a
 *   device; the directory names the seat whose client holds its keys — for a ghost,
 *   the investigator), and for its writer; the relay carries ciphertext only and the
 *   carrier sees only that a phone used data (end-to-end encryption; CALEA,
 *   47 U.S.C. 1002(b)(3): no duty to decrypt without the key);
 * - an SMS opens for the carrier, which keeps every SIM key (3GPP TS 33.102: the radio
 *   link is encrypted hop by hop), for the two ends, and for the investigator if it
 *   held the line's SIM key when the SMS went by (a complied wiretap, 18 U.S.C. 2518);
 * - a backup opens for its owner, for the relay when the key is escrowed, and for the
 *   investigator when a backup warrant (18 U.S.C. 2703(a)) handed over the escrowed key;
 * - a seized phone, once forensically unlocked, gives the investigator the messages
 *   wrapped to it (Riley v. California, 573 U.S. 373 (2014)).
 *
 * The referee's verdicts on proofs are laid over the result, so the matrix never
 * disagrees with what the referee decided: an item accepted as proof is open for the
 * seat that proved it. Pure: no React, no crypto, no private key.
 * @module
 */
import type { BackupRecord, LegalDocument, ProofRecord, Role, Seat, SeatId, SeatView } from '../../game/index.ts';

/** The three kinds of item the matrix has a row for. */
export type ItemKind = 'message' | 'sms' | 'backup';

/** One column: a seat at the table. */
export interface MatrixParty {
  readonly seat: SeatId;
  readonly role: Role;
  readonly name: string;
}

/** One cell: could this party read this item, and why. */
export interface Cell {
  readonly open: boolean;
  readonly reason: string;
  /** The referee's verdict on a proof this party filed about this item, if any. */
  readonly verdict?: 'accepted' | 'refused';
}

/** One row: a message, an SMS or a backup, with a cell per party (by seat id). */
export interface MatrixRow {
  readonly kind: ItemKind;
  readonly id: string;
  readonly seq: number;
  readonly day: number;
  /** Who sent it (or whose backup it is), by name. */
  readonly from: string;
  /** Who it was sent to, by name (empty for a backup). */
  readonly to: readonly string[];
  /** An accepted proof showed that it carried the plan's place and/or time. */
  readonly carriedPlan: boolean;
  readonly cells: Readonly<Record<SeatId, Cell>>;
}

/** The whole matrix: columns and rows. */
export interface ReadabilityMatrix {
  readonly parties: readonly MatrixParty[];
  readonly rows: readonly MatrixRow[];
}

const ROLE_ORDER: readonly Role[] = ['sender', 'carrier', 'relay', 'investigator', 'judge'];

/** The columns: the crew in seat order, then carrier, relay, investigator, judge. */
export function matrixParties(view: SeatView): MatrixParty[] {
  const seats = Object.values(view.seats).sort((a, b) => Number(a.id) - Number(b.id));
  return ROLE_ORDER.flatMap((role) =>
    seats.filter((s) => s.role === role).map((s) => ({ seat: s.id, role: s.role, name: s.name })),
  );
}

/** The crew seat whose phone number (account and line) this is. */
function crewOf(view: SeatView, account: string): Seat | undefined {
  return Object.values(view.seats).find((s) => s.role === 'sender' && s.account === account);
}

/** The name behind a phone number, or the number itself. */
export function nameOf(view: SeatView, account: string): string {
  return crewOf(view, account)?.name ?? account;
}

function seatName(view: SeatView, seat: SeatId): string {
  return view.seats[seat]?.name ?? seat;
}

function seatOfRole(view: SeatView, role: Exclude<Role, 'sender'>): SeatId | undefined {
  return Object.values(view.seats).find((s) => s.role === role)?.id;
}

/** The seat whose client holds a device's keys: the investigator for a ghost (the debrief shows it). */
function controllerOf(d: { owner: SeatId; controller?: SeatId }): SeatId {
  return d.controller ?? d.owner;
}

/** A note on a document whose fruit the referee would refuse as evidence. */
function lawNote(doc: LegalDocument | undefined): string {
  if (!doc) return '';
  if (doc.informal) return ' — informal request: not evidence';
  if (doc.lawful === false) return ' — unlawful: not evidence';
  return '';
}

/** Whether a document's order (if it has one) was valid on `day`. */
function covers(doc: LegalDocument, day: number): boolean {
  return doc.order === undefined || (doc.order.validFromDay <= day && day <= doc.order.validToDay);
}

/**
 * The referee's access list of an item, when the record carries one. The debrief view
 * hands every seat the referee's own records, which list the seats that were given the
 * ciphertext; a live view does not, and then the facts decide alone.
 */
function accessList(item: object): readonly string[] | undefined {
  const full = (item as { full?: unknown }).full;
  return Array.isArray(full) ? full.filter((x): x is string => typeof x === 'string') : undefined;
}

/**
 * Which of a line's SIMs was in the phone on `day`: the last one provisioned for a phone
 * registered by then (a line gets a new SIM only with a new phone).
 */
function simIndex(view: SeatView, line: string, day: number): number {
  let index = -1;
  view.sims
    .filter((p) => p.line === line)
    .forEach((p, i) => {
      const phone = view.devices.find((d) => d.deviceId === p.sealed.toDevice);
      if (!phone || phone.day <= day) index = i;
    });
  return index;
}

function kindsOf(devices: readonly { kind: string }[]): string {
  const kinds = [...new Set(devices.map((d) => d.kind))];
  return kinds.length === 1 ? (kinds[0] as string) : `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}`;
}

type Message = SeatView['messages'][number];
type Sms = SeatView['sms'][number];
type DeviceView = SeatView['devices'][number];

function messageCell(view: SeatView, m: Message, party: MatrixParty, investigator: SeatId | undefined): Cell {
  const e = m.envelope;
  if (!e) return { open: false, reason: 'not in this record' };
  const wrapped = e.wraps
    .map((w) => view.devices.find((d) => d.deviceId === w.device))
    .filter((d): d is NonNullable<typeof d> => d !== undefined);
  switch (party.role) {
    case 'sender': {
      const seat = view.seats[party.seat];
      if (seat?.account === e.fromAccount) return { open: true, reason: 'wrote it' };
      const mine = wrapped.filter((d) => controllerOf(d) === party.seat);
      if (mine.length > 0) return { open: true, reason: `wrapped to their ${kindsOf(mine)}` };
      if (seat?.account !== undefined && e.recipients.includes(seat.account)) {
        return { open: false, reason: 'a recipient, but none of their devices was wrapped' };
      }
      return { open: false, reason: 'not sent to them: no key' };
    }
    case 'carrier':
      return { open: false, reason: 'sees only that a phone used data' };
    case 'relay':
      return { open: false, reason: 'carries only ciphertext: holds no device key' };
    case 'judge':
      return { open: false, reason: 'holds no key' };
    case 'investigator':
      return investigatorMessage(view, m, investigator ?? party.seat, wrapped);
  }
}

function investigatorMessage(view: SeatView, m: Message, investigator: SeatId, wrapped: DeviceView[]): Cell {
  const e = m.envelope;
  let lockedSeizure: string | undefined;
  for (const d of wrapped) {
    const owner = seatName(view, d.owner);
    if (controllerOf(d) === investigator) {
      const doc = view.documents.find((x) => x.type === 'technical-assistance' && x.ghost?.deviceId === d.deviceId);
      return {
        open: true,
        reason: `wrapped to its ghost device on ${owner}'s account${doc ? ` (${doc.id})` : ''}${lawNote(doc)}`,
      };
    }
    const seized = view.documents.find((x) => x.type === 'warrant-device' && x.seizedDevice === d.deviceId);
    if (seized?.unlockedDay !== undefined) {
      return {
        open: true,
        reason: `wrapped to ${owner}'s ${d.kind}, seized (${seized.id}) and unlocked on day ${seized.unlockedDay}${lawNote(seized)}`,
      };
    }
    if (seized) lockedSeizure = `wrapped to ${owner}'s seized ${d.kind}, never unlocked`;
  }
  if (lockedSeizure) return { open: false, reason: lockedSeizure };
  const accounts = e ? [e.fromAccount, ...e.recipients] : [];
  const tap = view.documents.find(
    (d) => d.type === 'wiretap-messenger' && d.status === 'complied' && accounts.includes(d.target) && covers(d, m.day),
  );
  if (tap) return { open: false, reason: `only ciphertext from the messenger wiretap (${tap.id}): no key` };
  return { open: false, reason: 'no key: not wrapped to any device it held' };
}

function smsCell(view: SeatView, s: Sms, party: MatrixParty): Cell {
  switch (party.role) {
    case 'sender': {
      const account = view.seats[party.seat]?.account;
      if (account === s.fromLine) return { open: true, reason: 'wrote it' };
      if (account === s.toLine) {
        return s.downlink
          ? { open: true, reason: 'delivered: opened with their SIM key' }
          : { open: false, reason: 'never delivered' };
      }
      return { open: false, reason: 'not sent to them' };
    }
    case 'carrier':
      return { open: true, reason: 'its switch keeps every SIM key' };
    case 'relay':
      return { open: false, reason: 'SMS does not pass through the relay' };
    case 'judge':
      return { open: false, reason: 'holds no key' };
    case 'investigator':
      return investigatorSms(view, s, party.seat);
  }
}

/** The investigator reads an SMS with the SIM key of one of its lines, handed over before it went by. */
function investigatorSms(view: SeatView, s: Sms, investigator: SeatId): Cell {
  const access = accessList(s);
  let late: string | undefined;
  let otherSim: string | undefined;
  for (const line of [s.fromLine, s.toLine]) {
    if (line === s.toLine && !s.downlink) continue; // that hop was never made
    for (const h of view.handovers) {
      if (h.to !== investigator || h.handover.kind !== 'sim-key' || h.handover.subject !== line) continue;
      const doc = view.documents.find((d) => d.id === h.documentId);
      if (!doc || doc.decidedDay === undefined) continue;
      const who = nameOf(view, line);
      if (simIndex(view, line, s.day) !== simIndex(view, line, doc.decidedDay)) {
        otherSim = `its SIM key for ${who}'s line is from another SIM`;
        continue;
      }
      // The wiretap gives what goes by while it runs (18 U.S.C. 2518(5)), not what went before.
      const intercepted = access ? access.includes(investigator) : h.seq < s.seq && covers(doc, s.day);
      if (!intercepted) {
        late = `the wiretap on ${who}'s line (${doc.id}) came later: not intercepted`;
        continue;
      }
      return { open: true, reason: `SIM key of ${who}'s line, from wiretap ${doc.id}${lawNote(doc)}` };
    }
  }
  return { open: false, reason: late ?? otherSim ?? 'no SIM key for either line' };
}

/** The backup setting of a crew member when a record was made, from the public log of changes. */
function backupModeAt(view: SeatView, seat: SeatId, seq: number): string {
  const s = view.seats[seat];
  let mode: string = s?.hasMessenger ? view.options.backupDefault : 'off';
  for (const e of view.events) {
    if (e.seq >= seq) break;
    const match = /^(.*) set cloud backup to (off|escrowed|device)\.$/.exec(e.text);
    if (match && match[1] === s?.name) mode = match[2] as string;
  }
  return mode;
}

function backupCell(view: SeatView, b: BackupRecord, party: MatrixParty, escrowed: boolean): Cell {
  const owner = seatName(view, b.owner);
  switch (party.role) {
    case 'sender':
      if (party.seat !== b.owner) return { open: false, reason: 'not theirs' };
      return {
        open: true,
        reason: escrowed ? 'their phone made it; the escrowed key is on their devices' : 'the key is on their devices',
      };
    case 'carrier':
      return { open: false, reason: 'backups are stored by the relay' };
    case 'relay':
      return escrowed
        ? { open: true, reason: 'keeps a copy of the escrowed backup key' }
        : { open: false, reason: `ciphertext only: the key stays on ${owner}'s devices` };
    case 'judge':
      return { open: false, reason: 'holds no key' };
    case 'investigator': {
      const got = b.full.includes(party.seat);
      const keyed = view.handovers.find(
        (h) => h.to === party.seat && h.handover.kind === 'backup-key' && h.handover.subject === b.backup.account,
      );
      const doc = keyed && view.documents.find((d) => d.id === keyed.documentId);
      if (got && escrowed && keyed) {
        return { open: true, reason: `escrowed key handed over under ${doc?.id ?? 'a warrant'}${lawNote(doc)}` };
      }
      if (got && !escrowed) return { open: false, reason: 'got the ciphertext; the key stayed on the devices' };
      if (got) return { open: false, reason: 'got the ciphertext, but no key' };
      if (keyed && escrowed) return { open: false, reason: 'uploaded after the warrant: never handed over' };
      return { open: false, reason: 'no warrant for the backups' };
    }
  }
}

/** Lays the referee's verdicts on proofs over a cell. */
function withVerdicts(
  cell: Cell,
  party: MatrixParty,
  proofs: readonly ProofRecord[],
  kind: ItemKind,
  id: string,
): Cell {
  const about = proofs.filter((p) => p.item.kind === kind && p.item.id === id);
  if (party.role === 'judge') {
    const shown = about.find((p) => p.purpose === 'evidence' && p.accepted);
    return shown ? { open: true, reason: `holds no key; read it in the evidence filed on day ${shown.day}` } : cell;
  }
  const mine = about.filter((p) => p.by === party.seat);
  const accepted = mine.find((p) => p.accepted);
  const what = (p: ProofRecord) => (p.purpose === 'evidence' ? 'evidence' : 'proof of receipt');
  if (accepted) {
    return cell.open
      ? { open: true, reason: `${cell.reason} · accepted as ${what(accepted)}`, verdict: 'accepted' }
      : { open: true, reason: `the referee accepted its key as ${what(accepted)}`, verdict: 'accepted' };
  }
  const refused = mine.find((p) => !p.accepted);
  if (refused && cell.open) {
    return {
      ...cell,
      reason: `${cell.reason} · ${what(refused)} refused: ${refused.reason ?? 'refused'}`,
      verdict: 'refused',
    };
  }
  return cell;
}

function carriedPlan(proofs: readonly ProofRecord[], kind: ItemKind, id: string): boolean {
  return proofs.some(
    (p) => p.accepted && p.item.kind === kind && p.item.id === id && (p.revealsPlace || p.revealsTime),
  );
}

function cellsFor(
  parties: readonly MatrixParty[],
  view: SeatView,
  kind: ItemKind,
  id: string,
  cell: (party: MatrixParty) => Cell,
): Record<SeatId, Cell> {
  const cells: Record<SeatId, Cell> = {};
  for (const p of parties) cells[p.seat] = withVerdicts(cell(p), p, view.proofs, kind, id);
  return cells;
}

/**
 * The readability matrix of a debrief view: one row per secure message, SMS and backup,
 * in the order they were made; one column per seat.
 * @param view - a seat's view after the game (`view.debrief === true`: the whole record)
 */
export function readabilityMatrix(view: SeatView): ReadabilityMatrix {
  const parties = matrixParties(view);
  const investigator = seatOfRole(view, 'investigator');
  const rows: MatrixRow[] = [];
  for (const m of view.messages) {
    const e = m.envelope;
    if (!e) continue;
    rows.push({
      kind: 'message',
      id: e.id,
      seq: m.seq,
      day: m.day,
      from: nameOf(view, e.fromAccount),
      to: e.recipients.map((a) => nameOf(view, a)),
      carriedPlan: carriedPlan(view.proofs, 'message', e.id),
      cells: cellsFor(parties, view, 'message', e.id, (p) => messageCell(view, m, p, investigator)),
    });
  }
  for (const s of view.sms) {
    rows.push({
      kind: 'sms',
      id: s.id,
      seq: s.seq,
      day: s.day,
      from: nameOf(view, s.fromLine),
      to: [nameOf(view, s.toLine)],
      carriedPlan: carriedPlan(view.proofs, 'sms', s.id),
      cells: cellsFor(parties, view, 'sms', s.id, (p) => smsCell(view, s, p)),
    });
  }
  for (const b of view.backups) {
    const escrowed =
      backupModeAt(view, b.owner, b.seq) === 'escrowed' &&
      view.escrow.some((h) => h.handover.subject === b.backup.account);
    rows.push({
      kind: 'backup',
      id: b.backup.id,
      seq: b.seq,
      day: b.backup.day,
      from: seatName(view, b.owner),
      to: [],
      carriedPlan: carriedPlan(view.proofs, 'backup', b.backup.id),
      cells: cellsFor(parties, view, 'backup', b.backup.id, (p) => backupCell(view, b, p, escrowed)),
    });
  }
  rows.sort((a, b) => a.seq - b.seq);
  return { parties, rows };
}

/** The cell of a row for the first seat of a role (for the crew: the nth member). */
export function cellOf(matrix: ReadabilityMatrix, row: MatrixRow, role: Role, n = 0): Cell | undefined {
  const party = matrix.parties.filter((p) => p.role === role)[n];
  return party ? row.cells[party.seat] : undefined;
}
