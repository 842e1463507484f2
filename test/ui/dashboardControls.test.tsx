/**
 * The dashboard's mid-game controls: which buttons and links a teacher sees for a paused
 * class, an absent student, a stand-in bot, a judge bot or a judging teacher (rendered
 * with renderToStaticMarkup), the table's "Paused by the teacher" banner, and the
 * classControls.ts wrappers against the real server (pause, status, end the day,
 * stand-in on and off).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/app.ts';
import type { Dashboard as ServerDashboard } from '../../src/server/classes/reports.ts';
import { readConfig } from '../../src/server/config.ts';
import {
  createClass,
  type Dashboard,
  fetchDashboard,
  type JoinedClass,
  joinClass,
  startRound,
} from '../../src/ui/classroom/classApi.ts';
import {
  type ControlDashboard,
  type ControlSeat,
  type ControlTable,
  classPaused,
  endDay,
  matchStatus,
  pauseClass,
  seatStandIn,
  setStandIn,
} from '../../src/ui/classroom/classControls.ts';
import { DashboardContent } from '../../src/ui/classroom/Dashboard.tsx';
import { PausedBanner } from '../../src/ui/PausedBanner.tsx';

const CODE = 'K7QM2X';

/** Text as renderToStaticMarkup escapes it. */
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;');
const count = (page: string, text: string) => page.split(text).length - 1;

function seat(n: number, role: ControlSeat['role'], extra: Partial<ControlSeat> = {}): ControlSeat {
  return { seat: String(n), role, name: role, player: 'bot', connected: true, ended: false, ...extra };
}

/** Table 1 in its day: Ana absent, Ben played by a stand-in bot, Cleo here, the rest bots. */
function dayTable(judge: 'bot' | 'teacher'): ControlTable {
  return {
    table: 0,
    matchID: 'match-one',
    day: 2,
    phase: 'day',
    over: false,
    seats: [
      seat(0, 'sender', { name: 'Alice', player: 'student', student: 's-ana', connected: false }),
      seat(1, 'sender', { name: 'Bob', player: 'student', student: 's-ben', connected: true, standIn: true }),
      seat(2, 'carrier', { player: 'student', student: 's-cleo', connected: true }),
      seat(3, 'relay'),
      seat(4, 'investigator'),
      seat(5, 'judge', judge === 'teacher' ? { player: 'teacher', connected: true } : {}),
    ],
  };
}

function dashboard(options: { paused: boolean; judge: 'bot' | 'teacher'; rounds?: number }): ControlDashboard {
  const rounds = options.rounds ?? 1;
  return {
    code: CODE,
    settings: { scenario: 'san-jose-2013', crew: 2, judge: options.judge },
    locked: false,
    paused: options.paused,
    rounds,
    students: [
      { id: 's-ana', nickname: 'Ana', removed: false, table: 0, role: 'sender' },
      { id: 's-ben', nickname: 'Ben', removed: false, table: 0, role: 'sender' },
      { id: 's-cleo', nickname: 'Cleo', removed: false, table: 0, role: 'carrier' },
      { id: 's-dan', nickname: 'Dan', removed: false, table: 1, role: 'sender' },
      { id: 's-eve', nickname: 'Eve', removed: false, table: 2, role: 'sender' },
    ],
    tables:
      rounds === 0
        ? []
        : [
            dayTable(options.judge),
            {
              table: 1,
              matchID: 'match-two',
              day: 0,
              phase: 'setup',
              over: false,
              seats: [seat(0, 'sender', { player: 'student', student: 's-dan', connected: false }), seat(1, 'judge')],
            },
            {
              table: 2,
              matchID: 'match-three',
              day: 3,
              phase: 'over',
              over: true,
              outcome: { winner: 'crew', reason: 'The crew kept its secrets.', day: 3 },
              seats: [seat(0, 'sender', { player: 'student', student: 's-eve', connected: false }), seat(1, 'judge')],
            },
          ],
    judgeSeats: [],
  };
}

const render = (d: Dashboard) =>
  renderToStaticMarkup(
    <DashboardContent dashboard={d} teacherKey={'ab'.repeat(16)} refresh={() => {}} onForget={() => {}} />,
  );

/* The dashboard renders the class join link from window.location; the real-server part's fetches go to the server. */
let server: RunningServer;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gd-dashboard-controls-'));
  server = await startServer({ ...readConfig({ PORT: '1' }), port: 0, dataDir, createPerMinute: 1000 });
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) =>
    realFetch(new URL(String(input), server.url), init),
  );
  vi.stubGlobal('window', { location: { origin: 'http://class.test', pathname: '/', hash: '' } });
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await server?.stop();
});

