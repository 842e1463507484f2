/**
 * The teacher's docket, from real tables (the whole game over Local() multiplayer, real
 * devices, real crypto): the applications waiting across tables, in table and filing
 * order, without subpoenas, informal requests or decided ones; the summary line; who
 * has ended the day; which tables "End the day at every table" reaches; and one table's
 * panel — the rule, the leads against the guide, Grant only with the table's own court
 * key, and no buttons once the game is over.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CourtSigner, MemoryKeyStore } from '../../src/device/index.ts';
import type { SeatView } from '../../src/game/index.ts';
import { ruleText } from '../../src/ui/boards/JudgeStandards.tsx';
import { Docket } from '../../src/ui/classroom/Docket.tsx';
import { DocketTable, type DocketTableProps } from '../../src/ui/classroom/DocketTable.tsx';
import {
  courtKeyState,
  dayOpen,
  dayRoll,
  docketRows,
  docketSummary,
  skipReason,
  type TableState,
} from '../../src/ui/classroom/docketModel.ts';
import { DEFAULT_SEATS, Table } from '../game/table.ts';

const noMove = () => {};

/** Text as React escapes it in markup. */
function html(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll("'", '&#x27;').replaceAll('"', '&quot;');
}

function judgeView(t: Table): SeatView {
  return t.view(t.seat('judge'));
}

function phaseOf(t: Table): string | undefined {
  return t.clients[Number(t.seat('judge'))]?.getState()?.ctx.phase;
}

/** A table in the day with three applications filed: two before the court and a subpoena. */
function filed(seed: string): Table {
  const t = new Table({ scenario: 'green-bubbles', seats: DEFAULT_SEATS }, seed);
  t.runSetup();
  const investigator = t.seat('investigator');
  const alice = t.sender(0).device.account;
  const bob = t.sender(1).device.account;
  t.act(investigator, 'apply', { type: 'wiretap-sms', target: bob }); // 1 lead, guide 3: below
  t.act(investigator, 'apply', { type: 'subpoena', target: alice, provider: 'carrier' }); // no judge
  t.act(investigator, 'apply', { type: 'pen-register', target: alice, provider: 'carrier' }); // 1 lead, guide 1: meets
  return t;
}

function panel(t: Table, extra: Partial<DocketTableProps> = {}): string {
  return renderToStaticMarkup(
    <DocketTable
      table={0}
      matchID="match-a"
      playerID={t.seat('judge')}
      status="online"
      view={judgeView(t)}
      phase={phaseOf(t)}
      gameover={t.server().ctx.gameover !== undefined}
      court={t.court}
      move={noMove}
      {...extra}
    />,
  );
}

describe('the docket’s rows', () => {
  it('collects pending court applications across tables, by table and filing order', () => {
    const a = filed('docket-a');
    const b = new Table({ scenario: 'san-jose-2013', seats: DEFAULT_SEATS }, 'docket-b');
    b.runSetup();
    const carol = b.sender(1).device.account;
    b.act(b.seat('investigator'), 'apply', { type: 'records-2703d', target: carol, provider: 'carrier' });
    b.act(b.seat('investigator'), 'askInformally', { type: 'records-2703d', target: carol, provider: 'relay' });
    // One already granted at table b: off the docket.
    b.obtain('pen-register', carol, { provider: 'carrier' });

    // Given out of order, with a table that has not synced yet.
    const rows = docketRows([
      { table: 1, view: judgeView(b) },
      { table: 2, view: undefined },
      { table: 0, view: judgeView(a) },
    ]);
    expect(rows.map((r) => [r.table, r.doc.type])).toEqual([
      [0, 'wiretap-sms'],
      [0, 'pen-register'],
      [1, 'records-2703d'],
    ]);
    const [tap, pen, records] = rows;
    expect(tap?.doc.seq).toBeLessThan(pen?.doc.seq ?? 0);
    expect(tap).toMatchObject({ need: 3, meets: false });
    expect(pen).toMatchObject({ need: 1, meets: true });
    expect(records?.doc.informal).toBe(false);
    // Every row is still pending in the referee's own state.
    for (const row of rows) {
      const server = (row.table === 0 ? a : b).server().G.documents.find((d) => d.id === row.doc.id);
      expect(server?.status).toBe('pending');
    }
    expect(docketSummary(rows, 3)).toBe('3 applications waiting across 2 tables.');
    expect(docketSummary(rows.slice(0, 1), 3)).toBe('1 application waiting at 1 table.');
    expect(docketSummary([], 3)).toBe('No application is waiting at any of 3 tables.');
  });

  it('a ruling takes the application off the docket', () => {
    const t = filed('docket-ruled');
    const judge = t.seat('judge');
    const [first] = docketRows([{ table: 0, view: judgeView(t) }]);
    if (!first) throw new Error('nothing filed');
    t.act(judge, 'rule', t.court.ruling(judgeView(t), first.doc, true));
    expect(t.server().G.documents.find((d) => d.id === first.doc.id)?.status).toBe('granted');
    expect(docketRows([{ table: 0, view: judgeView(t) }]).map((r) => r.doc.id)).not.toContain(first.doc.id);
  });
});

