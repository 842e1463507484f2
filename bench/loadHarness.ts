/**
 * The load benchmark's machinery (bench/load.bench.ts), shared by the Going Dark run
 * and the trivial boardgame.io run so both are driven and measured the same way:
 *
 * - {@link spawnServer}: a server in a child process on a free port, and its CPU time
 *   and memory read from /proc (Linux) — the server alone, not the players.
 * - {@link runLoad}: N tables at once, each seat its own boardgame.io client over a real
 *   socket driven by a bot (src/bots/runner.ts). A finished (or stalled) table is
 *   replaced by a new one until the time is up.
 *
 * Measures, per move a seat sends: the time from the call to the move until that seat's
 * client state holds the log entry of that very move (its own seat and move, at or after
 * the state it was sent from — moves are `ignoreStaleStateID`, so another seat's update
 * may come first); and the number of moves acknowledged so per second.
 *
 * The bot runner's `schedule` waits a random 0–`paceMs` ms (a player's reaction), keeps
 * the callbacks in order, and while the seat's last move is unanswered it waits for the
 * answer (at most `waitMs`): the runner takes "state unchanged when the scheduled check
 * runs" for a refusal, so a check that ran before a slow answer, or after a step that
 * already made the next move, would teach the bot a refusal that never happened.
 * @module
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Game } from 'boardgame.io';
import { Client } from 'boardgame.io/client';
import { SocketIO } from 'boardgame.io/multiplayer';
import { type Bot, type BotClient, runBot } from '../src/bots/index.ts';

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

/** Event-loop delay (node:perf_hooks monitorEventLoopDelay), ms. */
export interface LoopDelay {
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
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

/** One seat of a new table, with its credentials and the bot that will play it. */
export interface SeatPlan {
  readonly matchID: string;
  readonly playerID: string;
  readonly credentials: string;
  /** Builds the seat's bot (its own device and keys). */
  readonly bot: () => Bot;
}

/** What the harness needs to know about a game to load-test its server. */
export interface Target {
  readonly name: string;
  /** The game definition, for the clients. */
  readonly game: Game;
  /** Creates a table on the server and takes every seat; resolves with the seats. */
  createTable(url: string): Promise<SeatPlan[]>;
}

/** How to run the load. */
export interface LoadOptions {
  /** Tables played at the same time. */
  readonly tables: number;
  /** Length of the measured window, s. */
  readonly seconds: number;
  /** Play before the measured window (connections, JIT), s. */
  readonly warmupSeconds: number;
  /** The bots' reaction time: uniform 0–paceMs, ms. */
  readonly paceMs: number;
  /** Longest wait for the answer to a seat's own move before it acts again, ms. */
  readonly waitMs: number;
  /** A table with no new state for this long is abandoned and replaced, s. */
  readonly stallSeconds: number;
}

/** One run's figures. */
export interface LoadResult {
  readonly target: string;
  readonly tables: number;
  readonly clients: number;
  readonly seconds: number;
  /** Moves acknowledged in the window (each counted once, by the seat that made it). */
  readonly moves: number;
  readonly movesPerSecond: number;
  /** Moves sent whose acknowledgement never came (refused by the referee, or lost). */
  readonly unacknowledged: number;
  /** The most frequent unacknowledged moves, by move and why (replaced by the seat's next move, or pending at a table's end). */
  readonly unacknowledgedBy: Readonly<Record<string, number>>;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number };
  /** Seats started in the window: from starting the client to its first state (connected, synced), ms. */
  readonly seatingMs: { readonly count: number; readonly p50: number; readonly p95: number; readonly max: number };
  /** Tables created during the run (the first N included), games finished, tables abandoned as stalled. */
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
  /** This (driving) process's CPU over the window, % of one core. */
  readonly driverCpuPercent: number;
  /** Event-loop delay over the window: the server's and this process's, ms. */
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

/** A log entry as the client holds it. */
interface LogEntry {
  readonly _stateID: number;
  readonly action: { readonly type: string; readonly payload?: { readonly type?: string; readonly playerID?: string } };
}

/** What the harness reads of a client state. */
interface ClientState {
  readonly _stateID: number;
  readonly ctx: { readonly gameover?: unknown; readonly phase: string };
  readonly G: unknown;
  readonly log: readonly LogEntry[];
}

/** Counters shared by every seat of a run. */
class Tally {
  latencies: number[] = [];
  /** Per seat: from starting its client to its first state (socket connected, synced), ms. */
  seatings: number[] = [];
  moves = 0;
  unacknowledged = 0;
  /** Unacknowledged moves by "move why" (why: a new move replaced it, or the table stopped). */
  readonly unacknowledgedBy = new Map<string, number>();
  windowStart = Number.POSITIVE_INFINITY;
  windowEnd = Number.POSITIVE_INFINITY;

  lost(why: string): void {
    this.unacknowledged++;
    this.unacknowledgedBy.set(why, (this.unacknowledgedBy.get(why) ?? 0) + 1);
  }

