/**
 * The carrier's and the relay operator's desks, rendered from real game states: a
 * whole table (test/game/table.ts) plays to an SMS, a secure message and orders the
 * judge granted; each desk is rendered with the seat's own view and its own device.
 * The carrier reads SMS but never the messenger; the relay sees ciphertext, never
 * plaintext; the legal inbox shows the client's check and offers comply / refuse only
 * for what is still owed.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LegalDocument, ScenarioId, ScenarioOptions, SeatView } from '../../src/game/index.ts';
import { CarrierBoard } from '../../src/ui/boards/CarrierBoard.tsx';
import { groupHex, type Move } from '../../src/ui/boards/kit.tsx';
import { LegalInbox } from '../../src/ui/boards/LegalInbox.tsx';
import { RelayBoard } from '../../src/ui/boards/RelayBoard.tsx';
import { DEFAULT_SEATS, Table } from '../game/table.ts';

const SMS_TEXT = 'SMS text: meet at the pier';
const SECURE_TEXT = 'Secure text: warehouse at noon';

const noMove: Move = () => {};

function table(seed: string, scenario: ScenarioId = 'san-jose-2013', options: Partial<ScenarioOptions> = {}) {
  const t = new Table({ scenario, seats: DEFAULT_SEATS, options }, seed);
  t.runSetup();
  return t;
}

/** Day 1: an SMS and a secure message from Alice to Bob. */
function traffic(t: Table): { envelopeBody: string; smsUplink: string } {
  t.sendSms(0, 1, { text: SMS_TEXT });
  const id = t.sendSecure(0, [1], { text: SECURE_TEXT });
  const G = t.server().G;
  return {
    envelopeBody: G.messages.find((m) => m.envelope.id === id)?.envelope.body as string,
    smsUplink: G.sms[0]?.uplink.body as string,
  };
}

function carrierDesk(t: Table): string {
  const seat = t.seat('carrier');
  return renderToStaticMarkup(<CarrierBoard view={t.view(seat)} device={t.carrier} move={noMove} />);
}

function relayDesk(t: Table): string {
  const seat = t.seat('relay');
  return renderToStaticMarkup(<RelayBoard view={t.view(seat)} device={t.relay} move={noMove} />);
}

/** The markup of one document's card in a desk's legal inbox. */
function docCard(html: string, id: string): string {
  const start = html.indexOf(`data-document="${id}"`);
  if (start < 0) return '';
  const end = html.indexOf('data-document="', start + 1);
  return html.slice(start, end < 0 ? undefined : end);
}

const COMPLY = />Comply<\/button>/;
const REFUSE = />Refuse<\/button>/;

