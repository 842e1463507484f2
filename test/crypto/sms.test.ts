/**
 * SMS, hop by hop (protocol.md, "SMS"): the carrier provisions a SIM key per line,
 * the phone encrypts the uplink under its own line's key, the carrier's switch reads
 * it and re-encrypts the downlink under the recipient line's key.
 */
import { describe, expect, it } from 'vitest';
import { createDevice, devicePublicKeys } from '../../src/crypto/device.ts';
import { toHex } from '../../src/crypto/hex.ts';
import type { MessagePayload } from '../../src/crypto/payload.ts';
import { seededRandom } from '../../src/crypto/random.ts';
import {
  decodeSmsHop,
  hopKeyOf,
  openHopWithKey,
  provisionSim,
  receiveSim,
  type SmsHop,
  simCommitOf,
  smsDecrypt,
  smsTranscrypt,
  smsUplink,
} from '../../src/crypto/sms.ts';
import { codeOf } from '../support/codeOf.ts';

const random = seededRandom('sms tests');
const LINE_A = '+1-555-0101';
const LINE_B = '+1-555-0102';
const phoneA = createDevice(random);
const phoneB = createDevice(random);
const simA = provisionSim(LINE_A, devicePublicKeys(phoneA), random);
const simB = provisionSim(LINE_B, devicePublicKeys(phoneB), random);
const payload: MessagePayload = { text: 'meet at the docks', plan: { place: 'Pier 9', time: '23:00' } };
const { hop: uplink, hopKey: uplinkKey } = smsUplink(
  { day: 4, fromLine: LINE_A, toLine: LINE_B, simKey: simA.simKey, payload },
  random,
);
const switched = smsTranscrypt(uplink, simA.simKey, simB.simKey, random);
const downlink = switched.downlink;

/** Replaces the first hex digit of a field with a different one. */
function flipHex(hex: string): string {
  return (hex[0] === '0' ? '1' : '0') + hex.slice(1);
}

describe('provisioning a SIM', () => {
  it('gives the phone the carrier’s SIM key, checked against the published commitment', () => {
    expect(simA.simKey).toHaveLength(32);
    expect(simA.provision.simCommit).toBe(toHex(simCommitOf(simA.simKey, LINE_A)));
    expect(receiveSim(simA.provision, phoneA)).toEqual(simA.simKey);
    expect(receiveSim(simB.provision, phoneB)).toEqual(simB.simKey);
  });

  it('gives each line a different key', () => {
    expect(simA.simKey).not.toEqual(simB.simKey);
  });

  it('refuses a SIM whose published commitment does not match', () => {
    const wrongCommit = { ...simA.provision, simCommit: simB.provision.simCommit };
    expect(codeOf(() => receiveSim(wrongCommit, phoneA))).toBe('commitment-mismatch');
    const flipped = { ...simA.provision, simCommit: flipHex(simA.provision.simCommit) };
    expect(codeOf(() => receiveSim(flipped, phoneA))).toBe('commitment-mismatch');
  });

  it('refuses a SIM presented as another line’s (the commitment binds the line)', () => {
    expect(codeOf(() => receiveSim({ ...simA.provision, line: LINE_B }, phoneA))).toBe('commitment-mismatch');
  });

  it('cannot be opened by another phone', () => {
    expect(codeOf(() => receiveSim(simA.provision, phoneB))).toBe('decrypt-failed');
  });
});

describe('phone → carrier → phone', () => {
  it('delivers the payload to the recipient', () => {
    expect(smsDecrypt(downlink, simB.simKey)).toEqual(payload);
  });

  it('lets the sender re-read its own uplink', () => {
    expect(smsDecrypt(uplink, simA.simKey)).toEqual(payload);
  });

  it('shows the carrier the plaintext at the switch', () => {
    expect(switched.payload).toEqual(payload);
  });

  it('keeps the id, day and lines across the switch, flips the direction, fresh nonce and body', () => {
    expect(uplink.direction).toBe('up');
    expect(downlink).toMatchObject({ id: uplink.id, day: 4, fromLine: LINE_A, toLine: LINE_B, direction: 'down' });
    expect(downlink.nonce).not.toBe(uplink.nonce);
    expect(downlink.commit).not.toBe(uplink.commit);
    expect(downlink.body).not.toBe(uplink.body);
  });

  it('does not put the plaintext on the wire', () => {
    const wire = JSON.stringify([uplink, downlink]);
    expect(wire).not.toContain('docks');
    expect(wire).not.toContain(toHex(new TextEncoder().encode('docks')));
  });

  it('returns hop keys that open exactly their own hop', () => {
    expect(uplinkKey).toEqual(hopKeyOf(simA.simKey, decodeSmsHop(uplink).id, 'up'));
    expect(openHopWithKey(decodeSmsHop(uplink), uplinkKey)).toEqual(payload);
    expect(openHopWithKey(decodeSmsHop(downlink), switched.hopKey)).toEqual(payload);
    expect(codeOf(() => openHopWithKey(decodeSmsHop(downlink), uplinkKey))).toBe('commitment-mismatch');
  });

  it('carries a message with no plan, and an empty text', () => {
    const { hop } = smsUplink({ day: 0, fromLine: LINE_B, toLine: LINE_A, simKey: simB.simKey, payload: { text: '' } });
    const down = smsTranscrypt(hop, simB.simKey, simA.simKey).downlink;
    expect(smsDecrypt(down, simA.simKey)).toEqual({ text: '' });
  });
});

