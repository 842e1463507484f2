/**
 * The load benchmark's machinery (bench/load.bench.ts), shared by the Going Dark run
 * and the trivial boardgame.io run so both are driven and measured the same way:
 *
 * - {@link spawnServer}: a server in a child process on a free port, and its CPU time
 *   and memory read from /proc (Linux) — the server alone, not the players.
 * - {@link runLoad}: N tables at once, spread over several driver processes
 *   (bench/loadDriver.ts, which play them with bench/loadTables.ts: each seat its own
 *   boardgame.io client over a real socket, driven by a bot), so the players use every
 *   core; their figures are merged here.
 * @module
 */
import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DriverCommand, DriverStart } from './loadDriver.ts';
import type { DriverTally, LoopDelay, PlayOptions } from './loadTables.ts';
import type { TargetName } from './loadTargets.ts';

// ---------------------------------------------------------------- server child process

/** CPU time and memory of a process, from /proc. */
export interface ProcSample {
  /** Wall clock (performance.now), ms. */
  readonly at: number;
  /** User + system CPU time, ms. */
  readonly cpuMs: number;
  /** Resident set size, bytes. */
  readonly rss: number;
  /** Peak resident set size since the process started, bytes. */
  readonly peakRss: number;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/**
 * Reads a process's CPU time (/proc/PID/stat: utime + stime) and memory (/proc/PID/status:
 * VmRSS, VmHWM).
 * @param pid - the process
 */
export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from field 3 (state) on.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { at: performance.now(), cpuMs: (ticks * 1000) / CLOCK_TICKS, rss: kb('VmRSS'), peakRss: kb('VmHWM') };
}

/** A server running in a child process. */
export interface ServerChild {
  readonly pid: number;
  readonly url: string;
  /** The last lines the child wrote on stderr (for a failure report). */
  readonly stderrTail: string[];
  /** Lines the child wrote on stderr (boardgame.io reports each refused move there). */
  stderrLines(): number;
  /** The child's event-loop delay since the last call (SIGUSR2), or undefined if it did not answer. */
  loopDelay(): Promise<LoopDelay | undefined>;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the child has exited. */
  stop(): Promise<void>;
}

/**
 * Starts a server entry (a .ts file printing `{"port":N}` once it listens) in a child
 * Node process with tsx, NODE_ENV=production.
 * @param entry - path of the entry file
 * @param options - extra environment, extra Node flags (e.g. `--cpu-prof`), working folder
 */
