/**
 * The class debrief: CSV escaping (RFC 4180) and the spreadsheet formula guard; the page
 * rendered from a debrief built by hand (every outcome, a table still playing, a hostile
 * nickname); and a class on the real server over loopback — 5 students at one table
 * with a bot judge, each student's own socket client and device playing with a bot's
 * habits to the end — whose debrief is fetched, rendered, and exported as CSV and JSON
 * and read back: one row per seat, each table's outcome, no secret anywhere.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { type GameState, SCENARIOS } from '../../src/game/index.ts';
import { type RunningServer, startServer } from '../../src/server/app.ts';
import type { ClassDebrief as ServerClassDebrief } from '../../src/server/classes/reports.ts';
import { readConfig } from '../../src/server/config.ts';
import { ClassDebrief, ClassDebriefContent } from '../../src/ui/classroom/ClassDebrief.tsx';
import {
  createClass,
  fetchClassDebrief,
  fetchMe,
  type JoinedClass,
  joinClass,
  type MySeat,
  saveTeacherKey,
  startRound,
} from '../../src/ui/classroom/classApi.ts';
import {
  type ClassDebrief as ClassDebriefData,
  CSV_HEADER,
  csvField,
  csvText,
  debriefCsv,
  debriefExport,
  exportFileName,
  OUTCOME_INFO,
  outcomeKind,
  outcomeWords,
  roundTally,
  stillPlaying,
  winPathWords,
} from '../../src/ui/classroom/classDebrief.ts';
import { seatPlayer } from '../support/seatPlayer.ts';

/** Text as renderToStaticMarkup escapes it. */
const html = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');

/** An RFC 4180 reader, written apart from the writer: records of fields; every record must end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
      if (!(text[i] === ',' || text.startsWith('\r\n', i))) throw new Error(`stray text after a quote at ${i}`);
      continue;
    }
    if (text[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (text[i] === '\n' || text[i] === '\r' || text[i] === '"') {
      throw new Error(`bare ${JSON.stringify(text[i])} outside quotes at ${i}`);
    } else field += text[i++];
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end in CRLF');
  return records;
}

/** The CSV as objects keyed by the header. */
function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual(CSV_HEADER);
  return rows.map((r) => {
    expect(r).toHaveLength(CSV_HEADER.length);
    return Object.fromEntries(CSV_HEADER.map((h, i) => [h, r[i] ?? '']));
  });
}

class MemoryStorage {
  readonly #items = new Map<string, string>();
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

const storage = new MemoryStorage();
let server: RunningServer;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gd-class-debrief-'));
  server = await startServer({ ...readConfig({ PORT: '1' }), port: 0, dataDir, createPerMinute: 1000 });
  // The page's same-origin paths (/api/...) go to the test server.
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) =>
    realFetch(new URL(String(input), server.url), init),
  );
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('window', { location: { origin: 'http://class.test', pathname: '/', hash: '' } });
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

describe('CSV', () => {
  it('quotes fields with a comma, quote, CR or LF, doubling quotes; ends every record with CRLF', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
    expect(csvField(7)).toBe('7');
    expect(
      csvText([
        ['a', 'b,c'],
        [1, 'x"y'],
      ]),
    ).toBe('a,"b,c"\r\n1,"x""y"\r\n');
    expect(
      parseCsv(
        csvText([
          ['a', 'b,c', 'd\r\ne'],
          ['', '"'],
        ]),
      ),
    ).toEqual([
      ['a', 'b,c', 'd\r\ne'],
      ['', '"'],
    ]);
  });

  it('text starting with = + - @ (or tab, CR) gets an apostrophe; numbers stay numbers', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+44 20')).toBe("'+44 20");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('=HYPERLINK("http://evil.example","click")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    );
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-2)).toBe('-2');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('file names: going-dark-class-<code>-debrief.csv/.json', () => {
    expect(exportFileName('k7q m2x', 'csv')).toBe('going-dark-class-K7QM2X-debrief.csv');
    expect(exportFileName('K7QM2X', 'json')).toBe('going-dark-class-K7QM2X-debrief.json');
  });
});

/* ── A debrief built by hand ─────────────────────────────────────────────────────── */

const players = (names: string[], scores: number[]) =>
  (['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'] as const).map((role, i) => ({
    seat: String(i),
    role,
    name: names[i] ?? role,
    player: role === 'judge' ? ('bot' as const) : ('student' as const),
    score: scores[i] ?? 0,
  }));

