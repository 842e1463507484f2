/**
 * Court orders (protocol.md, "Legal documents"): signed by the court key over
 * frame(suite, "order", id, type, target, validFromDay, validToDay); carriers and
 * relays check signature, type, target and days before complying.
 */
import { describe, expect, it } from 'vitest';
import { frame } from '../../src/crypto/frame.ts';
import { fromHex, toHex } from '../../src/crypto/hex.ts';
import { type CourtOrder, checkOrder, type OrderTerms, signOrder } from '../../src/crypto/order.ts';
import { seededRandom } from '../../src/crypto/random.ts';
import { generateSigningKeyPair, sign, verify } from '../../src/crypto/signature.ts';
import { codeOf } from '../support/codeOf.ts';

const random = seededRandom('order tests');
const court = generateSigningKeyPair(random);
const impostor = generateSigningKeyPair(random);
const courtPub = toHex(court.publicKey);
const terms: OrderTerms = { id: 'order-17', type: 'wiretap', target: '+1-555-0101', validFromDay: 3, validToDay: 7 };
const order = signOrder(terms, court.secretKey);
const expectWiretap = { types: ['wiretap'], target: '+1-555-0101' };

describe('signOrder', () => {
  it('signs exactly frame(suite, "order", id, type, target, validFromDay, validToDay)', () => {
    expect(order).toMatchObject(terms);
    const message = frame('going-dark/v1', 'order', 'order-17', 'wiretap', '+1-555-0101', 3, 7);
    expect(verify(fromHex(order.signature), message, court.publicKey)).toBe(true);
  });

  it('refuses malformed terms', () => {
    expect(codeOf(() => signOrder({ ...terms, validFromDay: 8 }, court.secretKey))).toBe('bad-input');
    expect(codeOf(() => signOrder({ ...terms, target: '' }, court.secretKey))).toBe('bad-input');
    expect(codeOf(() => signOrder({ ...terms, validToDay: -1 }, court.secretKey))).toBe('bad-input');
  });

  it('does not carry extra fields into the signed order', () => {
    const signed = signOrder({ ...terms, note: 'also the neighbours' } as OrderTerms, court.secretKey);
    expect(Object.keys(signed).sort()).toEqual(['id', 'signature', 'target', 'type', 'validFromDay', 'validToDay']);
  });
});

describe('checkOrder', () => {
  it('accepts a genuine order of the right type and target on every day of its validity', () => {
    for (let day = 3; day <= 7; day++)
      expect(checkOrder(order, courtPub, { ...expectWiretap, day })).toEqual({ ok: true });
    expect(checkOrder(order, courtPub)).toEqual({ ok: true });
  });

  it('refuses an order signed by another key (bad-signature)', () => {
    const forged = signOrder(terms, impostor.secretKey);
    expect(checkOrder(forged, courtPub, expectWiretap)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(checkOrder(order, toHex(impostor.publicKey))).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  const edits: [string, Partial<CourtOrder>][] = [
    ['id', { id: 'order-18' }],
    ['type', { type: 'search' }],
    ['target', { target: '+1-555-0102' }],
    ['validFromDay', { validFromDay: 2 }],
    ['validToDay', { validToDay: 70 }],
  ];
  for (const [field, change] of edits) {
    it(`refuses an order whose ${field} was edited after signing (bad-signature)`, () => {
      expect(checkOrder({ ...order, ...change }, courtPub)).toMatchObject({ ok: false, reason: 'bad-signature' });
    });
  }

  it('refuses a signature over the same terms in a different field order', () => {
    const swapped = frame('going-dark/v1', 'order', 'order-17', '+1-555-0101', 'wiretap', 3, 7);
    const signature = toHex(sign(swapped, court.secretKey));
    expect(checkOrder({ ...order, signature }, courtPub)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a tampered, truncated or uppercase signature (bad-signature)', () => {
    const flipped = (order.signature[0] === '0' ? '1' : '0') + order.signature.slice(1);
    for (const signature of [flipped, order.signature.slice(2), order.signature.toUpperCase(), '']) {
      expect(checkOrder({ ...order, signature }, courtPub)).toMatchObject({ ok: false, reason: 'bad-signature' });
    }
  });

  it('refuses a malformed court key (bad-signature, no throw)', () => {
    expect(checkOrder(order, 'zz')).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(checkOrder(order, courtPub.toUpperCase())).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses the wrong type of order', () => {
    expect(checkOrder(order, courtPub, { types: ['warrant', 'pen-register'] })).toMatchObject({
      ok: false,
      reason: 'wrong-type',
    });
    expect(checkOrder(order, courtPub, { types: [] })).toMatchObject({ ok: false, reason: 'wrong-type' });
  });

  it('refuses an order for another target', () => {
    expect(checkOrder(order, courtPub, { target: '+1-555-0102' })).toMatchObject({
      ok: false,
      reason: 'wrong-target',
    });
  });

  it('refuses an order before validFromDay (not-yet-valid)', () => {
    expect(checkOrder(order, courtPub, { ...expectWiretap, day: 2 })).toMatchObject({
      ok: false,
      reason: 'not-yet-valid',
    });
    expect(checkOrder(order, courtPub, { day: 0 })).toMatchObject({ ok: false, reason: 'not-yet-valid' });
  });

  it('refuses an order after validToDay (expired)', () => {
    expect(checkOrder(order, courtPub, { ...expectWiretap, day: 8 })).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('checks the signature before anything else, so a forged order never reports a softer reason', () => {
    const forged = signOrder({ ...terms, validToDay: 100 }, impostor.secretKey);
    expect(checkOrder(forged, courtPub, { types: ['search'], day: 50 })).toMatchObject({ reason: 'bad-signature' });
  });

  it('refuses malformed orders (malformed)', () => {
    const malformed: unknown[] = [
      null,
      'order',
      {},
      { ...order, id: '' },
      { ...order, type: 42 },
      { ...order, target: 'x'.repeat(65) },
      { ...order, target: 'caf\u00e9' },
      { ...order, validFromDay: -1 },
      { ...order, validToDay: 1.5 },
      { ...order, validFromDay: 8 },
    ];
    for (const value of malformed) {
      const result = checkOrder(value as CourtOrder, courtPub, expectWiretap);
      expect(result, JSON.stringify(value)).toMatchObject({ ok: false, reason: 'malformed' });
    }
  });

  it('gives a human-readable detail with every refusal', () => {
    const result = checkOrder(order, courtPub, { ...expectWiretap, day: 9 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail).toMatch(/7/);
  });
});
