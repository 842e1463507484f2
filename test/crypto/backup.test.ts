/**
 * Cloud backups (protocol.md, "Backups"): a device's readable history, encrypted under
 * a key derived from the backup key and the backup id, with a published commitment.
 */
import { describe, expect, it } from 'vitest';
import {
  type Backup,
  type BackupItem,
  backupCommitmentOf,
  generateBackupKey,
  MAX_BACKUP_PLAINTEXT,
  openBackup,
  sealBackup,
} from '../../src/crypto/backup.ts';
import { fromHex, toHex } from '../../src/crypto/hex.ts';
import { seededRandom } from '../../src/crypto/random.ts';
import { codeOf } from '../support/codeOf.ts';

const random = seededRandom('backup tests');
const backupKey = generateBackupKey(random);
const otherKey = generateBackupKey(random);
const device = toHex(random(16));
const items: BackupItem[] = [
  {
    messageId: toHex(random(16)),
    channel: 'secure',
    from: '+1-555-0100',
    day: 2,
    payload: { text: 'the shipment is Tuesday', plan: { place: 'Warehouse 4', time: '02:00' } },
  },
  { messageId: toHex(random(16)), channel: 'sms', from: '+1-555-0101', day: 3, payload: { text: 'ok 👍' } },
];
const backup = sealBackup({ account: '+1-555-0100', device, day: 3, backupKey, items }, random);

function flipHex(hex: string): string {
  return (hex[0] === '0' ? '1' : '0') + hex.slice(1);
}

describe('sealBackup / openBackup', () => {
  it('round-trips the history with the backup key', () => {
    expect(openBackup(backup, backupKey)).toEqual(items);
  });

  it('round-trips an empty history', () => {
    const empty = sealBackup({ account: 'a', device, day: 0, backupKey, items: [] }, random);
    expect(openBackup(empty, backupKey)).toEqual([]);
  });

  it('publishes the header in the clear and only ciphertext for the history', () => {
    expect(backup).toMatchObject({ account: '+1-555-0100', device, day: 3 });
    expect(backup.commit).toBe(toHex(backupCommitmentOf(backupKey, fromHex(backup.id))));
    expect(JSON.stringify(backup)).not.toMatch(/shipment|Warehouse/);
  });

  it('uses a fresh id and nonce every time, so the same history seals differently', () => {
    const again = sealBackup({ account: '+1-555-0100', device, day: 3, backupKey, items }, random);
    expect(again.id).not.toBe(backup.id);
    expect(again.nonce).not.toBe(backup.nonce);
    expect(again.body).not.toBe(backup.body);
    expect(openBackup(again, backupKey)).toEqual(items);
  });

  it('drops unknown fields from items (only the canonical shape is sealed)', () => {
    const extra = [{ ...items[1], secret: 'leak' } as BackupItem];
    const sealed = sealBackup({ account: 'a', device, day: 0, backupKey, items: extra }, random);
    expect(openBackup(sealed, backupKey)).toEqual([items[1]]);
  });
});

describe('the wrong key', () => {
  it('is refused by the commitment before decryption', () => {
    expect(codeOf(() => openBackup(backup, otherKey))).toBe('commitment-mismatch');
  });

  it('is refused when it is the key of another backup of the same account', () => {
    const other = sealBackup({ account: '+1-555-0100', device, day: 3, backupKey: otherKey, items }, random);
    expect(codeOf(() => openBackup(other, backupKey))).toBe('commitment-mismatch');
    expect(openBackup(other, otherKey)).toEqual(items);
  });

  it('is refused when it has the wrong length', () => {
    expect(codeOf(() => openBackup(backup, backupKey.slice(0, 31)))).toBe('bad-length');
    expect(codeOf(() => sealBackup({ account: 'a', device, day: 0, backupKey: backupKey.slice(0, 31), items }))).toBe(
      'bad-length',
    );
  });
});

