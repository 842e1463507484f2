/**
 * What each seat sees (game.md §3; architecture.md: `playerView` fails closed). A
 * seat sees the public record, its own private records, and each item only as far as
 * its access reaches: the whole ciphertext, the metadata, or — for the carrier on the
 * secure messenger — only that a phone used data. An unknown or missing player id sees
 * only the public part. After the game every seat sees the whole record, plan
 * included; no private key is in it, because none was ever in the state.
 * @module
 */
import type { Ctx } from 'boardgame.io';
import type { DeviceEntry, GameState, MessageRecord, ProofRecord, Role, SeatId, SmsRecord } from './types.ts';

/** A device as the directory serves it to a seat. */
export type DeviceView = Omit<DeviceEntry, 'controller' | 'addedBy' | 'hiddenFromOwner' | 'logged'> &
  Partial<Pick<DeviceEntry, 'controller' | 'addedBy' | 'hiddenFromOwner' | 'logged'>>;

/** A secure message as one seat sees it: the envelope, the records, or only data use. */
export interface MessageView {
  readonly seq: number;
  readonly day: number;
  readonly size: number;
  readonly envelope?: MessageRecord['envelope'];
  readonly id?: string;
  readonly fromAccount?: string;
  readonly recipients?: readonly string[];
  /** The carrier's view of the secure messenger: this account's phone used data. */
  readonly dataFrom?: string;
}

/** An SMS as one seat sees it: the hops' ciphertext, or the records. */
export interface SmsView {
  readonly seq: number;
  readonly id: string;
  readonly day: number;
  readonly fromLine: string;
  readonly toLine: string;
  readonly size: number;
  readonly uplink?: SmsRecord['uplink'];
  readonly downlink?: SmsRecord['uplink'];
}

/** What one seat sees. */
export interface SeatView {
  readonly you: SeatId | null;
  readonly role: Role | null;
  readonly debrief: boolean;
  readonly scenario: string;
  readonly options: GameState['options'];
  readonly dayTimerSeconds?: number;
  readonly seats: GameState['seats'];
  readonly day: number;
  readonly ended: GameState['ended'];
  readonly courtPub?: string;
  readonly relayLogPub?: string;
  readonly devices: DeviceView[];
  readonly sims: GameState['sims'];
  readonly messages: MessageView[];
  readonly sms: SmsView[];
  readonly backups: GameState['backups'];
  readonly backupMode: Partial<GameState['backupMode']>;
  readonly escrow: GameState['escrow'];
  readonly kt: GameState['kt'];
  readonly documents: GameState['documents'];
  readonly handovers: GameState['handovers'];
  readonly verifications: GameState['verifications'];
  readonly proofs: ProofRecord[];
  readonly leads?: number;
  readonly scores: GameState['scores'];
  readonly sentToday: number;
  readonly events: GameState['events'];
  readonly outcome?: GameState['outcome'];
  readonly plan?: GameState['secret']['plan'];
}

/**
 * Each record's and each list's view by seat. A record or list is never changed in place
 * (immer makes a new object for every change), so its view for a seat is made once:
 * repeated views of a state — one per seat per move on the server — share every unchanged
 * list and item, and the server's patches (src/server/updates/statePatch.ts) skip them
 * without walking them. A view is a function of the object and the key alone, so an
 * object shared between games (an empty list, say) is safe to share a view of too.
 */
const recordViews = new WeakMap<object, Map<string, unknown>>();

/** The view `make` gives of `record` for the seat that `key` names, made once per record (or list) and key. */
function viewOf<R extends object, V>(record: R, key: string, make: () => V): V {
  let views = recordViews.get(record);
  if (!views) {
    views = new Map();
    recordViews.set(record, views);
  }
  if (views.has(key)) return views.get(key) as V;
  const view = make();
  views.set(key, view);
  return view;
}

function deviceView(d: DeviceEntry, you: SeatId | null, role: Role | null): DeviceView | undefined {
  if (d.hiddenFromOwner && d.owner === you) return undefined;
  if (role === 'relay' || d.controller === you) return d;
  const { controller: _c, addedBy: _a, hiddenFromOwner: _h, logged: _l, ...rest } = d;
  return rest;
}

function messageView(m: MessageRecord, you: SeatId | null, role: Role | null): MessageView | undefined {
  if (you !== null && m.full.includes(you)) return { seq: m.seq, day: m.day, size: m.size, envelope: m.envelope };
  const e = m.envelope;
  if (you !== null && m.meta.includes(you)) {
    return { seq: m.seq, day: m.day, size: m.size, id: e.id, fromAccount: e.fromAccount, recipients: e.recipients };
  }
  if (role === 'carrier') return { seq: m.seq, day: m.day, size: m.size, dataFrom: e.fromAccount };
  return undefined;
}

function smsView(s: SmsRecord, you: SeatId | null): SmsView | undefined {
  const meta = { seq: s.seq, id: s.id, day: s.day, fromLine: s.fromLine, toLine: s.toLine, size: s.size };
  if (you !== null && s.full.includes(you)) {
    return { ...meta, uplink: s.uplink, ...(s.downlink ? { downlink: s.downlink } : {}) };
  }
  if (you !== null && s.meta.includes(you)) return meta;
  return undefined;
}

