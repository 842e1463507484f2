/**
 * Playing tables against a server, in the process that calls it (a load driver,
 * bench/loadDriver.ts): each seat its own boardgame.io client over a real socket,
 * driven by a bot (src/bots/runner.ts); a finished (or stalled) table is replaced by a
 * new one until told to stop.
 *
 * Measures, per move a seat sends: the time from the call to the move until that seat's
 * client state holds the log entry of that very move (its own seat and move, at or after
 * the state it was sent from — moves are `ignoreStaleStateID`, so another seat's update
 * may come first); and the number of moves acknowledged so.
 *
 * The bot runner's `schedule` waits a random 0–`paceMs` ms (a player's reaction), keeps
 * the callbacks in order, and while the seat's last move is unanswered it waits for the
 * answer (at most `waitMs`): the runner takes "state unchanged when the scheduled check
 * runs" for a refusal, so a check that ran before a slow answer, or after a step that
 * already made the next move, would teach the bot a refusal that never happened.
 * @module
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Game } from 'boardgame.io';
import { Client } from 'boardgame.io/client';
import { SocketIO } from 'boardgame.io/multiplayer';
import { type Bot, type BotClient, runBot } from '../src/bots/index.ts';

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

/** How the tables are played. */
export interface PlayOptions {
  /** The bots' reaction time: uniform 0–paceMs, ms. */
  readonly paceMs: number;
  /** Longest wait for the answer to a seat's own move before it acts again, ms. */
  readonly waitMs: number;
  /** A table with no new state for this long is abandoned and replaced, s. */
  readonly stallSeconds: number;
  /**
   * Whether a seat's socket starts as a WebSocket, skipping socket.io's long-polling
   * handshake. In Node that handshake opens a new TCP connection for every poll
   * (engine.io-client's XMLHttpRequest has no keep-alive agent), where a browser reuses
   * one; 600 seats doing it at once overflow the server's accept queue (backlog 511) and
   * wait out TCP's SYN retries (1 s, 3 s, 7 s…).
   */
  readonly websocketOnly: boolean;
}

/** Event-loop delay (node:perf_hooks monitorEventLoopDelay), ms. */
export interface LoopDelay {
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** What one driver measured in the window (plain data: it crosses the IPC channel). */
export interface DriverTally {
  /** Latency of each move acknowledged in the window, ms. */
  readonly latencies: number[];
  /** Seats started in the window: from starting the client to its first state, ms. */
  readonly seatings: number[];
  readonly moves: number;
  readonly unacknowledged: number;
  readonly unacknowledgedBy: Record<string, number>;
  readonly tablesCreated: number;
  readonly gamesFinished: number;
  readonly stalled: number;
  readonly stalledUnseated: number;
  readonly seatsPerTable: number;
  /** This process's CPU time (user + system) over the window, ms. */
  readonly cpuMs: number;
  /** This process's event-loop delay over the window. */
  readonly loopDelay: LoopDelay;
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

/** Counters shared by every seat a driver plays. */
class Tally {
  latencies: number[] = [];
  seatings: number[] = [];
  moves = 0;
  unacknowledged = 0;
  /** Unacknowledged moves by "move why" (why: a new move replaced it, or the table stopped). */
  readonly unacknowledgedBy = new Map<string, number>();
  windowStart = Number.POSITIVE_INFINITY;
  windowEnd = Number.POSITIVE_INFINITY;

