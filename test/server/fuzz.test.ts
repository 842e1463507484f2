/**
 * Fuzz (issue "Scale-out and proof under load", item 5): the real server on loopback
 * takes over 10,000 malformed or hostile actions from a seeded generator — over the
 * socket (unknown moves, real moves with garbage arguments, wrong or unknown seats,
 * bad, empty, huge and swapped credentials, a payload seat other than the packet's,
 * replayed state ids and records, raw game events, unknown matches, unknown events,
 * raw and oversize packets) and over the JSON API (bad JSON, wrong types, oversize
 * bodies, bad codes, bad bearer tokens, wrong methods) — and refuses each: the two
 * fuzzed tables stay in setup with their state, log and seats unchanged, every HTTP
 * answer is a 4xx in time, nothing crashes, memory and connections come back down,
 * and a legitimate client still syncs and makes its move.
 *
 * The tables are solo tables (one human crew seat, held by the fuzzer, and five bots)
 * stopped in setup: every bot has made its setup moves and the human seat has not
 * registered its phone, so no legitimate action can change them while the fuzz runs.
 *
 * Holes the fuzz found — closed by the packet checks of src/server/packets.ts and by
 * own-property option names in src/game/config.ts — are the regression tests at the end.
 * The main fuzz leaves their inputs out.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/crypto/index.ts';
import { MemoryKeyStore, SenderDevice } from '../../src/device/index.ts';
import { createGame, phoneNumber } from '../../src/game/index.ts';
import { type RunningServer, startServer } from '../../src/server/app.ts';
import { readConfig } from '../../src/server/config.ts';
import {
  CrashTrap,
  connectionsTo,
  Fuzz,
  FuzzSocket,
  forceGc,
  type HttpAnswer,
  heapMb,
  httpRequest,
  PROTOTYPE_NAMES,
} from '../support/fuzz.ts';

/** Socket actions and HTTP requests the main fuzz sends (together over 10,000). */
const SOCKET_ACTIONS = 10_000;
const HTTP_REQUESTS = 2_000;
/** Socket actions between two checks of the stored state. */
const BATCH = 250;
/** The main fuzz must finish within this (on a 2-core machine it takes ≈ 5–15 s). */
const BUDGET_MS = 60_000;
const HTTP_CONCURRENCY = 8;
const MAX_MESSAGE_BYTES = 256 * 1024;
const MAX_BODY_BYTES = 16 * 1024;
/**
 * GD_FUZZ_TRACE=1: wait for the server after every socket action and print any action that
 * crashed it, was not dropped (or dropped) as expected, or made it close the connection (slow).
 */
const TRACE = process.env.GD_FUZZ_TRACE === '1';

let server: RunningServer;
const trap = new CrashTrap();
const original = { log: console.log, error: console.error, warn: console.warn, info: console.info };
let logLines = 0;

/** A seat the fuzzer holds: the human crew seat of a solo table. */
interface Seat {
  readonly matchID: string;
  readonly playerID: string;
  readonly credentials: string;
  readonly code: string;
}
let A: Seat;
let B: Seat;
/** Two classes (teacher keys) and a student of the first. */
let K1: { code: string; teacherKey: string };
let K2: { code: string; teacherKey: string };
let student: { id: string; token: string };

/** Every move name the game has, in any phase or stage. */
const ALL_MOVES = (() => {
  const names = new Set<string>();
  for (const phase of Object.values(createGame().phases ?? {}))
    for (const stage of Object.values(phase.turn?.stages ?? {}))
      for (const name of Object.keys(stage.moves ?? {})) names.add(name);
  return [...names];
})();
const EVENTS = ['endTurn', 'endPhase', 'endGame', 'setPhase', 'setActivePlayers', 'endStage', 'setStage', 'pass'];

async function post(path: string, body: unknown): Promise<Record<string, string>> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, `${path} answered ${res.status}`).toBeLessThan(300);
  return (await res.json()) as Record<string, string>;
}

async function stateOf(matchID: string) {
  const { state } = await server.store.fetch(matchID, { state: true });
  if (!state) throw new Error(`match ${matchID} has no state`);
  return state;
}

/** Waits until a solo table's bots have made their setup moves and its state stands still. */
async function settle(matchID: string): Promise<void> {
  const end = Date.now() + 30_000;
  let last = -1;
  let since = Date.now();
  while (Date.now() < end) {
    const state = await stateOf(matchID);
    const G = state.G as {
      sims: { line: string }[];
      courtPub?: string;
      relayLogPub?: string;
      devices: { account: string; kind: string }[];
    };
    if (state._stateID !== last) {
      last = state._stateID;
      since = Date.now();
    }
    // The other crew member's phone and SIM, the court's and the relay's keys, the workstation.
    const botsDone =
      G.sims.some((s) => s.line === phoneNumber(1)) &&
      !!G.courtPub &&
      !!G.relayLogPub &&
      G.devices.some((d) => d.account === phoneNumber(1)) &&
      G.devices.some((d) => d.kind === 'workstation');
    if (botsDone && Date.now() - since > 2000) {
      expect(state.ctx.phase).toBe('setup');
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const G = (await stateOf(matchID)).G as Record<string, unknown>;
  throw new Error(
    `table ${matchID} did not settle: ${JSON.stringify({ sims: G.sims, court: !!G.courtPub, relay: !!G.relayLogPub, devices: G.devices })}`.slice(
      0,
      600,
    ),
  );
}

/** What the fuzz could touch of a match: state, plugin data, log, seats. */
async function snapshot(matchID: string) {
  const { state, log, metadata } = await server.store.fetch(matchID, { state: true, log: true, metadata: true });
  const plugins = Object.fromEntries(
    Object.entries(state?.plugins ?? {}).map(([name, p]) => [name, (p as { data?: unknown }).data]),
  );
  const players = Object.fromEntries(
    Object.entries(metadata?.players ?? {}).map(([id, p]) => [
      id,
      { name: p.name, credentials: p.credentials, data: p.data },
    ]),
  );
  return {
    stateID: JSON.stringify(state?._stateID),
    G: JSON.stringify(state?.G),
    ctx: JSON.stringify(state?.ctx),
    plugins: JSON.stringify(plugins),
    log: JSON.stringify(log),
    players: JSON.stringify(players),
    gameover: JSON.stringify(metadata?.gameover ?? null),
  };
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** The parts of a match that differ from a snapshot. */
async function changedSince(matchID: string, before: Snapshot): Promise<string[]> {
  const after = await snapshot(matchID);
  return (Object.keys(before) as (keyof Snapshot)[]).filter((k) => before[k] !== after[k]);
}

/** Waits (a little) for a condition. */
async function until(check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  // boardgame.io logs every refused action; thousands of lines would drown the report.
  for (const k of ['log', 'error', 'warn', 'info'] as const)
    console[k] = () => {
      logLines++;
    };
  trap.install();
  trap.label = 'start';
  server = await startServer({
    ...readConfig({}),
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'gd-fuzz-')),
    createPerMinute: 1_000_000,
    maxMessageBytes: MAX_MESSAGE_BYTES,
  });
  const seat = async (name: string): Promise<Seat> => {
    const solo = await post('/api/solo', { name, role: 'sender' });
    return {
      matchID: String(solo.matchID),
      playerID: String(solo.playerID),
      credentials: String(solo.credentials),
      code: String(solo.code),
    };
  };
  [A, B] = await Promise.all([seat('Mallory'), seat('Trudy')]);
  expect([A.playerID, B.playerID]).toEqual(['0', '0']);
  K1 = (await post('/api/classes', {})) as typeof K1;
  K2 = (await post('/api/classes', {})) as typeof K2;
  student = (await post(`/api/classes/${K1.code}/students`, { nickname: 'Eve' })) as typeof student;
  await Promise.all([settle(A.matchID), settle(B.matchID)]);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  trap.dispose();
  Object.assign(console, original);
});

