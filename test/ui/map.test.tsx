/**
 * The network map on real tables: a hidden ghost on the relay's and the investigator's
 * maps but not on its target's; secure messages through the relay to each wrapped
 * device, SMS through the tower; locks from each seat's own device; the accessible
 * summary and the token list in the rendered markup.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/crypto/index.ts';
import type { SeatView } from '../../src/game/index.ts';
import { accessOf, buildNetwork, fingerprint, type MapToken } from '../../src/ui/map/model.ts';
import { NetworkMap } from '../../src/ui/map/NetworkMap.tsx';
import { openerFor } from '../../src/ui/map/opener.ts';
import { DEFAULT_SEATS, Table } from '../game/table.ts';

/**
 * Ghost-protocol table: day 1 an SMS ("call me") and a secure message ("hello") from Alice
 * to Bob, records from both providers (3 leads), a ghost on Bob's account added and hidden
 * from Bob, then Alice's plan by secure messenger (wrapped to Bob's phone and the ghost).
 */
function ghostTable() {
  const t = new Table({ scenario: 'ghost-protocol-2018', seats: DEFAULT_SEATS }, 'map-ghost');
  t.runSetup();
  const alice = t.sender(0);
  const bob = t.sender(1);
  const smsId = t.sendSms(0, 1, { text: 'call me' });
  t.sendSecure(0, [1], { text: 'hello' });
  t.comply(t.obtain('records-2703d', bob.device.account, { provider: 'carrier' }));
  t.comply(t.obtain('records-2703d', bob.device.account, { provider: 'relay' }));
  const ghost = t.workstation.ghostFor(bob.device.account, 1);
  t.comply(t.obtain('technical-assistance', bob.device.account, { ghost }), { hide: true });
  const plan = t.plan();
  const planId = t.sendSecure(0, [1], { text: 'meet there', plan });
  return { t, alice, bob, ghost, plan, planId, smsId };
}

function tokenOf(view: SeatView, key: string): MapToken {
  const token = buildNetwork(view).tokens.find((x) => x.key === key);
  if (!token) throw new Error(`no token ${key}`);
  return token;
}

