/**
 * The secure-messenger envelope (protocol.md, "Secure message (end to end)"): sealing to
 * many devices, opening on each, and refusing every malformed or tampered envelope.
 */
import { describe, expect, it } from 'vitest';
import { createDevice, type DeviceKeys } from '../../src/crypto/device.ts';
import {
  contentKeyOf,
  decodeEnvelope,
  type Envelope,
  type EnvelopeWrap,
  openEnvelope,
  openWithRoot,
  type SealInput,
  sealEnvelope,
  unwrapRoot,
  verifyEnvelope,
  type WrapTarget,
} from '../../src/crypto/envelope.ts';
import { CryptoError, type CryptoErrorCode } from '../../src/crypto/errors.ts';
import { frame } from '../../src/crypto/frame.ts';
import { toHex } from '../../src/crypto/hex.ts';
import type { MessagePayload } from '../../src/crypto/payload.ts';
import { seededRandom } from '../../src/crypto/random.ts';
import { sign } from '../../src/crypto/signature.ts';
import { MAX_MESSAGE_PLAINTEXT, SUITE } from '../../src/crypto/suite.ts';
import { codeOf } from '../support/codeOf.ts';

interface Holder {
  readonly account: string;
  readonly device: DeviceKeys;
}

const random = seededRandom('envelope tests');
const mk = (account: string): Holder => ({ account, device: createDevice(random) });
// alice sends from a1; a2 and a3 are her other devices.
const a1 = mk('alice');
const a2 = mk('alice');
const a3 = mk('alice');
const b1 = mk('bob');
const b2 = mk('bob');
const b3 = mk('bob');
const c1 = mk('carol');
const c2 = mk('carol');
const d1 = mk('dave');
const stranger = mk('mallory');

const target = (h: Holder): WrapTarget => ({
  account: h.account,
  deviceId: toHex(h.device.deviceId),
  hpkePub: toHex(h.device.hpke.publicKey),
});
const senderPub = a1.device.sig.publicKey;
const payload: MessagePayload = { text: 'meet at the usual place', plan: { place: 'the old mill', time: '02:00' } };

function input(holders: readonly Holder[], recipients: readonly string[], extra: Partial<SealInput> = {}): SealInput {
  return {
    day: 7,
    fromAccount: 'alice',
    device: a1.device,
    recipients,
    targets: holders.map(target),
    payload,
    ...extra,
  };
}

const cases = [
  { name: '1 device', holders: [b1], recipients: ['bob'] },
  { name: '4 devices incl. the sender’s own other device', holders: [b1, b2, c1, a2], recipients: ['bob', 'carol'] },
  {
    name: '8 devices incl. two of the sender’s own',
    holders: [d1, c2, b3, a3, b1, c1, b2, a2],
    recipients: ['dave', 'bob', 'carol'],
  },
];

/** A sealed 4-device envelope that the tamper tests start from. */
const base = sealEnvelope(input([b1, b2, c1, a2], ['bob', 'carol']), seededRandom('base envelope'));
const holderOf = (w: EnvelopeWrap): Holder => {
  const h = [a2, b1, b2, c1].find((x) => x.account === w.account && toHex(x.device.deviceId) === w.device);
  if (!h) throw new Error('no holder for wrap');
  return h;
};

/** Changes the last hex digit (keeps the string valid lowercase hex of the same length). */
const flip = (hex: string): string => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');
const withField = (e: Envelope, patch: Partial<Record<keyof Envelope, unknown>>): unknown => ({ ...e, ...patch });
const withWrap = (e: Envelope, i: number, patch: Partial<Record<keyof EnvelopeWrap, unknown>>): unknown => ({
  ...e,
  wraps: e.wraps.map((w, j) => (j === i ? { ...w, ...patch } : w)),
});
/** What a dishonest sender could do after tampering: re-sign the changed envelope. */
function resign(value: unknown): Envelope {
  const decoded = decodeEnvelope(value);
  const signature = sign(frame(SUITE, 'sig', decoded.header, decoded.body), a1.device.sig.secretKey);
  return { ...(value as Envelope), signature: toHex(signature) };
}