export function spawnServer(
  entry: string,
  options: { env?: Record<string, string>; nodeArgs?: string[]; cwd: string },
): Promise<ServerChild> {
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', entry], {
    cwd: options.cwd,
    env: { ...process.env, NODE_ENV: 'production', ...options.env },
    // stdin stays open as a lifeline: the child stops when it closes (see the entries).
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderrTail: string[] = [];
  let stderrCount = 0;
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (!line) continue;
      stderrCount++;
      stderrTail.push(line);
      if (stderrTail.length > 20) stderrTail.shift();
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The child's stdout, line by line: first its port, then event-loop reports.
  const lineWaiters: ((line: string) => boolean)[] = [];
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const line of lines) {
      const i = lineWaiters.findIndex((take) => take(line));
      if (i >= 0) lineWaiters.splice(i, 1);
    }
  });
  const nextLine = (prefix: string, timeoutMs: number) =>
    new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      lineWaiters.push((line) => {
        if (!line.startsWith(prefix)) return false;
        clearTimeout(timer);
        resolve(line);
        return true;
      });
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`${entry} exited (${code}) before listening:\n${stderrTail.join('\n')}`)),
    );
    nextLine('{"port"', 60_000).then((line) => {
      if (!line || child.pid === undefined) {
        child.kill('SIGKILL');
        return reject(new Error(`${entry} did not report its port:\n${stderrTail.join('\n')}`));
      }
      const { port } = JSON.parse(line) as { port: number };
      resolve({
        pid: child.pid,
        url: `http://127.0.0.1:${port}`,
        stderrTail,
        stderrLines: () => stderrCount,
        loopDelay: async () => {
          const reply = nextLine('{"loopDelay"', 5000);
          child.kill('SIGUSR2');
          const line = await reply;
          return line ? (JSON.parse(line) as { loopDelay: LoopDelay }).loopDelay : undefined;
        },
        stop: async () => {
          if (child.exitCode !== null) return;
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}

// ---------------------------------------------------------------- driving tables

/** How to run the load. */
export interface LoadOptions extends PlayOptions {
  /** Tables played at the same time (over all drivers). */
  readonly tables: number;
  /** Driver processes the tables are spread over. */
  readonly drivers: number;
  /** Length of the measured window, s. */
  readonly seconds: number;
  /** Play before the measured window (JIT, the first moves), s, counted from when every first table is seated. */
  readonly warmupSeconds: number;
  /** Longest wait for every first table to be seated before the warm-up starts anyway, s. */
  readonly startSeconds: number;
}

/** One run's figures. */
export interface LoadResult {
  readonly target: TargetName;
  readonly tables: number;
  readonly clients: number;
  readonly drivers: number;
  readonly paceMs: number;
  readonly seconds: number;
  /** From starting the drivers until every first table was seated (or `startSeconds` ran out: NaN), s. */
  readonly startupSeconds: number;
  /** Moves acknowledged in the window (each counted once, by the seat that made it). */
  readonly moves: number;
  readonly movesPerSecond: number;
  /** Moves sent in the window whose acknowledgement never came (refused by the referee, or lost). */
  readonly unacknowledged: number;
  /** The most frequent unacknowledged moves, by move and why (replaced by the seat's next move, or pending at a table's end). */
  readonly unacknowledgedBy: Readonly<Record<string, number>>;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number };
  /** Seats started in the window: from starting the client to its first state (connected, synced), ms. */
  readonly seatingMs: { readonly count: number; readonly p50: number; readonly p95: number; readonly max: number };
  /** Tables created in the window, games finished in it, tables abandoned as stalled in it. */
  readonly tablesCreated: number;
  readonly gamesFinished: number;
  readonly stalled: number;
  /** Stalled tables where some seat never received its first state. */
  readonly stalledUnseated: number;
  /** Server child: CPU over the window as % of one core; memory at the end and peak, MB. */
  readonly serverCpuPercent: number;
  /** Server CPU time per acknowledged move, ms (refused moves and table set-up included). */
  readonly serverCpuMsPerMove: number;
  readonly serverRssMB: number;
  readonly serverPeakRssMB: number;
  /** The drivers' CPU over the window, summed, % of one core. */
  readonly driverCpuPercent: number;
  /** Event-loop delay over the window: the server's, and the worst driver's, ms. */
  readonly serverLoopDelayMs: LoopDelay | undefined;
  readonly driverLoopDelayMs: LoopDelay;
  /** Lines the server wrote on stderr during the whole run. */
  readonly serverStderrLines: number;
}

/** The p-quantile (0–1) of sorted numbers. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Samples the server; if it has gone, fails with what it last wrote on stderr. */
function sampleServer(server: ServerChild): ProcSample {
  try {
    return sampleProcess(server.pid);
  } catch {
    throw new Error(`the server (pid ${server.pid}) has exited:\n${server.stderrTail.join('\n')}`);
  }
}

/** A driver child process, and a way to ask it for its window's tally. */
interface Driver {
  readonly child: ChildProcess;
  /** Resolves when the driver's first tables are all seated. */
  readonly ready: Promise<void>;
  command(type: DriverCommand['type']): void;
  tally(): Promise<DriverTally>;
  exited: Promise<void>;
}

function startDriver(start: DriverStart): Driver {
  const child = fork(fileURLToPath(new URL('./loadDriver.ts', import.meta.url)), [JSON.stringify(start)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== 'ready') return;
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
  });
  return {
    child,
    ready,
    exited,
    command: (type) => child.send({ type } satisfies DriverCommand),
    tally: () =>
      new Promise((resolve, reject) => {
        child.once('message', (m: { type: string; tally: DriverTally }) => resolve(m.tally));
        child.once('exit', (code) => reject(new Error(`a load driver exited (${code}) before reporting`)));
        child.send({ type: 'window-end' } satisfies DriverCommand);
      }),
  };
}

/**
 * Plays `options.tables` tables at once against a running server, spread over
 * `options.drivers` driver processes, and measures a window after a warm-up.
 * @param server - the server child (its URL, and its pid for CPU and memory)
 * @param target - the game to play
 * @param options - tables, drivers, durations, pace
 */
export async function runLoad(server: ServerChild, target: TargetName, options: LoadOptions): Promise<LoadResult> {
  const { paceMs, waitMs, stallSeconds, websocketOnly } = options;
  const drivers = Array.from({ length: options.drivers }, (_, i) =>
    startDriver({
      url: server.url,
      target,
      // The tables shared out as evenly as they go.
      tables: Math.floor(options.tables / options.drivers) + (i < options.tables % options.drivers ? 1 : 0),
      options: { paceMs, waitMs, stallSeconds, websocketOnly },
    }),
  );
  try {
    // The start-up (every table created and seated at once) is a storm of its own: the
    // window opens a warm-up after it has passed, not a fixed time after the start.
    const started = performance.now();
    const seated = await Promise.race([
      Promise.all(drivers.map((d) => d.ready)).then(() => true),
      sleep(options.startSeconds * 1000).then(() => false),
    ]);
    const startupSeconds = seated ? (performance.now() - started) / 1000 : Number.NaN;
    await sleep(options.warmupSeconds * 1000);
    await server.loopDelay();
    for (const d of drivers) d.command('window-start');
    const windowStart = performance.now();
    const serverBefore = sampleServer(server);
    let peakRss = serverBefore.rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, sampleServer(server).rss);
    }, 500);
    await sleep(options.seconds * 1000);
    // Asks every driver to close its window (sent at once), then reads the server.
    const talliesSent = Promise.all(drivers.map((d) => d.tally()));
    const windowMs = performance.now() - windowStart;
    const serverAfter = sampleServer(server);
    const tallies = await talliesSent;
    const serverLoop = await server.loopDelay();
    clearInterval(sampler);
    peakRss = Math.max(peakRss, serverAfter.rss);
    for (const d of drivers) d.command('stop');
    await Promise.all(drivers.map((d) => d.exited));
    return summarise(target, options, tallies, {
      startupSeconds,
      windowMs,
      serverCpuMs: serverAfter.cpuMs - serverBefore.cpuMs,
      serverRss: serverAfter.rss,
      peakRss,
      serverLoop,
      serverStderrLines: server.stderrLines(),
    });
  } finally {
    for (const d of drivers) if (d.child.exitCode === null) d.child.kill('SIGKILL');
  }
}

