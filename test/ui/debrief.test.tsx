/**
 * The debrief and the glossary page, from real games played to the end with the table
 * harness (test/game/table.ts): an investigator's win by an SMS wiretap, a win through
 * a ghost device, a seized and unlocked phone, and a crew win with key transparency
 * exposing a ghost. The readability matrix is checked against the facts of the record
 * (wraps, devices, handovers, documents), against what the investigator's own
 * workstation could open in its live view before the game ended, and against the
 * referee's verdicts on proofs; the page is rendered with renderToStaticMarkup.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/crypto/index.ts';
import type { GameState, ProofArgs, Role, SeatView } from '../../src/game/index.ts';
import { findScenario } from '../../src/ui/catalog.ts';
import { Debrief, debriefExport, exportFileName } from '../../src/ui/debrief/Debrief.tsx';
import { cellOf, type ReadabilityMatrix, readabilityMatrix } from '../../src/ui/debrief/readability.ts';
import { directoryChanges, timeline } from '../../src/ui/debrief/timeline.ts';
import { GlossaryPage, glossaryFragment } from '../../src/ui/GlossaryPage.tsx';
import { GLOSSARY } from '../../src/ui/glossary.ts';
import { DEFAULT_SEATS, Table } from '../game/table.ts';

const THREE_CREW: Role[] = ['sender', 'sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'];

/** Undoes React's escaping of text, so sentences can be searched in the markup. */
function text(html: string): string {
  return html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function days(t: Table, n: number): void {
  for (let i = 0; i < n; i++) t.endDay();
}

/** What the investigator's workstation opens in its live view (ids of the items). */
function liveReadable(t: Table): string[] {
  return t.workstation.readable(t.view(t.seat('investigator'))).map((r) => r.proof.item.id);
}

function withPlan(t: Table, plan: { place: string; time: string }): ProofArgs | undefined {
  return t.workstation
    .readable(t.view(t.seat('investigator')))
    .find((r) => r.text.includes(plan.place) && r.text.includes(plan.time))?.proof;
}

interface Played {
  readonly t: Table;
  readonly view: SeatView;
  readonly matrix: ReadabilityMatrix;
  /** What the workstation could open just before the game ended. */
  readonly live: string[];
}

function finish(t: Table, live: string[], seat = t.seat('sender', 0)): Played {
  expect(t.server().ctx.gameover).toBeDefined();
  const view = t.view(seat);
  expect(view.debrief).toBe(true);
  return { t, view, matrix: readabilityMatrix(view), live };
}

/** Green bubbles with three crew: Bob has no messenger; Alice texts him and messages Carol; a tap on Bob's line wins. */
function smsWiretapGame(): Played & { before: string[]; after: string } {
  const t = new Table({ scenario: 'green-bubbles', seats: THREE_CREW }, 'debrief-wiretap');
  t.runSetup();
  const bob = t.sender(1).device.account;
  const plan = t.plan();
  const before = [t.sendSms(0, 1, { text: 'hi' })];
  t.sendSecure(0, [2], { text: 'hello Carol' });
  t.comply(t.obtain('records-2703d', bob, { provider: 'carrier' }));
  t.comply(t.obtain('pen-register', bob, { provider: 'carrier' }));
  t.endDay();
  before.push(t.sendSms(0, 1, { text: 'again' }));
  t.endDay();
  t.comply(t.obtain('wiretap-sms', bob));
  const after = t.sendSms(0, 1, { text: 'The plan', plan });
  t.sendSecure(0, [2], { text: 'The plan', plan });
  const proof = withPlan(t, plan);
  expect(proof).toMatchObject({ item: { kind: 'sms', id: after }, keyKind: 'sim' });
  const live = liveReadable(t);
  expect(t.fileEvidence(proof)).toMatchObject({ accepted: true });
  return { ...finish(t, live), before, after };
}

/** Records give three leads; the relay adds the investigator's ghost to Bob's account; the plan is read through it. */
function ghostGame(): Played & { ghost: string; beforeGhost: string; throughGhost: string } {
  const t = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS, options: { ghostLeads: 3 } }, 'debrief-ghost');
  t.runSetup();
  const bob = t.sender(1);
  const investigator = t.seat('investigator');
  const plan = t.plan();
  t.sendSms(0, 1, { text: 'call me' });
  t.sendSecure(0, [1], { text: 'hello' });
  t.comply(t.obtain('records-2703d', bob.device.account, { provider: 'carrier' }));
  t.comply(t.obtain('records-2703d', bob.device.account, { provider: 'relay' }));
  const ghost = t.workstation.ghostFor(bob.device.account, t.view(investigator).day);
  const order = t.obtain('technical-assistance', bob.device.account, { ghost });
  const beforeGhost = t.sendSecure(0, [1], { text: 'before the ghost', plan });
  t.endDay();
  t.comply(order);
  const throughGhost = t.sendSecure(0, [1], { text: 'The plan', plan });
  const proof = withPlan(t, plan);
  const live = liveReadable(t);
  expect(t.fileEvidence(proof)).toMatchObject({ accepted: true });
  return { ...finish(t, live, t.seat('judge')), ghost: ghost.deviceId, beforeGhost, throughGhost };
}