describe('who can read which hop', () => {
  it('the recipient cannot read the uplink with its own SIM key', () => {
    expect(codeOf(() => smsDecrypt(uplink, simB.simKey))).toBe('commitment-mismatch');
  });

  it('the sender cannot read the downlink with its own SIM key', () => {
    expect(codeOf(() => smsDecrypt(downlink, simA.simKey))).toBe('commitment-mismatch');
  });

  it('the switch refuses an uplink encrypted under another line’s key', () => {
    expect(codeOf(() => smsTranscrypt(uplink, simB.simKey, simA.simKey))).toBe('commitment-mismatch');
  });

  it('the switch refuses to transcrypt a downlink', () => {
    expect(codeOf(() => smsTranscrypt(downlink, simB.simKey, simA.simKey))).toBe('bad-input');
    expect(codeOf(() => smsTranscrypt(downlink, simA.simKey, simB.simKey))).toBe('bad-input');
  });
});

describe('tampering with a hop', () => {
  const tampered: [string, Partial<SmsHop>][] = [
    ['direction', { direction: 'down' }],
    ['day', { day: 5 }],
    ['fromLine', { fromLine: '+1-555-0199' }],
    ['toLine', { toLine: '+1-555-0199' }],
    ['lines swapped', { fromLine: LINE_B, toLine: LINE_A }],
    ['id', { id: flipHex(uplink.id) }],
    ['nonce', { nonce: flipHex(uplink.nonce) }],
    ['commit', { commit: flipHex(uplink.commit) }],
    ['body', { body: flipHex(uplink.body) }],
    ['body (last byte)', { body: uplink.body.slice(0, -2) + (uplink.body.endsWith('00') ? '01' : '00') }],
    ['body truncated', { body: uplink.body.slice(0, -2) }],
  ];
  for (const [name, change] of tampered) {
    it(`makes the uplink unreadable when ${name} is changed`, () => {
      const hop = { ...uplink, ...change };
      expect(() => smsDecrypt(hop, simA.simKey)).toThrow();
      expect(() => smsTranscrypt(hop, simA.simKey, simB.simKey)).toThrow();
    });
  }

  it('changing the header is caught by the AEAD (decrypt-failed), the key fields by the commitment', () => {
    expect(codeOf(() => smsDecrypt({ ...uplink, day: 5 }, simA.simKey))).toBe('decrypt-failed');
    expect(codeOf(() => smsDecrypt({ ...uplink, nonce: flipHex(uplink.nonce) }, simA.simKey))).toBe('decrypt-failed');
    expect(codeOf(() => smsDecrypt({ ...uplink, id: flipHex(uplink.id) }, simA.simKey))).toBe('commitment-mismatch');
    expect(codeOf(() => smsDecrypt({ ...uplink, commit: flipHex(uplink.commit) }, simA.simKey))).toBe(
      'commitment-mismatch',
    );
  });

  it('makes the downlink unreadable when a header field is changed', () => {
    expect(codeOf(() => smsDecrypt({ ...downlink, fromLine: LINE_B }, simB.simKey))).toBe('decrypt-failed');
    expect(codeOf(() => smsDecrypt({ ...downlink, direction: 'up' }, simB.simKey))).toBe('commitment-mismatch');
  });
});

describe('decodeSmsHop refuses malformed hops', () => {
  const cases: [string, unknown, string][] = [
    ['null', null, 'bad-input'],
    ['a string', 'hop', 'bad-input'],
    ['an unknown direction', { ...uplink, direction: 'sideways' }, 'bad-input'],
    ['a negative day', { ...uplink, day: -1 }, 'bad-input'],
    ['an empty line', { ...uplink, fromLine: '' }, 'bad-input'],
    ['uppercase hex', { ...uplink, nonce: uplink.nonce.toUpperCase() }, 'bad-hex'],
    ['a short id', { ...uplink, id: uplink.id.slice(2) }, 'bad-length'],
    ['a body shorter than the tag', { ...uplink, body: '00'.repeat(15) }, 'bad-length'],
    ['an oversize body', { ...uplink, body: '00'.repeat(2048 + 17) }, 'too-large'],
  ];
  for (const [name, value, code] of cases) {
    it(`refuses ${name} (${code})`, () => {
      expect(codeOf(() => decodeSmsHop(value))).toBe(code);
    });
  }

  it('refuses to send an oversize payload', () => {
    const big = { text: 'x'.repeat(2048) };
    expect(
      codeOf(() => smsUplink({ day: 1, fromLine: LINE_A, toLine: LINE_B, simKey: simA.simKey, payload: big })),
    ).toBe('too-large');
  });
});
