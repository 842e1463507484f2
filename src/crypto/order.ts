/**
 * Court orders (docs/protocol.md §9): the judge's client signs each order with the
 * court key; carrier and relay clients check signature, type, target and validity
 * days before complying — an order that fails any check is not lawful process
 * (e.g. 18 U.S.C. 2518(10)(a): an order insufficient on its face).
 * @module
 */
import { ensure } from './errors.ts';
import { frame } from './frame.ts';
import { fromHex, type Hex, toHex } from './hex.ts';
import { assertCount, assertName } from './names.ts';
import { SIGNATURE_BYTES, sign, verify } from './signature.ts';
import { KEY_BYTES, SUITE } from './suite.ts';

/** The signed fields of an order. */
export interface OrderTerms {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly validFromDay: number;
  readonly validToDay: number;
}

/** A signed court order. */
export interface CourtOrder extends OrderTerms {
  readonly signature: Hex;
}

/** Why an order does not authorise what is asked of it. */
export type OrderRefusal = 'malformed' | 'bad-signature' | 'wrong-type' | 'wrong-target' | 'not-yet-valid' | 'expired';

/** The outcome of {@link checkOrder}. */
export type OrderCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: OrderRefusal; readonly detail: string };

function assertTerms(t: OrderTerms): void {
  ensure(typeof t === 'object' && t !== null, 'bad-input', 'order must be an object');
  assertName(t.id, 'order id');
  assertName(t.type, 'order type');
  assertName(t.target, 'order target');
  assertCount(t.validFromDay, 'validFromDay');
  assertCount(t.validToDay, 'validToDay');
  ensure(t.validFromDay <= t.validToDay, 'bad-input', 'order validity ends before it starts');
}

function orderBytes(t: OrderTerms): Uint8Array {
  return frame(SUITE, 'order', t.id, t.type, t.target, t.validFromDay, t.validToDay);
}

/**
 * Signs an order with the court key: Ed25519 over
 * frame(suite, "order", id, type, target, validFromDay, validToDay).
 * @param terms - what the order authorises
 * @param courtSecretKey - the court's Ed25519 secret key
 */
export function signOrder(terms: OrderTerms, courtSecretKey: Uint8Array): CourtOrder {
  assertTerms(terms);
  const { id, type, target, validFromDay, validToDay } = terms;
  const signature = toHex(sign(orderBytes(terms), courtSecretKey));
  return { id, type, target, validFromDay, validToDay, signature };
}

/**
 * Checks an order the way a carrier's or relay's client does before complying.
 * @param order - the order as received
 * @param courtPub - the court's published Ed25519 key (hex)
 * @param expect - what the request needs: acceptable types, the target, today
 */
export function checkOrder(
  order: CourtOrder,
  courtPub: Hex,
  expect: { readonly types?: readonly string[]; readonly target?: string; readonly day?: number } = {},
): OrderCheck {
  try {
    assertTerms(order);
  } catch (e) {
    return { ok: false, reason: 'malformed', detail: (e as Error).message };
  }
  let signed = false;
  try {
    signed = verify(
      fromHex(order.signature, SIGNATURE_BYTES, 'signature'),
      orderBytes(order),
      fromHex(courtPub, KEY_BYTES),
    );
  } catch {
    signed = false;
  }
  if (!signed) return { ok: false, reason: 'bad-signature', detail: 'the court signature does not verify' };
  if (expect.types && !expect.types.includes(order.type)) {
    return { ok: false, reason: 'wrong-type', detail: `a ${order.type} order does not reach this` };
  }
  if (expect.target !== undefined && expect.target !== order.target) {
    return { ok: false, reason: 'wrong-target', detail: `the order names ${order.target}, not ${expect.target}` };
  }
  if (expect.day !== undefined && expect.day < order.validFromDay) {
    return { ok: false, reason: 'not-yet-valid', detail: `valid from day ${order.validFromDay}` };
  }
  if (expect.day !== undefined && expect.day > order.validToDay) {
    return { ok: false, reason: 'expired', detail: `expired after day ${order.validToDay}` };
  }
  return { ok: true };
}
