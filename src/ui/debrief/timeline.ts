/**
 * The debrief's timeline and directory changes (ui.md "Debrief"): the whole event log
 * grouped by day, with every legal document on the day it was filed, every change to
 * the relay's directory — devices added, removed, seized, and ghosts added and found —
 * and every entry of the key-transparency log. Ghosts are flagged so the page can show
 * them with an icon and a word. Pure: no React.
 * @module
 */
import { DOCUMENTS, INVESTIGATOR_ACCOUNT, type LegalDocument, type SeatView } from '../../game/index.ts';
import { nameOf } from './readability.ts';

/** What a timeline entry is about. */
export type TimelineKind = 'event' | 'document' | 'device' | 'kt';

/** One line of the timeline. */
export interface TimelineEntry {
  /** Unique within the timeline (for React keys). */
  readonly key: string;
  readonly day: number;
  /** Where it falls in the day: the record's sequence number, or an estimate placed around the night. */
  readonly order: number;
  readonly kind: TimelineKind;
  /** A decorative icon; the text says the same in words. */
  readonly icon: string;
  readonly text: string;
  /** About a ghost device. */
  readonly ghost: boolean;
  /** Names of the seats that saw it during the game, when not everyone did. */
  readonly seenBy?: readonly string[];
}

/** One day of the timeline (day 0 is the setup). */
export interface TimelineDay {
  readonly day: number;
  readonly title: string;
  readonly entries: readonly TimelineEntry[];
}

/** What happened to a device in the directory. */
export type ChangeKind = 'added' | 'ghost-added' | 'removed' | 'seized' | 'discovered';

/** One change to the relay's directory. */
export interface DirectoryChange {
  readonly key: string;
  /** Undefined when the record does not say which day. */
  readonly day: number | undefined;
  readonly change: ChangeKind;
  readonly deviceId: string;
  readonly account: string;
  readonly ghost: boolean;
  readonly text: string;
  /** Further facts, one short sentence each. */
  readonly details: readonly string[];
}

type DeviceView = SeatView['devices'][number];

/** A device added by the relay, or held by a seat other than its owner: a ghost. */
export function isGhost(d: DeviceView): boolean {
  return d.addedBy === 'relay' || (d.controller !== undefined && d.controller !== d.owner);
}

const STATUS: Record<LegalDocument['status'], string> = {
  pending: 'never ruled on',
  granted: 'granted, never complied with',
  refused: 'refused by the judge',
  complied: 'complied with',
  declined: 'declined by the provider',
  contested: 'contested',
  quashed: 'quashed by the court',
};

/** A document's final state in a few words. */
export function documentOutcome(doc: LegalDocument): string {
  const base = STATUS[doc.status];
  if (doc.status !== 'complied') return base;
  const when = doc.decidedDay !== undefined ? ` on day ${doc.decidedDay}` : '';
  return `${base}${when}${doc.lawful === false ? ' (unlawfully)' : ''}`;
}

/** A document's name: its type, and "informal request" when no court was asked. */
export function documentTitle(doc: LegalDocument): string {
  const title = DOCUMENTS[doc.type].title;
  return doc.informal ? `Informal request (${title})` : title;
}