/** Merges the drivers' tallies and the server's figures into one run's result. */
function summarise(
  target: TargetName,
  options: LoadOptions,
  tallies: readonly DriverTally[],
  server: {
    startupSeconds: number;
    windowMs: number;
    serverCpuMs: number;
    serverRss: number;
    peakRss: number;
    serverLoop: LoopDelay | undefined;
    serverStderrLines: number;
  },
): LoadResult {
  const sum = (f: (t: DriverTally) => number) => tallies.reduce((a, t) => a + f(t), 0);
  const worst = (f: (l: LoopDelay) => number) => Math.max(...tallies.map((t) => f(t.loopDelay)));
  const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
  const latencies = tallies.flatMap((t) => t.latencies).sort((a, b) => a - b);
  const seatings = tallies.flatMap((t) => t.seatings).sort((a, b) => a - b);
  const lostBy = new Map<string, number>();
  for (const t of tallies)
    for (const [k, n] of Object.entries(t.unacknowledgedBy)) lostBy.set(k, (lostBy.get(k) ?? 0) + n);
  const moves = sum((t) => t.moves);
  const { windowMs } = server;
  return {
    target,
    tables: options.tables,
    clients: options.tables * Math.max(...tallies.map((t) => t.seatsPerTable)),
    drivers: options.drivers,
    paceMs: options.paceMs,
    seconds: round(windowMs / 1000),
    startupSeconds: round(server.startupSeconds),
    moves,
    movesPerSecond: round((moves * 1000) / windowMs),
    unacknowledged: sum((t) => t.unacknowledged),
    unacknowledgedBy: Object.fromEntries([...lostBy].sort((a, b) => b[1] - a[1]).slice(0, 8)),
    latencyMs: {
      p50: round(quantile(latencies, 0.5)),
      p95: round(quantile(latencies, 0.95)),
      p99: round(quantile(latencies, 0.99)),
      max: round(latencies.at(-1) ?? Number.NaN),
    },
    seatingMs: {
      count: seatings.length,
      p50: round(quantile(seatings, 0.5)),
      p95: round(quantile(seatings, 0.95)),
      max: round(seatings.at(-1) ?? Number.NaN),
    },
    tablesCreated: sum((t) => t.tablesCreated),
    gamesFinished: sum((t) => t.gamesFinished),
    stalled: sum((t) => t.stalled),
    stalledUnseated: sum((t) => t.stalledUnseated),
    serverCpuPercent: round((100 * server.serverCpuMs) / windowMs),
    serverCpuMsPerMove: round(server.serverCpuMs / Math.max(1, moves), 2),
    serverRssMB: round(server.serverRss / 2 ** 20),
    serverPeakRssMB: round(server.peakRss / 2 ** 20),
    driverCpuPercent: round((100 * sum((t) => t.cpuMs)) / windowMs),
    serverStderrLines: server.serverStderrLines,
    serverLoopDelayMs: server.serverLoop,
    driverLoopDelayMs: {
      mean: worst((l) => l.mean),
      p50: worst((l) => l.p50),
      p99: worst((l) => l.p99),
      max: worst((l) => l.max),
    },
  };
}