const HOSTILE = '=HYPERLINK("http://evil.example","win")';

const BY_HAND: ClassDebriefData = {
  code: 'K7QM2X',
  scenario: 'san-jose-2013',
  title: 'San Jose, 2013',
  rounds: [
    {
      round: 0,
      tables: 3,
      over: 3,
      crew: 1,
      investigator: 2,
      draw: 0,
      paths: { 'backup-warrant': 1, 'sim-wiretap': 1 },
      summary:
        '2 of 3 investigators won; 1 through escrowed backups, 1 through an SMS wiretap. The crew won 1; 0 draws.',
    },
    {
      round: 1,
      tables: 2,
      over: 1,
      crew: 0,
      investigator: 0,
      draw: 1,
      paths: {},
      summary: '0 of 1 investigator won. The crew won 0; 1 draw. 1 still playing.',
    },
  ],
  tables: [
    {
      round: 0,
      table: 1,
      matchID: 'm-b',
      over: true,
      day: 4,
      outcome: { winner: 'crew', day: 4, reason: 'every crew member proved receipt of the plan' },
      players: players(['Ana, the first', 'Ben "B"', 'Cleo', 'Dev', 'Eve', 'Judge'], [5, 5, 0, 0, -1, 0]),
      secureMessages: 9,
      sms: 2,
      ghosts: 0,
      ghostsFound: 0,
    },
    {
      round: 0,
      table: 0,
      matchID: 'm-a',
      over: true,
      day: 3,
      outcome: { winner: 'investigator', day: 3, reason: 'admissible evidence proved the place and time' },
      winPath: 'backup-warrant',
      players: players([HOSTILE, 'Fay', 'Gus', 'Hal', 'Ivy', 'Judge'], [0, 0, 1, 2, 5, 0]),
      secureMessages: 6,
      sms: 1,
      ghosts: 1,
      ghostsFound: 1,
    },
    {
      round: 0,
      table: 2,
      matchID: 'm-c',
      over: true,
      day: 2,
      outcome: { winner: 'investigator', day: 2, reason: 'admissible evidence proved the place and time' },
      winPath: 'sim-wiretap',
      players: players(['Jo', 'Kim', 'Lu', 'Mo', 'Ned', 'Judge'], [0, 0, 2, 0, 5, 0]),
      secureMessages: 2,
      sms: 5,
      ghosts: 0,
      ghostsFound: 0,
    },
    {
      round: 1,
      table: 0,
      matchID: 'm-d',
      over: true,
      day: 4,
      outcome: { winner: 'draw', day: 4, reason: 'the plan did not reach the whole crew, and was not proved' },
      players: players(['Ana, the first', 'Fay', 'Gus', 'Hal', 'Ivy', 'Judge'], [0, 0, 0, 0, 0, 0]),
      secureMessages: 3,
      sms: 0,
      ghosts: 2,
      ghostsFound: 0,
    },
    {
      round: 1,
      table: 1,
      matchID: 'm-e',
      over: false,
      day: 2,
      players: players(['Jo', 'Kim', 'Lu', 'Mo', 'Ned', 'Judge'], [0, 0, 0, 0, 0, 0]),
      secureMessages: 1,
      sms: 1,
      ghosts: 0,
      ghostsFound: 0,
    },
  ],
  questions: ['Which messages could the relay operator read?', 'What did turning cloud backup on change?'],
};

