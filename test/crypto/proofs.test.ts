/**
 * The referee's proof verifiers (protocol.md, "Proofs"): a submitted key must open
 * public ciphertext through its commitment; a refusal carries a reason and the
 * verifiers never throw (a thrown move would print the key in the server log).
 */
import { describe, expect, it } from 'vitest';
import { generateBackupKey, sealBackup } from '../../src/crypto/backup.ts';
import { createDevice, type DeviceKeys, devicePublicKeys } from '../../src/crypto/device.ts';
import { commitmentOf, type Envelope, sealEnvelope } from '../../src/crypto/envelope.ts';
import { frame } from '../../src/crypto/frame.ts';
import { fromHex, toHex } from '../../src/crypto/hex.ts';
import { seal as hpkeSeal } from '../../src/crypto/hpke/index.ts';
import {
  type ProofResult,
  verifyBackupKeyProof,
  verifyContentKeyProof,
  verifyDeviceKeyProof,
  verifyHopKeyProof,
  verifySimKeyProof,
} from '../../src/crypto/proofs.ts';
import { seededRandom } from '../../src/crypto/random.ts';
import { provisionSim, smsTranscrypt, smsUplink } from '../../src/crypto/sms.ts';

const random = seededRandom('proof tests');
const ALICE = '+1-555-0100';
const BOB = '+1-555-0200';
const alicePhone = createDevice(random);
const bobPhone = createDevice(random);
const bobLaptop = createDevice(random);
const bobOld = createDevice(random); // registered to Bob, but no message is wrapped to it
const target = (account: string, d: DeviceKeys) => ({ account, ...devicePublicKeys(d) });
const plan = { place: 'Pier 9', time: '23:00' };

function message(text: string, targets: ReturnType<typeof target>[]) {
  return sealEnvelope(
    { day: 2, fromAccount: ALICE, device: alicePhone, recipients: [BOB], targets, payload: { text, plan } },
    random,
  );
}
const msgA = message('A: the plan', [target(ALICE, alicePhone), target(BOB, bobPhone), target(BOB, bobLaptop)]);
const msgB = message('B: another', [target(BOB, bobPhone)]);

const LINE_A = '+1-555-0101';
const LINE_B = '+1-555-0102';
const simA = provisionSim(LINE_A, devicePublicKeys(alicePhone), random);
const simB = provisionSim(LINE_B, devicePublicKeys(bobPhone), random);
const sms = (text: string) =>
  smsUplink({ day: 3, fromLine: LINE_A, toLine: LINE_B, simKey: simA.simKey, payload: { text } }, random);
const up1 = sms('sms one');
const up2 = sms('sms two');
const down1 = smsTranscrypt(up1.hop, simA.simKey, simB.simKey, random);

const backupKey = generateBackupKey(random);
const backupItems = [
  { messageId: msgA.envelope.id, channel: 'secure' as const, from: ALICE, day: 2, payload: { text: 'A: the plan' } },
];
const bobBackup = (day: number, key: Uint8Array, items: typeof backupItems) =>
  sealBackup({ account: BOB, device: toHex(bobPhone.deviceId), day, backupKey: key, items }, random);
const backup = bobBackup(2, backupKey, backupItems);
const otherBackupKey = generateBackupKey(random);
const otherBackup = bobBackup(3, otherBackupKey, []);

const refused = (reason: string) => ({ ok: false, reason });
// Uppercase, short, long, prefixed, empty, and not strings at all.
const MALFORMED_KEYS: unknown[] = [toHex(random(32)).toUpperCase(), toHex(random(31)), toHex(random(33))];
MALFORMED_KEYS.push(`0x${toHex(random(31))}`, '', null, undefined, 42, random(32), { key: toHex(random(32)) });
const GARBAGE: unknown[] = [null, undefined, 0, 'x', [], {}, { id: {} }, [msgA.envelope], JSON.parse('{"toString":1}')];

function expectOk<T>(result: ProofResult<T>): T {
  expect(result).toMatchObject({ ok: true });
  if (!result.ok) throw new Error(result.detail);
  return result.plaintext;
}

describe('verifyContentKeyProof', () => {
  it('accepts the message root and returns the plaintext', () => {
    expect(expectOk(verifyContentKeyProof(msgA.envelope, toHex(msgA.root)))).toEqual({ text: 'A: the plan', plan });
  });

  it('refuses another key, and the root of message B submitted against message A', () => {
    expect(verifyContentKeyProof(msgA.envelope, toHex(random(32)))).toMatchObject(refused('key-mismatch'));
    expect(verifyContentKeyProof(msgA.envelope, toHex(msgB.root))).toMatchObject(refused('key-mismatch'));
  });

  it('refuses a key that fits a forged commitment (the header binds the commitment)', () => {
    const id = fromHex(msgA.envelope.id);
    const forged: Envelope = { ...msgA.envelope, commit: toHex(commitmentOf(msgB.root, id)) };
    expect(verifyContentKeyProof(forged, toHex(msgB.root))).toMatchObject(refused('decrypt-failed'));
    expect(verifyContentKeyProof(forged, toHex(msgA.root))).toMatchObject(refused('key-mismatch'));
  });

  it('refuses malformed keys and malformed messages', () => {
    for (const key of MALFORMED_KEYS) {
      expect(verifyContentKeyProof(msgA.envelope, key)).toMatchObject(refused('malformed-key'));
    }
    for (const item of GARBAGE)
      expect(verifyContentKeyProof(item, toHex(msgA.root))).toMatchObject(refused('malformed-item'));
    const badBody = { ...msgA.envelope, body: msgA.envelope.body.toUpperCase() };
    expect(verifyContentKeyProof(badBody, toHex(msgA.root))).toMatchObject(refused('malformed-item'));
  });
});

