/**
 * `npm run bench:load`: the server under load (issue "Scale-out and proof under load",
 * item 4; figures in docs/performance.md). Starts the Going Dark server in a child
 * process (bench/serverProcess.ts), fills N tables at once — every seat a person's
 * seat taken through the lobby API (POST /api/tables, POST /api/join), played from this
 * process by its own boardgame.io client over a real socket on loopback and a bot with
 * its own device and keys — and replaces each finished table with a new one until the
 * time is up. Then does the same against a plain boardgame.io server playing a trivial
 * game (bench/trivialGame.ts, bench/trivialServer.ts): the framework's own limit on this
 * machine. Reports moves per second, latency from a move to the state that holds it
 * (p50/p95/p99), the server's CPU and memory, and the ratio of the two runs.
 *
 * Targets: 100 tables at once with p95 < 150 ms; moves per second at least half the
 * trivial game's. Always exits 0 (a measurement); prints TARGETS MET or NOT MET.
 *
 * A table with no new state for 15 s counts as stalled and is replaced (under overload:
 * seats whose socket never got its first state).
 *
 * Options: --tables N (100), --seconds S (30, the measured window), --warmup S (5),
 * --pace MS (20: a bot reacts after 0–MS ms), --only going-dark|trivial,
 * --cpu-prof DIR (write a V8 CPU profile of the Going Dark server child into DIR).
 */
import * as nodeCrypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Game } from 'boardgame.io';
import { createBot } from '../src/bots/index.ts';
import { secureRandom } from '../src/crypto/index.ts';
import { installNativeCrypto } from '../src/crypto/nodeBackend.ts';
import { MemoryKeyStore } from '../src/device/index.ts';
import { createGame, phoneNumber, type Role } from '../src/game/index.ts';
import { type LoadOptions, type LoadResult, runLoad, type SeatPlan, spawnServer, type Target } from './loadHarness.ts';
import { TRIVIAL_GAME_NAME, TRIVIAL_SEATS, trivialBot, trivialGame } from './trivialGame.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function numberOption(name: string, fallback: number): number {
  const value = option(name);
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a number, got "${value}"`);
  return n;
}

const options: LoadOptions = {
  tables: numberOption('tables', 100),
  seconds: numberOption('seconds', 30),
  warmupSeconds: numberOption('warmup', 5),
  paceMs: numberOption('pace', 20),
  waitMs: 2000,
  stallSeconds: 15,
};
const only = option('only');
const cpuProfDir = option('cpu-prof');

/** The p95 latency target at 100 tables, ms; the share of the trivial game's moves per second. */
const P95_TARGET_MS = 150;
const TABLES_TARGET = 100;
const THROUGHPUT_SHARE = 0.5;

// The players' devices use the native crypto backend, as the hosted bots do.
installNativeCrypto(nodeCrypto);

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A Going Dark table as the lobby makes one: two crew, carrier, relay, investigator, judge. */
const ROLES: readonly Role[] = ['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'];

const goingDark: Target = {
  name: 'Going Dark',
  game: createGame() as unknown as Game,
  async createTable(url) {
    const table = await post<{ matchID: string; code: string }>(`${url}/api/tables`, {
      scenario: 'san-jose-2013',
      seats: ROLES.map((role) => ({ role, bot: false })),
    });
    const joined = await Promise.all(
      ROLES.map((role, i) =>
        post<{ matchID: string; playerID: string; credentials: string; role: Role }>(`${url}/api/join`, {
          code: table.code,
          name: `load ${i}`,
          role,
        }),
      ),
    );
    return joined.map((seat): SeatPlan => {
      const index = Number(seat.playerID);
      // The lobby numbers the crew in seat order (src/server/tables.ts).
      const crewBefore = ROLES.slice(0, index).filter((r) => r === 'sender').length;
      return {
        matchID: seat.matchID,
        playerID: seat.playerID,
        credentials: seat.credentials,
        bot: () =>
          createBot({
            role: seat.role,
            ...(seat.role === 'sender'
              ? { account: phoneNumber(crewBefore), personality: crewBefore % 2 ? 'careless' : 'careful' }
              : {}),
            store: new MemoryKeyStore(),
            random: secureRandom,
          }),
      };
    });
  },
};

const trivial: Target = {
  name: 'trivial boardgame.io',
  game: trivialGame as unknown as Game,
  async createTable(url) {
    const { matchID } = await post<{ matchID: string }>(`${url}/games/${TRIVIAL_GAME_NAME}/create`, {
      numPlayers: TRIVIAL_SEATS,
    });
    return Promise.all(
      Array.from({ length: TRIVIAL_SEATS }, async (_, i): Promise<SeatPlan> => {
        const playerID = String(i);
        const { playerCredentials } = await post<{ playerCredentials: string }>(
          `${url}/games/${TRIVIAL_GAME_NAME}/${matchID}/join`,
          { playerID, playerName: `load ${i}` },
        );
        return { matchID, playerID, credentials: playerCredentials, bot: () => trivialBot(playerID) };
      }),
    );
  },
};

async function measure(target: Target, entry: string, nodeArgs: string[] = []): Promise<LoadResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gd-load-'));
  const server = await spawnServer(entry, { cwd: root, env: { DATA_DIR: dataDir }, nodeArgs });
  try {
    return await runLoad(server, target, options);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `\nLoad — ${options.tables} tables × 6 seats over socket.io on loopback, ${options.seconds} s measured after ${options.warmupSeconds} s warm-up, bots react in 0–${options.paceMs} ms`,
);
const loadBefore = loadavg()[0] ?? 0;
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}; load average ${loadBefore.toFixed(2)}`,
);
if (loadBefore > 0.5)
  console.log('note: other processes are using this machine; the figures below are affected by them.');

