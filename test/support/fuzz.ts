/**
 * Tools for the server fuzz test (test/server/fuzz.test.ts): a seeded generator of
 * hostile values (wrong types, odd text, huge strings — never `Math.random`), a socket
 * that can send raw socket.io packets and reconnect after the server closes it, plain
 * HTTP requests on a fresh connection each (so no keep-alive socket outlives them), a
 * count of the TCP connections a port holds, a forced garbage collection, and a trap
 * for unhandled rejections — which would end the real server's process (Node's default
 * `--unhandled-rejections=throw`; src/server/main.ts installs no handler).
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { io, type Socket } from 'socket.io-client';
import { type RandomSource, seededRandom } from '../../src/crypto/index.ts';

/**
 * Names every plain object inherits. boardgame.io looks moves up with `name in moves`,
 * and formats refused arguments into text, so these names are known to break the server
 * (see the `it.fails` cases of the fuzz test); the main fuzz leaves them out.
 */
export const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
] as const;

/** Keys the game's move arguments use, so garbage sometimes has the right field names. */
const FIELD_NAMES = [
  'record',
  'envelope',
  'uplink',
  'downlink',
  'provision',
  'pub',
  'head',
  'account',
  'handovers',
  'handover',
  'deviceId',
  'mode',
  'backup',
  'of',
  'code',
  'id',
  'documentId',
  'kind',
  'day',
  'sig',
  'sigPub',
  'hpkePub',
  'target',
  'title',
  'basis',
  'grant',
  'proof',
  'wraps',
  'body',
  'fromAccount',
  'fromDevice',
];

const ODD_TEXT = [
  '',
  ' ',
  '\u0000',
  '\n\r\t',
  '"\'`',
  '<script>alert(1)</script>',
  "'; DROP TABLE matches; --",
  '../../etc/passwd',
  '%00%ff',
  '\u202e\u200b\ufeff',
  '🔐🕵️',
  '\ud800',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0x10',
  '1e999',
  'INVALID_MOVE',
];

/** A deterministic generator of hostile values, from the repo's seeded ChaCha20 stream. */
export class Fuzz {
  readonly #random: RandomSource;

