import { describe, expect, it } from 'vitest';
import { DEFAULT_SEATS, Table } from './table.ts';

describe('a whole game over Local() multiplayer, one client and one device per seat', () => {
  it('setup: every device makes its keys; the day begins with the plan dealt to the planner only', () => {
    const t = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS }, 'setup');
    t.runSetup();
    const s = t.server();
    expect(s.ctx.phase).toBe('day');
    expect(s.G.day).toBe(1);
    expect(s.G.secret.plan).toBeDefined();
    expect(t.view(t.seat('sender', 0)).plan).toEqual(s.G.secret.plan);
    for (const role of ['carrier', 'relay', 'investigator', 'judge'] as const) {
      expect(t.view(t.seat(role)).plan).toBeUndefined();
    }
    expect(t.view(t.seat('sender', 1)).plan).toBeUndefined();
  });

  it('1. the crew wins over the secure messenger', () => {
    const t = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS }, 'crew');
    t.runSetup();
    const alice = t.sender(0);
    const bob = t.sender(1);
    const plan = t.plan();
    t.act(
      alice.seat,
      'sendSecure',
      alice.device.composeSecure(t.view(alice.seat), [bob.device.account], { text: 'The plan', plan }),
    );
    const inbox = bob.device.inbox(t.view(bob.seat));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]?.payload.plan).toEqual(plan);
    t.act(bob.seat, 'proveReceipt', bob.device.receiptProof(inbox[0] as never));
    for (let day = 1; day <= 4; day++) t.endDay();
    expect(t.server().ctx.gameover).toEqual({ winner: 'crew', day: 4, reason: expect.any(String) });
  });

  it('2. the investigator wins through a wiretap on SMS (the SIM key from the carrier)', () => {
    const t = new Table({ scenario: 'green-bubbles', seats: DEFAULT_SEATS }, 'wiretap');
    t.runSetup();
    const alice = t.sender(0);
    const bob = t.sender(1);
    const investigator = t.seat('investigator');
    // Records first: the carrier's 2703(d) records show crew contact (a lead); then the tap.
    t.act(alice.seat, 'sendSms', alice.device.composeSms(t.view(alice.seat), bob.device.account, { text: 'hi' }));
    t.forward();
    const records = t.obtain('records-2703d', bob.device.account, { provider: 'carrier' });
    t.comply(records);
    const pen = t.obtain('pen-register', bob.device.account, { provider: 'carrier' });
    t.comply(pen);
    t.endDay();
    t.act(alice.seat, 'sendSms', alice.device.composeSms(t.view(alice.seat), bob.device.account, { text: 'again' }));
    t.forward();
    t.endDay();
    expect(t.view(investigator).leads).toBeGreaterThanOrEqual(3);
    const tap = t.obtain('wiretap-sms', bob.device.account);
    t.comply(tap);
    const plan = t.plan();
    t.act(
      alice.seat,
      'sendSms',
      alice.device.composeSms(t.view(alice.seat), bob.device.account, { text: 'plan', plan }),
    );
    t.forward();
    const readable = t.workstation.readable(t.view(investigator));
    const withPlan = readable.find((r) => r.text.includes(plan.place));
    expect(withPlan).toBeDefined();
    t.act(investigator, 'fileEvidence', withPlan?.proof);
    expect(t.server().ctx.gameover).toMatchObject({ winner: 'investigator' });
  });
});