describe('a debrief built by hand', () => {
  it('the CSV: one row per player per table, in round and table order, hostile names defused', () => {
    const rows = csvObjects(debriefCsv(BY_HAND));
    expect(rows).toHaveLength(5 * 6);
    expect(rows.map((r) => `${r.round}/${r.table}`).filter((v, i, a) => a.indexOf(v) === i)).toEqual([
      '1/1',
      '1/2',
      '1/3',
      '2/1',
      '2/2',
    ]);
    const first = rows[0];
    expect(first).toMatchObject({
      match: 'm-a',
      outcome: 'investigator won',
      'win path': 'escrowed backups',
      day: '3',
      seat: '0',
      role: 'Crew member',
      name: `'${HOSTILE}`,
      player: 'student',
      'ghosts added': '1',
      'ghosts found': '1',
    });
    const crewTable = rows.filter((r) => r.match === 'm-b');
    expect(crewTable.map((r) => r.name)).toEqual(['Ana, the first', 'Ben "B"', 'Cleo', 'Dev', 'Eve', 'Judge']);
    expect(crewTable.map((r) => r.score)).toEqual(['5', '5', '0', '0', '-1', '0']);
    expect(crewTable.every((r) => r.outcome === 'crew won' && r['win path'] === '')).toBe(true);
    expect(rows.find((r) => r.match === 'm-c')?.['win path']).toBe('an SMS wiretap');
    expect(rows.find((r) => r.match === 'm-e')).toMatchObject({ outcome: 'still playing', 'outcome reason': '' });
    // No field a spreadsheet would run as a formula (numbers aside).
    for (const r of rows) for (const v of Object.values(r)) if (!/^-?\d+$/.test(v)) expect(v).not.toMatch(/^[=+\-@]/);
  });

  it('the page: the summary, a tally in words and icons, a captioned table per round, the questions', () => {
    const page = renderToStaticMarkup(<ClassDebriefContent debrief={BY_HAND} />);
    expect(page).toContain(html(BY_HAND.rounds[0]?.summary ?? '∅'));
    expect(page).toContain('<caption id="');
    expect(page).toContain('>Round 1: every table</caption>');
    expect(page).toContain('>Round 2: every table</caption>');
    expect(page.match(/<table/g)).toHaveLength(2);
    for (const col of ['Table', 'Outcome', 'Win path', 'Days', 'Messages (secure / SMS)', 'Ghosts (added / found)'])
      expect(page).toContain(`<th scope="col">${col}</th>`);
    // The tally: each outcome with an icon and a word, the bar hidden from screen readers.
    expect(page).toContain('📱 </span>Crew won: <strong>1</strong>');
    expect(page).toContain('🏢 </span>Investigator won: <strong>2</strong>');
    expect(page).toContain('⏳ </span>Still playing: <strong>1</strong>');
    expect(page).toContain('☁ </span>Through escrowed backups: <strong>1</strong>');
    expect(page).toMatch(/<div class="cdb-bar" aria-hidden="true">/);
    // Rows in table order, with outcome, path, messages, ghosts and scores.
    const round1 = page.slice(page.indexOf('Round 1: every table'), page.indexOf('Round 2: every table'));
    expect(round1.indexOf('>Table 1</th>')).toBeLessThan(round1.indexOf('>Table 2</th>'));
    expect(round1).toContain('6 secure / 1 SMS');
    expect(round1).toContain('1 added / 1 found');
    expect(round1).toContain('Admissible evidence proved the place and time.');
    expect(round1).toContain('-1 point<');
    expect(round1).toContain(html(HOSTILE));
    const round2 = page.slice(page.indexOf('Round 2: every table'));
    expect(round2).toContain('day 2 so far');
    expect(round2).toContain('🤝 </span>Draw');
    expect(page).toContain('<h2 id="');
    expect(page).toContain('>Questions for the class</h2><ol><li>Which messages could the relay operator read?</li>');
    for (const b of ['Download CSV', 'Download JSON', 'Print']) expect(page).toContain(`>${b}</button>`);
    expect(stillPlaying(BY_HAND)).toBe(true);
    expect(roundTally(BY_HAND.rounds[1] as ClassDebriefData['rounds'][number])).toEqual([
      { kind: 'crew', count: 0 },
      { kind: 'investigator', count: 0 },
      { kind: 'draw', count: 1 },
      { kind: 'playing', count: 1 },
    ]);
  });

  it('the JSON export copies the named fields only', () => {
    const leaky = {
      ...BY_HAND,
      teacherKey: 'f'.repeat(64),
      tables: BY_HAND.tables.map((t) => ({ ...t, credentials: 'c'.repeat(21) })),
    } as ClassDebriefData;
    const json = JSON.stringify(debriefExport(leaky));
    expect(json).not.toContain('f'.repeat(64));
    expect(json).not.toContain('c'.repeat(21));
    expect(JSON.parse(json)).toEqual({ format: 'going-dark-class-debrief', version: 1, ...BY_HAND });
  });

  it('without a stored teacher key: says so, and links to the dashboard', () => {
    storage.clear();
    const page = renderToStaticMarkup(<ClassDebrief code="k7q m2x" />);
    expect(page).toContain('<h1 tabindex="-1">Class debrief</h1>');
    expect(page).toContain('role="alert"');
    expect(page).toContain('does not hold the teacher key of class K7Q M2X');
    expect(page).toContain('href="#/class/K7QM2X/dashboard"');
  });
});