  inWindow(t: number): boolean {
    return t >= this.windowStart && t < this.windowEnd;
  }
}

/** One seat: a client, a bot, and the measuring of the seat's own moves. */
class Seat {
  readonly #client: ReturnType<typeof Client>;
  readonly #tally: Tally;
  readonly #playerID: string;
  readonly #paceMs: number;
  readonly #waitMs: number;
  #pending: { readonly stateID: number; readonly move: string; readonly t0: number } | undefined;
  /** The bot runner's deferred callbacks, in order, each with the time it is due. */
  #queue: { readonly fn: () => void; due: number }[] = [];
  #lastDue = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopBot: () => void = () => {};
  #unsubscribe: () => void = () => {};
  #stopped = false;

  constructor(
    url: string,
    game: Game,
    plan: SeatPlan,
    tally: Tally,
    options: LoadOptions,
    onState: (state: ClientState) => void,
  ) {
    this.#tally = tally;
    this.#playerID = plan.playerID;
    this.#paceMs = options.paceMs;
    this.#waitMs = options.waitMs;
    this.#client = Client({
      game,
      matchID: plan.matchID,
      playerID: plan.playerID,
      credentials: plan.credentials,
      multiplayer: SocketIO({ server: url }),
      debug: false,
    });
    this.#client.start();
    const started = performance.now();
    let seated = false;
    this.#unsubscribe = this.#client.subscribe((state) => {
      if (!state) return;
      if (!seated) {
        seated = true;
        if (tally.inWindow(started)) tally.seatings.push(performance.now() - started);
      }
      this.#onState(state as unknown as ClientState);
      onState(state as unknown as ClientState);
    });
    const client = this.#client as unknown as BotClient;
    const moves: BotClient['moves'] = {};
    for (const [name, fn] of Object.entries(client.moves)) {
      moves[name] = (args) => {
        this.#sent(name);
        fn?.(args);
      };
    }
    const probe: BotClient = {
      moves,
      getState: () => client.getState(),
      subscribe: (fn) => client.subscribe(fn),
    };
    this.#stopBot = runBot(probe, plan.bot(), (fn) => this.#schedule(fn));
  }

  #sent(move: string): void {
    const state = this.#client.getState();
    if (!state) return;
    if (this.#pending) this.#tally.lost(`${this.#pending.move} replaced`);
    this.#pending = { stateID: state._stateID, move, t0: performance.now() };
  }

  #onState(state: ClientState): void {
    const pending = this.#pending;
    if (!pending || state._stateID <= pending.stateID) return;
    const log = state.log;
    for (let i = log.length - 1; i >= 0; i--) {
      const entry = log[i] as LogEntry;
      if (entry._stateID < pending.stateID) break;
      const { action } = entry;
      if (
        action.type === 'MAKE_MOVE' &&
        action.payload?.playerID === this.#playerID &&
        action.payload.type === pending.move
      ) {
        const now = performance.now();
        if (this.#tally.inWindow(pending.t0) && this.#tally.inWindow(now)) {
          this.#tally.moves++;
          this.#tally.latencies.push(now - pending.t0);
        }
        this.#pending = undefined;
        // The player reacts to the answer: what waited for it is due a reaction time from now.
        let due = 0;
        for (const item of this.#queue) {
          due = Math.max(due, now + Math.random() * this.#paceMs);
          item.due = due;
        }
        this.#lastDue = Math.max(this.#lastDue, due);
        this.#pump();
        return;
      }
    }
  }

  /**
   * Defers a callback of the bot runner: by a random 0–paceMs, in the order asked (the
   * runner checks a move's refusal in the callback it schedules right after the move, and
   * that check must run before the steps that later states scheduled), and, while the
   * seat's own move is unanswered, until the answer comes (at most `waitMs`) and a new
   * 0–paceMs after it — else every seat a slow answer held up would act in the same
   * instant, and the load would come in synchronised bursts.
   */
  #schedule(fn: () => void): void {
    const due = Math.max(performance.now() + Math.random() * this.#paceMs, this.#lastDue);
    this.#lastDue = due;
    this.#queue.push({ fn, due });
    this.#pump();
  }

  /** Runs the callbacks that are due, one at a time, stopping while the seat's move is unanswered. */
  #pump(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    for (;;) {
      if (this.#stopped) return;
      const head = this.#queue[0];
      if (!head) return;
      const now = performance.now();
      const answerDue = this.#pending ? this.#pending.t0 + this.#waitMs : 0;
      const wait = Math.max(head.due, answerDue) - now;
      if (wait > 0) {
        this.#timer = setTimeout(() => this.#pump(), wait);
        return;
      }
      this.#queue.shift();
      head.fn();
    }
  }

  /** Whether the seat has received its first state. */
  get seated(): boolean {
    return this.#client.getState() !== null;
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#pending) this.#tally.lost(`${this.#pending.move} at stop`);
    this.#pending = undefined;
    this.#stopBot();
    this.#unsubscribe();
    if (this.#timer) clearTimeout(this.#timer);
    this.#queue = [];
    this.#client.stop();
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Plays `options.tables` tables at once against a running server and measures.
 * @param server - the server child (its URL, and its pid for CPU and memory)
 * @param target - the game and how to create a table of it
 * @param options - tables, durations, pace
 */
export async function runLoad(server: ServerChild, target: Target, options: LoadOptions): Promise<LoadResult> {
  const tally = new Tally();
  const start = performance.now();
  const end = start + (options.warmupSeconds + options.seconds) * 1000;
  let tablesCreated = 0;
  let gamesFinished = 0;
  let stalled = 0;
  let stalledUnseated = 0;
  let failures = 0;
  let seatsPerTable = 0;

  /** One table slot: plays a table to its end, then the next one, until the time is up. */
  const slot = async () => {
    while (performance.now() < end) {
      let plans: SeatPlan[];
      try {
        plans = await target.createTable(server.url);
      } catch (e) {
        if (++failures > 20) throw e;
        await sleep(100);
        continue;
      }
      tablesCreated++;
      seatsPerTable = plans.length;
      let lastChange = performance.now();
      let lastStateID = -1;
      let over = false;
      const seats = plans.map(
        (plan) =>
          new Seat(server.url, target.game, plan, tally, options, (state) => {
            if (state._stateID !== lastStateID) {
              lastStateID = state._stateID;
              lastChange = performance.now();
            }
            if (state.ctx.gameover !== undefined) over = true;
          }),
      );
      for (;;) {
        await sleep(50);
        const now = performance.now();
        if (over) {
          if (now < end) gamesFinished++;
          break;
        }
        if (now >= end) break;
        if (now - lastChange > options.stallSeconds * 1000) {
          stalled++;
          if (!seats.every((seat) => seat.seated)) stalledUnseated++;
          break;
        }
      }
      for (const seat of seats) seat.stop();
    }
  };

  const slots = Array.from({ length: options.tables }, () => slot());
  await sleep(options.warmupSeconds * 1000);
  await server.loopDelay();
  const driverLoop = monitorEventLoopDelay({ resolution: 5 });
  driverLoop.enable();
  tally.windowStart = performance.now();
  const serverBefore = sampleProcess(server.pid);
  const driverBefore = process.cpuUsage();
  let peakRss = serverBefore.rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, sampleProcess(server.pid).rss);
  }, 500);
  await sleep(options.seconds * 1000);
  tally.windowEnd = performance.now();
  const serverAfter = sampleProcess(server.pid);
  const driver = process.cpuUsage(driverBefore);
  driverLoop.disable();
  const serverLoop = await server.loopDelay();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, serverAfter.rss);
  await Promise.all(slots);

  const windowMs = tally.windowEnd - tally.windowStart;
  const sorted = tally.latencies.sort((a, b) => a - b);
  const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
  return {
    target: target.name,
    tables: options.tables,
    clients: options.tables * seatsPerTable,
    seconds: round(windowMs / 1000),
    moves: tally.moves,
    movesPerSecond: round((tally.moves * 1000) / windowMs),
    unacknowledged: tally.unacknowledged,
    unacknowledgedBy: Object.fromEntries([...tally.unacknowledgedBy].sort((a, b) => b[1] - a[1]).slice(0, 8)),
    latencyMs: {
      p50: round(quantile(sorted, 0.5)),
      p95: round(quantile(sorted, 0.95)),
      p99: round(quantile(sorted, 0.99)),
      max: round(sorted.at(-1) ?? Number.NaN),
    },
    seatingMs: (() => {
      const seatings = tally.seatings.sort((a, b) => a - b);
      return {
        count: seatings.length,
        p50: round(quantile(seatings, 0.5)),
        p95: round(quantile(seatings, 0.95)),
        max: round(seatings.at(-1) ?? Number.NaN),
      };
    })(),
    tablesCreated,
    gamesFinished,
    stalled,
    stalledUnseated,
    serverCpuPercent: round((100 * (serverAfter.cpuMs - serverBefore.cpuMs)) / windowMs),
    serverCpuMsPerMove: round((serverAfter.cpuMs - serverBefore.cpuMs) / Math.max(1, tally.moves), 2),
    serverRssMB: round(serverAfter.rss / 2 ** 20),
    serverPeakRssMB: round(peakRss / 2 ** 20),
    driverCpuPercent: round((100 * (driver.user + driver.system)) / 1000 / windowMs),
    serverStderrLines: server.stderrLines(),
    serverLoopDelayMs: serverLoop,
    driverLoopDelayMs: {
      mean: round(driverLoop.mean / 1e6, 2),
      p50: round(driverLoop.percentile(50) / 1e6, 2),
      p99: round(driverLoop.percentile(99) / 1e6, 2),
      max: round(driverLoop.max / 1e6, 2),
    },
  };
}
