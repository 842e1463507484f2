/**
 * The classroom screens: each screen's first render (no secret in the page), and the
 * dashboard and projector rendered from the real server's answers — a class on loopback
 * whose one table is played to its end by the students' and the teacher-judge's seats
 * (each its own socket client and device, with a bot's habits). Plus the pure helpers:
 * links, the create form's checks, the feed's interleaving and cap, "updated N s ago".
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { GameState } from '../../src/game/index.ts';
import { type RunningServer, startServer } from '../../src/server/app.ts';
import type {
  Dashboard as ServerDashboard,
  ProjectorTable as ServerProjectorTable,
} from '../../src/server/classes/reports.ts';
import { readConfig } from '../../src/server/config.ts';
import { CreateClass } from '../../src/ui/classroom/CreateClass.tsx';
import {
  createClass,
  type Dashboard,
  fetchDashboard,
  fetchMe,
  fetchProjector,
  type JoinedClass,
  joinClass,
  loadStudent,
  loadTeacherKey,
  type ProjectorTable,
  saveStudent,
  saveTeacherKey,
  setLocked,
  startRound,
  updateStudent,
} from '../../src/ui/classroom/classApi.ts';
import { DashboardContent, Dashboard as DashboardScreen } from '../../src/ui/classroom/Dashboard.tsx';
import { JoinClass } from '../../src/ui/classroom/JoinClass.tsx';
import {
  agoText,
  asSentence,
  classHref,
  classJoinLink,
  createClassRequest,
  feedWhere,
  interleaveFeed,
  isNewSeat,
  isStale,
  normaliseTeacherKey,
  phaseLabel,
  roundState,
  seatKey,
  seatRows,
  studentRows,
  tableSummary,
} from '../../src/ui/classroom/model.ts';
import { Projector, ProjectorContent } from '../../src/ui/classroom/Projector.tsx';
import { seatPlayer } from '../support/seatPlayer.ts';

/** Text as renderToStaticMarkup escapes it. */
const html = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');

const ORIGIN = 'http://class.test';

class MemoryStorage {
  readonly #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  key(i: number) {
    return [...this.#items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.#items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.#items.set(k, String(v));
  }
  removeItem(k: string) {
    this.#items.delete(k);
  }
  clear() {
    this.#items.clear();
  }
}

let server: RunningServer;
const storage = new MemoryStorage();
const realFetch = globalThis.fetch;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gd-classroom-ui-'));
  server = await startServer({ ...readConfig({ PORT: '1' }), port: 0, dataDir, createPerMinute: 1000 });
  // The page's same-origin paths (/api/...) go to the test server.
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) =>
    realFetch(new URL(String(input), server.url), init),
  );
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('window', { location: { origin: ORIGIN, pathname: '/', hash: '' } });
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await server?.stop();
});

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('timed out');
}