// ---------------------------------------------------------------------------------------
// Socket actions

/** One hostile socket action: how to send it, and whether the socket guard must drop it. */
interface SocketAction {
  readonly kind: string;
  readonly drop: boolean;
  send(socket: FuzzSocket): void;
}

function makeMove(type: unknown, args: unknown, playerID: unknown, credentials: unknown) {
  const payload: Record<string, unknown> = { type, playerID };
  if (args !== undefined) payload.args = args;
  if (credentials !== undefined) payload.credentials = credentials;
  return { type: 'MAKE_MOVE', payload };
}

/** A string that names no move and no inherited member. */
function unknownMoveName(f: Fuzz): unknown {
  const name = f.weighted<() => unknown>([
    [4, () => f.text(20)],
    [2, () => f.hex(8)],
    [2, () => `${f.pick(ALL_MOVES)}${f.pick(['_', ' ', 'X', '\u0000', '2'])}`],
    [1, () => f.pick(ALL_MOVES).toUpperCase()],
    [1, () => f.huge(1000 + f.int(50_000))],
    [1, () => f.pick([5, null, true, [], {}, [f.text(4)]])],
  ])();
  if (typeof name === 'string' && (ALL_MOVES.includes(name) || (PROTOTYPE_NAMES as readonly string[]).includes(name)))
    return `${name}?`;
  return name;
}

/** Garbage move arguments: wrong types, odd shapes, sometimes huge. */
function garbageArgs(f: Fuzz): unknown {
  return f.weighted<() => unknown>([
    [6, () => [f.junk(3)]],
    [2, () => f.junk(2)],
    [1, () => []],
    [1, () => undefined],
    [1, () => [f.junk(1), f.junk(1)]],
    // Up to half the message limit: with another huge field, still under it.
    [1, () => [f.huge(1000 + f.int(MAX_MESSAGE_BYTES / 2 - 8192))]],
    [1, () => [{ [f.key()]: f.huge(500 + f.int(20_000)) }]],
    [2, () => [{ record: f.junk(2), envelope: f.junk(2), provision: f.junk(2) }]],
  ])();
}

/** Device records of the other tables and seats, as stored (public), to replay or forge. */
let replayable: Record<string, unknown>[] = [];

