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
import { freePort, listening, stopped } from '../support/nodeServer.ts';

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
  // The first start builds the UI: allow for it.
  const { url } = await listening(child, 90);
  return { url, place, stop: () => stopped(child) };
}