describe('the classroom screens, first render', () => {
  it('create: every field labelled, the one sentence about the key, no key yet', () => {
    const page = renderToStaticMarkup(<CreateClass />);
    expect(page).toContain('<h1 tabindex="-1">Create a class</h1>');
    for (const label of ['Crew size at each table', 'Days in a game (optional)', 'Day timer in minutes (optional)'])
      expect(page).toContain(`${label}</label>`);
    expect(page).toContain('<legend>Who plays the judge?</legend>');
    expect(page).toContain('<legend>Scenario</legend>');
    expect(page).toContain('it stays in this browser, and every teacher action');
    expect(page).not.toMatch(/[0-9a-f]{32}/);
  });

  it('dashboard and projector without a key: a form asks for it; the projector says so plainly', () => {
    storage.clear();
    const dashboard = renderToStaticMarkup(<DashboardScreen code="k7qm2x" />);
    expect(dashboard).toContain('Enter the teacher key</label>');
    expect(dashboard).toMatch(/<input[^>]*type="password"/);
    expect(dashboard).toContain('Class K7Q M2X: enter the teacher key');
    const projector = renderToStaticMarkup(<Projector code="K7QM2X" />);
    expect(projector).toContain('role="alert"');
    expect(projector).toContain('does not hold the teacher key of class K7Q M2X');
    expect(projector).toContain('href="#/class/K7QM2X/dashboard"');
  });

  it('join: looks the class up, offers a nickname field and another suggestion', () => {
    storage.clear();
    const page = renderToStaticMarkup(<JoinClass code="k7qm2x" />);
    expect(page).toContain('Join class K7Q M2X');
    expect(page).toContain('Your nickname</label>');
    expect(page).toContain('Another suggestion');
    expect(page).toContain('role="status">Looking up the class…');
  });

  it('with a stored key or token the screens start without showing it', async () => {
    storage.clear();
    const created = await createClass({ scenario: 'san-jose-2013', crew: 2, judge: 'bot' });
    const joined = await joinClass(created.code, 'Ana');
    expect(saveTeacherKey(created.code, created.teacherKey)).toBe(true);
    expect(loadTeacherKey(created.code.toLowerCase())).toBe(created.teacherKey);
    saveStudent(created.code, joined);
    expect(loadStudent(created.code)).toEqual({ id: joined.id, token: joined.token, nickname: 'Ana' });
    expect(storage.getItem(`going-dark/class-teacher/${created.code}`)).toBe(created.teacherKey);

    const dashboard = renderToStaticMarkup(<DashboardScreen code={created.code} />);
    expect(dashboard).toContain('Loading…');
    const projector = renderToStaticMarkup(<Projector code={created.code} />);
    expect(projector).toContain(`${ORIGIN}/#/class/${created.code}`);
    expect(projector).toContain('QR code of the class link');
    const waiting = renderToStaticMarkup(<JoinClass code={created.code} />);
    expect(waiting).toContain('You are in. Waiting for your teacher to start the round…');
    expect(waiting).toContain('<strong>Ana</strong>');
    for (const page of [dashboard, projector, waiting]) {
      expect(page).not.toContain(created.teacherKey);
      expect(page).not.toContain(joined.token);
    }
  });
});