describe('verifyDeviceKeyProof', () => {
  const bobPhoneRecord = target(BOB, bobPhone);

  it('accepts the private key of any addressed device, the sender’s own included', () => {
    const expected = { text: 'A: the plan', plan };
    expect(expectOk(verifyDeviceKeyProof(msgA.envelope, bobPhoneRecord, toHex(bobPhone.hpke.secretKey)))).toEqual(
      expected,
    );
    const laptop = target(BOB, bobLaptop);
    expect(expectOk(verifyDeviceKeyProof(msgA.envelope, laptop, toHex(bobLaptop.hpke.secretKey)))).toEqual(expected);
    const own = target(ALICE, alicePhone);
    expect(expectOk(verifyDeviceKeyProof(msgA.envelope, own, toHex(alicePhone.hpke.secretKey)))).toEqual(expected);
  });

  it('refuses a key that is not the registered device’s (device-mismatch)', () => {
    const result = verifyDeviceKeyProof(msgA.envelope, bobPhoneRecord, toHex(bobLaptop.hpke.secretKey));
    expect(result).toMatchObject(refused('device-mismatch'));
    expect(verifyDeviceKeyProof(msgA.envelope, bobPhoneRecord, toHex(random(32)))).toMatchObject(
      refused('device-mismatch'),
    );
  });

  it('refuses the key of a device the message was not addressed to (not-addressed)', () => {
    const old = target(BOB, bobOld);
    expect(verifyDeviceKeyProof(msgA.envelope, old, toHex(bobOld.hpke.secretKey))).toMatchObject(
      refused('not-addressed'),
    );
    const laptop = target(BOB, bobLaptop);
    expect(verifyDeviceKeyProof(msgB.envelope, laptop, toHex(bobLaptop.hpke.secretKey))).toMatchObject(
      refused('not-addressed'),
    );
    const wrongAccount = { ...bobPhoneRecord, account: ALICE };
    expect(verifyDeviceKeyProof(msgA.envelope, wrongAccount, toHex(bobPhone.hpke.secretKey))).toMatchObject(
      refused('not-addressed'),
    );
  });

  it('refuses a wrap whose root does not match the commitment (a sender’s double-key trick)', () => {
    const env = msgA.envelope;
    const info = frame('going-dark/v1', 'wrap', fromHex(env.id), ALICE, alicePhone.deviceId, BOB, bobPhone.deviceId);
    const { enc, ct } = hpkeSeal(bobPhone.hpke.publicKey, info, fromHex(env.commit), random(32), { random });
    const wraps = env.wraps.map((w) =>
      w.device === toHex(bobPhone.deviceId) ? { ...w, enc: toHex(enc), ct: toHex(ct) } : w,
    );
    const tricked = { ...env, wraps };
    expect(verifyDeviceKeyProof(tricked, bobPhoneRecord, toHex(bobPhone.hpke.secretKey))).toMatchObject(
      refused('key-mismatch'),
    );
  });

  it('refuses malformed keys, device records and messages', () => {
    for (const key of MALFORMED_KEYS) {
      expect(verifyDeviceKeyProof(msgA.envelope, bobPhoneRecord, key)).toMatchObject(refused('malformed-key'));
    }
    const key = toHex(bobPhone.hpke.secretKey);
    for (const item of GARBAGE)
      expect(verifyDeviceKeyProof(item, bobPhoneRecord, key)).toMatchObject(refused('malformed-item'));
    for (const record of [{ ...bobPhoneRecord, deviceId: 'zz' }, { ...bobPhoneRecord, hpkePub: '' }, null, {}]) {
      const result = verifyDeviceKeyProof(msgA.envelope, record as typeof bobPhoneRecord, key);
      expect(result).toMatchObject(refused('malformed-item'));
    }
  });
});

