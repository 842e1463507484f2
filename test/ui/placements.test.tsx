/**
 * The teacher's placements for the next round ("Seat students yourself (optional)"): the
 * tables-per-round arithmetic against the server's own planRound, which choices become
 * placements, the words beside a placed student, the clashes the form warns about; the
 * dashboard rendered with the disclosure closed and open (a select per student, each
 * labelled with the nickname); and the real server seating placed students where the
 * teacher put them, and refusing an impossible placement with a sentence.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/app.ts';
import { planRound } from '../../src/server/classes/seating.ts';
import { readConfig } from '../../src/server/config.ts';
import { ApiError } from '../../src/ui/api.ts';
import {
  createClass,
  type Dashboard,
  fetchDashboard,
  fetchMe,
  type JoinedClass,
  joinClass,
  type Placement,
  startRound,
} from '../../src/ui/classroom/classApi.ts';
import { DashboardContent } from '../../src/ui/classroom/Dashboard.tsx';
import {
  nextRoundTables,
  PLACEABLE_ROLES,
  placedText,
  placementProblems,
  placementsToSend,
  seatsPerTable,
  withNicknames,
} from '../../src/ui/classroom/model.ts';

const KEY = 'ab'.repeat(16);
const NAMES = ['Ana', 'Ben', 'Cleo', 'Dan', 'Eve', 'Finn'];
const count = (page: string, text: string) => page.split(text).length - 1;

/** A class before its first round: the six students above, and Zoe, removed. */
function waiting(crew: 2 | 3 = 2): Dashboard {
  return {
    code: 'K7QM2X',
    settings: { scenario: 'san-jose-2013', crew, judge: 'bot' },
    locked: false,
    rounds: 0,
    students: [
      ...NAMES.map((nickname, i) => ({ id: `s-${i}`, nickname, removed: false })),
      { id: 's-zoe', nickname: 'Zoe', removed: true },
    ],
    tables: [],
    judgeSeats: [],
  };
}

const render = (d: Dashboard, placementsOpen?: boolean) =>
  renderToStaticMarkup(
    <DashboardContent
      dashboard={d}
      teacherKey={KEY}
      refresh={() => {}}
      onForget={() => {}}
      {...(placementsOpen ? { placementsOpen } : {})}
    />,
  );

/** The `<select>` labelled "<what> for <nickname>" (label's for = select's id), or undefined. */
function selectFor(page: string, what: 'Table' | 'Role', nickname: string): string | undefined {
  const label = new RegExp(`<label for="([^"]+)">${what}<span class="sr-only"> for ${nickname}</span></label>`).exec(
    page,
  );
  if (!label) return undefined;
  return new RegExp(`<select id="${label[1]}"[^>]*>.*?</select>`).exec(page)?.[0];
}

let server: RunningServer;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gd-placements-'));
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

