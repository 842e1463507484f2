import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/crypto/index.ts';
import { MemoryKeyStore, SenderDevice } from '../../src/device/index.ts';
import { DEFAULT_SEATS, Table } from './table.ts';

function table(seed: string, scenario: 'san-jose-2013' | 'transparency-2024' = 'san-jose-2013') {
  const t = new Table({ scenario, seats: DEFAULT_SEATS, options: { forensicUnlockChance: 0 } }, seed);
  t.runSetup();
  return t;
}

describe('devices and directories', () => {
  it('a message is wrapped to every device of the recipient, and each opens it', () => {
    const t = table('laptop');
    const bob = t.sender(1);
    const laptop = new SenderDevice(bob.device.account, new MemoryKeyStore(), seededRandom('bob laptop'));
    t.act(bob.seat, 'registerDevice', { record: laptop.registration(1, 'laptop') });
    expect(t.server().G.devices.filter((d) => d.account === bob.device.account)).toHaveLength(2);
    t.sendSecure(0, [1], { text: 'to both' });
    const envelope = t.server().G.messages.at(-1)?.envelope;
    expect(envelope?.wraps.filter((w) => w.account === bob.device.account)).toHaveLength(2);
    expect(bob.device.inbox(t.view(bob.seat)).map((i) => i.payload.text)).toEqual(['to both']);
    expect(laptop.inbox(t.view(bob.seat)).map((i) => i.payload.text)).toEqual(['to both']);
  });

  it('a removed device is no longer wrapped to, and the key-transparency log records both changes', () => {
    const t = table('remove', 'transparency-2024');
    const bob = t.sender(1);
    const laptop = new SenderDevice(bob.device.account, new MemoryKeyStore(), seededRandom('bob laptop 2'));
    t.act(bob.seat, 'registerDevice', { record: laptop.registration(1, 'laptop') });
    const laptopId = t.server().G.devices.at(-1)?.deviceId as string;
    t.act(bob.seat, 'dropDevice', { deviceId: laptopId });
    const log = t
      .server()
      .G.kt.log.filter((e) => e.deviceId === laptopId)
      .map((e) => e.op);
    expect(log).toEqual(['add', 'remove']);
    t.sendSecure(0, [1], { text: 'phone only' });
    const wraps = t.server().G.messages.at(-1)?.envelope.wraps ?? [];
    expect(wraps.some((w) => w.device === laptopId)).toBe(false);
  });

  it('a seized phone is replaced: a new phone registers, the carrier issues a new SIM, SMS works again', () => {
    const t = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS, options: { tipLeads: 3 } }, 'replace');
    t.runSetup();
    const bob = t.sender(1);
    t.comply(t.obtain('warrant-device', bob.device.account));
    t.endDay(); // night 1: the phone is seized
    expect(t.server().G.devices.find((d) => d.deviceId === bob.device.registration(0).deviceId)?.status).toBe('seized');
    const before = t.server().G.sms.length;
    t.act(bob.seat, 'sendSms', bob.device.composeSms(t.view(bob.seat), t.sender(0).device.account, { text: 'seized' }));
    expect(t.server().G.sms).toHaveLength(before); // the SIM was in the seized phone
    const phone2 = new SenderDevice(bob.device.account, new MemoryKeyStore(), seededRandom('bob phone 2'));
    t.act(bob.seat, 'registerDevice', { record: phone2.registration(2) });
    const carrier = t.seat('carrier');
    const provisions = t.carrier.provisions(t.view(carrier));
    expect(provisions.map((p) => p.provision.line)).toEqual([bob.device.account]);
    for (const p of provisions) t.act(carrier, 'provisionSim', p);
    expect(t.server().G.sims.filter((s) => s.line === bob.device.account)).toHaveLength(2);
    t.act(bob.seat, 'sendSms', phone2.composeSms(t.view(bob.seat), t.sender(0).device.account, { text: 'new phone' }));
    t.forward();
    const alice = t.sender(0);
    expect(alice.device.inbox(t.view(alice.seat)).map((i) => i.payload.text)).toContain('new phone');
  });
});

describe('green bubbles', () => {
  it('a member without the secure messenger has no cloud backup at the relay, and cannot turn one on', () => {
    const t = new Table({ scenario: 'green-bubbles', seats: DEFAULT_SEATS }, 'green');
    t.runSetup();
    const bob = t.sender(1);
    expect(t.view(bob.seat).backupMode[bob.seat]).toBe('off');
    t.act(bob.seat, 'setBackupMode', { mode: 'escrowed' });
    expect(t.server().G.backupMode[bob.seat]).toBe('off');
    expect(t.server().G.backupMode[t.sender(0).seat]).toBe('escrowed');
  });
});

describe("the carrier's switch answers the same state the same way", () => {
  it('asking twice before the referee answers seals the same SIM key, so the accepted one is the one it keeps', () => {
    const t = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS }, 'sim-twice');
    for (const [seat, device] of t.senders) t.act(seat, 'registerDevice', { record: device.registration(0) });
    const carrier = t.seat('carrier');
    const view = t.view(carrier);
    const first = t.carrier.provisions(view);
    const second = t.carrier.provisions(view); // a client re-rendering the same state
    expect(second.map((p) => p.provision.simCommit)).toEqual(first.map((p) => p.provision.simCommit));
    for (const p of first) t.act(carrier, 'provisionSim', p);
    t.act(t.seat('investigator'), 'registerWorkstation', { record: t.workstation.registration(0) });
    t.act(t.seat('judge'), 'publishCourtKey', t.court.publication());
    t.act(t.seat('relay'), 'publishLogKey', t.relay.publication());
    for (const e of t.relay.escrows(t.view(t.seat('relay')))) t.act(t.seat('relay'), 'escrowBackupKey', e);
    expect(t.server().ctx.phase).toBe('day');
    t.sendSms(0, 1, { text: 'by the fountain' });
    t.forward();
    expect(t.carrier.read(t.view(carrier)).map((s) => s.payload.text)).toEqual(['by the fountain']);
    const bob = t.sender(1);
    expect(bob.device.inbox(t.view(bob.seat)).map((i) => i.payload.text)).toEqual(['by the fountain']);
  });
});