function socketAction(f: Fuzz, stateIDs: Map<string, number>): SocketAction {
  const seat = f.pick([A, B]);
  const other = seat === A ? B : A;
  const current = stateIDs.get(seat.matchID) ?? 0;
  const update = (action: unknown, stateID: unknown, matchID: unknown, playerID: unknown) => (s: FuzzSocket) =>
    s.emit('update', action, stateID, matchID, playerID);
  const kind = f.weighted([
    [10, 'unknown move'],
    [14, 'real move, garbage arguments'],
    [3, 'replayed or forged record'],
    [8, 'wrong seat'],
    [10, 'bad credentials'],
    [6, 'credentials of another match'],
    [6, 'payload seat differs from packet seat'],
    [5, 'replayed state id'],
    [8, 'raw game event'],
    [6, 'unknown match'],
    [6, 'sync garbage'],
    [4, 'chat garbage'],
    [4, 'unknown socket event'],
    [2, 'raw packet'],
  ] as const);
  switch (kind) {
    case 'unknown move': {
      const action = makeMove(unknownMoveName(f), garbageArgs(f), '0', seat.credentials);
      return { kind, drop: false, send: update(action, f.chance(0.5) ? current : f.junk(0), seat.matchID, '0') };
    }
    case 'real move, garbage arguments': {
      const action = makeMove(f.pick(ALL_MOVES), garbageArgs(f), '0', seat.credentials);
      return { kind, drop: false, send: update(action, current, seat.matchID, '0') };
    }
    case 'replayed or forged record': {
      const record = { ...f.pick(replayable) };
      const forge = f.int(4);
      if (forge === 1) record.account = phoneNumber(0);
      if (forge === 2) record.day = f.pick([-1, 1, 2, 99]);
      if (forge === 3) record.deviceId = f.hex(16);
      const args = f.chance(0.8) ? [{ record }] : [{ record, extra: f.junk(1) }];
      return {
        kind,
        drop: false,
        send: update(makeMove('registerDevice', args, '0', seat.credentials), current, seat.matchID, '0'),
      };
    }
    case 'wrong seat': {
      const playerID = f.pick<unknown>([
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '99',
        '-1',
        '',
        ' 0',
        '0 ',
        '00',
        '0.0',
        null,
        1,
        2,
        5,
        6,
        -1,
        1.5,
        '__proto__',
        'constructor',
        f.text(8),
        f.huge(2000 + f.int(20_000)),
      ]);
      const credentials = f.pick([seat.credentials, seat.credentials, f.hex(16)]);
      const action = makeMove(f.pick(ALL_MOVES), garbageArgs(f), playerID, credentials);
      return { kind, drop: false, send: update(action, current, seat.matchID, playerID) };
    }
    case 'bad credentials': {
      const credentials = f.pick<unknown>([
        f.hex(16),
        f.hex(16),
        seat.credentials.toUpperCase(),
        `${seat.credentials} `,
        seat.credentials.slice(0, 31),
        `${seat.credentials}0`,
        '',
        null,
        undefined,
        0,
        1,
        true,
        [],
        [seat.credentials],
        { credentials: seat.credentials },
        f.text(30),
        f.huge(1000 + f.int(MAX_MESSAGE_BYTES / 2 - 8192)),
      ]);
      const action = makeMove(f.pick(ALL_MOVES), garbageArgs(f), '0', credentials);
      return { kind, drop: false, send: update(action, current, seat.matchID, '0') };
    }
    case 'credentials of another match': {
      // This table's seat-0 credentials, sent to the other table's seat 0 (same seat number, same role).
      const action = f.chance(0.8)
        ? makeMove(f.pick(['registerDevice', ...ALL_MOVES]), garbageArgs(f), '0', seat.credentials)
        : {
            type: 'GAME_EVENT',
            payload: { type: f.pick(EVENTS), args: [], playerID: '0', credentials: seat.credentials },
          };
      return { kind, drop: false, send: update(action, stateIDs.get(other.matchID), other.matchID, '0') };
    }
    case 'payload seat differs from packet seat': {
      const variant = f.int(4);
      if (variant === 0) {
        const payloadSeat = f.pick<unknown>(['1', '2', '3', '4', '5', ' 0', 0, null, {}, []]);
        const action = makeMove(f.pick(ALL_MOVES), garbageArgs(f), payloadSeat, seat.credentials);
        return { kind, drop: true, send: update(action, current, seat.matchID, '0') };
      }
      if (variant === 1) {
        // No playerID in the payload at all: boardgame.io would run it as the current player.
        const action = {
          type: 'MAKE_MOVE',
          payload: { type: f.pick(ALL_MOVES), args: [f.junk(1)], credentials: seat.credentials },
        };
        return { kind, drop: true, send: update(action, current, seat.matchID, '0') };
      }
      if (variant === 2) {
        // Seat 0's credentials in a packet that claims another seat, the payload naming seat 0.
        const action = makeMove(f.pick(ALL_MOVES), garbageArgs(f), '0', seat.credentials);
        return { kind, drop: true, send: update(action, current, seat.matchID, f.pick(['1', '2', '3', '4', '5'])) };
      }
      const action = f.pick<unknown>([
        'MAKE_MOVE',
        5,
        null,
        true,
        [],
        [makeMove('registerDevice', [], '0', seat.credentials)],
      ]);
      return { kind, drop: true, send: update(action, current, seat.matchID, '0') };
    }
    case 'replayed state id': {
      const stale = f.pick<unknown>([
        -1,
        0,
        1,
        current - 1,
        current + 1,
        current + 1000,
        2 ** 53,
        `${current}`,
        null,
        1.5,
      ]);
      const action = f.chance(0.5)
        ? {
            type: 'GAME_EVENT',
            payload: { type: f.pick(EVENTS), args: [f.junk(1)], playerID: '0', credentials: seat.credentials },
          }
        : makeMove('registerDevice', garbageArgs(f), '0', seat.credentials);
      return { kind, drop: false, send: update(action, stale, seat.matchID, '0') };
    }
    case 'raw game event': {
      const type = f.weighted<() => string>([
        [6, () => 'GAME_EVENT'],
        [2, () => 'UNDO'],
        [2, () => 'REDO'],
        [2, () => 'PLUGIN'],
        [1, () => 'STRIP_TRANSIENTS'],
        [2, () => f.pick(['make_move', 'MAKE_MOVE ', 'EVENT', f.text(10)])],
      ])();
      const name =
        type === 'PLUGIN'
          ? f.pick(['random', 'log', 'events', 'movesOnly', 'immer', 'serializable', f.text(8)])
          : f.chance(0.8)
            ? f.pick(EVENTS)
            : `${f.text(10)}!`;
      let args = f.pick<unknown>([[], [f.junk(1)], [{ winner: 'investigator' }], ['day'], f.junk(1)]);
      // setActivePlayers without an argument crashes boardgame.io (an `it.fails` case below).
      if (name === 'setActivePlayers' && (Array.isArray(args) ? args[0] : args) == null) args = [{ value: f.junk(1) }];
      const action = { type, payload: { type: name, args, playerID: '0', credentials: seat.credentials } };
      return { kind, drop: false, send: update(action, current, seat.matchID, '0') };
    }
    case 'unknown match': {
      const matchID = f.pick<unknown>([...UNKNOWN_MATCHES, 0, -1, 1.5, null]);
      const playerID = f.pick<unknown>(['0', null]);
      const credentials = f.pick([seat.credentials, other.credentials, f.hex(16), undefined]);
      const action = makeMove(f.pick(ALL_MOVES), garbageArgs(f), playerID, credentials);
      return { kind, drop: false, send: update(action, 0, matchID, playerID) };
    }
    case 'sync garbage': {
      const variant = f.int(4);
      if (variant === 0) {
        const matchID = f.pick<unknown>([f.text(20), f.hex(8), f.huge(1000 + f.int(50_000)), '', ...UNKNOWN_MATCHES]);
        const name = typeof matchID === 'string' && matchID !== A.matchID && matchID !== B.matchID;
        return { kind, drop: name, send: (s) => s.emit('sync', matchID, '0', seat.credentials, 6) };
      }
      if (variant === 1) {
        const matchID = f.pick<unknown>([null, 5, true, {}, [], [A.matchID], { matchID: A.matchID }]);
        return { kind, drop: true, send: (s) => s.emit('sync', matchID, '0', seat.credentials, 6) };
      }
      // A real match, a seat with the wrong credentials: refused (no state, no change).
      const playerID = f.pick(['0', '1', '2', '3', '4', '5', '7', '__proto__']);
      const credentials = f.pick<unknown>([other.credentials, f.hex(16), '', null, f.text(10)]);
      return { kind, drop: false, send: (s) => s.emit('sync', seat.matchID, playerID, credentials, f.junk(0)) };
    }
    case 'chat garbage': {
      const matchID = f.pick<string>([seat.matchID, ...UNKNOWN_MATCHES.slice(0, 4)]);
      const message = f.pick<unknown>([
        { id: f.hex(4), sender: '0', payload: f.junk(2) },
        { sender: f.pick(['1', '2', '9', '']), payload: f.text(20) },
        { sender: 5, payload: 'x' },
        null,
        f.text(10),
      ]);
      const credentials = f.pick<unknown>([other.credentials, f.hex(16), undefined, f.huge(5000)]);
      return { kind, drop: false, send: (s) => s.emit('chat', matchID, message, credentials) };
    }
    case 'unknown socket event': {
      const event = f.pick([
        'move',
        'makeMove',
        'update ',
        'Update',
        'SYNC',
        'matchData',
        'patch',
        'authenticate',
        `${f.text(12)}~`,
      ]);
      return { kind, drop: true, send: (s) => s.emit(event, f.junk(2), seat.matchID, '0', seat.credentials) };
    }
    case 'raw packet': {
      // Packets the client's encoder would never write, that the server reads and drops.
      const packet = f.pick([
        '2/going-dark,[1]',
        '2/going-dark,["sync"]',
        '2/going-dark,["update"]',
        '2/going-dark,["update",null,null,null,null]',
        '2/going-dark,["update",1,2,3,4]',
        `2/going-dark,7["update",{"type":"MAKE_MOVE","payload":{"playerID":"1"}},0,"${seat.matchID}","0"]`,
      ]);
      return { kind, drop: true, send: (s) => s.raw(packet) };
    }
  }
}