describe('the network map', () => {
  const g = ghostTable();
  const { t, alice, bob, ghost, plan, planId, smsId } = g;
  const seat = {
    alice: alice.seat,
    bob: bob.seat,
    carrier: t.seat('carrier'),
    relay: t.seat('relay'),
    investigator: t.seat('investigator'),
    judge: t.seat('judge'),
  };
  const bobPhone = toHex(bob.device.phone.deviceId);
  const alicePhone = toHex(alice.device.phone.deviceId);
  const ghostNode = `device:${ghost.deviceId}`;

  it('draws the hidden ghost, dashed, for the relay and the investigator, and not at all for its target', () => {
    expect(t.server().G.devices.find((d) => d.deviceId === ghost.deviceId)).toMatchObject({ hiddenFromOwner: true });
    for (const who of [seat.relay, seat.investigator]) {
      const node = buildNetwork(t.view(who)).nodes.get(ghostNode);
      expect(node?.device).toMatchObject({ ghost: true, account: bob.device.account });
    }
    expect(buildNetwork(t.view(seat.bob)).nodes.has(ghostNode)).toBe(false);
    // Alice's directory serves it as an ordinary device of Bob's: her map cannot know better.
    expect(buildNetwork(t.view(seat.alice)).nodes.get(ghostNode)?.device?.ghost).toBe(false);
  });

  it('sends a secure message through the relay to each device it was wrapped to', () => {
    const relayToken = tokenOf(t.view(seat.relay), `message:${planId}`);
    expect(relayToken.routes).toEqual([
      [`device:${alicePhone}`, 'relay', `device:${bobPhone}`],
      [`device:${alicePhone}`, 'relay', ghostNode],
    ]);
    expect(relayToken.wrappedTo?.map((w) => [w.deviceId, w.ghost])).toEqual([
      [bobPhone, false],
      [ghost.deviceId, true],
    ]);
    // Bob's own map keeps the hidden ghost out: one route, one wrapped device.
    const bobToken = tokenOf(t.view(seat.bob), `message:${planId}`);
    expect(bobToken.routes).toEqual([[`device:${alicePhone}`, 'relay', `device:${bobPhone}`]]);
    expect(bobToken.wrappedTo?.map((w) => w.deviceId)).toEqual([bobPhone]);
    // The carrier sees only data use: phone → tower → relay, no ciphertext.
    const data = buildNetwork(t.view(seat.carrier)).tokens.filter((x) => x.kind === 'message');
    expect(data).toHaveLength(2);
    for (const d of data) {
      expect(d.access).toBe('data');
      expect(d.routes).toEqual([[`device:${alicePhone}`, 'tower', 'relay']]);
      expect(d.ciphertexts).toEqual([]);
    }
  });

  it('sends an SMS from phone to tower to phone', () => {
    const token = tokenOf(t.view(seat.carrier), `sms:${smsId}`);
    expect(token.routes).toEqual([[`device:${alicePhone}`, 'tower', `device:${bobPhone}`]]);
    expect(token.routes.flat()).not.toContain('relay');
    expect(token.ciphertexts.map((c) => c.label)).toEqual([
      expect.stringMatching(/^Uplink/),
      expect.stringMatching(/^Downlink/),
    ]);
  });

  it('locks each item for each viewer with the keys its own device holds', () => {
    const ref = { kind: 'message', id: planId } as const;
    const bobOpens = openerFor(t.view(seat.bob), { sender: bob.device })(ref);
    expect(bobOpens).toMatchObject({ open: true, reason: 'opened with your phone’s key' });
    expect(bobOpens.text).toContain(plan.place);
    const carrier = openerFor(t.view(seat.carrier), { carrier: t.carrier });
    for (const token of buildNetwork(t.view(seat.carrier)).tokens.filter((x) => x.kind === 'message')) {
      expect(carrier(token)).toMatchObject({ open: false, reason: expect.stringMatching(/end to end/) });
    }
    expect(carrier({ kind: 'sms', id: smsId })).toMatchObject({
      open: true,
      reason: expect.stringMatching(/SIM key, which the carrier keeps/),
      text: 'call me',
    });
    expect(openerFor(t.view(seat.relay), { relay: t.relay })(ref)).toMatchObject({ open: false });
    const investigator = openerFor(t.view(seat.investigator), { workstation: t.workstation })(ref);
    expect(investigator).toMatchObject({ open: true, reason: expect.stringMatching(/ghost device’s key/) });
    expect(investigator.text).toContain(plan.time);
    expect(openerFor(t.view(seat.judge), { court: t.court })(ref)).toMatchObject({ open: false });
    // Alice wrote it; a seat with no device in this browser opens nothing.
    expect(openerFor(t.view(seat.alice), { sender: alice.device })(ref).open).toBe(true);
    expect(openerFor(t.view(seat.bob), {})(ref).open).toBe(false);
  });

  it('renders an accessible summary and a button per token; plaintext only for a seat that opens it', () => {
    const relayView = t.view(seat.relay);
    const relayHtml = renderToStaticMarkup(
      <NetworkMap view={relayView} opener={openerFor(relayView, { relay: t.relay })} initial={`message:${planId}`} />,
    );
    expect(relayHtml).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"/);
    expect(relayHtml).toContain('<desc');
    expect(relayHtml).toContain('Crew devices on the left');
    expect(relayHtml).toContain('1 ghost');
    expect(relayHtml).toContain('is-ghost');
    const buttons = relayHtml.match(/<button type="button" class="map-token-button/g) ?? [];
    expect(buttons).toHaveLength(buildNetwork(relayView).tokens.length);
    expect(relayHtml).toContain('Wrapped to 2 devices');
    expect(relayHtml).toContain(fingerprint(ghost.deviceId));
    expect(relayHtml).not.toContain(plan.place);

    const bobView = t.view(seat.bob);
    const bobHtml = renderToStaticMarkup(
      <NetworkMap view={bobView} opener={openerFor(bobView, { sender: bob.device })} initial={`message:${planId}`} />,
    );
    expect(bobHtml).not.toContain(ghost.deviceId.slice(0, 16));
    expect(bobHtml).not.toContain(fingerprint(ghost.deviceId));
    expect(bobHtml).not.toContain('is-ghost');
    expect(bobHtml).toContain('Wrapped to one device');
    expect(bobHtml).toContain(plan.place);
    expect(bobHtml).toContain('opened with your phone’s key');

    const carrierView = t.view(seat.carrier);
    const carrierOpener = openerFor(carrierView, { carrier: t.carrier });
    for (const token of buildNetwork(carrierView).tokens) {
      const html = renderToStaticMarkup(<NetworkMap view={carrierView} opener={carrierOpener} initial={token.key} />);
      expect(html).not.toContain(plan.place);
      expect(html).not.toContain('hello');
    }
    const smsHtml = renderToStaticMarkup(
      <NetworkMap view={carrierView} opener={carrierOpener} initial={`sms:${smsId}`} />,
    );
    expect(smsHtml).toContain('call me');
  });

  it('in the debrief, everyone sees the ghost and who read through it', () => {
    const proof = t.workstation
      .readable(t.view(seat.investigator))
      .find((r) => r.text.includes(plan.place) && r.text.includes(plan.time))?.proof;
    expect(proof).toBeDefined();
    t.fileEvidence(proof);
    expect(t.server().ctx.gameover).toMatchObject({ winner: 'investigator' });
    const view = t.view(seat.bob);
    expect(view.debrief).toBe(true);
    expect(buildNetwork(view).nodes.get(ghostNode)?.device?.ghost).toBe(true);
    const access = accessOf(view, tokenOf(view, `message:${planId}`));
    expect(access.complete).toBe(true);
    expect(access.readers).toContainEqual({
      who: t.view(seat.investigator).seats[seat.investigator]?.name,
      party: 'investigator',
      key: expect.stringMatching(/ghost device/),
    });
    expect(access.blocked.map((b) => b.party)).toEqual(['relay', 'carrier']);
  });
});