function ownerName(view: SeatView, d: DeviceView): string {
  if (d.account === INVESTIGATOR_ACCOUNT) return 'the investigator';
  return view.seats[d.owner]?.name ?? nameOf(view, d.account);
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A device id, short: its first 8 hex digits in two groups. */
export function shortId(hex: string): string {
  return `${hex.slice(0, 4)} ${hex.slice(4, 8)}`;
}

/** The day a device was removed: from the transparency log, else from the event log's words. */
function removedDays(view: SeatView): Map<string, number | undefined> {
  const days = new Map<string, number | undefined>();
  const used = new Set<number>();
  for (const d of view.devices) {
    if (d.status !== 'removed') continue;
    const logged = view.kt.log.find((e) => e.op === 'remove' && e.deviceId === d.deviceId);
    if (logged) {
      days.set(d.deviceId, logged.day);
      continue;
    }
    const text = `${view.seats[d.owner]?.name} removed a ${d.kind} from their account.`;
    const event = view.events.find((e) => e.text === text && !used.has(e.seq));
    if (event) used.add(event.seq);
    days.set(d.deviceId, event?.day);
  }
  return days;
}

/** Every change to the directory, ghosts flagged, in day order (unknown days last). */
export function directoryChanges(view: SeatView): DirectoryChange[] {
  const out: DirectoryChange[] = [];
  const removed = removedDays(view);
  const kt = view.options.keyTransparency;
  for (const d of view.devices) {
    const owner = ownerName(view, d);
    const id = shortId(d.deviceId);
    const base = { deviceId: d.deviceId, account: d.account };
    if (isGhost(d)) {
      const doc = view.documents.find((x) => x.type === 'technical-assistance' && x.ghost?.deviceId === d.deviceId);
      const details = [
        "Its keys were made and kept by the investigator's workstation.",
        d.hiddenFromOwner ? `Hidden from ${owner}'s own device list.` : `Shown in ${owner}'s own device list.`,
      ];
      if (kt) {
        details.push(
          d.logged === false ? 'Left out of the key-transparency log.' : 'Recorded in the key-transparency log.',
        );
      }
      if (doc) details.push(`Under ${documentTitle(doc)} ${doc.id}${doc.lawful === false ? ', unlawfully' : ''}.`);
      out.push({
        ...base,
        key: `ghost-${d.deviceId}`,
        day: d.day,
        change: 'ghost-added',
        ghost: true,
        text: `Ghost device ${id} added to ${owner}'s account by the relay`,
        details,
      });
      if (d.discoveredDay !== undefined) {
        out.push({
          ...base,
          key: `found-${d.deviceId}`,
          day: d.discoveredDay,
          change: 'discovered',
          ghost: true,
          text: `${capital(owner)} discovered the ghost device ${id}`,
          details: [],
        });
      }
    } else {
      const what = d.account === INVESTIGATOR_ACCOUNT ? "the investigator's workstation" : `a ${d.kind}`;
      out.push({
        ...base,
        key: `add-${d.deviceId}`,
        day: d.day,
        change: 'added',
        ghost: false,
        text: `${capital(owner)} registered ${what} (${id})`,
        details: [],
      });
    }
    if (d.status === 'seized') {
      const doc = view.documents.find((x) => x.type === 'warrant-device' && x.seizedDevice === d.deviceId);
      out.push({
        ...base,
        key: `seize-${d.deviceId}`,
        day: doc?.decidedDay,
        change: 'seized',
        ghost: false,
        text: `${capital(owner)}'s ${d.kind} (${id}) seized under a search warrant`,
        details: [
          doc?.unlockedDay !== undefined
            ? `Unlocked by the forensic lab on day ${doc.unlockedDay}.`
            : 'Never unlocked: its keys stayed locked in it.',
        ],
      });
    }
    if (d.status === 'removed') {
      out.push({
        ...base,
        key: `remove-${d.deviceId}`,
        day: removed.get(d.deviceId),
        change: 'removed',
        ghost: false,
        text: `${capital(owner)} removed a ${d.kind} (${id})`,
        details: [],
      });
    }
  }
  const rank = (c: DirectoryChange) => (c.day === undefined ? Number.POSITIVE_INFINITY : c.day);
  return out.sort((a, b) => rank(a) - rank(b));
}

const CHANGE_ICON: Record<ChangeKind, string> = {
  added: '➕',
  'ghost-added': '👻',
  removed: '➖',
  seized: '🚔',
  discovered: '🔎',
};

/** The icon of a directory change (decorative: the text says it too). */
export function changeIcon(change: ChangeKind): string {
  return CHANGE_ICON[change];
}

/**
 * The timeline: for each day from the setup to the last, the event log, the legal
 * documents filed that day, the directory changes and the transparency-log entries.
 * @param view - a seat's view after the game (the whole record)
 */
export function timeline(view: SeatView): TimelineDay[] {
  const entries: TimelineEntry[] = [];
  // Directory and log entries carry no sequence number: the day's changes go just before its
  // night, a seizure (done at night) just after it.
  const nights = new Map(view.events.flatMap((e) => (/^Night \d+\.$/.test(e.text) ? [[e.day, e.seq] as const] : [])));
  const beforeNight = (day: number) => (nights.get(day) ?? Number.MAX_SAFE_INTEGER) - 0.5;
  const afterNight = (day: number) => (nights.get(day) ?? Number.MAX_SAFE_INTEGER) + 0.5;
  for (const e of view.events) {
    entries.push({
      key: `event-${e.seq}`,
      day: e.day,
      order: e.seq,
      kind: 'event',
      icon: '🗒️',
      text: e.text,
      ghost: false,
      ...(e.audience ? { seenBy: e.audience.map((s) => view.seats[s]?.name ?? s) } : {}),
    });
  }
  for (const doc of view.documents) {
    entries.push({
      key: `doc-${doc.id}`,
      day: doc.day,
      order: doc.seq,
      kind: 'document',
      icon: '📜',
      text: `${documentTitle(doc)} on ${nameOf(view, doc.target)} (${doc.id}): ${documentOutcome(doc)}`,
      ghost: doc.type === 'technical-assistance',
    });
  }
  for (const c of directoryChanges(view)) {
    if (c.day === undefined) continue;
    entries.push({
      key: c.key,
      day: c.day,
      order: c.change === 'seized' ? afterNight(c.day) : beforeNight(c.day),
      kind: 'device',
      icon: changeIcon(c.change),
      text: c.text,
      ghost: c.ghost,
    });
  }
  for (const k of view.kt.log) {
    const device = view.devices.find((d) => d.deviceId === k.deviceId);
    const ghost = device ? isGhost(device) : false;
    entries.push({
      key: `kt-${k.seq}`,
      day: k.day,
      order: beforeNight(k.day),
      kind: 'kt',
      icon: '🧾',
      text: `Transparency log #${k.seq}: ${k.op === 'add' ? 'added' : 'removed'} device ${shortId(k.deviceId)} ${
        k.op === 'add' ? 'to' : 'from'
      } ${k.account === INVESTIGATOR_ACCOUNT ? 'the investigator' : nameOf(view, k.account)}${ghost ? ' (a ghost)' : ''}`,
      ghost,
    });
  }
  const lastDay = Math.max(view.day, view.outcome?.day ?? 0, ...entries.map((e) => e.day));
  const days: TimelineDay[] = [];
  for (let day = 0; day <= lastDay; day++) {
    // A stable sort: entries with the same place keep the order they were added in.
    const today = entries.filter((e) => e.day === day).sort((a, b) => a.order - b.order);
    days.push({ day, title: day === 0 ? 'Setup' : `Day ${day}`, entries: today });
  }
  return days;
}