/** A few unknown match ids (a fixed set: see the memory `it.fails` case for why not more). */
const UNKNOWN_MATCHES = [
  'no-such-match',
  '0000000000000000',
  '',
  ' ',
  '../../etc/passwd',
  "'; DROP TABLE matches; --",
  '\u0000',
  'é🔐',
  'x'.repeat(64),
  'y'.repeat(20_000),
  '__proto__',
  'constructor',
];

/** A last action of a batch that makes the server close the connection. */
function closingAction(f: Fuzz): { kind: string; send: (s: FuzzSocket) => void } {
  if (f.chance(0.5)) {
    const size = MAX_MESSAGE_BYTES + 1000 + f.int(MAX_MESSAGE_BYTES);
    const action = makeMove('registerDevice', [{ record: f.huge(size) }], '0', A.credentials);
    return { kind: 'oversize message', send: (s) => s.emit('update', action, 0, A.matchID, '0') };
  }
  const packet = f.pick([
    '2/going-dark,["update",',
    '2/going-dark,{"a":1}',
    '2/going-dark,[]',
    '2/going-dark,[null]',
    '2/going-dark,[{"a":1},1]',
    '9/going-dark,[]',
    '2/nope,["sync","x"]',
    '2/going-dark,"x"',
    '4/going-dark,"x"',
    '',
  ]);
  return { kind: 'malformed packet', send: (s) => s.raw(packet) };
}

// ---------------------------------------------------------------------------------------
// HTTP requests

interface HttpCase {
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
}

const CODE_ALPHABET = /^[2-9A-HJ-NP-Z]{6}$/;

/** A class or table code that is not one: odd text, wrong length, or a well-formed code nobody holds. */
function garbageCode(f: Fuzz): string {
  const taken = [A.code, B.code, K1.code, K2.code];
  for (;;) {
    const code = f.weighted<() => string>([
      [3, () => f.text(10)],
      [2, () => f.hex(3)],
      [2, () => Array.from({ length: 6 }, () => f.pick([...'23456789ABCDEFGHJKLMNPQRSTUVWXYZ'])).join('')],
      [1, () => f.huge(100 + f.int(3000))],
      [1, () => f.pick(['__proto__', 'constructor', 'toString', '..', '.', '%', ' '])],
    ])();
    const normal = code.toUpperCase().replace(/[\s_\-\u2010-\u2015]/g, '');
    if (!(CODE_ALPHABET.test(normal) && taken.includes(normal))) return code;
  }
}

function segment(f: Fuzz, text: string): string {
  if (f.chance(0.05)) return f.pick(['%E0%A4%A', '%', '%zz', '%C0%AF', '%00']);
  try {
    return encodeURIComponent(text) || '%20';
  } catch {
    return '%ED%A0%80';
  }
}

// Not the empty body: co-body reads it as `{}`, which some routes accept (all defaults).
const BAD_JSON = [
  ' ',
  '{',
  '[',
  '{"a":',
  'null',
  '"text"',
  '123',
  'true',
  '[]',
  '{"a":1}{"b":2}',
  "{'scenario':'san-jose-2013'}",
  'NaN',
  '{"scenario": undefined}',
  '\u0000',
  '<xml/>',
  `${'['.repeat(3000)}${']'.repeat(3000)}`,
];

const SEATS = ['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'].map((role) => ({ role, bot: true }));

/** A body for `route` that its schema (or the service) must refuse: one field made wrong. */
function wrongBody(f: Fuzz, route: string): unknown {
  switch (route) {
    case 'tables': {
      const body: Record<string, unknown> = { scenario: 'san-jose-2013', seats: SEATS };
      const field = f.int(4);
      if (field === 0) body.scenario = f.pick<unknown>(['atlantis', '', 5, null, [], {}, 'SAN-JOSE-2013']);
      if (field === 1)
        body.seats = f.pick<unknown>([
          [],
          SEATS.slice(0, 5),
          [...SEATS, ...SEATS],
          'six',
          [1, 2, 3, 4, 5, 6],
          SEATS.map((s) => ({ ...s, role: 'king' })),
          SEATS.map((s) => ({ ...s, bot: 'yes' })),
          SEATS.map((s) => ({ ...s, personality: 'evil' })),
          SEATS.map((s) => ({ ...s, role: 'sender' })),
          SEATS.map((s, i) => ({ ...s, role: i < 3 ? 'judge' : 'sender' })),
          null,
        ]);
      if (field === 2)
        body.options = f.pick<unknown>([
          'x',
          5,
          [],
          null,
          { days: 0 },
          { days: 11 },
          { days: 'four' },
          { messagesPerDay: 1.5 },
          { forensicUnlockChance: 2 },
          { keyTransparency: 'yes' },
          { backupDefault: 'cloud' },
          { withoutMessenger: [0] },
          { [`${f.key()}Z`]: f.junk(1) },
        ]);
      if (field === 3) body.dayTimerSeconds = f.pick<unknown>([29, 3601, 1.5, '60', -1, null, 1e308]);
      return body;
    }
    case 'solo': {
      const body: Record<string, unknown> = { scenario: 'san-jose-2013', role: 'sender', name: 'Eve' };
      const field = f.int(3);
      if (field === 0) body.name = f.pick<unknown>(['', '   ', 'x'.repeat(33), 'é', '\u0000', 'a\nb', 5, null, [], {}]);
      if (field === 1) body.role = f.pick<unknown>(['king', '', 'Sender', 5, null]);
      if (field === 2) body.scenario = f.pick<unknown>(['atlantis', 5, null, {}]);
      return body;
    }
    case 'join': {
      const body: Record<string, unknown> = { code: A.code, name: 'Eve' };
      const field = f.int(4);
      if (field === 0) body.code = f.pick<unknown>(['', 'abc', 'x'.repeat(17), 5, null, []]);
      if (field === 1) body.name = f.pick<unknown>(['', 'x'.repeat(33), 'é', 5, null]);
      if (field === 2) body.role = f.pick<unknown>(['king', 5, null]);
      // field 3: table A's code, a fine name — every seat of A is taken (409).
      return body;
    }
    case 'classes': {
      const body: Record<string, unknown> = {};
      const field = f.int(5);
      if (field === 0) body.scenario = f.pick<unknown>(['atlantis', 5, null]);
      if (field === 1) body.crew = f.pick<unknown>([1, 4, '3', null, 2.5]);
      if (field === 2) body.judge = f.pick<unknown>(['robot', 1, null, '']);
      if (field === 3) body.days = f.pick<unknown>([1, 11, 2.5, '3', null]);
      if (field === 4) body.dayTimerSeconds = f.pick<unknown>([10, 5000, '60', null]);
      return body;
    }
    case 'students':
      return {
        nickname: f.pick<unknown>([5, null, [], 'x'.repeat(65), 'bad<name>', 'a_b', '{}', '@@', '<'.repeat(70)]),
      };
    case 'rounds':
      return {
        placements: f.pick<unknown>([
          'all',
          5,
          [{ student: '', table: 0, role: 'sender' }],
          [{ student: student.id, table: -1, role: 'sender' }],
          [{ student: student.id, table: 0, role: 'judge' }],
          [{ student: student.id, table: 1.5, role: 'sender' }],
          Array.from({ length: 501 }, () => ({ student: 'x', table: 0, role: 'sender' })),
        ]),
      };
    case 'lock':
      return { locked: f.pick<unknown>(['yes', 1, null, []]) };
    case 'pause':
      return { paused: f.pick<unknown>(['yes', 0, null, {}]) };
    case 'end-day':
      return { table: f.pick<unknown>([-1, 1000, 1.5, '0', null]) };
    case 'student':
      return f.pick<unknown>([
        {},
        { nickname: 5 },
        { removed: 'yes' },
        { nickname: 'x'.repeat(65) },
        { removed: null },
      ]);
    default:
      return { on: f.pick<unknown>(['yes', 1, null]) };
  }
}

