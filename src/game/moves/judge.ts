/**
 * The judge's moves (game.md §5, Judge): rule on applications — a granted order is
 * signed by the judge's client with the court key and names type, target and valid
 * days — and end the day for the table.
 * @module
 */
import { type CourtOrder, checkOrder } from '../../crypto/index.ts';
import { DOCUMENTS, meetsThreshold } from '../legal.ts';
import { logEvent, score, seatOf } from '../state.ts';
import { INVALID_MOVE, isRecord, move } from './define.ts';
import { validSigningKey } from './relay.ts';

/** The judge's ruling. */
export interface Ruling {
  readonly documentId: string;
  readonly grant: boolean;
  /** When granting: the order the judge's client signed with the court key. */
  readonly order?: CourtOrder;
  readonly reason?: string;
}

/** Publish the court's signing key (setup). */
export const publishCourtKey = move<{ pub: string }>(({ G }, args) => {
  if (!isRecord(args) || G.courtPub || !validSigningKey(args.pub)) return INVALID_MOVE;
  G.courtPub = args.pub;
  logEvent(G, 'The court published its signing key.');
});

/** Grant (with a signed order) or refuse an application. */
export const rule = move<Ruling>(({ G, playerID }, args) => {
  if (!isRecord(args) || typeof args.grant !== 'boolean') return INVALID_MOVE;
  const doc = G.documents.find((d) => d.id === args.documentId && d.status === 'pending');
  if (!doc || !G.courtPub) return INVALID_MOVE;
  const audience = [playerID, seatOf(G, 'investigator').id];
  const title = DOCUMENTS[doc.type].title;
  if (args.grant) {
    const order = args.order;
    if (!isRecord(order) || order.id !== doc.id || order.validFromDay !== G.day) return INVALID_MOVE;
    if (order.validToDay > G.options.days) return INVALID_MOVE;
    if (!checkOrder(order, G.courtPub, { types: [doc.type], target: doc.target, day: G.day }).ok) return INVALID_MOVE;
    doc.order = order;
    doc.status = 'granted';
    doc.dueDay = G.day + 1;
    if (doc.provider !== 'investigator') audience.push(seatOf(G, doc.provider).id);
    logEvent(
      G,
      `The court granted a ${title} on ${doc.target}, valid days ${order.validFromDay}–${order.validToDay}.`,
      audience,
    );
  } else {
    doc.status = 'refused';
    doc.reason = typeof args.reason === 'string' ? args.reason.slice(0, 200) : 'refused';
    logEvent(G, `The court refused a ${title} on ${doc.target}: ${doc.reason}`, audience);
  }
  doc.decidedDay = G.day;
  // The judge scores for rulings that follow the statute's threshold (a human judge may differ: a lesson).
  if (args.grant === meetsThreshold(doc, G.options)) score(G, playerID, 1);
});

/** End the day for the whole table. */
export const endDayForTable = move<Record<string, never>>(({ G }) => {
  G.judgeEndedDay = true;
});

/** The judge's day moves. */
export const judgeMoves = { rule, endDayForTable };