describe('sealEnvelope / openEnvelope round trip', () => {
  it.each(cases)('to $name: every addressed device opens it', ({ holders, recipients }) => {
    const { envelope, root } = sealEnvelope(input(holders, recipients));
    expect(envelope.wraps).toHaveLength(holders.length);
    expect(envelope.recipients).toEqual([...recipients].sort());
    expect(envelope.fromAccount).toBe('alice');
    expect(envelope.fromDevice).toBe(toHex(a1.device.deviceId));
    // Wraps are sorted by (account, device) whatever order the targets came in.
    const keys = envelope.wraps.map((w) => `${w.account}/${w.device}`);
    expect(keys).toEqual([...keys].sort());
    for (const h of holders) {
      const opened = openEnvelope(envelope, h, senderPub);
      expect(opened.payload).toEqual(payload);
      expect(opened.root).toEqual(root);
    }
  });

  it('unwrapRoot and openWithRoot give the same root and payload as openEnvelope', () => {
    const { envelope, root } = base;
    const decoded = verifyEnvelope(envelope, toHex(senderPub));
    for (const h of [a2, b1, b2, c1]) {
      expect(unwrapRoot(decoded, h.account, h.device.deviceId, h.device.hpke)).toEqual(root);
    }
    expect(openWithRoot(decoded, root)).toEqual(payload);
    expect(codeOf(() => openWithRoot(decoded, random(32)))).toBe('commitment-mismatch');
    expect(codeOf(() => openWithRoot(decoded, random(31)))).toBe('bad-length');
  });

  it('carries a payload without a plan, and an empty text', () => {
    for (const p of [{ text: 'no plan' }, { text: '' }]) {
      const { envelope } = sealEnvelope(input([b1], ['bob'], { payload: p }));
      expect(openEnvelope(envelope, b1, senderPub).payload).toEqual(p);
    }
  });

  it('a device that was not wrapped to gets not-addressed', () => {
    const { envelope } = base;
    for (const h of [b3, c2, d1, a1, a3])
      expect(codeOf(() => openEnvelope(envelope, h, senderPub))).toBe('not-addressed');
    // Same account, right device id, wrong account name: still not addressed.
    expect(codeOf(() => openEnvelope(envelope, { account: 'carol', device: b1.device }, senderPub))).toBe(
      'not-addressed',
    );
  });

  it('a device id with the wrong HPKE key fails with decrypt-failed', () => {
    const impostor: Holder = { account: 'bob', device: { ...b1.device, hpke: b2.device.hpke } };
    expect(codeOf(() => openEnvelope(base.envelope, impostor, senderPub))).toBe('decrypt-failed');
  });

  it('a wrong sender key is refused with bad-signature', () => {
    for (const key of [b1.device.sig.publicKey, a2.device.sig.publicKey]) {
      expect(codeOf(() => verifyEnvelope(base.envelope, key))).toBe('bad-signature');
      expect(codeOf(() => openEnvelope(base.envelope, b1, key))).toBe('bad-signature');
    }
  });

  it('the same seed gives the identical envelope; another seed a different one', () => {
    const seal = (seed: string) => sealEnvelope(input([b1, b2, c1, a2], ['bob', 'carol']), seededRandom(seed));
    const one = seal('seed one');
    expect(seal('seed one')).toEqual(one);
    const two = seal('seed two');
    expect(two.envelope.id).not.toBe(one.envelope.id);
    expect(two.envelope.body).not.toBe(one.envelope.body);
    expect(two.root).not.toEqual(one.root);
  });

  it('without a seed, two seals of the same message differ', () => {
    const one = sealEnvelope(input([b1], ['bob']));
    const two = sealEnvelope(input([b1], ['bob']));
    expect(two.envelope.id).not.toBe(one.envelope.id);
    expect(two.envelope.wraps[0]?.enc).not.toBe(one.envelope.wraps[0]?.enc);
  });
});