/** A search warrant: Bob's phone is seized and unlocked; the messages wrapped to it open for the investigator. */
function seizedGame(): Played & { phone: string } {
  const t = new Table(
    { scenario: 'san-jose-2013', seats: DEFAULT_SEATS, options: { forensicUnlockChance: 1 } },
    'debrief-seized',
  );
  t.runSetup();
  const bob = t.sender(1);
  const plan = t.plan();
  t.sendSms(0, 1, { text: 'call me' });
  t.sendSecure(0, [1], { text: 'hello' });
  t.comply(t.obtain('records-2703d', bob.device.account, { provider: 'carrier' }));
  t.comply(t.obtain('records-2703d', bob.device.account, { provider: 'relay' }));
  t.sendSecure(0, [1], { text: 'The plan', plan });
  t.obtain('warrant-device', bob.device.account);
  days(t, 2);
  const surrender = bob.device.surrender(t.view(bob.seat));
  t.act(bob.seat, 'surrenderDevice', surrender);
  const live = liveReadable(t);
  expect(t.fileEvidence(withPlan(t, plan))).toMatchObject({ accepted: true });
  return { ...finish(t, live, t.seat('carrier')), phone: toHex(bob.device.phone.deviceId) };
}

/** Transparency, 2024: a logged ghost is found by Bob's audit; the plan reaches Bob unread; the crew wins. */
function crewGame(): Played & { ghost: string } {
  const t = new Table(
    { scenario: 'transparency-2024', seats: DEFAULT_SEATS, options: { ghostLeads: 3 } },
    'debrief-crew',
  );
  t.runSetup();
  const bob = t.sender(1);
  const plan = t.plan();
  t.sendSms(0, 1, { text: 'call me' });
  t.sendSecure(0, [1], { text: 'hello' });
  t.comply(t.obtain('records-2703d', bob.device.account, { provider: 'carrier' }));
  t.comply(t.obtain('records-2703d', bob.device.account, { provider: 'relay' }));
  const ghost = t.workstation.ghostFor(bob.device.account, 1);
  t.comply(t.obtain('technical-assistance', bob.device.account, { ghost }));
  t.act(bob.seat, 'reportUnknownDevice', { deviceId: ghost.deviceId });
  const id = t.sendSecure(0, [1], { text: 'The plan', plan });
  const item = bob.device.inbox(t.view(bob.seat)).find((i) => i.id === id);
  t.act(bob.seat, 'proveReceipt', bob.device.receiptProof(item as never));
  days(t, 3);
  const live = liveReadable(t);
  t.endDay();
  expect(t.server().ctx.gameover).toMatchObject({ winner: 'crew' });
  return { ...finish(t, live, t.seat('sender', 1)), ghost: ghost.deviceId };
}

/** Which items the investigator could open, by the record's facts, computed here from the referee's state. */
function investigatorByFacts(G: GameState): Set<string> {
  const investigator = Object.values(G.seats).find((s) => s.role === 'investigator')?.id;
  const open = new Set<string>();
  for (const m of G.messages) {
    const held = m.envelope.wraps.some((w) => {
      const d = G.devices.find((x) => x.deviceId === w.device);
      if (!d) return false;
      if (d.controller === investigator) return true;
      const seized = G.documents.find((x) => x.type === 'warrant-device' && x.seizedDevice === d.deviceId);
      return seized?.unlockedDay !== undefined;
    });
    if (held) open.add(m.envelope.id);
  }
  return open;
}