const profArgs = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', resolve(cpuProfDir)] : [];
const ours = only === 'trivial' ? undefined : await measure(goingDark, 'bench/serverProcess.ts', profArgs);
// Let the sockets of the first run close before the second starts.
if (ours && only !== 'going-dark') await new Promise((r) => setTimeout(r, 1000));
const base = only === 'going-dark' ? undefined : await measure(trivial, 'bench/trivialServer.ts');

const cell = (r: LoadResult | undefined, f: (r: LoadResult) => string) => (r ? f(r) : '—');
const rows: [string, (r: LoadResult) => string][] = [
  ['tables at once (clients)', (r) => `${r.tables} (${r.clients})`],
  [
    'tables created / games finished / stalled 15 s (never seated)',
    (r) => `${r.tablesCreated} / ${r.gamesFinished} / ${r.stalled} (${r.stalledUnseated})`,
  ],
  ['moves acknowledged per second', (r) => r.movesPerSecond.toFixed(0)],
  ['moves measured (not acknowledged)', (r) => `${r.moves} (${r.unacknowledged})`],
  ['latency p50 / p95 / p99 ms', (r) => `${r.latencyMs.p50} / ${r.latencyMs.p95} / ${r.latencyMs.p99}`],
  ['latency max ms', (r) => String(r.latencyMs.max)],
  ['server CPU, % of one core', (r) => r.serverCpuPercent.toFixed(0)],
  ['server CPU ms per move', (r) => r.serverCpuMsPerMove.toFixed(2)],
  ['server RSS end / peak MB', (r) => `${r.serverRssMB.toFixed(0)} / ${r.serverPeakRssMB.toFixed(0)}`],
  [
    'server event-loop delay p50 / p99 ms',
    (r) => `${r.serverLoopDelayMs?.p50 ?? '?'} / ${r.serverLoopDelayMs?.p99 ?? '?'}`,
  ],
  ['driver (players) CPU, % of one core', (r) => r.driverCpuPercent.toFixed(0)],
  ['driver event-loop delay p50 / p99 ms', (r) => `${r.driverLoopDelayMs.p50} / ${r.driverLoopDelayMs.p99}`],
  ['seat start → first state p50 / p95 ms', (r) => `${r.seatingMs.p50} / ${r.seatingMs.p95}`],
];
const ratio = ours && base ? ours.movesPerSecond / base.movesPerSecond : undefined;
console.log(`\n| measure | ${goingDark.name} | ${trivial.name} |\n| --- | ---: | ---: |`);
for (const [label, f] of rows) console.log(`| ${label} | ${cell(ours, f)} | ${cell(base, f)} |`);
if (ratio !== undefined) {
  console.log(`| moves per second, Going Dark ÷ trivial | ${ratio.toFixed(2)} | |`);
  console.log(
    `| latency p95, Going Dark ÷ trivial | ${((ours?.latencyMs.p95 ?? 0) / (base?.latencyMs.p95 ?? 1)).toFixed(1)} | |`,
  );
  console.log(
    `| server CPU per move, Going Dark ÷ trivial | ${((ours?.serverCpuMsPerMove ?? 0) / (base?.serverCpuMsPerMove ?? 1)).toFixed(1)} | |`,
  );
}

if (ours) {
  const met = ours.tables >= TABLES_TARGET && ours.latencyMs.p95 < P95_TARGET_MS && ours.stalled === 0;
  console.log(
    `\nTARGET ${TABLES_TARGET} tables at once with p95 < ${P95_TARGET_MS} ms: ${met ? 'MET' : 'NOT MET'} (${ours.tables} tables, p95 ${ours.latencyMs.p95} ms, ${ours.stalled} stalled)`,
  );
}
if (ratio !== undefined) {
  console.log(
    `TARGET moves per second ≥ ${THROUGHPUT_SHARE} × trivial: ${ratio >= THROUGHPUT_SHARE ? 'MET' : 'NOT MET'} (${ratio.toFixed(2)})`,
  );
}
const loadAfter = loadavg()[0] ?? 0;
console.log(`load average (1 min) before ${loadBefore.toFixed(2)}, after ${loadAfter.toFixed(2)}`);
console.log(
  JSON.stringify({
    bench: 'load',
    options,
    loadAverage: [loadBefore, loadAfter],
    goingDark: ours,
    trivial: base,
    ratio,
  }),
);