/** A bearer header that is not the right key for the route (a teacher route of class 1 or 2, or the student's). */
function badBearer(f: Fuzz, teacher: boolean, ofClass: 1 | 2): Record<string, string> {
  const key = ofClass === 1 ? K1.teacherKey : K2.teacherKey;
  const otherKey = ofClass === 1 ? K2.teacherKey : K1.teacherKey;
  const flipped = `${key.slice(0, 10)}${key[10] === 'a' ? 'b' : 'a'}${key.slice(11)}`;
  const value = f.pick<string | undefined>([
    undefined,
    'Bearer',
    'Bearer ',
    `Basic ${Buffer.from(`teacher:${key}`).toString('base64')}`,
    `Bearer ${f.hex(32)}`,
    `Bearer ${f.hex(7)}`,
    `Bearer ${f.hex(65)}`,
    `Bearer ${key}g`,
    `Bearer ${flipped}`,
    `Bearer ${otherKey}`,
    `Bearer ${teacher ? student.token : key}`,
    `Token ${key}`,
    `Bearer ${'0'.repeat(64)}`,
    `Bearer ${'a'.repeat(4000)}`,
  ]);
  return value === undefined ? {} : { authorization: value };
}

function httpCase(f: Fuzz): HttpCase {
  const json = {
    'content-type': f.pick(['application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded']),
  };
  const teacher = { authorization: `Bearer ${K1.teacherKey}` };
  const c = `/api/classes/${K1.code}`;
  // Routes that read a JSON body, with the headers that get them past authorisation.
  const bodyRoutes: [string, string, string, Record<string, string>][] = [
    ['tables', 'POST', '/api/tables', {}],
    ['solo', 'POST', '/api/solo', {}],
    ['join', 'POST', '/api/join', {}],
    ['classes', 'POST', '/api/classes', {}],
    ['students', 'POST', `${c}/students`, {}],
    ['rounds', 'POST', `${c}/rounds`, teacher],
    ['lock', 'POST', `${c}/lock`, teacher],
    ['pause', 'POST', `${c}/pause`, teacher],
    ['end-day', 'POST', `${c}/end-day`, teacher],
    ['student', 'PATCH', `${c}/students/${student.id}`, teacher],
    ['stand-in', 'POST', `${c}/students/${student.id}/stand-in`, teacher],
  ];
  const kind = f.weighted([
    [4, 'bad JSON'],
    [8, 'wrong types'],
    [2, 'oversize body'],
    [4, 'bad code'],
    [5, 'bad bearer'],
    [2, 'unknown route or method'],
    [1, 'huge header'],
    [1, 'path out of the static folder'],
  ] as const);
  switch (kind) {
    case 'bad JSON': {
      const [, method, path, headers] = f.pick(bodyRoutes);
      return { kind, method, path, headers: { ...json, ...headers }, body: f.pick(BAD_JSON) };
    }
    case 'wrong types': {
      const [route, method, path, headers] = f.pick(bodyRoutes);
      return { kind, method, path, headers: { ...json, ...headers }, body: JSON.stringify(wrongBody(f, route)) };
    }
    case 'oversize body': {
      const [, method, path, headers] = f.pick(bodyRoutes);
      const size = MAX_BODY_BYTES + 200 + f.int(3 * MAX_BODY_BYTES);
      const body = JSON.stringify({ name: f.huge(size), nickname: 'Eve', scenario: 'san-jose-2013' });
      return { kind, method, path, headers: { 'content-type': 'application/json', ...headers }, body };
    }
    case 'bad code': {
      const code = segment(f, garbageCode(f));
      const route = f.pick([
        ['GET', `/api/tables/${code}`, undefined],
        ['POST', '/api/join', JSON.stringify({ code: garbageCode(f).slice(0, 16).padEnd(4, 'Q'), name: 'Eve' })],
        ['GET', `/api/classes/${code}`, undefined],
        ['POST', `/api/classes/${code}/students`, JSON.stringify({ nickname: 'Eve' })],
        ['GET', `/api/classes/${code}/dashboard`, undefined],
        ['GET', `/api/classes/${code}/me`, undefined],
        ['POST', `/api/classes/${code}/lock`, JSON.stringify({ locked: true })],
        ['POST', `/api/classes/${code}/pause`, JSON.stringify({ paused: true })],
        ['POST', `/api/classes/${code}/rounds`, JSON.stringify({})],
        ['PATCH', `${c}/students/${segment(f, f.text(20) || 'x')}`, JSON.stringify({ removed: true })],
        ['POST', `${c}/students/${segment(f, f.hex(8))}/stand-in`, JSON.stringify({ on: true })],
        ['POST', `${c}/students/${student.id}/stand-in`, JSON.stringify({ on: true })],
      ] as const);
      const [method, path, body] = route;
      return {
        kind,
        method,
        path,
        headers: { 'content-type': 'application/json', ...teacher },
        ...(body === undefined ? {} : { body }),
      };
    }
    case 'bad bearer': {
      const route = f.pick([
        ['GET', `${c}/me`, undefined, false, 1],
        ['GET', `${c}/dashboard`, undefined, true, 1],
        ['GET', `${c}/projector`, undefined, true, 1],
        ['GET', `${c}/debrief`, undefined, true, 1],
        ['POST', `${c}/rounds`, '{}', true, 1],
        ['POST', `${c}/lock`, '{"locked":true}', true, 1],
        ['POST', `${c}/pause`, '{"paused":true}', true, 1],
        ['POST', `${c}/end-day`, '{}', true, 1],
        ['PATCH', `${c}/students/${student.id}`, '{"removed":true}', true, 1],
        ['POST', `${c}/students/${student.id}/stand-in`, '{"on":true}', true, 1],
        ['GET', `/api/classes/${K2.code}/dashboard`, undefined, true, 2],
        ['POST', `/api/classes/${K2.code}/rounds`, '{}', true, 2],
      ] as const);
      const [method, path, body, isTeacher, ofClass] = route;
      return {
        kind,
        method,
        path,
        headers: { 'content-type': 'application/json', ...badBearer(f, isTeacher, ofClass) },
        ...(body === undefined ? {} : { body }),
      };
    }
    case 'unknown route or method': {
      const route = f.pick([
        ['PUT', '/api/tables'],
        ['DELETE', `/api/tables/${A.code}`],
        ['PATCH', '/api/join'],
        ['DELETE', c],
        ['PUT', `${c}/lock`],
        ['GET', '/api/solo'],
        ['POST', '/api/health'],
        ['GET', `/api/${segment(f, f.text(12) || 'x')}`],
        ['POST', `/api/${segment(f, f.text(12) || 'x')}`],
        ['POST', '/games/going-dark/create'],
        ['GET', '/games/going-dark'],
        ['POST', `/games/going-dark/${A.matchID}/join`],
        ['POST', `/games/going-dark/${A.matchID}/update`],
        ['POST', `/games/going-dark/${A.matchID}/leave`],
      ] as const);
      const [method, path] = route;
      return {
        kind,
        method,
        path,
        headers: { 'content-type': 'application/json' },
        body: '{"playerID":"0","playerName":"x"}',
      };
    }
    case 'path out of the static folder': {
      // The built UI is served from its folder (when built); nothing above it may be read.
      const file = f.pick(['package.json', '.git/config', 'src/server/app.ts', 'etc/passwd', 'data/going-dark.sqlite']);
      const up = f.pick(['../', '..%2f', '%2e%2e/', '%2e%2e%2f', '..%5c', '....//', '%252e%252e/']);
      const prefix = f.pick(['/', '/assets/', '/api/', '/dist/']);
      return { kind, method: 'GET', path: `${prefix}${up.repeat(1 + f.int(6))}${file}` };
    }
    case 'huge header': {
      const [, method, path] = f.pick(bodyRoutes);
      return {
        kind,
        method,
        path,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${'a'.repeat(20_000 + f.int(20_000))}` },
        body: '{}',
      };
    }
  }
}

/** What the HTTP fuzz could change: matches, table A, both classes (public view and dashboard). */
async function apiSnapshot(): Promise<string> {
  const get = async (path: string, headers: Record<string, string> = {}) =>
    (await httpRequest(server.url, { method: 'GET', path, headers })).body;
  return JSON.stringify({
    matches: (await server.store.listMatches()).length,
    table: await get(`/api/tables/${A.code}`),
    k1: await get(`/api/classes/${K1.code}`),
    k2: await get(`/api/classes/${K2.code}`),
    d1: await get(`/api/classes/${K1.code}/dashboard`, { authorization: `Bearer ${K1.teacherKey}` }),
    d2: await get(`/api/classes/${K2.code}/dashboard`, { authorization: `Bearer ${K2.teacherKey}` }),
    me: await get(`/api/classes/${K1.code}/me`, { authorization: `Bearer ${student.token}` }),
  });
}

// ---------------------------------------------------------------------------------------

describe('fuzz: hostile actions over the socket and the API', () => {
  it(`refuses ${SOCKET_ACTIONS + HTTP_REQUESTS} hostile actions; the server stays up, the tables unchanged, memory and connections bounded`, async () => {
    const f = new Fuzz('going-dark fuzz 1');
    const crashesBefore = trap.caught.length;
    const stateIDs = new Map<string, number>();
    for (const seat of [A, B]) stateIDs.set(seat.matchID, (await stateOf(seat.matchID))._stateID);
    replayable = [];
    for (const seat of [A, B])
      replayable.push(...((await stateOf(seat.matchID)).G.devices as Record<string, unknown>[]));
    expect(replayable.length).toBeGreaterThanOrEqual(4);
    const before = { A: await snapshot(A.matchID), B: await snapshot(B.matchID) };
    const apiBefore = await apiSnapshot();
    const connectionsBefore = connectionsTo(server.port);
    const heapBefore = heapMb();
    const started = Date.now();
    const overBudget = () => Date.now() - started > BUDGET_MS;

    // Socket: batches of hostile actions, the stored state checked after each.
    const counts = new Map<string, number>();
    const count = (kind: string) => counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const socket = new FuzzSocket(server.url);
    await socket.open();
    const droppedBefore = server.droppedCount;
    let expectedDrops = 0;
    let closes = 0;
    let sent = 0;
    for (let batch = 0; sent < SOCKET_ACTIONS; batch++) {
      if (overBudget()) throw new Error(`over the ${BUDGET_MS / 1000} s budget after ${sent} socket actions`);
      trap.label = `socket batch ${batch}`;
      const kinds: string[] = [];
      const size = Math.min(BATCH, SOCKET_ACTIONS - sent);
      const closing = batch % 4 === 3 && size > 1;
      for (let i = 0; i < size - (closing ? 1 : 0); i++) {
        const action = socketAction(f, stateIDs);
        action.send(socket);
        count(action.kind);
        kinds.push(action.kind);
        if (action.drop) expectedDrops++;
        if (TRACE) {
          const crashes = trap.caught.length;
          const drops = server.dropped.length;
          const closed = socket.closedByServer;
          const last = socket.last;
          await socket.barrier(A.matchID);
          await socket.barrier(B.matchID);
          if (trap.caught.length > crashes) original.log(`CRASH ${action.kind}: ${last}`);
          if (socket.closedByServer > closed) original.log(`CLOSED after ${action.kind}: ${last}`);
          if (server.dropped.length - drops !== (action.drop ? 1 : 0))
            original.log(`DROPS ${server.dropped.length - drops} for ${action.kind}: ${last}`);
        }
      }
      if (closing) {
        const action = closingAction(f);
        action.send(socket);
        count(action.kind);
        kinds.push(action.kind);
        expect(await socket.closed(5000), `the server kept the connection open after a ${action.kind}`).toBe(true);
        closes++;
      }
      sent += size;
      await socket.barrier(A.matchID);
      await socket.barrier(B.matchID);
      for (const [name, seat] of [
        ['A', A],
        ['B', B],
      ] as const) {
        const changed = await changedSince(seat.matchID, before[name]);
        expect(changed, `table ${name} changed in batch ${batch}, among: ${[...new Set(kinds)].join(', ')}`).toEqual(
          [],
        );
      }
    }
    socket.close();
    const socketMs = Date.now() - started;

    // HTTP: a bounded share, a few at a time, each with its own deadline.
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let requests = 0;
    trap.label = 'http';
    const worker = async () => {
      while (requests < HTTP_REQUESTS) {
        if (overBudget()) throw new Error(`over the ${BUDGET_MS / 1000} s budget after ${requests} requests`);
        requests++;
        const c = httpCase(f);
        count(`http: ${c.kind}`);
        const answer: HttpAnswer = await httpRequest(server.url, c, 5000);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.failure || answer.status < 400 || answer.status >= 500)
          failures.push(
            `${c.kind}: ${c.method} ${c.path.slice(0, 80)} ${String(c.body ?? '').slice(0, 120)} → ${answer.status} ${answer.failure ?? answer.body.slice(0, 120)}`,
          );
      }
    };
    await Promise.all(Array.from({ length: HTTP_CONCURRENCY }, worker));
    const elapsed = Date.now() - started;
    trap.label = 'after the fuzz';

    // Every HTTP answer a 4xx, in time; nothing the API serves changed.
    expect(failures.slice(0, 10), `${failures.length} HTTP answers were not a 4xx`).toEqual([]);
    expect(await apiSnapshot()).toBe(apiBefore);

    // Nothing crashed; the guard dropped exactly the packets it must; the server closed each oversize or malformed one.
    expect(trap.since(crashesBefore)).toEqual([]);
    // At least the packets that must be dropped (a stricter guard may drop more: those are refused too).
    expect(server.droppedCount - droppedBefore).toBeGreaterThanOrEqual(expectedDrops);
    expect(closes).toBeGreaterThan(0);
    expect(
      socket.closedByServer,
      'the server closed the connection after something else than an oversize or malformed packet',
    ).toBe(closes);

    // The server still answers; the fuzzed tables are as they were.
    const health = await httpRequest(server.url, { method: 'GET', path: '/api/health' });
    expect(health.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await changedSince(A.matchID, before.A)).toEqual([]);
    expect(await changedSince(B.matchID, before.B)).toEqual([]);

    // A fresh legitimate client syncs and makes the seat's real first move; a replay of it is refused.
    trap.label = 'legitimate client';
    const client = io(`${server.url}/going-dark`, { transports: ['websocket'], forceNew: true, reconnection: false });
    const synced = new Promise<{ state: { _stateID: number; G: { day: number } } }>((resolve) =>
      client.on('sync', (matchID: string, info: { state: { _stateID: number; G: { day: number } } }) => {
        if (matchID === A.matchID) resolve(info);
      }),
    );
    await new Promise<void>((r) => client.on('connect', () => r()));
    client.emit('sync', A.matchID, A.playerID, A.credentials, 6);
    const { state } = await synced;
    expect(state._stateID).toBe(stateIDs.get(A.matchID));
    const device = new SenderDevice(phoneNumber(0), new MemoryKeyStore(), seededRandom('fuzz: legitimate phone'));
    const record = device.registration(state.G.day);
    const register = makeMove('registerDevice', [{ record }], A.playerID, A.credentials);
    client.emit('update', register, state._stateID, A.matchID, A.playerID);
    const phones = async () =>
      ((await stateOf(A.matchID)).G.devices as { account: string; deviceId: string }[]).filter(
        (d) => d.account === phoneNumber(0),
      );
    await until(async () => (await phones()).some((d) => d.deviceId === record.deviceId), 10_000, 'registration');
    expect((await stateOf(A.matchID))._stateID).toBeGreaterThan(state._stateID);
    for (let i = 0; i < 3; i++) client.emit('update', register, state._stateID + 1, A.matchID, A.playerID);
    await new Promise((r) => setTimeout(r, 500));
    expect((await phones()).length).toBe(1);
    client.close();
    expect(await changedSince(B.matchID, before.B)).toEqual([]);

    // Memory and connections back down.
    await until(
      () => (connectionsTo(server.port) ?? 0) <= (connectionsBefore ?? 0) + 1,
      5000,
      `connections back to ${connectionsBefore} (now ${connectionsTo(server.port)})`,
    );
    const heapAfter = heapMb();
    const gc = forceGc();
    expect(heapAfter - heapBefore, `heap grew from ${heapBefore.toFixed(0)} MB`).toBeLessThan(gc ? 100 : 200);
    expect(trap.since(crashesBefore)).toEqual([]);

    const total = sent + requests;
    expect(total).toBeGreaterThanOrEqual(10_000);
    expect(elapsed, `the fuzz took ${elapsed} ms`).toBeLessThan(BUDGET_MS);
    original.log(
      `fuzz: ${sent} socket actions (${socketMs} ms, ${closes} connections closed by the server, ${expectedDrops} dropped by the guard) + ${requests} HTTP requests (${elapsed - socketMs} ms; ${[
        ...statuses,
      ]
        .sort()
        .map(([s, n]) => `${s}×${n}`)
        .join(
          ' ',
        )}); heap ${heapBefore.toFixed(0)} → ${heapAfter.toFixed(0)} MB; connections ${connectionsBefore} → ${connectionsTo(server.port)}; ${logLines} log lines\n  ${[
        ...counts,
      ]
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
  }, 120_000);
});

// ---------------------------------------------------------------------------------------
// Holes the fuzz found, each kept as a regression test. Before the fix each "crash" ended
// the server's process in production: an unhandled rejection, which Node turns into an exit.

/** Sends packets on a fresh connection, waits until the server has read them, and returns what crashed. */
async function crashesFrom(label: string, send: (s: FuzzSocket) => void): Promise<string[]> {
  const from = trap.caught.length;
  trap.label = label;
  const socket = new FuzzSocket(server.url);
  await socket.open();
  send(socket);
  await socket.barrier(A.matchID);
  await socket.barrier(B.matchID);
  await new Promise((r) => setTimeout(r, 300));
  socket.close();
  return trap.since(from).map((c) => c.message);
}

describe('fuzz: the holes it found stay closed', () => {
  it('an update or chat naming its match by a non-string id is dropped — no crash, no credentials needed', async () => {
    // The socket guard checks the match id of a sync only; boardgame.io hands any id to
    // SQLite, which throws on booleans, objects and arrays.
    const ids: unknown[] = [true, false, {}, [], ['x', 1], { id: A.matchID }];
    const crashes = await crashesFrom('non-string match ids', (s) => {
      for (const id of ids) {
        s.emit('update', { type: 'MAKE_MOVE', payload: { type: 'x', playerID: null } }, 0, id, null);
        s.emit('chat', id, { id: 'x', sender: '0', payload: 'hi' }, 'x');
      }
    });
    expect(crashes).toEqual([]);
  });

  it('a move or event named after an Object.prototype member is refused — no crash, no change (own seat)', async () => {
    // boardgame.io finds moves and events with `name in moves`, so `toString` and the like
    // are "moves": most throw, `constructor` returns a state that is not JSON, and
    // `__proto__` counts a move in ctx without changing the state id.
    const before = await snapshot(B.matchID);
    const stateID = (await stateOf(B.matchID))._stateID;
    const crashes = await crashesFrom('inherited names', (s) => {
      for (const name of PROTOTYPE_NAMES) {
        s.emit('update', makeMove(name, [{}], '0', B.credentials), stateID, B.matchID, '0');
        s.emit(
          'update',
          { type: 'GAME_EVENT', payload: { type: name, args: [], playerID: '0', credentials: B.credentials } },
          stateID,
          B.matchID,
          '0',
        );
      }
    });
    expect({ crashes, changed: await changedSince(B.matchID, before) }).toEqual({ crashes: [], changed: [] });
  });

  it('a raw event with a missing or inherited argument is refused — no crash (own seat)', async () => {
    // setActivePlayers() reads `arg.moveLimit`; setPhase('toString') finds an inherited "phase".
    const stateID = (await stateOf(B.matchID))._stateID;
    const event = (type: string, args: unknown) => ({
      type: 'GAME_EVENT',
      payload: { type, args, playerID: '0', credentials: B.credentials },
    });
    const crashes = await crashesFrom('event arguments', (s) => {
      for (const [type, args] of [
        ['setActivePlayers', []],
        ['setActivePlayers', null],
        ['setActivePlayers', [null]],
        ['setPhase', ['toString']],
        ['setPhase', ['constructor']],
      ] as const)
        s.emit('update', event(type, args), stateID, B.matchID, '0');
    });
    expect(crashes).toEqual([]);
  });

  it('a refused move or a chat that cannot be turned into text is refused — no crash (own seat)', async () => {
    // boardgame.io writes a refused move's arguments into its log line (`${args}`): an
    // argument with a `toString` that is not a function, or nested 50,000 deep, throws;
    // socket.io's encoder overflows its stack on a deeply nested chat it relays.
    const deep = `${'['.repeat(50_000)}1${']'.repeat(50_000)}`;
    const crashes = await crashesFrom('unprintable arguments', (s) => {
      s.emit('update', makeMove('registerDevice', [{ toString: 1 }], '0', B.credentials), 0, B.matchID, '0');
      s.emit('update', makeMove('registerDevice', { valueOf: 'x' }, '0', B.credentials), 0, B.matchID, '0');
      s.raw(
        `2/going-dark,["update",{"type":"MAKE_MOVE","payload":{"type":"registerDevice","args":[${deep}],"playerID":"0","credentials":"${B.credentials}"}},0,"${B.matchID}","0"]`,
      );
      s.raw(`2/going-dark,["chat","${B.matchID}",{"id":"x","sender":"0","payload":${deep}},"${B.credentials}"]`);
    });
    expect(crashes).toEqual([]);
  });

  it('a seat cannot replace or patch the whole state with UPDATE, SYNC, RESET or PATCH actions', async () => {
    // boardgame.io's master dispatches any action type from an authenticated seat; its
    // reducer answers UPDATE, SYNC and RESET with `action.state` and applies PATCH's
    // JSON patch — the game's MovesOnly guard never sees them. With `state: null` it crashes.
    const problems: string[] = [];
    const tamper = async (label: string, action: (state: Awaited<ReturnType<typeof stateOf>>) => object) => {
      const before = await snapshot(B.matchID);
      const state = await stateOf(B.matchID);
      const crashes = await crashesFrom(label, (s) =>
        s.emit(
          'update',
          { ...action(state), payload: { playerID: '0', credentials: B.credentials } },
          state._stateID,
          B.matchID,
          '0',
        ),
      );
      const changed = await changedSince(B.matchID, before);
      if (crashes.length || changed.length)
        problems.push(`${label}: crashes ${crashes.join('; ')}; changed ${changed}`);
    };
    await tamper('PATCH', () => ({ type: 'PATCH', patch: [{ op: 'replace', path: '/G/day', value: 99 }] }));
    for (const type of ['UPDATE', 'SYNC', 'RESET'])
      await tamper(type, (state) => ({ type, state: { ...state, G: { ...state.G, day: 42 } } }));
    await tamper('UPDATE with no state', () => ({ type: 'UPDATE', state: null }));
    expect(problems).toEqual([]);
  });

  it('table options named after Object.prototype members are a 400, not a 500', async () => {
    // validateSetupData tests `key in INT_OPTIONS`, which holds for inherited names.
    const statuses: Record<string, number> = {};
    for (const name of ['toString', 'constructor', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']) {
      const body = JSON.stringify({ scenario: 'san-jose-2013', seats: SEATS, options: { [name]: 1 } });
      const answer = await httpRequest(server.url, {
        method: 'POST',
        path: '/api/tables',
        headers: { 'content-type': 'application/json' },
        body,
      });
      statuses[name] = answer.status;
    }
    expect(
      Object.values(statuses).every((s) => s === 400),
      JSON.stringify(statuses),
    ).toBe(true);
  });

  it('updates for many unknown match ids do not hold memory', async () => {
    // boardgame.io's socket transport makes a queue per match id an update names, kept in a
    // Map that only a client leaving a room it synced clears: every unknown id, with its
    // text, stays for the life of the process. 300 ids of 100 kB each hold ~30 MB.
    const before = heapMb();
    const socket = new FuzzSocket(server.url);
    await socket.open();
    trap.label = 'unknown match ids';
    for (let i = 0; i < 300; i++) {
      const id = `${i}-`.padEnd(100_000, 'x');
      socket.emit('update', { type: 'MAKE_MOVE', payload: { type: 'x', playerID: null } }, 0, id, null);
      if (i % 50 === 49) await socket.barrier(A.matchID);
    }
    await socket.barrier(A.matchID);
    socket.close();
    await new Promise((r) => setTimeout(r, 300));
    const growth = heapMb() - before;
    expect(growth, `heap grew ${growth.toFixed(1)} MB`).toBeLessThan(10);
  });
});