describe('a class on the real server, rendered', () => {
  it('the dashboard and projector show every table to its end, with no secret and no private line', async () => {
    storage.clear();
    const created = await createClass({ scenario: 'san-jose-2013', crew: 2, judge: 'teacher', days: 2 });
    const { code, teacherKey } = created;
    const students: JoinedClass[] = [];
    for (const name of ['Ana', 'Ben', 'Cleo']) students.push(await joinClass(code, name));
    await updateStudent(code, teacherKey, students[2]?.id ?? '', { removed: true });
    await updateStudent(code, teacherKey, students[1]?.id ?? '', { nickname: 'Benny' });
    await setLocked(code, teacherKey, true);
    await expect(joinClass(code, 'Late')).rejects.toMatchObject({ status: 409 });

    // Before the first round: one button, numbered 1; the removed student listed last.
    const before = await fetchDashboard(code, teacherKey);
    expect(roundState(before)).toMatchObject({ current: 0, next: 1, students: 2, playing: 0, canStart: true });
    expect(studentRows(before).map((s) => [s.nickname, s.place])).toEqual([
      ['Ana', 'Waiting for round 1'],
      ['Benny', 'Waiting for round 1'],
      ['Cleo', '🚫 removed from the class'],
    ]);
    const first = renderToStaticMarkup(
      <DashboardContent dashboard={before} teacherKey={teacherKey} refresh={() => {}} onForget={() => {}} />,
    );
    expect(first).toContain('Start round 1');
    expect(first).toContain('🔒 </span>Locked: no one else can join.');
    expect(first).toContain('Open the class again');
    expect(first).toContain('Rename<span class="sr-only"> Benny</span>');
    expect(first).toContain('Bring back<span class="sr-only"> Cleo</span>');

    expect(await startRound(code, teacherKey)).toEqual({ round: 0, tables: 1 });
    const seats = await Promise.all(students.slice(0, 2).map((s) => fetchMe(code, s.token)));
    await expect(fetchMe(code, students[2]?.token ?? '')).rejects.toMatchObject({ status: 403 });
    const seated = await fetchDashboard(code, teacherKey);
    expect(seated.judgeSeats).toHaveLength(1);
    const judge = seated.judgeSeats[0];
    if (!judge) throw new Error('no judge seat');
    expect(isNewSeat(seats[0]?.seat, undefined)).toBe(true);
    expect(isNewSeat(seats[0]?.seat, seats[0]?.seat && seatKey(seats[0].seat))).toBe(false);

    // The two students and the teacher-judge play, each with their own client and device.
    const players = [
      ...seats.map((me) => me.seat),
      { matchID: judge.matchID, playerID: judge.playerID, credentials: judge.credentials, role: 'judge' as const },
    ];
    const stops: (() => void)[] = [];
    for (const seat of players) {
      if (!seat) throw new Error('a student has no seat');
      stops.push((await seatPlayer(server, seat, { paceMs: 500 })).stop);
    }

    // While they play: connected seats show "● connected" in words.
    await until(
      async () => (await fetchDashboard(code, teacherKey)).tables.every((t) => t.seats.every((s) => s.connected)),
      30_000,
    );
    const playing = await fetchDashboard(code, teacherKey);
    const live = playing.tables[0];
    if (!live) throw new Error('no table');
    const rows = seatRows(live, playing.students);
    // A student's seat is named by the (renamed) nickname, with the game's name beside it.
    expect(
      rows
        .filter((r) => r.who === '👤 student')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['Ana', 'Benny']);
    for (const r of rows.filter((r) => r.who === '👤 student'))
      expect(r.character, r.role).toBe(
        r.role === 'sender' ? live.seats.find((s) => s.seat === r.key)?.name : undefined,
      );
    expect(rows.filter((r) => r.who === '👤 student').map((r) => r.connection)).toEqual(['● connected', '● connected']);
    expect(rows.find((r) => r.role === 'judge')?.who).toBe('🧑‍🏫 teacher');
    expect(rows.filter((r) => r.who === '🤖 bot').every((r) => r.connection === undefined)).toBe(true);

    await until(async () => (await fetchDashboard(code, teacherKey)).tables.every((t) => t.over), 150_000);
    for (const stop of stops) stop();

    const dashboard = await fetchDashboard(code, teacherKey);
    const table = dashboard.tables[0];
    if (!table?.outcome) throw new Error('the table has no outcome');
    const G = (await server.store.fetch(table.matchID, { state: true })).state?.G as GameState;
    expect(table.outcome).toEqual(G.outcome);
    expect(tableSummary(table, 2)).toMatchObject({ title: 'Table 1', phase: '🏁 Game over' });
    expect(
      studentRows(dashboard)
        .slice(0, 2)
        .map((s) => s.place),
    ).toEqual(['Table 1', 'Table 1']);

    const page = renderToStaticMarkup(
      <DashboardContent dashboard={dashboard} teacherKey={teacherKey} refresh={() => {}} onForget={() => {}} />,
    );
    expect(page).toContain('Tables of round 1');
    expect(page).toContain('Start round 2');
    expect(page).toContain(html(table.outcome.reason));
    expect(page).toContain(`href="#/table/${judge.matchID}/${judge.playerID}"`);
    expect(page).toContain('aria-expanded="false"');
    expect(page).toContain('Show teacher key');
    for (const secret of [teacherKey, judge.credentials, ...players.map((p) => p?.credentials ?? '')]) {
      expect(page).not.toContain(secret);
    }
    for (const s of students) expect(page).not.toContain(s.token);

    // The projector: the public lines only, newest first, and no secret.
    const view = await fetchProjector(code, teacherKey);
    const projector = renderToStaticMarkup(<ProjectorContent view={view} />);
    const publicLines = G.events.filter((e) => !e.audience);
    const privateLines = G.events.filter((e) => e.audience).map((e) => e.text);
    expect(privateLines.length).toBeGreaterThan(0); // the check below is not vacuous
    const feed = interleaveFeed(view.tables);
    expect(feed.map((l) => l.text)).toEqual(
      publicLines
        .slice()
        .reverse()
        .slice(0, 40)
        .map((e) => e.text),
    );
    expect(projector).toContain(html(feed[0]?.text ?? '∅'));
    for (const line of privateLines) {
      if (!publicLines.some((e) => e.text === line)) expect(projector).not.toContain(html(line));
    }
    for (const secret of [teacherKey, judge.credentials, ...students.map((s) => s.token)])
      expect(projector).not.toContain(secret);
    expect(projector).toContain('🏁 Game over');
  }, 240_000);
});

