/**
 * Key transparency (protocol.md, "Key transparency"): a public hash chain of directory
 * changes, a nightly signed head, and each device's audit of its own account.
 */
import { describe, expect, it } from 'vitest';
import { createDevice, type DeviceKeys, devicePublicKeys } from '../../src/crypto/device.ts';
import { fromHex, toHex } from '../../src/crypto/hex.ts';
import { hashFrame } from '../../src/crypto/kdf.ts';
import { seededRandom } from '../../src/crypto/random.ts';
import { generateSigningKeyPair } from '../../src/crypto/signature.ts';
import {
  appendKtEntry,
  auditAccount,
  devicesInLog,
  isDeviceLogged,
  KT_GENESIS,
  type KtChange,
  type KtEntry,
  type KtOp,
  signKtHead,
  verifyKtChain,
  verifyKtHead,
} from '../../src/crypto/transparency.ts';
import { codeOf } from '../support/codeOf.ts';

const random = seededRandom('transparency tests');
const relay = generateSigningKeyPair(random);
const relayPub = toHex(relay.publicKey);
const ALICE = '+1-555-0100';
const BOB = '+1-555-0200';
const alicePhone = createDevice(random);
const aliceLaptop = createDevice(random);
const bobPhone = createDevice(random);
const ghost = createDevice(random);
const ghost2 = createDevice(random);

function change(day: number, account: string, op: KtOp, device: DeviceKeys): KtChange {
  const { deviceId, hpkePub, sigPub } = devicePublicKeys(device);
  return { day, account, op, deviceId, hpkePub, sigPub };
}

function buildLog(changes: readonly KtChange[]): KtEntry[] {
  const log: KtEntry[] = [];
  for (const c of changes) log.push(appendKtEntry(log, c));
  return log;
}

const changes = [
  change(1, ALICE, 'add', alicePhone),
  change(1, BOB, 'add', bobPhone),
  change(2, ALICE, 'add', aliceLaptop),
  change(3, ALICE, 'add', ghost),
  change(4, ALICE, 'remove', ghost),
];
const log = buildLog(changes);