  constructor(seed: string) {
    this.#random = seededRandom(seed);
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    const bytes = this.#random(4);
    const x =
      ((bytes[0] ?? 0) * 2 ** 24 + (bytes[1] ?? 0) * 2 ** 16 + (bytes[2] ?? 0) * 2 ** 8 + (bytes[3] ?? 0)) >>> 0;
    return Math.floor((x / 2 ** 32) * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.int(1_000_000) < p * 1_000_000;
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }

  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T {
    const total = choices.reduce((sum, [w]) => sum + w, 0);
    let x = this.int(total);
    for (const [w, value] of choices) {
      if (x < w) return value;
      x -= w;
    }
    return (choices.at(-1) as readonly [number, T])[1];
  }

  /** `bytes` random bytes as lowercase hex. */
  hex(bytes: number): string {
    return Array.from(this.#random(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** Short odd text: control characters, quotes, markup, lone surrogates, random code points. */
  text(max = 40): string {
    if (this.chance(0.4)) return this.pick(ODD_TEXT);
    const length = this.int(max + 1);
    let s = '';
    for (let i = 0; i < length; i++) {
      const range = this.int(4);
      const code =
        range === 0
          ? this.int(0x20)
          : range === 1
            ? 0x20 + this.int(0x5f)
            : range === 2
              ? this.int(0x3000)
              : this.int(0xffff);
      s += String.fromCharCode(code);
    }
    return s;
  }

  /**
   * A long string whose JSON text is at most `bytes` bytes (odd text repeated, so building
   * it is cheap; measured in UTF-8 with JSON's escapes, as the socket limit counts).
   */
  huge(bytes: number): string {
    const unit = this.text(16) || 'x';
    const unitBytes = Math.max(1, Buffer.byteLength(JSON.stringify(unit)) - 2);
    return unit.repeat(Math.max(1, Math.floor(bytes / unitBytes)));
  }

  /** A field name: one the moves use, or odd text (never a name every object inherits). */
  key(): string {
    const k = this.chance(0.6) ? this.pick(FIELD_NAMES) : this.text(12);
    return (PROTOTYPE_NAMES as readonly string[]).includes(k) ? `${k}_` : k;
  }

  /** A number JSON can carry: edge cases and ordinary ones. */
  number(): number {
    return this.pick([0, -1, 1, 1.5, -0.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, 5e-324, this.int(1000)]);
  }

  /**
   * A value of some wrong type: null, booleans, numbers, odd text, hex, arrays and objects
   * of those, up to `depth` levels — never an object with a key every object inherits.
   */
  junk(depth = 2): unknown {
    const kind = this.int(depth > 0 ? 9 : 6);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2:
        return this.number();
      case 3:
        return this.text();
      case 4:
        return this.hex(this.pick([1, 8, 16, 32, 33, 64]));
      case 5:
        return this.chance(0.5) ? '' : this.pick(ODD_TEXT);
      case 6:
      case 7: {
        const out: Record<string, unknown> = {};
        const n = this.int(5);
        for (let i = 0; i < n; i++) out[this.key()] = this.junk(depth - 1);
        return out;
      }
      default:
        return Array.from({ length: this.int(5) }, () => this.junk(depth - 1));
    }
  }
}

/** A socket.io client on the game's namespace that can also write raw packets. */
export class FuzzSocket {
  readonly #url: string;
  #socket: Socket | undefined;
  /** How many times the server closed the connection and this socket opened a new one. */
  reconnects = 0;
  /** How many times the connection was closed by the server (or lost), not by this client. */
  closedByServer = 0;

  /** @param url - the server's URL (the game namespace is appended) */
  constructor(url: string) {
    this.#url = url;
  }

  /** Connects (a connection of its own: `forceNew`, so the hosted bots never share it). */
  async open(): Promise<void> {
    this.#socket?.close();
    const socket = io(`${this.#url}/going-dark`, { transports: ['websocket'], reconnection: false, forceNew: true });
    this.#socket = socket;
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') this.closedByServer++;
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (e) => reject(e));
    });
  }

  get connected(): boolean {
    return this.#socket?.connected === true;
  }

  /** The last packet sent, as JSON (first 300 characters), to name the culprit of a failure. */
  last = '';

  /** Emits an event through socket.io's encoder. */
  emit(event: string, ...args: unknown[]): void {
    this.last = JSON.stringify([event, ...args]).slice(0, 300);
    this.#socket?.emit(event, ...args);
  }

  /** Writes a socket.io packet as raw text (e.g. `2/going-dark,[…]`), bypassing the client's encoder. */
  raw(packet: string): void {
    this.last = packet.slice(0, 300);
    const engine = (this.#socket as unknown as { io: { engine?: { write(data: string): void } } } | undefined)?.io
      .engine;
    engine?.write(packet);
  }

  /** Resolves when the server closes this connection (or at once if it is closed). */
  closed(timeoutMs: number): Promise<boolean> {
    const socket = this.#socket;
    if (!socket?.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      socket.once('disconnect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /**
   * Waits until the server has read every packet sent before: a spectator `sync` of a
   * known match, answered after the packets ahead of it on this connection. Reopens the
   * connection if the server closed it.
   * @param matchID - a match that exists
   */
  async barrier(matchID: string, timeoutMs = 10_000): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!this.connected) {
        await this.open();
        this.reconnects++;
      }
      const socket = this.#socket as Socket;
      const answered = await new Promise<boolean>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to a sync within ${timeoutMs} ms`)), timeoutMs);
        const onSync = (id: unknown) => {
          if (id !== matchID) return;
          done(true);
        };
        const onDisconnect = () => done(false);
        const done = (ok: boolean) => {
          clearTimeout(timer);
          socket.off('sync', onSync);
          socket.off('disconnect', onDisconnect);
          resolve(ok);
        };
        socket.on('sync', onSync);
        socket.once('disconnect', onDisconnect);
        socket.emit('sync', matchID, null, null, 6);
      });
      if (answered) return;
    }
    throw new Error('the server kept closing the connection');
  }

  close(): void {
    this.#socket?.close();
    this.#socket = undefined;
  }
}

/** An HTTP answer, or how the request failed. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  /** Set when no answer came: a timeout ("hang") or a network error. */
  readonly failure?: string;
}

/** One HTTP request on its own connection (no keep-alive), given up after `timeoutMs`. */
export function httpRequest(
  url: string,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string | Uint8Array },
  timeoutMs = 5000,
): Promise<HttpAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let answered = false;
    const req = request(
      {
        hostname,
        port,
        method: options.method,
        path: options.path,
        headers: options.headers,
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => resolve({ status: res.statusCode ?? 0, body: '', failure: e.message }));
      },
    );
    req.on('error', (e) => {
      const name = (e as { name?: string }).name;
      if (name === 'AbortError' || name === 'TimeoutError') return resolve({ status: 0, body: '', failure: 'hang' });
      // The server may answer (413, 431) and close before reading all of a large body:
      // the write then fails, but the answer still arrives; wait a moment for it.
      setTimeout(() => {
        if (!answered) resolve({ status: 0, body: '', failure: e.message });
      }, 500);
    });
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

/**
 * The established TCP connections whose local port is `port` — on loopback in this
 * process, the server's ends of its connections (Linux /proc; undefined elsewhere).
 */
export function connectionsTo(port: number): number | undefined {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      if (local?.endsWith(`:${hex}`) && fields[3] === '01') count++;
    }
  }
  return count;
}

/**
 * A full garbage collection, when one can be had: `global.gc`, or V8's own switch turned on
 * at run time. Returns false when neither works (then heap figures include garbage).
 */
export function forceGc(): boolean {
  const global = globalThis as { gc?: () => void };
  if (typeof global.gc !== 'function') {
    try {
      v8.setFlagsFromString('--expose-gc');
      global.gc = vm.runInNewContext('gc') as () => void;
    } catch {
      return false;
    }
  }
  if (typeof global.gc !== 'function') return false;
  global.gc();
  global.gc();
  return true;
}

/** Heap in use, in MB, after a forced collection if possible. */
export function heapMb(): number {
  forceGc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** An unhandled rejection or uncaught exception caught while `label` was running. */
export interface Caught {
  readonly label: string;
  readonly message: string;
}

/**
 * Catches unhandled rejections and uncaught exceptions in this process (the test runs the
 * server in-process; in production each one would end the server). While a listener is
 * installed, vitest leaves them to it.
 */
export class CrashTrap {
  readonly caught: Caught[] = [];
  label = '';
  readonly #onError = (e: unknown) => {
    this.caught.push({ label: this.label, message: String((e as Error)?.message ?? e).slice(0, 200) });
  };

  install(): void {
    process.on('unhandledRejection', this.#onError);
    process.on('uncaughtException', this.#onError);
  }

  dispose(): void {
    process.off('unhandledRejection', this.#onError);
    process.off('uncaughtException', this.#onError);
  }

  /** Those caught since `from` (an earlier `caught.length`). */
  since(from: number): Caught[] {
    return this.caught.slice(from);
  }
}