describe('the dashboard controls, rendered', () => {
  it('the client’s shapes accept what the server sends, and the dashboard accepts them (checked by tsc)', () => {
    expectTypeOf<ServerDashboard>().toExtend<ControlDashboard>();
    expectTypeOf<ControlDashboard>().toExtend<Dashboard>();
  });

  it('paused, judge bot: a banner, Resume, no End the day (with the reason), stand-in buttons for absent seats only', () => {
    const page = render(dashboard({ paused: true, judge: 'bot' }));
    expect(page).toMatch(
      /<div role="status" class="paused-region"><p class="paused-banner"><span aria-hidden="true">⏸ <\/span><strong>Class paused:<\/strong>/,
    );
    expect(page).toContain('Resume the class');
    expect(page).not.toContain('Pause the class');
    expect(page).not.toContain('End the day at every table');
    expect(page).not.toContain('End the day at this table');
    expect(page).toContain('Resume the class to end a day.');
    expect(page).toContain('Paused: resume the class to end the day.');
    expect(count(page, '⏸ paused</span>')).toBe(2); // the two tables still playing, not the finished one
    // Ana is absent: a bot may play her seat. Ben's seat has a stand-in: it can be given back. Cleo is here: nothing.
    expect(page).toContain('Play this seat with a bot<span class="sr-only"> for Ana</span>');
    expect(page).toContain('Give the seat back<span class="sr-only"> to Ben</span>');
    expect(page).not.toMatch(/for Cleo<\/span>|to Cleo<\/span>/);
    expect(page).toContain('🤖 stand-in bot');
    // Dan is absent at a table still making keys (a bot may stand in); Eve's table is over (nothing to play).
    expect(page).toContain('for Dan</span>');
    expect(page).not.toContain('for Eve</span>');
    expect(count(page, 'Play this seat with a bot')).toBe(2);
    expect(count(page, html('so the student’s old messages stay in the student’s browser'))).toBe(3);
    // Every stand-in button is described by that line.
    const described = [...page.matchAll(/aria-describedby="([^"]+)"><span aria-hidden="true">(?:🤖|↩)/g)];
    expect(described).toHaveLength(3);
    for (const [, id] of described) expect(page).toContain(`id="${id}">A stand-in bot has its own device`);
    expect(page).toContain(`href="#/class/${CODE}/debrief"`);
    expect(page).not.toContain('/docket"');
  });

  it('playing, judge bot: Pause, End the day everywhere and at the table in its day; reasons elsewhere', () => {
    const page = render(dashboard({ paused: false, judge: 'bot' }));
    expect(page).toContain('<div role="status" class="paused-region"></div>');
    expect(page).not.toContain('Class paused');
    expect(page).toContain('Pause the class');
    expect(page).not.toContain('Resume the class');
    expect(page).toContain('End the day at every table');
    expect(page).toContain(html('(1 table is in the day)'));
    expect(count(page, 'End the day at this table')).toBe(1);
    expect(page).toContain('End the day at this table<span class="sr-only"> (Table 1)</span>');
    expect(page).toContain('Still making keys: the day can be ended once it begins.');
    expect(page).not.toContain('⏸ paused');
    expect(page).not.toContain('/docket"');
    // Busy buttons keep the focus: the action buttons use aria-disabled, never disabled.
    const actions = [...page.matchAll(/<button[^>]*>(?:(?!<\/button>).)*<\/button>/g)]
      .map(([b]) => b)
      .filter((b) => /Pause the class|End the day at|Play this seat|Give the seat/.test(b));
    expect(actions).toHaveLength(6); // pause, end everywhere, end at table 1, Ana, Ben, Dan
    for (const b of actions) expect(b).toMatch(/^<button type="button"[^>]* aria-disabled="false"/);
    for (const b of actions) expect(b).not.toContain(' disabled=""');
  });

  it('the teacher judges: no End the day buttons, the docket instead (top, panel, each table still playing)', () => {
    const page = render(dashboard({ paused: false, judge: 'teacher' }));
    expect(page).not.toContain('End the day at every table');
    expect(page).not.toContain('End the day at this table');
    expect(count(page, `href="#/class/${CODE}/docket"`)).toBe(4); // top link, panel, tables 1 and 2
    expect(page).toContain('End the day from your docket<span class="sr-only"> (Table 1)</span>');
    expect(page).toContain('Open your docket to end the day');
    expect(page).toContain(`href="#/class/${CODE}/debrief"`);
    expect(page).toContain('Play this seat with a bot<span class="sr-only"> for Ana</span>');
  });

  it('before the first round: no mid-game panel', () => {
    const page = render(dashboard({ paused: false, judge: 'bot', rounds: 0 }));
    expect(page).not.toContain('During the game');
    expect(page).not.toContain('Pause the class');
    expect(page).toContain(`href="#/class/${CODE}/debrief"`);
  });

  it('the table’s banner: words and an icon while paused, an empty status region otherwise', () => {
    const paused = renderToStaticMarkup(<PausedBanner paused={true} />);
    expect(paused).toContain('role="status"');
    expect(paused).toContain('⏸ </span><strong>Paused by the teacher:</strong> moves wait until the class resumes.');
    expect(renderToStaticMarkup(<PausedBanner paused={false} />)).toBe(
      '<div role="status" class="paused-region"></div>',
    );
  });
});

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the controls on the real server', () => {
  it('pause and status, end the day (refused when paused or when the teacher judges), stand-in on and off', async () => {
    const { code, teacherKey } = await createClass({ scenario: 'san-jose-2013', crew: 2, judge: 'bot' });
    const students: JoinedClass[] = [];
    for (const name of ['Ana', 'Ben', 'Cleo', 'Dan', 'Eve']) students.push(await joinClass(code, name));
    await startRound(code, teacherKey);
    let d = await fetchDashboard(code, teacherKey);
    expect(classPaused(d)).toBe(false);
    const table = d.tables[0];
    if (!table) throw new Error('no table');
    const { matchID } = table;
    expect(await matchStatus(matchID)).toEqual({ paused: false });
    // No student opened their seat: every student seat may get a stand-in.
    expect(table.seats.filter((s) => s.player === 'student').every((s) => !s.connected && !seatStandIn(s))).toBe(true);

    // Pause: the status says so, the dashboard shows the banner, and ending a day is refused.
    await pauseClass(code, teacherKey, true);
    expect(await matchStatus(matchID)).toEqual({ paused: true });
    d = await fetchDashboard(code, teacherKey);
    expect(classPaused(d)).toBe(true);
    const paused = render(d);
    expect(paused).toContain('<strong>Class paused:</strong>');
    expect(paused).toContain('Resume the class');
    expect(count(paused, 'Play this seat with a bot')).toBe(5);
    await expect(endDay(code, teacherKey)).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/paused/),
    });

    // Resume.
    await pauseClass(code, teacherKey, false);
    expect(await matchStatus(matchID)).toEqual({ paused: false });
    expect(classPaused(await fetchDashboard(code, teacherKey))).toBe(false);
    await expect(endDay(code, teacherKey, 7)).rejects.toMatchObject({ status: 404 });
    expect(await endDay(code, teacherKey)).toEqual({ ended: 0 }); // still making keys: no day to end

    // Stand-ins on every absent seat: the bots make their own keys and the table reaches its day.
    for (const s of students) await setStandIn(code, teacherKey, s.id, true);
    d = await fetchDashboard(code, teacherKey);
    const standIns = d.tables[0]?.seats.filter((s) => seatStandIn(s)) ?? [];
    expect(standIns.map((s) => s.student).sort()).toEqual(students.map((s) => s.id).sort());
    expect(standIns.every((s) => s.connected)).toBe(true);
    const covered = render(d);
    expect(count(covered, 'Give the seat back')).toBe(5);
    expect(covered).not.toContain('Play this seat with a bot');
    await until(async () => (await fetchDashboard(code, teacherKey)).tables[0]?.phase === 'day', 60_000, 'the day');
    const inDay = render(await fetchDashboard(code, teacherKey));
    expect(inDay).toContain('End the day at this table');
    // The judge bot ends the day when asked (once it is ready to).
    await until(async () => (await endDay(code, teacherKey, 0)).ended === 1, 20_000, 'the judge bot');

    // Hand one seat back.
    const ana = students[0] as JoinedClass;
    await setStandIn(code, teacherKey, ana.id, false);
    d = await fetchDashboard(code, teacherKey);
    const anaSeat = d.tables[0]?.seats.find((s) => s.student === ana.id);
    expect(anaSeat && seatStandIn(anaSeat)).toBe(false);
    expect(render(d)).toContain('Play this seat with a bot<span class="sr-only"> for Ana</span>');
    await expect(setStandIn(code, teacherKey, 'nobody', true)).rejects.toMatchObject({ status: 404 });

    // A table without a class is never paused; a class the teacher judges ends its days from the docket.
    expect(await matchStatus('no-such-match')).toEqual({ paused: false });
    const judged = await createClass({ scenario: 'san-jose-2013', crew: 2, judge: 'teacher' });
    await expect(endDay(judged.code, judged.teacherKey)).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/docket/),
    });
    // The wrong key is refused.
    await expect(pauseClass(code, 'cd'.repeat(16), true)).rejects.toMatchObject({ status: 403 });
    await pauseClass(code, teacherKey, false);
  }, 150_000);
});
