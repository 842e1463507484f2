/**
 * The sender's desk rendered from real game states: whole tables played through the
 * referee over Local() multiplayer (test/game/table.ts), with real keys on real devices.
 * Nothing is mocked: what the desk shows opened is what this browser's device opened.
 * @module
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { seededRandom, toHex } from '../../src/crypto/index.ts';
import { MemoryKeyStore, SenderDevice } from '../../src/device/index.ts';
import type { ScenarioId, ScenarioOptions } from '../../src/game/index.ts';
import { groupHex } from '../../src/ui/boards/kit.tsx';
import { SenderChats } from '../../src/ui/boards/SenderChats.tsx';
import { newDeviceKind } from '../../src/ui/boards/SenderDevices.tsx';
import { CREW_CHAT } from '../../src/ui/boards/senderChatModel.ts';
import { SenderBoard } from '../../src/ui/SenderBoard.tsx';
import { DEFAULT_SEATS, Table } from '../game/table.ts';

function table(seed: string, scenario: ScenarioId = 'san-jose-2013', options: Partial<ScenarioOptions> = {}): Table {
  const t = new Table({ scenario, seats: DEFAULT_SEATS, options }, seed);
  t.runSetup();
  return t;
}

/** The board of crew member `n` as this browser (its own device unless another is given) renders it. */
function html(t: Table, n: number, device?: SenderDevice): string {
  const { seat, device: own } = t.sender(n);
  return renderToStaticMarkup(
    <SenderBoard view={t.view(seat)} device={device ?? own} move={(name, args) => t.act(seat, name, args)} />,
  );
}

