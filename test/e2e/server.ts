/**
 * The real server for browser tests, started as the README says (`npm start`, i.e.
 * `node scripts/start.mjs`), as its own process, on a free loopback port, with its own
 * data folder and its own build of the UI.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, stopped } from '../support/nodeServer.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where a server process keeps its data and its build; pass them again to restart "the same" server. */
export interface ServerPlace {
  readonly port: number;
  readonly dataDir: string;
  readonly staticDir: string;
}

/** A running server process, with where it keeps things. */
export interface ServerProcess {
  readonly url: string;
  readonly place: ServerPlace;
  stop(): Promise<void>;
}

/** Starts `node scripts/start.mjs` (on a new port, data folder and build unless given) and waits for its URL. */
export async function startServerProcess(given?: ServerPlace): Promise<ServerProcess> {
  const place: ServerPlace = given ?? {
    port: await freePort(),
    dataDir: mkdtempSync(join(tmpdir(), 'gd-e2e-data-')),
    staticDir: join(mkdtempSync(join(tmpdir(), 'gd-e2e-ui-')), 'dist'),
  };
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(place.port),
      DATA_DIR: place.dataDir,
      STATIC_DIR: place.staticDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start in 90 s:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Going Dark is at (http:\/\/\S+?)\/?\s/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        done(found[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  return { url, place, stop: () => stopped(child) };
}