describe('verifySimKeyProof', () => {
  const kiA = toHex(simA.simKey);
  const kiB = toHex(simB.simKey);
  const commitA = simA.provision.simCommit;
  const commitB = simB.provision.simCommit;

  it('accepts the sender line’s Ki for the uplink and the recipient line’s Ki for the downlink', () => {
    expect(expectOk(verifySimKeyProof(up1.hop, LINE_A, kiA, commitA))).toEqual({ text: 'sms one' });
    expect(expectOk(verifySimKeyProof(up2.hop, LINE_A, kiA, commitA))).toEqual({ text: 'sms two' });
    expect(expectOk(verifySimKeyProof(down1.downlink, LINE_B, kiB, commitB))).toEqual({ text: 'sms one' });
  });

  it('refuses a key that does not match the published SIM commitment (key-mismatch)', () => {
    expect(verifySimKeyProof(up1.hop, LINE_A, kiB, commitA)).toMatchObject(refused('key-mismatch'));
    expect(verifySimKeyProof(up1.hop, LINE_A, toHex(random(32)), commitA)).toMatchObject(refused('key-mismatch'));
    expect(verifySimKeyProof(up1.hop, LINE_B, kiA, commitA)).toMatchObject(refused('key-mismatch'));
  });

  it('refuses a genuine SIM key for a line the hop does not travel on (wrong-line)', () => {
    expect(verifySimKeyProof(up1.hop, LINE_B, kiB, commitB)).toMatchObject(refused('wrong-line'));
    expect(verifySimKeyProof(down1.downlink, LINE_A, kiA, commitA)).toMatchObject(refused('wrong-line'));
  });

  it('refuses malformed keys, commitments and hops', () => {
    for (const key of MALFORMED_KEYS) {
      expect(verifySimKeyProof(up1.hop, LINE_A, key, commitA)).toMatchObject(refused('malformed-key'));
    }
    for (const item of GARBAGE)
      expect(verifySimKeyProof(item, LINE_A, kiA, commitA)).toMatchObject(refused('malformed-item'));
    expect(verifySimKeyProof(up1.hop, LINE_A, kiA, commitA.toUpperCase())).toMatchObject(refused('malformed-item'));
  });

  // A JSON move argument such as {"toString":1} cannot be string-converted: refused, not thrown.
  it('never throws, even for a JSON line value that cannot be converted to a string', () => {
    const line = JSON.parse('{"toString":1}');
    expect(verifySimKeyProof(up1.hop, line, kiA, commitA)).toMatchObject(refused('malformed-item'));
  });
});

describe('verifyHopKeyProof', () => {
  it('accepts each hop’s own key', () => {
    expect(expectOk(verifyHopKeyProof(up1.hop, toHex(up1.hopKey)))).toEqual({ text: 'sms one' });
    expect(expectOk(verifyHopKeyProof(down1.downlink, toHex(down1.hopKey)))).toEqual({ text: 'sms one' });
  });

  it('refuses the key of another hop, or of the other direction of the same SMS', () => {
    expect(verifyHopKeyProof(up1.hop, toHex(up2.hopKey))).toMatchObject(refused('key-mismatch'));
    expect(verifyHopKeyProof(down1.downlink, toHex(up1.hopKey))).toMatchObject(refused('key-mismatch'));
    expect(verifyHopKeyProof(up1.hop, toHex(simA.simKey))).toMatchObject(refused('key-mismatch')); // Ki is not a hop key
  });

  it('refuses malformed keys and hops', () => {
    for (const key of MALFORMED_KEYS) expect(verifyHopKeyProof(up1.hop, key)).toMatchObject(refused('malformed-key'));
    for (const item of GARBAGE)
      expect(verifyHopKeyProof(item, toHex(up1.hopKey))).toMatchObject(refused('malformed-item'));
  });
});

describe('verifyBackupKeyProof', () => {
  it('accepts the backup key and returns the history', () => {
    expect(expectOk(verifyBackupKeyProof(backup, toHex(backupKey)))).toEqual(backupItems);
  });

  it('refuses another backup’s key and a random key (key-mismatch)', () => {
    expect(verifyBackupKeyProof(backup, toHex(otherBackupKey))).toMatchObject(refused('key-mismatch'));
    expect(verifyBackupKeyProof(otherBackup, toHex(backupKey))).toMatchObject(refused('key-mismatch'));
    expect(verifyBackupKeyProof(backup, toHex(random(32)))).toMatchObject(refused('key-mismatch'));
  });

  it('refuses a tampered backup (decrypt-failed)', () => {
    expect(verifyBackupKeyProof({ ...backup, day: 9 }, toHex(backupKey))).toMatchObject(refused('decrypt-failed'));
  });

  it('refuses malformed keys and backups', () => {
    for (const key of MALFORMED_KEYS) expect(verifyBackupKeyProof(backup, key)).toMatchObject(refused('malformed-key'));
    for (const item of GARBAGE)
      expect(verifyBackupKeyProof(item, toHex(backupKey))).toMatchObject(refused('malformed-item'));
  });
});

describe('no verifier throws', () => {
  it('on any combination of garbage arguments', () => {
    const values = [...GARBAGE, ...MALFORMED_KEYS, msgA.envelope, up1.hop, backup, toHex(msgA.root)];
    for (const a of values) {
      for (const b of values) {
        expect(() => verifyContentKeyProof(a, b)).not.toThrow();
        expect(() => verifyHopKeyProof(a, b)).not.toThrow();
        expect(() => verifyBackupKeyProof(a, b)).not.toThrow();
        expect(() => verifyDeviceKeyProof(a, b as never, b)).not.toThrow();
        expect(() => verifySimKeyProof(a, LINE_A, b, b as string)).not.toThrow();
      }
    }
  });
});