/** The visible text: tags dropped, entities decoded, spaces collapsed. */
function text(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The attributes of the radio with this value in this markup. */
function radio(markup: string, value: string): string {
  const found = markup.match(new RegExp(`<input[^>]*value="${value}"[^>]*>`));
  if (!found) throw new Error(`no radio ${value}`);
  return found[0];
}

describe('the sender’s desk', () => {
  it('opens a received secure message with the phone’s key; the sender sees ciphertext wrapped to 1 device', () => {
    const t = table('ui-secure');
    const id = t.sendSecure(1, [0], { text: 'meet me by the docks' });
    const alice = text(html(t, 0));
    expect(alice).toContain('Write to the crew');
    expect(alice).toContain('meet me by the docks');
    expect(alice).toContain('opened with your phone’s key');
    expect(alice).toContain('secure messenger');
    const bobMarkup = html(t, 1);
    const bob = text(bobMarkup);
    expect(bob).toContain('wrapped to 1 device');
    expect(bob).toContain('Alice’s phone');
    const body = t.server().G.messages.find((m) => m.envelope.id === id)?.envelope.body as string;
    expect(bobMarkup).toContain(groupHex(body.slice(0, 32)));
    // The phone did not wrap the message to itself: after a reload its text is not on Bob's screen.
    expect(bob).not.toContain('meet me by the docks');
    expect(bob).toContain('does not wrap a message to itself');
  });

  it('counts every device a message is wrapped to: a laptop on the account makes it 2 devices', () => {
    const t = table('ui-two');
    const bob = t.sender(1);
    const laptop = new SenderDevice(bob.device.account, new MemoryKeyStore(), seededRandom('ui bob laptop'));
    t.act(bob.seat, 'registerDevice', { record: laptop.registration(1, 'laptop') });
    t.sendSecure(0, [1], { text: 'to both' });
    const alice = text(html(t, 0));
    expect(alice).toContain('wrapped to 2 devices');
    expect(alice).toContain('Bob’s phone, Bob’s laptop');
    // Bob's laptop opens it with its own key, and knows it is the laptop.
    const onLaptop = text(html(t, 1, laptop));
    expect(onLaptop).toContain('to both');
    expect(onLaptop).toContain('opened with your laptop’s key');
    expect(onLaptop).not.toContain('This browser is a new device');
  });

  it('offers proof of receipt on the plan, and shows the referee’s answer', () => {
    const t = table('ui-proof');
    const plan = t.plan();
    t.sendSecure(0, [1], { text: 'the plan', plan });
    const before = text(html(t, 1));
    expect(before).toContain(plan.place);
    expect(before).toContain('Prove receipt');
    expect(before).toContain('place not shown');
    const bob = t.sender(1);
    const item = bob.device.inbox(t.view(bob.seat))[0];
    if (!item) throw new Error('no item');
    t.act(bob.seat, 'proveReceipt', bob.device.receiptProof(item));
    const after = text(html(t, 1));
    expect(after).toContain('Referee: your key opens it ✓');
    expect(after).toContain('place shown');
    expect(after).toContain('time shown');
    expect(after).not.toContain('Prove receipt');
    // The planner proves nothing: no button on her side.
    expect(text(html(t, 0))).not.toContain('Prove receipt');
  });

  it('forces SMS for a member without the messenger, and says why, on both sides', () => {
    const t = table('ui-green', 'green-bubbles');
    t.sendSms(0, 1, { text: 'green hello' });
    const bobMarkup = html(t, 1);
    const bob = text(bobMarkup);
    expect(bob).toContain('green hello');
    expect(bob).toContain('opened with your SIM key');
    expect(bob).toContain('SMS forced. You have no secure messenger');
    expect(radio(bobMarkup, 'secure')).toMatch(/disabled=""/);
    expect(radio(bobMarkup, 'sms')).toMatch(/checked=""/);
    expect(bob).toContain('there is no cloud backup');
    const aliceMarkup = html(t, 0);
    const alice = text(aliceMarkup);
    expect(alice).toContain('SMS forced. Bob has no secure messenger: messages to Bob can only go by SMS.');
    expect(radio(aliceMarkup, 'secure')).toMatch(/disabled=""/);
    expect(alice).toContain('your copy, opened with your SIM key');
    expect(alice).toContain('Delivered');
  });

  it('leaves the channel open between two members with the messenger', () => {
    const markup = html(table('ui-blue'), 0);
    expect(text(markup)).not.toContain('SMS forced');
    expect(radio(markup, 'secure')).not.toMatch(/disabled=""/);
    expect(radio(markup, 'secure')).toMatch(/checked=""/);
  });

  it('shows a fresh browser for the same account as a new device, which registers as a laptop', () => {
    const t = table('ui-new');
    const alice = t.sender(0);
    t.sendSecure(1, [0], { text: 'sent before the new browser' });
    const fresh = new SenderDevice(alice.device.account, new MemoryKeyStore(), seededRandom('ui alice fresh'));
    const before = text(html(t, 0, fresh));
    expect(before).toContain(
      'This browser is a new device for Alice’s account: it made new keys; the old keys stay in the browser that made them. Messages sent before now cannot be opened here.',
    );
    expect(before).toContain('Register this browser as a new device');
    expect(before).toContain('laptop');
    expect(before).not.toContain('sent before the new browser');
    expect(before).toContain('not wrapped to this browser’s device');
    expect(before).toContain('Register this browser first');
    // The old phone is still active, so this browser joins as a laptop: the SIM stays in the phone.
    const view = t.view(alice.seat);
    expect(newDeviceKind(view, alice.device.account)).toBe('laptop');
    t.act(alice.seat, 'registerDevice', {
      record: fresh.registration(view.day, newDeviceKind(view, alice.device.account)),
    });
    t.sendSecure(1, [0], { text: 'sent after' });
    const after = text(html(t, 0, fresh));
    expect(after).not.toContain('This browser is a new device');
    expect(after).toContain('this browser');
    expect(after).toContain('sent after');
    expect(after).toContain('opened with your laptop’s key');
    expect(after).not.toContain('sent before the new browser');
    // The old phone still opens both.
    const phone = text(html(t, 0));
    expect(phone).toContain('sent before the new browser');
    expect(phone).toContain('sent after');
  });

  it('after the old phone is removed, a new browser registers as the phone and the carrier gives it a SIM', () => {
    const t = table('ui-replace');
    const alice = t.sender(0);
    const fresh = new SenderDevice(alice.device.account, new MemoryKeyStore(), seededRandom('ui alice phone 2'));
    const panel = text(html(t, 0, fresh));
    expect(panel).toContain('Remove this phone');
    t.act(alice.seat, 'dropDevice', { deviceId: toHex(alice.device.phone.deviceId) });
    const view = t.view(alice.seat);
    expect(newDeviceKind(view, alice.device.account)).toBe('phone');
    expect(text(html(t, 0, fresh))).toContain('the carrier’s systems provision a new SIM');
    t.act(alice.seat, 'registerDevice', { record: fresh.registration(view.day, 'phone') });
    const carrier = t.seat('carrier');
    for (const p of t.carrier.provisions(t.view(carrier))) t.act(carrier, 'provisionSim', p);
    t.act(alice.seat, 'sendSms', fresh.composeSms(t.view(alice.seat), t.sender(1).device.account, { text: 'new SIM' }));
    t.forward();
    const after = text(html(t, 0, fresh));
    expect(after).toContain('your copy, opened with your SIM key');
    expect(after).toContain('removed');
    expect(text(html(t, 1))).toContain('new SIM');
  });

  it('offers device-held backups only where the scenario has them', () => {
    const old = html(table('ui-backup-2013'), 0);
    expect(radio(old, 'device')).toMatch(/disabled=""/);
    expect(radio(old, 'escrowed')).toMatch(/checked=""/);
    expect(text(old)).toContain('not in this scenario');
    expect(text(old)).not.toContain('Verify a contact');
    const now = html(table('ui-backup-2024', 'transparency-2024'), 0);
    expect(radio(now, 'device')).not.toMatch(/disabled=""/);
    expect(text(now)).not.toContain('not in this scenario');
    expect(text(now)).toContain('audits the public log');
    expect(text(now)).toContain('Verify a contact');
  });

  it('alerts the target, and only the target, to a logged ghost; a fresh browser’s own old phone raises none', () => {
    const t = table('ui-ghost', 'transparency-2024', { tipLeads: 5 });
    const bob = t.sender(1);
    const fresh = new SenderDevice(bob.device.account, new MemoryKeyStore(), seededRandom('ui bob fresh'));
    expect(text(html(t, 1, fresh))).not.toContain('a device you did not add');
    expect(text(html(t, 1))).not.toContain('a device you did not add');
    const ghost = t.workstation.ghostFor(bob.device.account, 1);
    t.comply(t.obtain('technical-assistance', bob.device.account, { ghost }));
    const target = text(html(t, 1));
    expect(target).toContain('Alert: a device you did not add.');
    expect(target).toContain(groupHex(ghost.deviceId));
    expect(target).toContain('Report this device');
    expect(text(html(t, 0))).not.toContain('a device you did not add');
    t.act(bob.seat, 'reportUnknownDevice', { deviceId: ghost.deviceId });
    const reported = text(html(t, 1));
    expect(reported).toContain('Exposed on day 1');
    expect(reported).toContain('Reported');
  });

  it('does not show a hidden ghost to its target, and a safety-code comparison exposes an unlogged one', () => {
    const hidden = table('ui-hidden', 'ghost-protocol-2018', { tipLeads: 5 });
    const bob = hidden.sender(1);
    const ghost = hidden.workstation.ghostFor(bob.device.account, 1);
    hidden.comply(hidden.obtain('technical-assistance', bob.device.account, { ghost }), { hide: true });
    const list = html(hidden, 1);
    expect(list).not.toContain(groupHex(ghost.deviceId));
    expect(list.match(/sd-device sd-device-/g)).toHaveLength(1);

    const t = table('ui-verify', 'transparency-2024', { tipLeads: 5 });
    const alice = t.sender(0);
    const bob2 = t.sender(1);
    const unlogged = t.workstation.ghostFor(bob2.device.account, 1);
    t.comply(t.obtain('technical-assistance', bob2.device.account, { ghost: unlogged }), { log: false });
    const seen = alice.device.codeSeen(t.view(alice.seat), bob2.device.account);
    expect(text(html(t, 0))).toContain(seen);
    t.act(alice.seat, 'requestVerification', { of: bob2.seat, code: seen });
    expect(text(html(t, 0))).toContain('waiting for their phone');
    const check = t.view(bob2.seat).verifications.at(-1);
    t.act(bob2.seat, 'answerVerification', { id: check?.id, code: bob2.device.codeOwn() });
    const after = text(html(t, 0));
    expect(after).toContain('codes DO NOT match');
    expect(after).toContain(bob2.device.codeOwn());
    expect(text(html(t, 1))).toContain('Alice compared codes with you: ✗ codes DO NOT match');
  });

  it('puts a message to the whole crew in the group chat, wrapped to every member’s device', () => {
    const t = new Table(
      { scenario: 'san-jose-2013', seats: ['sender', 'sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'] },
      'ui-group',
    );
    t.runSetup();
    t.sendSecure(0, [1, 2], { text: 'all of you' });
    const group = (n: number) => {
      const { seat, device } = t.sender(n);
      const view = t.view(seat);
      const me = view.seats[seat];
      if (!me) throw new Error('no seat');
      return text(
        renderToStaticMarkup(
          <SenderChats view={view} device={device} move={() => undefined} me={me} active initialChat={CREW_CHAT} />,
        ),
      );
    };
    const carol = group(2);
    expect(carol).toContain('Whole crew');
    expect(carol).toContain('Alice → the crew');
    expect(carol).toContain('all of you');
    const alice = group(0);
    expect(alice).toContain('wrapped to 2 devices');
    expect(alice).toContain('You → Bob, Carol');
    // Not in Bob's one-to-one chat with Alice.
    expect(text(html(t, 1))).not.toContain('all of you');
  });
});