describe('the placement arithmetic', () => {
  it('tables next round = ceil(students / (crew + 3)), exactly as many as the server plans, for 1..40 students', () => {
    expect(seatsPerTable(2)).toBe(5);
    expect(seatsPerTable(3)).toBe(6);
    for (const crew of [2, 3] as const) {
      expect(nextRoundTables(0, crew)).toBe(0);
      for (let n = 1; n <= 40; n++) {
        const tables = nextRoundTables(n, crew);
        expect(tables).toBe(Math.ceil(n / (crew + 3)));
        const ids = Array.from({ length: n }, (_, i) => `s${i}`);
        expect(planRound(ids, { crew, round: 0 })).toHaveLength(tables);
        // Every student fits, and one table fewer would not hold them.
        expect(tables * seatsPerTable(crew)).toBeGreaterThanOrEqual(n);
        expect((tables - 1) * seatsPerTable(crew)).toBeLessThan(n);
      }
    }
    expect([nextRoundTables(5, 2), nextRoundTables(6, 2), nextRoundTables(6, 3), nextRoundTables(7, 3)]).toEqual([
      1, 2, 1, 2,
    ]);
    expect([nextRoundTables(40, 2), nextRoundTables(40, 3)]).toEqual([8, 7]);
  });

  it('a student is placed only with both a table and a role, at a table that exists, while still in the class', () => {
    const students = waiting().students;
    const placements = placementsToSend(
      {
        's-0': { table: 1, role: 'investigator' },
        's-1': { table: 0 }, // no role: seated automatically
        's-2': { role: 'carrier' }, // no table: seated automatically
        's-3': { table: 2, role: 'relay' }, // no table 3 next round
        's-4': { table: 0, role: 'sender' },
        's-zoe': { table: 0, role: 'relay' }, // removed
        's-gone': { table: 0, role: 'relay' }, // not a student
      },
      students,
      2,
    );
    expect(placements).toEqual([
      { student: 's-0', table: 1, role: 'investigator' },
      { student: 's-4', table: 0, role: 'sender' },
    ]);
    expect(placementsToSend({}, students, 2)).toEqual([]);
  });

  it('says where a placed student sits in words, tables counted from 1', () => {
    expect(placedText({ table: 1, role: 'investigator' })).toBe('placed: table 2, investigator');
    expect(placedText({ table: 0, role: 'sender' })).toBe('placed: table 1, crew member');
    expect(placedText({ table: 4, role: 'relay' })).toBe('placed: table 5, relay operator');
    expect(PLACEABLE_ROLES).not.toContain('judge');
  });

  it('warns, with nicknames, exactly when the server would refuse for want of seats', () => {
    const students = waiting().students;
    const ids = students.filter((s) => !s.removed).map((s) => s.id);
    const cases: { crew: 2 | 3; placements: Placement[] }[] = [
      { crew: 2, placements: [] },
      {
        crew: 2,
        placements: [
          { student: 's-0', table: 0, role: 'investigator' },
          { student: 's-1', table: 0, role: 'investigator' },
        ],
      },
      {
        crew: 2,
        placements: [
          { student: 's-0', table: 0, role: 'investigator' },
          { student: 's-1', table: 1, role: 'investigator' },
        ],
      },
      {
        crew: 2,
        placements: [
          { student: 's-0', table: 1, role: 'sender' },
          { student: 's-1', table: 1, role: 'sender' },
        ],
      },
      {
        crew: 2,
        placements: [
          { student: 's-0', table: 1, role: 'sender' },
          { student: 's-1', table: 1, role: 'sender' },
          { student: 's-2', table: 1, role: 'sender' },
        ],
      },
      {
        crew: 3,
        placements: [
          { student: 's-0', table: 0, role: 'sender' },
          { student: 's-1', table: 0, role: 'sender' },
          { student: 's-2', table: 0, role: 'sender' },
          { student: 's-3', table: 0, role: 'carrier' },
          { student: 's-4', table: 0, role: 'carrier' },
        ],
      },
    ];
    const found = cases.map(({ crew, placements }) => {
      const problems = placementProblems(placements, crew, students);
      const placed = new Map(placements.map((p) => [p.student, { table: p.table, role: p.role }]));
      const refused = (() => {
        try {
          planRound(ids, { crew, round: 0, placed });
          return false;
        } catch {
          return true;
        }
      })();
      expect(problems.length > 0, JSON.stringify(placements)).toBe(refused);
      return problems;
    });
    expect(found[1]).toEqual(['Table 1 has one investigator seat, and you placed 2 there: Ana, Ben.']);
    expect(found[4]).toEqual(['Table 2 has 2 crew member seats, and you placed 3 there: Ana, Ben, Cleo.']);
    expect(found[5]).toEqual(['Table 1 has one carrier seat, and you placed 2 there: Dan, Eve.']);
  });

  it('names students by nickname in the server’s refusal', () => {
    const students = waiting().students;
    expect(withNicknames('cannot place "s-1" as relay at table 0: the relay seat is already placed', students)).toBe(
      'cannot place Ben as relay at table 0: the relay seat is already placed',
    );
    expect(withNicknames('no student has joined yet', students)).toBe('no student has joined yet');
  });
});