describe('the carrier’s desk', () => {
  it('shows every SMS in plaintext with the key that opened it, and the messenger only as data use', () => {
    const t = table('carrier-desk');
    const { envelopeBody, smsUplink } = traffic(t);
    const html = carrierDesk(t);
    expect(html).toContain(SMS_TEXT);
    expect(html).toMatch(/opened with the SIM key of Alice/);
    expect(html).toContain('Delivered');
    // The secure message: neither its text nor its ciphertext, only that Alice’s phone used data.
    expect(html).not.toContain('warehouse');
    expect(html).not.toContain(groupHex(envelopeBody.slice(0, 16)));
    expect(html).toMatch(/Day 1: Alice \([^)]*\)’s phone used data \(\d+ bytes\)/);
    // An SMS it could open is shown as plaintext, not as the uplink ciphertext.
    expect(html).not.toContain(groupHex(smsUplink.slice(0, 16)));
    expect(html).toMatch(/SIMs provisioned<\/dt><dd>2 /);
    expect(html).toMatch(/forwards every SMS/);
    expect(html).toContain('Score');
  });

  it('lists served documents with its client’s check; comply / refuse only while an answer is owed', () => {
    const t = table('carrier-inbox');
    traffic(t);
    const bob = t.sender(1).device.account;
    const records = t.obtain('records-2703d', bob, { provider: 'carrier' });
    const informal = t.ask('wiretap-sms', bob);
    // Pending before the judge: not served on the carrier yet.
    t.act(t.seat('investigator'), 'apply', { type: 'pen-register', target: bob, provider: 'carrier' });
    const pending = t.lastDocument();
    let html = carrierDesk(t);
    const granted = docCard(html, records);
    expect(granted).toMatch(/Court signature.*\(passes\)/);
    expect(granted).toMatch(/Target.*\(passes\)/);
    expect(granted).toMatch(/Days.*\(passes\).*today is day 1/);
    expect(granted).toContain('Lawful process');
    expect(granted).toMatch(COMPLY);
    expect(granted).toMatch(REFUSE);
    const ask = docCard(html, informal);
    expect(ask).toContain('Not lawful process');
    expect(ask).toMatch(/Complying would be unlawful/);
    expect(ask).toMatch(COMPLY);
    expect(docCard(html, pending)).toBe('');

    t.comply(records);
    t.decline(informal, 'no order');
    html = carrierDesk(t);
    expect(docCard(html, records)).toContain('complied with');
    expect(docCard(html, records)).not.toMatch(COMPLY);
    expect(docCard(html, records)).not.toMatch(REFUSE);
    expect(docCard(html, informal)).toContain('declined by the provider');
    expect(docCard(html, informal)).not.toMatch(/Comply[^<]*<\/button>/);
  });

  it('a forged order fails the signature check in the client, and its Title III wiretap still asks for an answer', () => {
    const t = table('carrier-forged', 'green-bubbles');
    const bob = t.sender(1).device.account;
    // Leads: records from the carrier, then a pen register over two days (as in win path 2).
    t.sendSms(0, 1, { text: 'hi' });
    t.comply(t.obtain('records-2703d', bob, { provider: 'carrier' }));
    t.comply(t.obtain('pen-register', bob, { provider: 'carrier' }));
    t.endDay();
    t.sendSms(0, 1, { text: 'again' });
    t.endDay();
    const tap = t.obtain('wiretap-sms', bob);
    const view = t.view(t.seat('carrier'));
    const real = view.documents.find((d) => d.id === tap) as LegalDocument;
    const order = real.order;
    if (!order) throw new Error('no order');
    const flipped = order.signature.startsWith('0') ? `1${order.signature.slice(1)}` : `0${order.signature.slice(1)}`;
    const forged: SeatView = {
      ...view,
      documents: view.documents.map((d) => (d.id === tap ? { ...d, order: { ...order, signature: flipped } } : d)),
    };
    const inbox = (v: SeatView) =>
      renderToStaticMarkup(
        <LegalInbox
          view={v}
          provider="carrier"
          device={t.carrier}
          move={noMove}
          respond={(doc, comply) => t.carrier.response(v, doc, comply)}
        />,
      );
    const good = docCard(inbox(view), tap);
    expect(good).toMatch(/Court signature.*\(passes\)/);
    expect(good).toContain('Title III');
    expect(good).toMatch(/comply by the end of day 4, or lose 3 points/);
    const bad = docCard(inbox(forged), tap);
    expect(bad).toMatch(/Court signature.*\(fails\)/);
    expect(bad).toContain('Not lawful process: the court signature does not verify');
    expect(bad).toMatch(COMPLY);
    expect(bad).toMatch(REFUSE);
  });
});