/** The rules every debrief matrix must keep. */
function checkMatrix({ t, matrix, live }: Played): void {
  const G = t.server().G;
  // One column per seat: the crew first, then carrier, relay, investigator, judge.
  expect(new Set(matrix.parties.map((p) => p.seat))).toEqual(new Set(Object.keys(G.seats)));
  expect(matrix.parties.map((p) => p.role).slice(-4)).toEqual(['carrier', 'relay', 'investigator', 'judge']);
  expect(matrix.rows.filter((r) => r.kind === 'message')).toHaveLength(G.messages.length);
  expect(matrix.rows.filter((r) => r.kind === 'sms')).toHaveLength(G.sms.length);
  expect(matrix.rows.filter((r) => r.kind === 'backup')).toHaveLength(G.backups.length);
  const byFacts = investigatorByFacts(G);
  for (const row of matrix.rows) {
    for (const cell of Object.values(row.cells)) expect(cell.reason.length).toBeGreaterThan(0);
    const carrier = cellOf(matrix, row, 'carrier');
    const relay = cellOf(matrix, row, 'relay');
    const investigator = cellOf(matrix, row, 'investigator');
    if (row.kind === 'sms') expect(carrier, `carrier on SMS ${row.id}`).toMatchObject({ open: true });
    if (row.kind === 'message') {
      expect(carrier, `carrier on message ${row.id}`).toMatchObject({ open: false });
      expect(relay, `relay on message ${row.id}`).toMatchObject({ open: false });
      expect(investigator?.open, `investigator on message ${row.id}`).toBe(byFacts.has(row.id));
    }
  }
  // Every proof the referee accepted is open for the seat that filed it.
  for (const p of G.proofs.filter((x) => x.accepted)) {
    const row = matrix.rows.find((r) => r.kind === p.item.kind && r.id === p.item.id);
    expect(row?.cells[p.by], `proof ${p.seq}`).toMatchObject({ open: true, verdict: 'accepted' });
  }
  // What the investigator's own workstation opened in its live view is open in the matrix, and nothing else.
  const open = matrix.rows.filter((r) => cellOf(matrix, r, 'investigator')?.open).map((r) => r.id);
  expect(new Set(open)).toEqual(new Set(live));
}

function render(view: SeatView): string {
  return renderToStaticMarkup(<Debrief view={view} />);
}

