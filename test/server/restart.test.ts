/**
 * Restart: kill -9 the server mid-game, start it again on the same data folder — the
 * match goes on to its end, the hosted bots resume their seats with their keys, and
 * nothing stored before the kill is lost.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'gd-restart-'));
let child: ChildProcess | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function start(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    proc.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('Going Dark is at')) resolve();
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return proc;
}

function stored(matchID: string): { stateID: number; over: boolean; log: string[] } {
  const db = new Database(join(dataDir, 'going-dark.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        'SELECT state, gameover FROM matches JOIN match_states ON match_states.match_id = matches.id WHERE id = ?',
      )
      .get(matchID) as {
      state: string;
      gameover: number;
    };
    const log = db
      .prepare('SELECT entry FROM match_log WHERE match_id = ? ORDER BY seq')
      .pluck()
      .all(matchID) as string[];
    return { stateID: (JSON.parse(row.state) as { _stateID: number })._stateID, over: row.gameover === 1, log };
  } finally {
    db.close();
  }
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => {
  child?.kill('SIGKILL');
});

describe('restart on SQLite', () => {
  it('kill -9 mid-game, start again: the match continues to its end, nothing stored is lost', async () => {
    const port = await freePort();
    child = await start(port);
    const seats = ['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'].map((role) => ({
      role,
      bot: true,
    }));
    const res = await fetch(`http://127.0.0.1:${port}/api/tables`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'san-jose-2013', seats }),
    });
    const { matchID } = (await res.json()) as { matchID: string };
    await until(() => stored(matchID).stateID >= 25, 60_000);
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    const before = stored(matchID);
    expect(before.over).toBe(false);

    child = await start(port);
    await until(() => stored(matchID).over, 120_000);
    const after = stored(matchID);
    expect(after.stateID).toBeGreaterThan(before.stateID);
    expect(after.log.slice(0, before.log.length)).toEqual(before.log);
    child.kill('SIGKILL');
  }, 200_000);
});