describe('the dashboard, rendered', () => {
  it('closed: the disclosure button next to Start round 1, no selects yet', () => {
    const page = render(waiting());
    expect(page).toContain('Start round 1');
    expect(page).toMatch(
      /<button type="button" class="disclosure" aria-expanded="false" aria-controls="([^"]+)"><span aria-hidden="true">▸ <\/span>Seat students yourself \(optional\)<\/button>/,
    );
    const controls = /aria-controls="([^"]+)"><span aria-hidden="true">▸/.exec(page)?.[1];
    expect(page).toContain(`<div id="${controls}" class="placements-body" hidden="">`);
    expect(page).not.toContain('<select');
    expect(page).toContain('Everyone is seated automatically.');
    // Start round is described by the rule and by the placements line.
    expect(page).toMatch(/aria-describedby="[^"]+-rule [^"]+-placed">Start round 1<\/button>/);
  });

  it('open: a labelled table and role select per student still in the class, tables 1..T, the four roles', () => {
    const page = render(waiting(2), true);
    expect(page).toContain('aria-expanded="true"');
    expect(page).toMatch(/<div id="[^"]+" class="placements-body">/); // not hidden
    expect(count(page, '<select')).toBe(2 * NAMES.length);
    for (const name of NAMES) {
      const table = selectFor(page, 'Table', name);
      const role = selectFor(page, 'Role', name);
      expect(table, name).toBeDefined();
      expect(role, name).toBeDefined();
      // 6 students at 5 seats a table: 2 tables.
      expect(table).toContain('<option value="" selected="">Any table</option>');
      expect(table).toContain('<option value="0">Table 1</option><option value="1">Table 2</option></select>');
      expect(table).not.toContain('Table 3');
      expect(role).toContain(
        '<option value="" selected="">Any role</option><option value="sender">Crew member</option><option value="carrier">Carrier</option><option value="relay">Relay operator</option><option value="investigator">Investigator</option></select>',
      );
      expect(role).not.toContain('judge');
    }
    // Zoe was removed: she is not seated next round.
    expect(selectFor(page, 'Table', 'Zoe')).toBeUndefined();
    expect(page).toContain('A student is placed only when you choose both a table and a role');
    expect(page).toContain('The next round has 2 tables of 5 student seats');
    expect(count(page, 'seated automatically</span>')).toBe(NAMES.length);
    expect(page).toContain('>Clear placements</button>');
    expect(page).toContain('Start round 1');

    // Crew of 3: 6 students fit one table.
    const three = render(waiting(3), true);
    expect(selectFor(three, 'Table', 'Ana')).toContain('<option value="0">Table 1</option></select>');
    expect(three).toContain('The next round has 1 table of 6 student seats: three crew members');
  });

  it('no student yet: nothing to place', () => {
    const page = render({ ...waiting(), students: [] }, true);
    expect(page).not.toContain('Seat students yourself');
    expect(page).not.toContain('<select');
  });
});

describe('placements on the real server', () => {
  it('placed students sit where the teacher put them; an impossible placement is refused with a sentence', async () => {
    const { code, teacherKey } = await createClass({ scenario: 'san-jose-2013', crew: 2, judge: 'bot' });
    const students: JoinedClass[] = [];
    for (const name of NAMES) students.push(await joinClass(code, name));
    const [ana, ben, cleo] = students as [JoinedClass, JoinedClass, JoinedClass];

    const before = await fetchDashboard(code, teacherKey);
    const tables = nextRoundTables(before.students.filter((s) => !s.removed).length, before.settings.crew);
    expect(tables).toBe(2);
    // The dashboard offers every joined student a table and a role select.
    const page = render(before, true);
    for (const name of NAMES) expect(selectFor(page, 'Role', name), name).toBeDefined();

    // What the form would send for these choices.
    const placements = placementsToSend(
      {
        [ana.id]: { table: 1, role: 'investigator' },
        [ben.id]: { table: 0, role: 'carrier' },
        [cleo.id]: { table: 1 }, // no role: seated automatically
      },
      before.students,
      tables,
    );
    expect(placements).toHaveLength(2);
    expect(await startRound(code, teacherKey, placements)).toEqual({ round: 0, tables: 2 });
    const anaSeat = (await fetchMe(code, ana.token)).seat;
    const benSeat = (await fetchMe(code, ben.token)).seat;
    expect(anaSeat).toMatchObject({ table: 1, role: 'investigator' });
    expect(benSeat).toMatchObject({ table: 0, role: 'carrier' });

    // Two investigators at one table: the form warns, and the server refuses with its reason.
    const clash: Placement[] = [
      { student: ana.id, table: 0, role: 'investigator' },
      { student: ben.id, table: 0, role: 'investigator' },
    ];
    expect(placementProblems(clash, 2, before.students)).toEqual([
      'Table 1 has one investigator seat, and you placed 2 there: Ana, Ben.',
    ]);
    const refusal = await startRound(code, teacherKey, clash).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ status: 400 });
    const message = (refusal as ApiError).message;
    expect(message).toMatch(
      /^cannot place "[^"]+" as investigator at table 1: the investigator seat is already placed$/,
    );
    expect(withNicknames(message, before.students)).toMatch(/^cannot place (Ana|Ben) as investigator at table 1/);

    // A table the next round does not have.
    await expect(startRound(code, teacherKey, [{ student: cleo.id, table: 2, role: 'relay' }])).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/6 students make 2 tables/),
    });
    // Refused rounds do not start: still round 1, and Ana keeps her seat.
    expect((await fetchDashboard(code, teacherKey)).rounds).toBe(1);
    expect((await fetchMe(code, ana.token)).seat).toEqual(anaSeat);
  }, 60_000);
});
