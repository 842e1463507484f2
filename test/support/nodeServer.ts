/**
 * The game server as its own Node process (`src/server/main.ts` under tsx, as `npm start`
 * runs it, without the UI build), for the scale-out tests: several processes on one store,
 * and a process killed with SIGKILL and started again with the same settings.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** Waits for a child process to exit, sending `signal` (SIGKILL after 10 s if it ignores SIGTERM). */
export function stopped(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill(signal);
  });
}

/**
 * Waits until a server process prints its URL ("Going Dark is at …"), keeping what it prints.
 * @param seconds - how long before giving up (with what it printed)
 */
export function listening(child: ChildProcess, seconds: number): Promise<{ url: string; output: () => string }> {
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`the server did not start in ${seconds} s:\n${output}`)),
      seconds * 1000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
      const found = /Going Dark is at (http:\/\/\S+?)\/?\s/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        done({ url: found[1], output: () => output });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}

/** A server process. */
export interface NodeServer {
  readonly url: string;
  /** The environment it was started with (start it again with the same to restart it). */
  readonly env: Readonly<Record<string, string>>;
  /** What it printed so far. */
  output(): string;
  /** Stops it (SIGTERM), or kills it at once (SIGKILL: no chance to finish anything). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a server process and waits until it listens.
 * @param env - settings over the defaults (a free PORT, a new DATA_DIR, no UI, production mode)
 */
export async function startNodeServer(env: Record<string, string> = {}): Promise<NodeServer> {
  const settings: Record<string, string> = {
    NODE_ENV: 'production',
    PORT: String(await freePort()),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'gd-node-data-')),
    STATIC_DIR: join(tmpdir(), 'gd-no-ui'),
    CREATE_RATE: '100000',
    ...env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts')], {
    cwd: root,
    env: { ...process.env, ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { url, output } = await listening(child, 60);
  return { url, env: settings, output, stop: (signal) => stopped(child, signal) };
}

/** POSTs JSON to a server's API and returns the answer's JSON (throws on a non-2xx answer). */
export async function postJson<T>(url: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