describe('tampering with any field is refused', () => {
  const e = base.envelope;
  const fieldCases: [string, unknown][] = [
    ['id', withField(e, { id: flip(e.id) })],
    ['day', withField(e, { day: e.day + 1 })],
    ['fromAccount', withField(e, { fromAccount: 'alicf' })],
    ['fromDevice', withField(e, { fromDevice: flip(e.fromDevice) })],
    ['recipients (one dropped)', withField(e, { recipients: ['bob'] })],
    ['recipients (one added)', withField(e, { recipients: ['bob', 'carol', 'dave'] })],
    ['nonce', withField(e, { nonce: flip(e.nonce) })],
    ['commit', withField(e, { commit: flip(e.commit) })],
    ['body', withField(e, { body: flip(e.body) })],
    ['body (first byte)', withField(e, { body: `${e.body[0] === 'a' ? 'b' : 'a'}${e.body.slice(1)}` })],
    ['body (truncated)', withField(e, { body: e.body.slice(0, -2) })],
    ['signature', withField(e, { signature: flip(e.signature) })],
    ['wraps (one dropped)', withField(e, { wraps: e.wraps.slice(1) })],
  ];
  for (const [i, w] of e.wraps.entries()) {
    fieldCases.push(
      [`wraps[${i}].account`, withWrap(e, i, { account: w.account === 'bob' ? 'carol' : 'bob' })],
      [`wraps[${i}].device`, withWrap(e, i, { device: flip(w.device) })],
      [`wraps[${i}].enc`, withWrap(e, i, { enc: flip(w.enc) })],
      [`wraps[${i}].ct`, withWrap(e, i, { ct: flip(w.ct) })],
    );
  }

  it('the untampered envelope verifies and opens (control)', () => {
    expect(verifyEnvelope(e, senderPub).body.length).toBeGreaterThan(16);
    for (const w of e.wraps) expect(openEnvelope(e, holderOf(w), senderPub).payload).toEqual(payload);
  });

  it.each(fieldCases)('%s: verifyEnvelope and openEnvelope throw a CryptoError', (_, tampered) => {
    expect(() => verifyEnvelope(tampered, senderPub)).toThrow(CryptoError);
    for (const w of e.wraps) expect(() => openEnvelope(tampered, holderOf(w), senderPub)).toThrow(CryptoError);
  });

  // A sender who tampers and re-signs still cannot make a recipient accept a mismatched
  // wrap, commitment or body: the HPKE aad/info and the body's AAD bind them.
  const resigned: [string, Envelope, CryptoErrorCode][] = [
    ['id', resign(withField(e, { id: flip(e.id) })), 'decrypt-failed'],
    ['day', resign(withField(e, { day: e.day + 1 })), 'decrypt-failed'],
    ['recipients', resign(withField(e, { recipients: ['bob', 'carol', 'dave'] })), 'decrypt-failed'],
    ['nonce', resign(withField(e, { nonce: flip(e.nonce) })), 'decrypt-failed'],
    ['commit', resign(withField(e, { commit: flip(e.commit) })), 'decrypt-failed'],
    ['body', resign(withField(e, { body: flip(e.body) })), 'decrypt-failed'],
    ['wraps[1].enc', resign(withWrap(e, 1, { enc: flip(e.wraps[1]?.enc ?? '') })), 'decrypt-failed'],
    ['wraps[1].ct', resign(withWrap(e, 1, { ct: flip(e.wraps[1]?.ct ?? '') })), 'decrypt-failed'],
  ];
  it.each(resigned)('%s changed and re-signed by the sender: the recipient refuses (%s)', (field, tampered, code) => {
    expect(verifyEnvelope(tampered, senderPub)).toBeTruthy();
    const opener = field.startsWith('wraps[1]') ? holderOf(e.wraps[1] as EnvelopeWrap) : b1;
    expect(codeOf(() => openEnvelope(tampered, opener, senderPub))).toBe(code);
  });
});