describe('tampering', () => {
  const cases: [string, Partial<Backup>, string][] = [
    ['account', { account: '+1-555-0199' }, 'decrypt-failed'],
    ['device', { device: flipHex(device) }, 'decrypt-failed'],
    ['day', { day: 4 }, 'decrypt-failed'],
    ['nonce', { nonce: flipHex(backup.nonce) }, 'decrypt-failed'],
    ['body (first byte)', { body: flipHex(backup.body) }, 'decrypt-failed'],
    ['body (tag)', { body: `${backup.body.slice(0, -1)}${backup.body.endsWith('0') ? '1' : '0'}` }, 'decrypt-failed'],
    ['id', { id: flipHex(backup.id) }, 'commitment-mismatch'],
    ['commit', { commit: flipHex(backup.commit) }, 'commitment-mismatch'],
  ];
  for (const [field, change, code] of cases) {
    it(`is detected when the ${field} is changed (${code})`, () => {
      expect(codeOf(() => openBackup({ ...backup, ...change }, backupKey))).toBe(code);
    });
  }

  it('is detected when the body of one backup is moved under another header', () => {
    const other = sealBackup({ account: '+1-555-0100', device, day: 3, backupKey, items: [] }, random);
    expect(codeOf(() => openBackup({ ...other, body: backup.body }, backupKey))).toBe('decrypt-failed');
  });
});

describe('malformed and oversize backups', () => {
  it('refuses a history over 64 KiB at sealing', () => {
    const text = 'x'.repeat(MAX_BACKUP_PLAINTEXT);
    const huge: BackupItem[] = [{ ...(items[1] as BackupItem), payload: { text } }];
    expect(codeOf(() => sealBackup({ account: 'a', device, day: 0, backupKey, items: huge }, random))).toBe(
      'too-large',
    );
  });

  it('accepts a history of exactly 64 KiB', () => {
    const overhead = JSON.stringify([{ ...items[1], payload: { text: '' } }]).length;
    const text = 'y'.repeat(MAX_BACKUP_PLAINTEXT - overhead);
    const full: BackupItem[] = [{ ...(items[1] as BackupItem), payload: { text } }];
    expect(new TextEncoder().encode(JSON.stringify(full)).length).toBe(MAX_BACKUP_PLAINTEXT);
    const sealed = sealBackup({ account: 'a', device, day: 0, backupKey, items: full }, random);
    expect(openBackup(sealed, backupKey)).toEqual(full);
  });

  it('refuses an oversize or undersize body when opening', () => {
    expect(codeOf(() => openBackup({ ...backup, body: '00'.repeat(MAX_BACKUP_PLAINTEXT + 17) }, backupKey))).toBe(
      'too-large',
    );
    expect(codeOf(() => openBackup({ ...backup, body: '00'.repeat(15) }, backupKey))).toBe('bad-length');
  });

  it('refuses malformed backups', () => {
    expect(codeOf(() => openBackup(null, backupKey))).toBe('bad-input');
    expect(codeOf(() => openBackup('backup', backupKey))).toBe('bad-input');
    expect(codeOf(() => openBackup({ ...backup, id: backup.id.toUpperCase() }, backupKey))).toBe('bad-hex');
    expect(codeOf(() => openBackup({ ...backup, device: device.slice(2) }, backupKey))).toBe('bad-length');
    expect(codeOf(() => openBackup({ ...backup, account: '' }, backupKey))).toBe('bad-input');
    expect(codeOf(() => openBackup({ ...backup, day: 1.5 }, backupKey))).toBe('bad-input');
  });

  it('refuses a bad device id or account at sealing', () => {
    expect(codeOf(() => sealBackup({ account: 'a', device: 'zz', day: 0, backupKey, items }))).toBe('bad-hex');
    expect(codeOf(() => sealBackup({ account: '', device, day: 0, backupKey, items }))).toBe('bad-input');
  });
});