describe('the relay operator’s desk', () => {
  it('shows metadata and ciphertext hex, never plaintext; the directory and escrowed backups', () => {
    const t = table('relay-desk');
    const { envelopeBody } = traffic(t);
    const bob = t.sender(1).device.account;
    const records = t.obtain('records-2703d', bob, { provider: 'relay' });
    t.endDay(); // the crew’s phones upload backups under the escrowed key
    const html = relayDesk(t);
    expect(html).toContain(groupHex(envelopeBody.slice(0, 48)));
    expect(html).toContain('You never see the text');
    expect(html).not.toContain('warehouse');
    expect(html).not.toContain('pier');
    expect(html).toMatch(/From<\/dt><dd>Alice/);
    expect(html).toMatch(/To<\/dt><dd>Bob/);
    // Directory: both phones and the workstation, no ghost.
    expect(html.match(/class="pd-device "/g)).toHaveLength(3);
    expect(html).not.toContain('GHOST');
    expect(html).toContain('Investigator’s workstation');
    // Backups: stored ciphertext, and the relay holds the escrowed key.
    const backup = t.server().G.backups[0]?.backup.body as string;
    expect(html).toContain(groupHex(backup.slice(0, 48)));
    expect(html).toMatch(/key escrowed — you keep a copy of the key/);
    expect(html).not.toContain('Key-transparency');
    // Due by the end of today (day 2): still owed.
    const card = docCard(html, records);
    expect(card).toContain('Lawful process');
    expect(card).toMatch(COMPLY);
    expect(card).toMatch(REFUSE);
    expect(card).not.toContain('Contest in court');
  });

  it('spells out the ghost decision (contest, hide) and marks the ghost in the directory once added', () => {
    const t = table('relay-ghost', 'ghost-protocol-2018', { ghostLeads: 3 });
    const bob = t.sender(1).device.account;
    traffic(t);
    t.comply(t.obtain('records-2703d', bob, { provider: 'carrier' }));
    t.comply(t.obtain('records-2703d', bob, { provider: 'relay' }));
    expect(t.view(t.seat('investigator')).leads).toBe(3);
    const ghost = t.workstation.ghostFor(bob, 1);
    const order = t.obtain('technical-assistance', bob, { ghost });
    let html = relayDesk(t);
    let card = docCard(html, order);
    expect(card).toContain('Contest in court');
    expect(card).toContain('50%');
    expect(card).toContain('Yes, hide it');
    expect(card).not.toContain('transparency log?');
    expect(card).toMatch(/Risk:.*Bob’s own device list will not show it/);
    expect(card).toContain('Comply: add the ghost');
    expect(card).toMatch(REFUSE);
    expect(html).not.toContain('GHOST');

    t.comply(order, { hide: true });
    t.sendSecure(0, [1], { text: 'after the ghost' });
    html = relayDesk(t);
    card = docCard(html, order);
    expect(card).not.toContain('Comply: add the ghost');
    expect(card).not.toContain('Contest in court');
    expect(html).toContain('GHOST');
    expect(html).toMatch(/class="pd-device pd-ghost"/);
    expect(html).toContain(groupHex(ghost.deviceId));
    expect(html).toMatch(/pd-ghost.*Added<\/dt><dd>day 1, by you \(the relay\).*Hidden from owner<\/dt><dd>yes/);
    expect(html).toContain('including the ghost');
    expect(html).not.toContain('after the ghost');
  });

  it('with key transparency: the log, signed heads checked by the client, and the log-or-not decision', () => {
    const t = table('relay-kt', 'transparency-2024', { ghostLeads: 3 });
    const bob = t.sender(1).device.account;
    traffic(t);
    t.comply(t.obtain('records-2703d', bob, { provider: 'carrier' }));
    t.comply(t.obtain('records-2703d', bob, { provider: 'relay' }));
    const ghost = t.workstation.ghostFor(bob, 1);
    const order = t.obtain('technical-assistance', bob, { ghost });
    let html = relayDesk(t);
    const card = docCard(html, order);
    expect(card).toContain('Record it in the public transparency log?');
    expect(card).toContain('Not possible in this scenario');
    expect(card).not.toContain('Yes, hide it');
    expect(card).toMatch(/Risk:.*Bob’s phone audits the log/);
    expect(html).toContain('Key-transparency');
    expect(html).toMatch(/Entries \(3\)/);

    t.comply(order, { log: false });
    t.endDay();
    html = relayDesk(t);
    expect(html).toMatch(/In the public log<\/dt><dd>no/);
    expect(html).toMatch(/Entries \(3\)/); // the unlogged ghost is not in it
    expect(html).toContain('✓ signature checks');
    expect(html).not.toContain('✗ signature does not check');
    expect(html).not.toContain('warehouse');
  });
  it('a contested order waits for the court; upheld and refused, it can still be complied with late', () => {
    const t = table('relay-contest', 'san-jose-2013', { ghostLeads: 1, contestUpheldChance: 1 });
    const bob = t.sender(1).device.account;
    const order = t.obtain('technical-assistance', bob, { ghost: t.workstation.ghostFor(bob, 1) });
    t.act(t.seat('relay'), 'contest', { documentId: order });
    let card = docCard(relayDesk(t), order);
    expect(card).toContain('the court decides tonight');
    expect(card).not.toMatch(/(Comply|Refuse|Contest)[^<]*<\/button>/);
    t.endDay(); // upheld
    card = docCard(relayDesk(t), order);
    expect(card).toContain('upheld after contest');
    expect(card).toContain('each night you have not complied costs you 2 points');
    expect(card).not.toContain('Contest in court');
    expect(card).toContain('Comply: add the ghost');
    t.decline(order, 'we will not');
    card = docCard(relayDesk(t), order);
    expect(card).toMatch(/Comply after all: add the ghost<\/button>/);
    expect(card).toContain('Not possible in this scenario'); // no hiding in 2013
    expect(card).not.toMatch(REFUSE);
  });
});