describe('the classroom helpers', () => {
  it('the client’s shapes accept what the server sends (checked by tsc)', () => {
    expectTypeOf<ServerDashboard>().toExtend<Dashboard>();
    expectTypeOf<ServerProjectorTable>().toExtend<ProjectorTable>();
  });

  it('links: class screens and the join link (the code canonical)', () => {
    expect(classHref('k7qm 2x')).toBe('#/class/K7QM2X');
    expect(classHref('K7QM2X', 'dashboard')).toBe('#/class/K7QM2X/dashboard');
    expect(classHref('K7QM2X', 'projector')).toBe('#/class/K7QM2X/projector');
    expect(classJoinLink({ origin: 'https://gd.example', pathname: '/play/' }, 'k7qm2x')).toBe(
      'https://gd.example/play/#/class/K7QM2X',
    );
  });

  it('the create form: days 2–10 and timer 1–60 minutes, both optional', () => {
    const base = { scenario: 'green-bubbles', crew: 2 as const, judge: 'teacher' as const, days: '', minutes: '' };
    expect(createClassRequest(base)).toEqual({
      ok: true,
      request: { scenario: 'green-bubbles', crew: 2, judge: 'teacher' },
    });
    expect(createClassRequest({ ...base, days: '5', minutes: '2.5' })).toEqual({
      ok: true,
      request: { scenario: 'green-bubbles', crew: 2, judge: 'teacher', days: 5, dayTimerSeconds: 150 },
    });
    expect(createClassRequest({ ...base, days: '1' })).toMatchObject({ ok: false, field: 'days' });
    expect(createClassRequest({ ...base, days: '3.5' })).toMatchObject({ ok: false, field: 'days' });
    expect(createClassRequest({ ...base, minutes: '0' })).toMatchObject({ ok: false, field: 'minutes' });
    expect(createClassRequest({ ...base, minutes: 'soon' })).toMatchObject({ ok: false, field: 'minutes' });
  });

  it('a pasted teacher key is cleaned; anything else is refused', () => {
    const key = 'ab'.repeat(32);
    expect(normaliseTeacherKey(` ${key.slice(0, 20)}\n${key.slice(20).toUpperCase()} `)).toBe(key);
    expect(normaliseTeacherKey('not a key')).toBeUndefined();
    expect(normaliseTeacherKey('abc')).toBeUndefined();
  });

  it('the feed: newest first, one line per table in turn, capped', () => {
    const events = (n: number, day = 1) =>
      Array.from({ length: n }, (_, i) => ({ seq: i + 1, day, text: `e${i + 1}` }));
    const feed = interleaveFeed(
      [
        { table: 1, events: events(2) },
        { table: 0, events: events(5) },
      ],
      5,
    );
    expect(feed.map((l) => `${l.table}:${l.text}`)).toEqual(['0:e5', '1:e2', '0:e4', '1:e1', '0:e3']);
    expect(interleaveFeed([{ table: 0, events: events(100) }])).toHaveLength(40);
    expect(interleaveFeed([])).toEqual([]);
    expect(feedWhere({ table: 0, day: 0 })).toBe('Table 1 · setting up');
    expect(feedWhere({ table: 2, day: 3 })).toBe('Table 3 · day 3');
    expect(
      new Set(
        interleaveFeed([
          { table: 0, events: events(3) },
          { table: 1, events: events(3) },
        ]).map((l) => l.key),
      ).size,
    ).toBe(6);
  });

  it('phase words and freshness', () => {
    expect(phaseLabel({ phase: 'day', day: 2, over: false }, 4)).toBe('☀ Day 2 of 4');
    expect(phaseLabel({ phase: 'night', day: 2, over: false })).toBe('🌙 Night 2');
    expect(phaseLabel({ phase: 'setup', day: 0, over: false })).toBe('🔑 Setting up keys');
    expect(phaseLabel({ phase: 'day', day: 3, over: true })).toBe('🏁 Game over');
    expect(agoText(undefined, 0)).toBe('Loading…');
    expect(agoText(10_000, 10_500)).toBe('Updated just now');
    expect(agoText(10_000, 17_400)).toBe('Updated 7 s ago');
    expect(agoText(0, 185_000)).toBe('Updated 3 min ago');
    expect(isStale(0, 9_000)).toBe(false);
    expect(isStale(0, 11_000)).toBe(true);
    expect(asSentence('the class is locked: ask your teacher')).toBe('The class is locked: ask your teacher.');
    expect(asSentence('Could not reach the game server.')).toBe('Could not reach the game server.');
  });
});