describe('decodeEnvelope refuses non-canonical envelopes', () => {
  const e = base.envelope;

  it('refuses unsorted or duplicate wraps', () => {
    const [w0, w1, w2, w3] = e.wraps as [EnvelopeWrap, EnvelopeWrap, EnvelopeWrap, EnvelopeWrap];
    expect(codeOf(() => decodeEnvelope(withField(e, { wraps: [w1, w0, w2, w3] })))).toBe('bad-input');
    expect(codeOf(() => decodeEnvelope(withField(e, { wraps: [w0, w1, w3, w2] })))).toBe('bad-input');
    expect(codeOf(() => decodeEnvelope(withField(e, { wraps: [w0, w1, w1, w2, w3] })))).toBe('bad-input');
    // Same (account, device) twice even with different enc/ct.
    expect(codeOf(() => decodeEnvelope(withField(e, { wraps: [w0, { ...w0, enc: w1.enc }, w1, w2, w3] })))).toBe(
      'bad-input',
    );
  });

  it('refuses unsorted or duplicate recipients', () => {
    expect(codeOf(() => decodeEnvelope(withField(e, { recipients: ['carol', 'bob'] })))).toBe('bad-input');
    expect(codeOf(() => decodeEnvelope(withField(e, { recipients: ['bob', 'bob', 'carol'] })))).toBe('bad-input');
    expect(codeOf(() => decodeEnvelope(withField(e, { recipients: [] })))).toBe('bad-input');
  });

  it('refuses a sealed input with the same device twice; sorts and dedupes recipients', () => {
    expect(codeOf(() => sealEnvelope(input([b1, b1], ['bob'])))).toBe('bad-input');
    const { envelope } = sealEnvelope(input([b1, c1], ['carol', 'bob', 'carol']));
    expect(envelope.recipients).toEqual(['bob', 'carol']);
  });

  it.each(['id', 'fromDevice', 'nonce', 'commit', 'body', 'signature'] as const)(
    'refuses uppercase hex in %s',
    (field) => {
      const value = e[field].toUpperCase();
      expect(value).not.toBe(e[field]);
      expect(codeOf(() => decodeEnvelope(withField(e, { [field]: value })))).toBe('bad-hex');
    },
  );

  it.each(['device', 'enc', 'ct'] as const)('refuses uppercase hex in wraps[0].%s', (field) => {
    const w = e.wraps[0] as EnvelopeWrap;
    expect(codeOf(() => decodeEnvelope(withWrap(e, 0, { [field]: w[field].toUpperCase() })))).toBe('bad-hex');
  });

  it('refuses wrong-length fields', () => {
    expect(codeOf(() => decodeEnvelope(withField(e, { id: `${e.id}00` })))).toBe('bad-length');
    expect(codeOf(() => decodeEnvelope(withField(e, { nonce: e.nonce.slice(2) })))).toBe('bad-length');
    expect(codeOf(() => decodeEnvelope(withField(e, { body: e.body.slice(0, 30) })))).toBe('bad-length');
    expect(codeOf(() => decodeEnvelope(withWrap(e, 0, { ct: `${e.wraps[0]?.ct}00` })))).toBe('bad-length');
  });

  it('refuses a wrap for an account that is neither a recipient nor the sender', () => {
    // At seal time …
    expect(codeOf(() => sealEnvelope(input([b1, stranger], ['bob'])))).toBe('bad-input');
    // … and on the wire (mallory sorts after carol, so only the account check can refuse it).
    const last = e.wraps[e.wraps.length - 1] as EnvelopeWrap;
    const tampered = withField(e, { wraps: [...e.wraps, { ...last, account: 'mallory' }] });
    expect(codeOf(() => decodeEnvelope(tampered))).toBe('bad-input');
  });

  it('refuses a body over 2 KiB of plaintext at seal (too-large), accepts exactly 2 KiB', () => {
    const overhead = JSON.stringify({ text: '' }).length;
    const exact = { text: 'x'.repeat(MAX_MESSAGE_PLAINTEXT - overhead) };
    const sealed = sealEnvelope(input([b1], ['bob'], { payload: exact }));
    expect(sealed.envelope.body.length).toBe(2 * (MAX_MESSAGE_PLAINTEXT + 16));
    expect(openEnvelope(sealed.envelope, b1, senderPub).payload).toEqual(exact);
    const over = { text: 'x'.repeat(MAX_MESSAGE_PLAINTEXT - overhead + 1) };
    expect(codeOf(() => sealEnvelope(input([b1], ['bob'], { payload: over })))).toBe('too-large');
    // Multi-byte UTF-8 counts in bytes, not characters.
    const euros = { text: '€'.repeat(Math.ceil((MAX_MESSAGE_PLAINTEXT - overhead + 1) / 3)) };
    expect(codeOf(() => sealEnvelope(input([b1], ['bob'], { payload: euros })))).toBe('too-large');
    // A body longer than 2 KiB + tag is refused on the wire too.
    expect(codeOf(() => decodeEnvelope(withField(e, { body: `${sealed.envelope.body}00` })))).toBe('too-large');
  });

  it('refuses non-objects and missing fields', () => {
    for (const v of [null, undefined, 'envelope', 42, []]) expect(() => decodeEnvelope(v)).toThrow(CryptoError);
    for (const field of Object.keys(e)) {
      const { [field as keyof Envelope]: _, ...rest } = e;
      expect(() => decodeEnvelope(rest)).toThrow(CryptoError);
    }
  });

  it('keeps the content key bound to the message id', () => {
    const decoded = decodeEnvelope(e);
    expect(contentKeyOf(base.root, decoded.id)).not.toEqual(contentKeyOf(base.root, random(16)));
  });
});
