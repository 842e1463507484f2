/**
 * A class on the real server over loopback: the teacher endpoints refuse a missing or
 * wrong key; 30 students join by code; a round seats them at 6 balanced tables with a
 * bot judge; each student's own socket client (their device and a bot's habits) plays
 * its seat to the end while the dashboard reports every table; the projector carries
 * only public lines; the next round rotates roles; lock, rename and remove work.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GameState, type Role, winPathOf } from '../../src/game/index.ts';
import { type RunningServer, startServer } from '../../src/server/app.ts';
import { type ClassDebrief, type Dashboard, roundSummary } from '../../src/server/classes/reports.ts';
import { readConfig } from '../../src/server/config.ts';
import { type SeatPlayer, seatPlayer } from '../support/seatPlayer.ts';
import { sqliteOf } from '../support/sqliteOf.ts';

let server: RunningServer;

async function call(path: string, options: { body?: unknown; key?: string; method?: string } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      'content-type': 'application/json',
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function until(check: () => Promise<boolean>, ms: number, state?: () => Promise<string>): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out${state ? `: ${await state()}` : ''}`);
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gd-class-'));
  server = await startServer({ ...readConfig({ PORT: '1' }), port: 0, dataDir, createPerMinute: 1000 });
});

afterAll(async () => {
  await server?.stop();
});

interface Student {
  readonly id: string;
  readonly token: string;
  readonly nickname: string;
}

interface Seat {
  readonly matchID: string;
  readonly playerID: string;
  readonly credentials: string;
  readonly role: Role;
  readonly table: number;
}

async function seatOf(code: string, student: Student): Promise<Seat> {
  const me = await call(`/api/classes/${code}/me`, { key: student.token });
  expect(me.status).toBe(200);
  return me.json.seat as Seat;
}

describe('a class', () => {
  it('teacher endpoints refuse a missing or a wrong teacher key', async () => {
    const created = await call('/api/classes', { body: { scenario: 'san-jose-2013', crew: 2 } });
    expect(created.status).toBe(201);
    const code = String(created.json.code);
    const key = String(created.json.teacherKey);
    const other = String((await call('/api/classes', { body: {} })).json.teacherKey);
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/classes/${code}/dashboard`],
      ['GET', `/api/classes/${code}/projector`],
      ['GET', `/api/classes/${code}/debrief`],
      ['POST', `/api/classes/${code}/rounds`, {}],
      ['POST', `/api/classes/${code}/lock`, { locked: true }],
      ['PATCH', `/api/classes/${code}/students/abcdef`, { removed: true }],
    ];
    for (const [method, path, body] of routes) {
      expect((await call(path, { method, body })).status, `${method} ${path} without a key`).toBe(401);
      expect((await call(path, { method, body, key: other })).status, `${method} ${path} with another key`).toBe(403);
    }
    expect((await call(`/api/classes/${code}/dashboard`, { key })).status).toBe(200);
    expect((await call('/api/classes/ZZZZZZ/dashboard', { key })).status).toBe(404);
    expect((await call('/api/classes', { body: { crew: 5 } })).status).toBe(400);
  });

  it('lock, rename and remove: a locked class takes no one; a removed student has no seat', async () => {
    const created = await call('/api/classes', { body: { crew: 2 } });
    const code = String(created.json.code);
    const key = String(created.json.teacherKey);
    const ana = (await call(`/api/classes/${code}/students`, { body: { nickname: '  Ana   Lopez ' } })).json;
    expect(ana.nickname).toBe('Ana Lopez');
    const suggested = (await call(`/api/classes/${code}/students`, { body: {} })).json;
    expect(String(suggested.nickname).length).toBeGreaterThan(2);
    expect((await call(`/api/classes/${code}/students`, { body: { nickname: '' } })).status).toBe(400);
    expect((await call(`/api/classes/${code}/lock`, { body: { locked: true }, key })).status).toBe(200);
    expect((await call(`/api/classes/${code}/students`, { body: { nickname: 'Late' } })).status).toBe(409);
    const renamed = await call(`/api/classes/${code}/students/${ana.id}`, {
      method: 'PATCH',
      body: { nickname: 'Ana L.' },
      key,
    });
    expect(renamed.status).toBe(200);
    await call(`/api/classes/${code}/students/${suggested.id}`, { method: 'PATCH', body: { removed: true }, key });
    expect((await call(`/api/classes/${code}/me`, { key: String(suggested.token) })).status).toBe(403);
    const dashboard = (await call(`/api/classes/${code}/dashboard`, { key })).json as unknown as Dashboard;
    expect(dashboard.locked).toBe(true);
    expect(dashboard.students.map((s) => [s.nickname, s.removed])).toEqual([
      ['Ana L.', false],
      [suggested.nickname, true],
    ]);
  });

  it('30 students at 6 tables play to the end; the dashboard and projector report them; round 2 rotates roles', async () => {
    const created = await call('/api/classes', { body: { scenario: 'san-jose-2013', crew: 2, judge: 'bot' } });
    const code = String(created.json.code);
    const key = String(created.json.teacherKey);
    const students: Student[] = [];
    for (let i = 0; i < 30; i++) {
      const joined = await call(`/api/classes/${code}/students`, { body: { nickname: `Student ${i + 1}` } });
      expect(joined.status).toBe(201);
      students.push(joined.json as unknown as Student);
    }
    const started = await call(`/api/classes/${code}/rounds`, { body: {}, key });
    expect(started.json).toEqual({ round: 0, tables: 6 });
    const seats = await Promise.all(students.map((s) => seatOf(code, s)));
    const matchIDs = [...new Set(seats.map((s) => s.matchID))];
    expect(matchIDs).toHaveLength(6);

    // Each student: their own socket client and device, playing with a bot's habits.
    const players = await Promise.all(seats.map((seat) => seatPlayer(server, seat)));

    // While they play, every student seat shows as connected on the dashboard.
    await until(async () => {
      const d = (await call(`/api/classes/${code}/dashboard`, { key })).json as unknown as Dashboard;
      return d.tables.every((t) => t.seats.every((s) => s.connected));
    }, 30_000);

    const over = async () => {
      const d = (await call(`/api/classes/${code}/dashboard`, { key })).json as unknown as Dashboard;
      return d.tables.length === 6 && d.tables.every((t) => t.over);
    };
    const where = async () => {
      const d = (await call(`/api/classes/${code}/dashboard`, { key })).json as unknown as Dashboard;
      const rows = [];
      for (const t of d.tables) {
        const G = (await server.store.fetch(t.matchID, { state: true })).state?.G as GameState;
        rows.push({
          day: t.day,
          phase: t.phase,
          over: t.over,
          ended: t.seats.filter((s) => s.ended).length,
          devices: G.devices.length,
          sims: G.sims.length,
          court: !!G.courtPub,
          log: !!G.relayLogPub,
          escrow: G.escrow.length,
          connected: t.seats.filter((s) => s.connected).length,
        });
      }
      return JSON.stringify(rows);
    };
    await until(over, 120_000, where);
    for (const p of players) p.stop();

    const dashboard = (await call(`/api/classes/${code}/dashboard`, { key })).json as unknown as Dashboard;
    for (const table of dashboard.tables) {
      const { state } = await server.store.fetch(table.matchID, { state: true });
      const G = state?.G as GameState;
      expect(table.outcome).toEqual(G.outcome);
      expect(table.day).toBe(G.day);
      // Balanced: 5 students and the bot judge at every table.
      expect(table.seats.filter((s) => s.player === 'student')).toHaveLength(5);
      expect(table.seats.find((s) => s.role === 'judge')?.player).toBe('bot');
    }
    expect(dashboard.students.every((s) => s.table !== undefined && s.role !== undefined)).toBe(true);

    // The projector: status and public lines only.
    const projector = (await call(`/api/classes/${code}/projector`, { key })).json as {
      tables: { matchID: string; events: { text: string }[] }[];
    };
    for (const table of projector.tables) {
      const G = (await server.store.fetch(table.matchID, { state: true })).state?.G as GameState;
      const publicLines = G.events.filter((e) => !e.audience).map((e) => e.text);
      const privateLines = G.events.filter((e) => e.audience).map((e) => e.text);
      expect(table.events.map((e) => e.text)).toEqual(publicLines);
      for (const line of privateLines)
        if (!publicLines.includes(line)) expect(JSON.stringify(table)).not.toContain(line);
    }

    // The class debrief: every table's outcome and win path, and the round's totals.
    const debrief = (await call(`/api/classes/${code}/debrief`, { key })).json as unknown as ClassDebrief;
    expect(debrief.tables).toHaveLength(6);
    const totals = debrief.rounds[0];
    expect(totals?.over).toBe(6);
    expect((totals?.crew ?? 0) + (totals?.investigator ?? 0) + (totals?.draw ?? 0)).toBe(6);
    for (const table of debrief.tables) {
      const G = (await server.store.fetch(table.matchID, { state: true })).state?.G as GameState;
      expect(table.outcome).toEqual(G.outcome);
      expect(table.winPath).toBe(winPathOf(G));
      expect(table.players).toHaveLength(6);
    }
    const won = Object.values(totals?.paths ?? {}).reduce((a, b) => a + b, 0);
    expect(won).toBe(debrief.tables.filter((t) => t.winPath).length);
    expect(totals?.summary).toMatch(new RegExp(`^${totals?.investigator} of 6 investigators won`));
    expect(debrief.questions.length).toBeGreaterThan(0);

    // Round 2: a new table for everyone, and nobody keeps their role.
    expect((await call(`/api/classes/${code}/rounds`, { body: {}, key })).json).toEqual({ round: 1, tables: 6 });
    const next = await Promise.all(students.map((s) => seatOf(code, s)));
    next.forEach((seat, i) => {
      expect(seat.matchID).not.toBe(seats[i]?.matchID);
      expect(seat.role).not.toBe(seats[i]?.role);
    });
  }, 300_000);

  it('sums a round up in one sentence', () => {
    const base = { round: 0, tables: 6, over: 6, crew: 1, investigator: 4, draw: 1 };
    expect(roundSummary({ ...base, paths: { 'backup-warrant': 3, 'sim-wiretap': 1 } })).toBe(
      '4 of 6 investigators won; 3 through escrowed backups, 1 through an SMS wiretap. The crew won 1; 1 draw.',
    );
    expect(roundSummary({ ...base, over: 4, crew: 0, investigator: 4, draw: 0, paths: { 'ghost-device': 4 } })).toBe(
      '4 of 4 investigators won; 4 through a ghost device. The crew won 0; 0 draws. 2 still playing.',
    );
    expect(roundSummary({ ...base, over: 0, paths: {} })).toBe('No table has finished yet (6 playing).');
  });

  it("mid-game: a stand-in bot takes an absent student's seat; pause drops moves; end the day for a table", async () => {
    const created = await call('/api/classes', { body: { scenario: 'san-jose-2013', crew: 2, judge: 'bot' } });
    const code = String(created.json.code);
    const key = String(created.json.teacherKey);
    const students: Student[] = [];
    for (let i = 0; i < 5; i++) {
      students.push(
        (await call(`/api/classes/${code}/students`, { body: { nickname: `Pupil ${i + 1}` } }))
          .json as unknown as Student,
      );
    }
    await call(`/api/classes/${code}/rounds`, { body: {}, key });
    const seats = await Promise.all(students.map((s) => seatOf(code, s)));
    const matchID = seats[0]?.matchID as string;
    const match = async () =>
      (await server.store.fetch(matchID, { state: true })).state as { G: GameState; ctx: { phase: string } };

    // Four students come; they make their keys, then sit idle in the day (they never end it). The fifth is absent.
    const players = await Promise.all(
      seats.slice(0, 4).map((seat) => seatPlayer(server, seat, { paceMs: 300, setupOnly: true })),
    );
    await new Promise((r) => setTimeout(r, 3000));
    expect((await match()).ctx.phase).toBe('setup'); // the absent student's device never made its keys
    const absent = students[4] as Student;
    let d = (await call(`/api/classes/${code}/dashboard`, { key })).json as unknown as Dashboard;
    expect(d.tables[0]?.seats.find((s) => s.student === absent.id)?.connected).toBe(false);

    // A stand-in bot: it makes a device of its own, and the game goes on.
    expect(
      (await call(`/api/classes/${code}/students/${absent.id}/stand-in`, { body: { on: true }, key })).status,
    ).toBe(200);
    const phase = async () => `phase ${(await match()).ctx.phase}, day ${(await match()).G.day}`;
    await until(async () => (await match()).ctx.phase === 'day', 30_000, phase);
    d = (await call(`/api/classes/${code}/dashboard`, { key })).json as unknown as Dashboard;
    expect(d.tables[0]?.seats.find((s) => s.student === absent.id)?.standIn).toBe(true);

    // Pause: a student's End day is dropped; the status says so; resume and it goes through.
    const walker = (players[0] as SeatPlayer).client;
    const walkerSeat = seats[0] as Seat;
    expect((await call(`/api/classes/${code}/pause`, { body: { paused: true }, key })).status).toBe(200);
    expect((await call(`/api/matches/${matchID}/status`)).json).toEqual({ paused: true });
    walker.moves.endDay?.({});
    await new Promise((r) => setTimeout(r, 1500));
    expect((await match()).G.ended[walkerSeat.playerID]).not.toBe(true);
    expect(server.dropped.some((r) => r.startsWith('move in paused match'))).toBe(true);
    expect((await call(`/api/classes/${code}/end-day`, { body: {}, key })).status).toBe(409);
    expect((await call(`/api/classes/${code}/pause`, { body: { paused: false }, key })).status).toBe(200);
    expect((await call(`/api/matches/${matchID}/status`)).json).toEqual({ paused: false });
    await new Promise((r) => setTimeout(r, 500));
    walker.moves.endDay?.({});
    await until(async () => (await match()).G.ended[walkerSeat.playerID] === true, 10_000, phase);

    // The teacher ends the day for the table (through the judge bot): day 2 begins.
    const day = (await match()).G.day;
    await until(
      async () => {
        const ended = (await call(`/api/classes/${code}/end-day`, { body: { table: 0 }, key })).json;
        return ended.ended === 1;
      },
      10_000,
      phase,
    );
    await until(async () => (await match()).G.day === day + 1, 30_000, phase);

    // The stand-in hands the seat back.
    expect(
      (await call(`/api/classes/${code}/students/${absent.id}/stand-in`, { body: { on: false }, key })).status,
    ).toBe(200);
    d = (await call(`/api/classes/${code}/dashboard`, { key })).json as unknown as Dashboard;
    expect(d.tables[0]?.seats.find((s) => s.student === absent.id)?.standIn).toBeUndefined();
    expect(sqliteOf(server).db.prepare('SELECT COUNT(*) FROM bot_seats WHERE match_id = ?').pluck().get(matchID)).toBe(
      1,
    );
    for (const p of players) p.stop();
  }, 120_000);

  it('the teacher places students; impossible placements are refused with a reason', async () => {
    const created = await call('/api/classes', { body: { crew: 2 } });
    const code = String(created.json.code);
    const key = String(created.json.teacherKey);
    const students: Student[] = [];
    for (let i = 0; i < 6; i++) {
      students.push(
        (await call(`/api/classes/${code}/students`, { body: { nickname: `Kid ${i + 1}` } }))
          .json as unknown as Student,
      );
    }
    const [a, b] = students as [Student, Student];
    const round = (placements: unknown) => call(`/api/classes/${code}/rounds`, { body: { placements }, key });
    expect((await round([{ student: a.id, table: 0, role: 'judge' }])).status).toBe(400);
    expect((await round([{ student: a.id, table: 9, role: 'relay' }])).status).toBe(400);
    expect((await round([{ student: 'nobody', table: 0, role: 'relay' }])).status).toBe(400);
    expect(
      (
        await round([
          { student: a.id, table: 0, role: 'relay' },
          { student: b.id, table: 0, role: 'relay' },
        ])
      ).status,
    ).toBe(400);
    const started = await round([
      { student: a.id, table: 1, role: 'investigator' },
      { student: b.id, table: 0, role: 'relay' },
    ]);
    expect(started.json).toEqual({ round: 0, tables: 2 });
    expect(await seatOf(code, a)).toMatchObject({ table: 1, role: 'investigator' });
    expect(await seatOf(code, b)).toMatchObject({ table: 0, role: 'relay' });
  });
});
