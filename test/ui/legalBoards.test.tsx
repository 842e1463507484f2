/**
 * The investigator's and the judge's desks, rendered from real tables (the whole game
 * over Local() multiplayer, real devices, real crypto): application forms with their
 * guides; no crew plaintext before the workstation holds a key; an SMS opened under a
 * lawful wiretap, with its evidence button and then the referee's verdict; a ghost
 * device's reading; and the judge's docket with the rule, the leads and the buttons.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../../src/game/index.ts';
import { InvestigatorBoard } from '../../src/ui/boards/InvestigatorBoard.tsx';
import { JudgeBoard } from '../../src/ui/boards/JudgeBoard.tsx';
import { DEFAULT_SEATS, Table } from '../game/table.ts';

const noMove = () => {};

function investigatorDesk(t: Table): string {
  return renderToStaticMarkup(
    <InvestigatorBoard view={t.view(t.seat('investigator'))} device={t.workstation} move={noMove} />,
  );
}

function judgeDesk(t: Table): string {
  return renderToStaticMarkup(<JudgeBoard view={t.view(t.seat('judge'))} device={t.court} move={noMove} />);
}

/** Text as React escapes it in markup. */
function html(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll("'", '&#x27;').replaceAll('"', '&quot;');
}

describe('the investigator’s case board', () => {
  it('lists one application form per document, each with the guide in leads, what it yields and its law', () => {
    const t = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS }, 'forms');
    t.runSetup();
    const out = investigatorDesk(t);
    for (const kind of Object.values(DOCUMENTS)) {
      expect(out).toContain(html(kind.title));
      expect(out).toContain(html(kind.yields));
    }
    expect(out).toContain('<strong>Needs:</strong> 3 leads (the game’s guide) — you have 1');
    expect(out).toContain('<strong>Needs:</strong> 4 leads'); // technical assistance, san-jose: ghostLeads 4
    expect(out).toContain('<strong>Needs:</strong> no judge and no leads');
    expect(out).toContain('the judge may refuse');
    // The tip: the crew's numbers, and one lead.
    for (const s of Object.values(t.server().G.seats).filter((x) => x.account))
      expect(out).toContain(String(s.account));
    expect(out).toContain('Leads: 1');
    // Informal requests sit behind a warning.
    expect(out).toContain('inadmissible');
    expect(out).toContain('Ask the carrier informally (inadmissible)');
  });

  it('offers no technical-assistance form where the scenario has no ghost orders', () => {
    const t = new Table(
      { scenario: 'custom', seats: DEFAULT_SEATS, options: { ghostOrders: false } },
      'no-ghost-orders',
    );
    t.runSetup();
    const out = investigatorDesk(t);
    expect(out).not.toContain(html(DOCUMENTS['technical-assistance'].title));
    expect(out).toContain(html(DOCUMENTS['wiretap-sms'].title));
  });

  it('before any key it shows ciphertext and records, never a crew message’s plaintext', () => {
    const t = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS }, 'no-key');
    t.runSetup();
    const bob = t.sender(1).device.account;
    // Records of both channels, and a wiretap on the messenger: metadata and ciphertext only.
    t.comply(t.obtain('records-2703d', bob, { provider: 'carrier' }));
    t.comply(t.obtain('wiretap-messenger', bob));
    t.sendSecure(0, [1], { text: 'secret-secure-words', plan: t.plan() });
    t.sendSms(0, 1, { text: 'secret-sms-words' });
    t.comply(t.obtain('records-2703d', bob, { provider: 'relay' }));
    const out = investigatorDesk(t);
    const view = t.view(t.seat('investigator'));
    expect(view.messages.some((m) => m.envelope)).toBe(true); // the tap copies the ciphertext…
    expect(t.workstation.readable(view)).toEqual([]); // …which no key here opens
    expect(out).toContain('Ciphertext');
    expect(out).toContain('locked');
    expect(out).toContain('none of whose keys you hold');
    expect(out).not.toContain('secret-secure-words');
    expect(out).not.toContain('secret-sms-words');
    expect(out).not.toContain(html(t.plan().place));
    expect(out).not.toContain('File as evidence');
    expect(out).toContain('None yet. A wiretap'); // no keys held
  });

  it('after a lawful SMS wiretap a later SMS opens on paper with its key line, then shows the referee’s verdict', () => {
    const t = new Table({ scenario: 'green-bubbles', seats: DEFAULT_SEATS }, 'sms-tap');
    t.runSetup();
    const bob = t.sender(1).device.account;
    t.sendSms(0, 1, { text: 'before-the-tap' });
    const tap = t.obtain('wiretap-sms', bob);
    t.comply(tap);
    t.sendSms(0, 1, { text: 'after-the-tap' });
    const out = investigatorDesk(t);
    expect(out).toContain('after-the-tap');
    expect(out).toContain(`opened with the SIM key of Bob (${bob}) handed over under #${tap}`);
    expect(out).toContain('lawful: under a signed order');
    expect(out).toContain('File as evidence');
    expect(out).not.toContain('before-the-tap'); // sent before the tap: the investigator never saw its ciphertext
    expect(out).toContain(`SIM key of Bob (${bob})</strong> — under #${tap}`);

    const readable = t.workstation.readable(t.view(t.seat('investigator')));
    const item = readable.find((r) => r.text.includes('after-the-tap'));
    expect(item).toBeDefined();
    expect(t.fileEvidence(item?.proof).accepted).toBe(true);
    const after = investigatorDesk(t);
    expect(after).toContain('The referee admitted it as evidence (day 1).');
    expect(after).not.toContain('File as evidence');
    expect(after).toContain('The investigator filed evidence'); // a lead, listed with its source
  });

  it('evidence that shows the plan wins; the debrief desk then offers no action', () => {
    const t = new Table({ scenario: 'green-bubbles', seats: DEFAULT_SEATS }, 'sms-win');
    t.runSetup();
    const bob = t.sender(1).device.account;
    t.comply(t.obtain('wiretap-sms', bob));
    const plan = t.plan();
    t.sendSms(0, 1, { text: 'the plan', plan });
    const before = investigatorDesk(t);
    expect(before).toContain(html(plan.place));
    const item = t.workstation.readable(t.view(t.seat('investigator')))[0];
    const proof = t.fileEvidence(item?.proof);
    expect(proof).toMatchObject({ accepted: true, revealsPlace: true, revealsTime: true });
    expect(t.server().ctx.gameover).toMatchObject({ winner: 'investigator' });
    const out = investigatorDesk(t);
    expect(out).toContain('it shows the place and the time of the plan');
    expect(out).not.toContain('File as evidence');
    expect(out).not.toContain('Apply to the judge');
    expect(judgeDesk(t)).not.toContain('End the day for the whole table');
  });

  it('a key from an informal request opens the SMS but is marked inadmissible, and the referee refuses it', () => {
    const t = new Table({ scenario: 'green-bubbles', seats: DEFAULT_SEATS }, 'informal');
    t.runSetup();
    const bob = t.sender(1).device.account;
    const ask = t.ask('wiretap-sms', bob);
    t.comply(ask);
    t.sendSms(0, 1, { text: 'informally-read' });
    const out = investigatorDesk(t);
    expect(out).toContain('informally-read');
    expect(out).toContain('unlawful: an informal request, so inadmissible');
    expect(out).toContain('the referee will refuse');
    const item = t.workstation.readable(t.view(t.seat('investigator')))[0];
    expect(t.fileEvidence(item?.proof).accepted).toBe(false);
    expect(investigatorDesk(t)).toContain('The referee refused it: inadmissible');
  });

  it('a ghost device added under a technical-assistance order opens later secure messages', () => {
    const t = new Table({ scenario: 'ghost-protocol-2018', seats: DEFAULT_SEATS }, 'ghost');
    t.runSetup();
    const bob = t.sender(1).device.account;
    const investigator = t.seat('investigator');
    const ghost = t.workstation.ghostFor(bob, t.view(investigator).day);
    const order = t.obtain('technical-assistance', bob, { ghost });
    t.comply(order);
    t.sendSecure(0, [1], { text: 'ghost-reads-this' });
    const out = investigatorDesk(t);
    expect(out).toContain('ghost-reads-this');
    expect(out).toContain(`opened with your ghost device’s key on Bob (${bob}), added under #${order}`);
    expect(out).toContain(`ghost device key on Bob (${bob})`);
  });
});