function checkPage(played: Played): string {
  const html = render(played.view);
  const plain = text(html);
  expect(html).toContain('<caption');
  expect(plain).toContain('Readability: for each message, SMS and backup, which party could read it, and why');
  expect(html).toMatch(/<th scope="col"/);
  expect(html).toMatch(/<th scope="row"/);
  expect(html.match(/<tr class="dbf-row-/g) ?? []).toHaveLength(played.matrix.rows.length);
  expect(html).toMatch(/<button type="button" class="primary">Export JSON<\/button>/);
  expect(html).toMatch(/<button type="button">Print<\/button>/);
  const scenario = findScenario(played.view.scenario);
  expect(scenario?.debrief.length).toBeGreaterThan(0);
  for (const q of scenario?.debrief ?? []) expect(plain).toContain(q);
  const plan = played.view.plan;
  expect(plan).toBeDefined();
  expect(plain).toContain(plan?.place);
  expect(plain).toContain(plan?.time);
  // Colour is never the only signal: every cell says it in words.
  const cells = played.matrix.rows.length * played.matrix.parties.length;
  expect((html.match(/>can read</g) ?? []).length + (html.match(/>cannot read</g) ?? []).length).toBe(cells);
  // Every document is on the page, as a card with its seal checked.
  for (const doc of played.view.documents) expect(html).toContain(`#${doc.id.slice(0, 6)}`);
  expect((html.match(/Seal checked by this client/g) ?? []).length).toBe(played.view.documents.length);
  return plain;
}

describe('the debrief: the readability matrix of real games', () => {
  it('an SMS wiretap: the carrier reads every SMS, the investigator only those after the tap, nobody but the ends the messenger', () => {
    const played = smsWiretapGame();
    const { view, matrix, before, after } = played;
    expect(view.outcome).toMatchObject({ winner: 'investigator' });
    checkMatrix(played);
    const row = (id: string) => matrix.rows.find((r) => r.id === id);
    for (const id of before) {
      const cell = cellOf(matrix, row(id) as never, 'investigator');
      expect(cell).toMatchObject({ open: false, reason: expect.stringContaining('came later') });
    }
    expect(cellOf(matrix, row(after) as never, 'investigator')).toMatchObject({
      open: true,
      verdict: 'accepted',
      reason: expect.stringContaining('wiretap'),
    });
    expect(row(after)?.carriedPlan).toBe(true);
    // Bob has no messenger: Alice's secure messages to Carol open for Alice and Carol only.
    for (const r of matrix.rows.filter((x) => x.kind === 'message')) {
      expect(cellOf(matrix, r, 'sender', 0)).toMatchObject({ open: true, reason: 'wrote it' });
      expect(cellOf(matrix, r, 'sender', 1)).toMatchObject({ open: false });
      expect(cellOf(matrix, r, 'sender', 2)).toMatchObject({ open: true });
      expect(cellOf(matrix, r, 'investigator')).toMatchObject({ open: false });
    }
    // Escrowed backups (the 2013 default): the relay keeps the key; no warrant, so the investigator has none.
    const backups = matrix.rows.filter((r) => r.kind === 'backup');
    expect(backups.length).toBeGreaterThan(0);
    for (const r of backups) {
      expect(cellOf(matrix, r, 'relay')).toMatchObject({ open: true, reason: expect.stringContaining('escrowed') });
      expect(cellOf(matrix, r, 'investigator')).toMatchObject({ open: false });
      expect(cellOf(matrix, r, 'carrier')).toMatchObject({ open: false });
    }
    const plain = checkPage(played);
    expect(plain).toContain('The investigator wins');
    expect(plain).toContain('its switch keeps every SIM key');
  });

  it('a ghost: messages wrapped to it open for the investigator, earlier ones do not; the ghost is marked in words', () => {
    const played = ghostGame();
    const { view, matrix, ghost, beforeGhost, throughGhost } = played;
    expect(view.outcome).toMatchObject({ winner: 'investigator' });
    checkMatrix(played);
    const row = (id: string) => matrix.rows.find((r) => r.id === id) as never;
    expect(cellOf(matrix, row(beforeGhost), 'investigator')).toMatchObject({ open: false });
    expect(cellOf(matrix, row(throughGhost), 'investigator')).toMatchObject({
      open: true,
      reason: expect.stringContaining('ghost device'),
    });
    // The judge holds no key, but read the plan message in the evidence filed.
    expect(cellOf(matrix, row(throughGhost), 'judge')).toMatchObject({ open: true });
    expect(cellOf(matrix, row(beforeGhost), 'judge')).toMatchObject({ open: false });
    const changes = directoryChanges(view).filter((c) => c.ghost);
    expect(changes.map((c) => c.deviceId)).toEqual([ghost]);
    expect(changes[0]).toMatchObject({ change: 'ghost-added', day: 2 });
    const days = timeline(view);
    expect(days.map((d) => d.day)).toEqual([0, 1, 2]);
    expect(days[2]?.entries.some((e) => e.ghost && e.kind === 'device')).toBe(true);
    const plain = checkPage(played);
    expect(plain).toContain(
      `Ghost device ${ghost.slice(0, 4)} ${ghost.slice(4, 8)} added to Bob's account by the relay`,
    );
    expect(plain).toMatch(/Ghost: <\/strong>/);
  });

  it('a seized and unlocked phone: every message wrapped to it opens for the investigator, SMS do not', () => {
    const played = seizedGame();
    const { view, matrix, phone } = played;
    checkMatrix(played);
    const messages = matrix.rows.filter((r) => r.kind === 'message');
    expect(messages.length).toBe(2);
    for (const r of messages) {
      expect(cellOf(matrix, r, 'investigator')).toMatchObject({
        open: true,
        reason: expect.stringContaining('seized'),
      });
    }
    for (const r of matrix.rows.filter((x) => x.kind === 'sms')) {
      expect(cellOf(matrix, r, 'investigator')).toMatchObject({ open: false });
    }
    expect(directoryChanges(view).find((c) => c.change === 'seized')).toMatchObject({ deviceId: phone, day: 1 });
    checkPage(played);
  });

  it('a crew win: the ghost was found and got no wraps; only the ends read the plan; the log shows the ghost', () => {
    const played = crewGame();
    const { view, matrix, ghost } = played;
    expect(view.outcome).toMatchObject({ winner: 'crew' });
    checkMatrix(played);
    for (const r of matrix.rows) {
      if (r.kind !== 'backup') expect(cellOf(matrix, r, 'investigator')).toMatchObject({ open: false });
    }
    const plan = matrix.rows.find((r) => r.carriedPlan);
    expect(plan && cellOf(matrix, plan, 'sender', 1)).toMatchObject({ open: true, verdict: 'accepted' });
    const changes = directoryChanges(view).filter((c) => c.ghost);
    expect(changes.map((c) => c.change)).toEqual(['ghost-added', 'discovered']);
    expect(changes[0]?.details).toContain('Recorded in the key-transparency log.');
    const kt = timeline(view).flatMap((d) => d.entries.filter((e) => e.kind === 'kt'));
    expect(kt.length).toBe(view.kt.log.length);
    expect(kt.filter((e) => e.ghost)).toHaveLength(1);
    const plain = checkPage(played);
    expect(plain).toContain('The crew wins');
    expect(plain).toContain(`Bob discovered the ghost device ${ghost.slice(0, 4)}`);
  });

  it('the export holds the whole view and the matrix, no private key of any device, and is named by scenario', () => {
    const played = ghostGame();
    const json = JSON.stringify(debriefExport(played.view));
    const back = JSON.parse(json) as ReturnType<typeof debriefExport>;
    expect(back.readability.rows).toHaveLength(played.matrix.rows.length);
    expect(back.view.plan).toEqual(played.view.plan);
    expect(exportFileName(played.view)).toBe('going-dark-san-jose-2013-debrief.json');
    let secrets = 0;
    for (const store of played.t.stores.values()) {
      for (const name of store.names()) {
        const value = store.get(name);
        if (!value) continue;
        secrets++;
        expect(json, `${name} must not be exported`).not.toContain(toHex(value));
      }
    }
    expect(secrets).toBeGreaterThan(10);
  });

  it('before the game ends the debrief shows no record', () => {
    const t = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS }, 'debrief-live');
    t.runSetup();
    t.sendSecure(0, [1], { text: 'hello' });
    const html = render(t.view(t.seat('carrier')));
    expect(html).not.toContain('<table');
    expect(html).toContain('The debrief opens when the game ends');
  });
});