  /** Counts a move sent in the window that was never acknowledged. */
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
    options: PlayOptions,
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
      multiplayer: SocketIO({
        server: url,
        ...(options.websocketOnly ? { socketOpts: { transports: ['websocket'] } } : {}),
      }),
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
    if (this.#pending && this.#tally.inWindow(this.#pending.t0)) this.#tally.lost(`${this.#pending.move} replaced`);
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
    if (this.#pending && this.#tally.inWindow(this.#pending.t0)) this.#tally.lost(`${this.#pending.move} at stop`);
    this.#pending = undefined;
    this.#stopBot();
    this.#unsubscribe();
    if (this.#timer) clearTimeout(this.#timer);
    this.#queue = [];
    this.#client.stop();
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Tables being played in this process, with the measuring window. */
export interface Play {
  /** Resolves once every slot's first table has all its seats holding a state (the start-up is over). */
  readonly ready: Promise<void>;
  /** Starts the measured window now. */
  startWindow(): void;
  /** Ends the window now and returns what was measured in it. */
  endWindow(): DriverTally;
  /** Stops creating tables, stops every seat; resolves when all are stopped. */
  stop(): Promise<void>;
}

/**
 * Plays `tables` tables of `target` at once against the server at `url`, each replaced
 * by a new one when it finishes or stalls, until {@link Play.stop}.
 * @param url - the server
 * @param target - the game and how to create a table of it
 * @param tables - tables at once
 * @param options - pace, waits
 */
export function playTables(url: string, target: Target, tables: number, options: PlayOptions): Play {
  const tally = new Tally();
  let running = true;
  let tablesCreated = 0;
  let gamesFinished = 0;
  let stalled = 0;
  let stalledUnseated = 0;
  let failures = 0;
  let seatsPerTable = 0;
  let windowClosed = false;
  let seatedFirst = 0;
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  // Counted only when the window is open (set at startWindow, frozen at endWindow).
  const counting = () => tally.windowStart !== Number.POSITIVE_INFINITY && !windowClosed;

  /** One table slot: plays a table to its end, then the next one, until stopped. */
  const slot = async () => {
    let first = true;
    while (running) {
      let plans: SeatPlan[];
      try {
        plans = await target.createTable(url);
      } catch (e) {
        if (++failures > 20) throw e;
        await sleep(100);
        continue;
      }
      if (counting()) tablesCreated++;
      seatsPerTable = plans.length;
      let lastChange = performance.now();
      let lastStateID = -1;
      let over = false;
      const seats = plans.map(
        (plan) =>
          new Seat(url, target.game, plan, tally, options, (state) => {
            if (state._stateID !== lastStateID) {
              lastStateID = state._stateID;
              lastChange = performance.now();
            }
            if (state.ctx.gameover !== undefined) over = true;
          }),
      );
      for (;;) {
        await sleep(50);
        if (first && seats.every((seat) => seat.seated)) {
          first = false;
          if (++seatedFirst === tables) onReady();
        }
        if (over) {
          if (counting()) gamesFinished++;
          break;
        }
        if (!running) break;
        if (performance.now() - lastChange > options.stallSeconds * 1000) {
          if (counting()) {
            stalled++;
            if (!seats.every((seat) => seat.seated)) stalledUnseated++;
          }
          break;
        }
      }
      for (const seat of seats) seat.stop();
    }
  };
  const slots = Array.from({ length: tables }, () => slot());
  const loop = monitorEventLoopDelay({ resolution: 5 });
  let cpuBefore = process.cpuUsage();

  return {
    ready,
    startWindow() {
      tally.windowStart = performance.now();
      cpuBefore = process.cpuUsage();
      loop.enable();
    },
    endWindow() {
      tally.windowEnd = performance.now();
      windowClosed = true;
      const cpu = process.cpuUsage(cpuBefore);
      loop.disable();
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      return {
        latencies: tally.latencies,
        seatings: tally.seatings,
        moves: tally.moves,
        unacknowledged: tally.unacknowledged,
        unacknowledgedBy: Object.fromEntries(tally.unacknowledgedBy),
        tablesCreated,
        gamesFinished,
        stalled,
        stalledUnseated,
        seatsPerTable,
        cpuMs: (cpu.user + cpu.system) / 1000,
        loopDelay: {
          mean: ms(loop.mean),
          p50: ms(loop.percentile(50)),
          p99: ms(loop.percentile(99)),
          max: ms(loop.max),
        },
      };
    },
    async stop() {
      running = false;
      await Promise.all(slots);
    },
  };
}