describe('the judge’s docket', () => {
  it('shows a pending application with the leads cited, the rule, and grant / refuse', () => {
    const t = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS }, 'docket');
    t.runSetup();
    const bob = t.sender(1).device.account;
    t.act(t.seat('investigator'), 'apply', { type: 'wiretap-sms', target: bob });
    const out = judgeDesk(t);
    expect(out).toContain('Applications waiting: 1');
    expect(out).toContain(html(DOCUMENTS['wiretap-sms'].title));
    expect(out).toContain(`Bob (${bob})`);
    expect(out).toContain('with 1 lead');
    expect(out).toContain('A Title III wiretap: probable cause and necessity; the game’s guide: 3 leads.');
    expect(out).toContain('below the guide of 3');
    expect(out).toContain('Grant: sign the order');
    expect(out).toContain('>Refuse<');
    expect(out).toContain('You may decide as you see fit');
    expect(out).toContain('End the day for the whole table…');
    expect(out).toContain('This browser holds the matching private key');

    // A ruling from this desk's device is accepted by the referee and moves to past rulings.
    const doc = t.view(t.seat('judge')).documents[0];
    if (!doc) throw new Error('no application');
    t.act(t.seat('judge'), 'rule', t.court.ruling(t.view(t.seat('judge')), doc, false, 'not enough facts yet'));
    const after = judgeDesk(t);
    expect(after).toContain('Applications waiting: 0');
    expect(after).toContain('not enough facts yet');
    expect(after).not.toContain('Grant: sign the order');
  });

  it('shows a contested technical-assistance order as decided by the court tonight, with no move', () => {
    const t = new Table({ scenario: 'ghost-protocol-2018', seats: DEFAULT_SEATS }, 'contest');
    t.runSetup();
    const bob = t.sender(1).device.account;
    const ghost = t.workstation.ghostFor(bob, 1);
    const order = t.obtain('technical-assistance', bob, { ghost });
    t.act(t.seat('relay'), 'contest', { documentId: order });
    const out = judgeDesk(t);
    expect(out).toContain('Contested orders');
    expect(out).toContain('The court decides tonight');
    expect(out).toContain('upheld 50 times in 100');
    expect(out).not.toContain('Grant: sign the order');
  });
});