/* ── A class on the real server ─────────────────────────────────────────────────── */

describe('a class on the real server', () => {
  it('the client’s shapes accept what the server sends (checked by tsc)', () => {
    expectTypeOf<ServerClassDebrief>().toExtend<ClassDebriefData>();
  });

  it('5 students play a round to the end; the debrief renders and exports one row per seat', async () => {
    storage.clear();
    const { code, teacherKey } = await createClass({ scenario: 'san-jose-2013', crew: 2, judge: 'bot', days: 3 });
    saveTeacherKey(code, teacherKey);
    const students: JoinedClass[] = [];
    for (const name of ['Ana', 'Ben', 'Cleo', 'Dev', 'Eve']) students.push(await joinClass(code, name));
    expect(await startRound(code, teacherKey)).toEqual({ round: 0, tables: 1 });
    const seats = (await Promise.all(students.map((s) => fetchMe(code, s.token)))).map((me) => me.seat);

    // While the table plays, the page's answer says so.
    const early = await fetchClassDebrief(code, teacherKey);
    expect(stillPlaying(early)).toBe(true);
    expect(renderToStaticMarkup(<ClassDebriefContent debrief={early} />)).toContain('Still playing');

    // Each student: their own socket client and device, playing with a bot's habits.
    const stops: (() => void)[] = [];
    for (const seat of seats as (MySeat | undefined)[]) {
      if (!seat) throw new Error('a student has no seat');
      stops.push((await seatPlayer(server, seat, { paceMs: 500 })).stop);
    }
    await until(async () => !stillPlaying(await fetchClassDebrief(code, teacherKey)), 150_000);
    for (const stop of stops) stop();

    const debrief = await fetchClassDebrief(code, teacherKey);
    expect(debrief.tables).toHaveLength(1);
    const table = debrief.tables[0];
    if (!table) throw new Error('no table');
    const G = (await server.store.fetch(table.matchID, { state: true })).state?.G as GameState;
    expect(table.outcome).toEqual(G.outcome);
    expect(Object.keys(G.seats)).toHaveLength(6);

    // The page: the round's sentence, the outcome in words, the questions; no secret.
    const page = renderToStaticMarkup(<ClassDebriefContent debrief={debrief} />);
    expect(page).toContain(html(debrief.rounds[0]?.summary ?? '∅'));
    expect(page).toContain('>Round 1: every table</caption>');
    expect(page).toContain('>Table 1</th>');
    const outcome = OUTCOME_INFO[outcomeKind(table)];
    expect(page).toContain(`${outcome.icon} </span>${outcome.words}</span>`);
    if (table.winPath) expect(page).toContain(html(winPathWords(table)));
    for (const q of SCENARIOS['san-jose-2013'].debrief) expect(page).toContain(`<li>${html(q)}</li>`);

    // The CSV read back: one row per seat, each with the table's outcome.
    const rows = csvObjects(debriefCsv(debrief));
    expect(rows.map((r) => r.seat).sort()).toEqual(Object.keys(G.seats).sort());
    for (const r of rows) {
      expect(r.round).toBe('1');
      expect(r.table).toBe('1');
      expect(r.outcome).toBe(outcomeWords(table));
      expect(['crew won', 'investigator won', 'draw']).toContain(r.outcome);
      expect(r['win path']).toBe(winPathWords(table));
      expect(r.score).toBe(String(G.scores[r.seat ?? ''] ?? 0));
    }
    expect(rows.filter((r) => r.player === 'student')).toHaveLength(5);
    expect(rows.find((r) => r.role === 'Judge')?.player).toBe('bot');
    // Each seat under the name the game gave it (the server's debrief sends that name).
    for (const r of rows) expect(r.name).toBe(csvField(G.seats[r.seat ?? '']?.name ?? '∅'));

    // The screen as the route renders it (the key in this browser): loading, and no key.
    const screen = renderToStaticMarkup(<ClassDebrief code={code} />);
    expect(screen).toContain('Loading…');
    expect(screen).toContain(`href="#/class/${code}/dashboard"`);

    const secrets = [teacherKey, ...students.map((s) => s.token), ...seats.map((s) => s?.credentials ?? '∅')];
    const json = JSON.stringify(debriefExport(debrief));
    for (const text of [page, screen, debriefCsv(debrief), json])
      for (const secret of secrets) expect(text).not.toContain(secret);
  }, 240_000);
});