describe('the day at each table', () => {
  it('says who has ended the day, the judge as “you”', () => {
    const t = filed('docket-roll');
    t.act(t.sender(0).seat, 'endDay');
    t.act(t.seat('carrier'), 'endDay');
    t.act(t.seat('judge'), 'endDay');
    const roll = dayRoll(judgeView(t));
    expect(roll.ended).toEqual(['Alice', 'the carrier', 'you']);
    expect(roll.playing).toEqual(['Bob', 'the relay operator', 'the investigator']);
  });

  it('ends the day at a table in the day and online only; the judge’s endDayForTable starts the night', () => {
    const setup = new Table({ scenario: 'green-bubbles', seats: DEFAULT_SEATS }, 'docket-setup');
    const day = filed('docket-day');
    const state = (t: Table, status: TableState['status'] = 'online'): TableState => ({
      table: 0,
      matchID: 'm',
      status,
      view: judgeView(t),
      phase: phaseOf(t) ?? 'setup',
      gameover: false,
    });
    expect(dayOpen(state(day))).toBe(true);
    expect(skipReason(state(day))).toBeUndefined();
    expect(skipReason(state(day, 'offline'))).toBe('not connected');
    expect(skipReason(state(setup))).toBe('still setting up keys');
    // What the control sends, as the judge's seat.
    day.act(day.seat('judge'), 'endDayForTable', {});
    expect(day.server().G.day).toBe(2);
    expect(day.server().ctx.phase).toBe('day');
  });
});

describe('one table’s panel', () => {
  it('shows each application with the rule, the leads against the guide, a reason field and Grant / Refuse', () => {
    const t = filed('docket-panel');
    const view = judgeView(t);
    expect(courtKeyState(view, t.court)).toBe('mine');
    const out = panel(t);
    expect(out).toContain('Table 1');
    expect(out).toContain('Day 1 of');
    expect(out).toContain('Connected');
    expect(out).toContain('Applications waiting: 2');
    expect(out).toContain(html(ruleText('wiretap-sms', view.options)));
    expect(out).toContain(html(ruleText('pen-register', view.options)));
    expect(out).toContain('<strong>Leads cited:</strong> 1 — below the guide of 3.');
    expect(out).toContain('<strong>Leads cited:</strong> 1 — meets the guide of 1.');
    expect(out).not.toContain('Subpoena'); // needs no judge
    expect(out.match(/Reason \(optional, the investigator sees it\)/g)).toHaveLength(2);
    expect(out.match(/Grant: sign the order/g)).toHaveLength(2);
    expect(out).not.toMatch(/<button[^>]*disabled=""[^>]*>.{0,60}Grant/);
    expect(out).toContain('published; this browser holds its private half');
    expect(out).toContain('Still playing: Alice, Bob, the carrier, the relay operator, the investigator, you');
    expect(out).toContain('End day (as judge)');
    expect(out).toContain(`href="#/table/match-a/${t.seat('judge')}"`);
    expect(out).toContain('In real life:'); // the Explain lines
  });

  it('locks Grant in a browser that does not hold the table’s court key; Refuse stays', () => {
    const t = filed('docket-other-key');
    const stranger = new CourtSigner(new MemoryKeyStore());
    expect(courtKeyState(judgeView(t), stranger)).toBe('other');
    const out = panel(t, { court: stranger });
    expect(out).toContain('does not hold this table’s court key');
    expect(out).toContain('Grant is locked');
    expect(out.match(/<button[^>]*disabled=""[^>]*><span aria-hidden="true">✍ /g)).toHaveLength(2);
    expect(out.match(/<button type="button" class="legal-refuse">/g)).toHaveLength(2);
  });

  it('in setup says the court key is being made here, with no docket yet', () => {
    const t = new Table({ scenario: 'green-bubbles', seats: DEFAULT_SEATS }, 'docket-setup-panel');
    expect(phaseOf(t)).toBe('setup');
    const out = panel(t);
    expect(out).toContain('Setting up');
    expect(out).toContain('making the court key and publishing its public half');
    expect(out).not.toContain('Applications waiting');
    expect(out).not.toContain('End day (as judge)');
  });

  it('offline: the buttons wait for the connection', () => {
    const out = panel(filed('docket-offline'), { status: 'offline' });
    expect(out).toContain('Connection lost');
    expect(out.match(/<button[^>]*disabled=""[^>]*><span aria-hidden="true">✍ /g)).toHaveLength(2);
    expect(out).toMatch(/<button type="button" disabled="">End day \(as judge\)/);
  });

  it('after the game: the outcome, and no ruling or End day, though an application was left pending', () => {
    const t = filed('docket-over');
    for (let i = 0; i < 10 && t.server().ctx.gameover === undefined; i++) t.act(t.seat('judge'), 'endDayForTable', {});
    expect(t.server().ctx.gameover).toBeDefined();
    const view = judgeView(t);
    expect(view.debrief).toBe(true);
    expect(view.documents.some((d) => d.status === 'pending')).toBe(true);
    expect(docketRows([{ table: 0, view }])).toEqual([]);
    const out = panel(t);
    expect(out).toContain('Game over');
    expect(out).toContain(html(view.outcome?.reason ?? 'no outcome'));
    expect(out).not.toContain('Grant');
    expect(out).not.toContain('End day (as judge)');
    expect(out).not.toContain('Open the full judge desk');
  });
});

describe('the docket route', () => {
  it('without the teacher key in this browser, says so and links to the dashboard', () => {
    const out = renderToStaticMarkup(<Docket code="k7qm2x" />);
    expect(out).toContain('the judge’s docket');
    expect(out).toContain('does not hold the teacher key');
    expect(out).toContain('role="alert"');
    expect(out).toContain('href="#/class/K7QM2X/dashboard"');
  });
});