describe('the glossary page', () => {
  it('renders every entry with its id, plain meaning, part in the game and sources', () => {
    const html = renderToStaticMarkup(<GlossaryPage />);
    const plain = text(html);
    expect(html).toMatch(/<h1 tabindex="-1">Glossary<\/h1>/);
    expect(GLOSSARY.length).toBeGreaterThan(10);
    for (const e of GLOSSARY) {
      expect(html).toContain(`id="${e.id}"`);
      expect(html).toContain(`href="#/glossary#${e.id}"`);
      expect(plain).toContain(e.term);
      expect(plain).toContain(e.plain);
      expect(plain).toContain(e.game);
      for (const s of e.sources) expect(plain).toContain(`<li>${s}</li>`);
    }
    expect(html.match(/<h3 class="glossary-sources-title">Sources<\/h3>/g)).toHaveLength(GLOSSARY.length);
  });

  it('reads the entry from the part of the hash after the route', () => {
    expect(glossaryFragment('#/glossary#calea')).toBe('calea');
    expect(glossaryFragment('#/glossary#key-transparency')).toBe('key-transparency');
    expect(glossaryFragment('#/glossary')).toBeUndefined();
    expect(glossaryFragment('#/glossary#nothing-here')).toBeUndefined();
    expect(glossaryFragment('#/glossary#%E0%A4%A')).toBeUndefined();
  });
});