describe('appendKtEntry', () => {
  it('numbers entries from 0 and chains each to the previous hash, starting from 32 zero bytes', () => {
    expect(KT_GENESIS).toBe('00'.repeat(32));
    expect(log.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(log[0]?.prevHash).toBe(KT_GENESIS);
    for (let i = 1; i < log.length; i++) expect(log[i]?.prevHash).toBe(log[i - 1]?.hash);
  });

  it('hashes SHA-256(frame(suite, "kt", seq, day, account, op, deviceId, hpkePub, sigPub, prevHash))', () => {
    const e = log[2] as KtEntry;
    const expected = hashFrame(
      'going-dark/v1',
      'kt',
      2,
      2,
      ALICE,
      'add',
      aliceLaptop.deviceId,
      aliceLaptop.hpke.publicKey,
      aliceLaptop.sig.publicKey,
      fromHex(log[1]?.hash),
    );
    expect(e.hash).toBe(toHex(expected));
  });

  it('refuses a malformed change', () => {
    expect(codeOf(() => appendKtEntry(log, { ...changes[0], op: 'replace' } as unknown as KtChange))).toBe('bad-input');
    expect(codeOf(() => appendKtEntry(log, { ...(changes[0] as KtChange), account: '' }))).toBe('bad-input');
    expect(codeOf(() => appendKtEntry(log, { ...(changes[0] as KtChange), deviceId: 'AB' }))).toBe('bad-hex');
  });
});

describe('verifyKtChain', () => {
  it('accepts an honest log, and the empty log', () => {
    expect(verifyKtChain(log)).toEqual({ ok: true });
    expect(verifyKtChain([])).toEqual({ ok: true });
  });

  it('catches an edited entry at its own seq', () => {
    const edited = log.map((e) => (e.seq === 2 ? { ...e, day: 9 } : e));
    expect(verifyKtChain(edited)).toMatchObject({ ok: false, seq: 2 });
    const swappedKey = log.map((e) => (e.seq === 3 ? { ...e, hpkePub: toHex(ghost2.hpke.publicKey) } : e));
    expect(verifyKtChain(swappedKey)).toMatchObject({ ok: false, seq: 3 });
  });

  it('catches an edited entry with a recomputed hash at the next seq', () => {
    const rehashed = appendKtEntry(log.slice(0, 2), change(2, ALICE, 'add', ghost2));
    const edited = [...log.slice(0, 2), rehashed, ...log.slice(3)];
    expect(verifyKtChain(edited)).toMatchObject({ ok: false, seq: 3 });
  });

  it('catches reordered entries at the first position that moved', () => {
    const reordered = [log[0], log[2], log[1], log[3], log[4]] as KtEntry[];
    expect(verifyKtChain(reordered)).toMatchObject({ ok: false, seq: 1, reason: expect.stringMatching(/sequence/) });
  });

  it('catches a dropped entry in the middle and a dropped first entry', () => {
    expect(verifyKtChain([...log.slice(0, 3), ...log.slice(4)])).toMatchObject({ ok: false, seq: 3 });
    expect(verifyKtChain(log.slice(1))).toMatchObject({ ok: false, seq: 0 });
  });

  it('catches a dropped entry even when later entries are renumbered', () => {
    const renumbered = [log[0], { ...log[2], seq: 1 }] as KtEntry[];
    expect(verifyKtChain(renumbered)).toMatchObject({ ok: false, seq: 1 });
  });

  it('catches an inserted entry at the first entry after it', () => {
    const inserted = appendKtEntry(log.slice(0, 3), change(3, ALICE, 'add', ghost2));
    expect(verifyKtChain([...log.slice(0, 3), inserted, ...log.slice(3)])).toMatchObject({ ok: false, seq: 4 });
  });

  it('reports a malformed entry instead of throwing', () => {
    const bad = log.map((e) => (e.seq === 1 ? { ...e, deviceId: e.deviceId.toUpperCase() } : e));
    expect(verifyKtChain(bad)).toMatchObject({ ok: false, seq: 1 });
  });

  it('accepts a log that only appends', () => {
    const longer = [...log, appendKtEntry(log, change(5, BOB, 'remove', bobPhone))];
    expect(verifyKtChain(longer)).toEqual({ ok: true });
  });
});

describe('signed heads', () => {
  const head = signKtHead(log.slice(0, 3), 2, relay.secretKey);

  it('signs the size and last hash, and verifies with and without the log', () => {
    expect(head).toMatchObject({ size: 3, hash: log[2]?.hash, day: 2 });
    expect(verifyKtHead(head, relayPub)).toEqual({ ok: true });
    expect(verifyKtHead(head, relayPub, log.slice(0, 3))).toEqual({ ok: true });
  });

  it('verifies against a later log that extends it', () => {
    expect(verifyKtHead(head, relayPub, log)).toEqual({ ok: true });
  });

  it('signs the empty log as the genesis hash', () => {
    const empty = signKtHead([], 0, relay.secretKey);
    expect(empty).toMatchObject({ size: 0, hash: KT_GENESIS });
    expect(verifyKtHead(empty, relayPub, log)).toEqual({ ok: true });
  });

  it('refuses a head signed by another key', () => {
    const impostor = generateSigningKeyPair(random);
    const forged = signKtHead(log, 4, impostor.secretKey);
    expect(verifyKtHead(forged, relayPub)).toMatchObject({ ok: false });
  });

  it('refuses a head whose size, hash or day was edited', () => {
    expect(verifyKtHead({ ...head, size: 2 }, relayPub)).toMatchObject({ ok: false });
    expect(verifyKtHead({ ...head, hash: log[1]?.hash as string }, relayPub)).toMatchObject({ ok: false });
    expect(verifyKtHead({ ...head, day: 3 }, relayPub)).toMatchObject({ ok: false });
  });

  it('refuses a log that rewrites history after a signed head, even when its chain is valid', () => {
    const rewritten = buildLog([...changes.slice(0, 2), change(2, ALICE, 'add', ghost2), ...changes.slice(3)]);
    expect(verifyKtChain(rewritten)).toEqual({ ok: true });
    expect(verifyKtHead(head, relayPub, rewritten)).toMatchObject({ ok: false, seq: 3 });
  });

  it('refuses a log shorter than the signed head', () => {
    expect(verifyKtHead(head, relayPub, log.slice(0, 2))).toMatchObject({ ok: false, seq: 2 });
  });

  it('refuses a log whose chain is broken', () => {
    expect(verifyKtHead(head, relayPub, log.slice(1))).toMatchObject({ ok: false, seq: 0 });
  });

  it('reports a malformed head instead of throwing', () => {
    expect(verifyKtHead({ ...head, signature: 'zz' }, relayPub)).toMatchObject({ ok: false });
    expect(verifyKtHead(head, 'not a key')).toMatchObject({ ok: false });
  });
});

describe('what the log shows', () => {
  it('devicesInLog lists current devices per account, reflecting removals', () => {
    expect([...devicesInLog(log, ALICE).keys()].sort()).toEqual(
      [toHex(alicePhone.deviceId), toHex(aliceLaptop.deviceId)].sort(),
    );
    expect([...devicesInLog(log, BOB).keys()]).toEqual([toHex(bobPhone.deviceId)]);
    expect(devicesInLog(log, '+1-555-0300').size).toBe(0);
    expect(devicesInLog(log.slice(0, 4), ALICE).has(toHex(ghost.deviceId))).toBe(true);
  });

  it('isDeviceLogged needs the exact id and both keys under the right account', () => {
    const laptop = devicePublicKeys(aliceLaptop);
    expect(isDeviceLogged(log, ALICE, laptop)).toBe(true);
    expect(isDeviceLogged(log, BOB, laptop)).toBe(false);
    expect(isDeviceLogged(log, ALICE, { ...laptop, hpkePub: toHex(ghost2.hpke.publicKey) })).toBe(false);
    expect(isDeviceLogged(log, ALICE, { ...laptop, sigPub: toHex(ghost2.sig.publicKey) })).toBe(false);
    expect(isDeviceLogged(log, ALICE, devicePublicKeys(ghost))).toBe(false);
    expect(isDeviceLogged(log, ALICE, devicePublicKeys(ghost2))).toBe(false);
  });

  it('the owner’s audit finds a ghost device, even one added and later removed', () => {
    const known = [toHex(alicePhone.deviceId), toHex(aliceLaptop.deviceId)];
    const alerts = auditAccount(log, ALICE, known);
    expect(alerts.map((e) => e.deviceId)).toEqual([toHex(ghost.deviceId)]);
    expect(alerts[0]).toMatchObject({ seq: 3, op: 'add' });
  });

  it('the audit is quiet when every device is the owner’s, and ignores other accounts', () => {
    const known = [alicePhone, aliceLaptop, ghost].map((d) => toHex(d.deviceId));
    expect(auditAccount(log, ALICE, known)).toEqual([]);
    expect(auditAccount(log, BOB, [toHex(bobPhone.deviceId)])).toEqual([]);
  });

  it('the audit flags every unknown device once per add', () => {
    const withGhost2 = [...log, appendKtEntry(log, change(5, ALICE, 'add', ghost2))];
    const alerts = auditAccount(withGhost2, ALICE, [toHex(alicePhone.deviceId)]);
    expect(alerts.map((e) => e.seq)).toEqual([2, 3, 5]);
  });
});