function proofView(p: ProofRecord, you: SeatId | null, role: Role | null): ProofRecord {
  const seesText = p.by === you || (p.purpose === 'evidence' && role === 'judge');
  if (seesText) return p;
  const { plaintext: _p, ...rest } = p;
  return rest;
}

/**
 * boardgame.io's `playerView`.
 * @param context - state, ctx, and the viewing player id (null or unknown: public only)
 */
export function playerView({ G, ctx, playerID }: { G: GameState; ctx: Ctx; playerID: string | null }): SeatView {
  // Own seats only: an id such as "__proto__" or "constructor" must not find an inherited property.
  const seat = typeof playerID === 'string' && Object.hasOwn(G.seats, playerID) ? G.seats[playerID] : undefined;
  const you = seat ? seat.id : null;
  const role = seat ? seat.role : null;
  if (ctx.gameover !== undefined) return debriefView(G, you, role);
  const sees = (audience: readonly SeatId[]) => you !== null && audience.includes(you);
  const legalRole = role === 'investigator' || role === 'judge';
  // What a record's or a list's view depends on besides the record or list (viewOf).
  const key = `${you}/${role}/${seat?.account}`;
  // A list's view is made once per list and seat too: a move changes a few lists, and the
  // others' views stay the very same arrays.
  const list = <T extends object, V>(items: T, make: () => V): V => viewOf(items, key, make);
  return {
    you,
    role,
    debrief: false,
    ...header(G),
    devices: list(G.devices, () =>
      G.devices
        .map((d) => viewOf(d, key, () => deviceView(d, you, role)))
        .filter((d): d is DeviceView => d !== undefined),
    ),
    sims: G.sims,
    messages: list(G.messages, () =>
      G.messages
        .map((m) => viewOf(m, key, () => messageView(m, you, role)))
        .filter((m): m is MessageView => m !== undefined),
    ),
    sms: list(G.sms, () =>
      G.sms.map((s) => viewOf(s, key, () => smsView(s, you))).filter((s): s is SmsView => s !== undefined),
    ),
    backups: list(G.backups, () => G.backups.filter((b) => sees(b.full))),
    backupMode: list(G.backupMode, () =>
      role === 'relay' ? G.backupMode : you !== null && you in G.backupMode ? { [you]: G.backupMode[you] } : {},
    ),
    escrow: list(G.escrow, () => G.escrow.filter((h) => h.to === you || role === 'relay')),
    kt: G.kt,
    documents: list(G.documents, () =>
      G.documents.filter(
        (d) =>
          legalRole ||
          (role !== null && d.provider === role && d.status !== 'pending' && d.status !== 'refused') ||
          (role === 'sender' &&
            d.type === 'warrant-device' &&
            d.seizedDevice !== undefined &&
            d.target === seat?.account),
      ),
    ),
    handovers: list(G.handovers, () => G.handovers.filter((h) => h.to === you || h.from === you)),
    verifications: list(G.verifications, () => G.verifications.filter((v) => v.by === you || v.of === you)),
    proofs: list(G.proofs, () => G.proofs.map((p) => viewOf(p, key, () => proofView(p, you, role)))),
    ...(legalRole ? { leads: G.leads } : {}),
    scores: G.scores,
    sentToday: you !== null ? (G.sent[you] ?? 0) : 0,
    events: list(G.events, () => G.events.filter((e) => !e.audience || sees(e.audience))),
    ...(G.outcome ? { outcome: G.outcome } : {}),
    ...(seat?.planner && G.secret.plan ? { plan: G.secret.plan } : {}),
  };
}

/** What every view shows alike: the table, the day, the published keys. */
function header(G: GameState) {
  return {
    scenario: G.scenario,
    options: G.options,
    ...(G.dayTimerSeconds !== undefined ? { dayTimerSeconds: G.dayTimerSeconds } : {}),
    seats: G.seats,
    day: G.day,
    ended: G.ended,
    ...(G.courtPub ? { courtPub: G.courtPub } : {}),
    ...(G.relayLogPub ? { relayLogPub: G.relayLogPub } : {}),
  };
}

/** After the game: the whole record for every seat (game.md §9). */
function debriefView(G: GameState, you: SeatId | null, role: Role | null): SeatView {
  return {
    you,
    role,
    debrief: true,
    ...header(G),
    devices: G.devices,
    sims: G.sims,
    messages: G.messages,
    sms: G.sms,
    backups: G.backups,
    backupMode: G.backupMode,
    escrow: G.escrow,
    kt: G.kt,
    documents: G.documents,
    handovers: G.handovers,
    verifications: G.verifications,
    proofs: G.proofs,
    leads: G.leads,
    scores: G.scores,
    sentToday: 0,
    events: G.events,
    ...(G.outcome ? { outcome: G.outcome } : {}),
    ...(G.secret.plan ? { plan: G.secret.plan } : {}),
  };
}
