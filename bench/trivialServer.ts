/**
 * The load benchmark's yardstick server (bench/load.bench.ts), run as a child process:
 * a plain boardgame.io server for the trivial game (bench/trivialGame.ts) with
 * boardgame.io's own defaults — in-memory storage, its built-in lobby for creating and
 * joining matches, no player view — on a free port. With `TRIVIAL_STORAGE=sqlite` it
 * stores its matches as Going Dark's server does (src/server/storage/sqlite.ts, in
 * `DATA_DIR`): the framework's limit when every move is written durably. Prints `{"port":N}` on one line
 * once it listens, and its event loop's delay on SIGUSR2; SIGTERM stops it.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'boardgame.io/server';
import { SqliteStore } from '../src/server/storage/sqlite.ts';
import { trivialGame } from './trivialGame.ts';

const durable = process.env.TRIVIAL_STORAGE === 'sqlite' && process.env.DATA_DIR;
const server = Server({ games: [trivialGame], ...(durable ? { db: new SqliteStore({ dir: durable }) } : {}) });
// The event loop's delay, for the benchmark (SIGUSR2: print it as one JSON line and start over).
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
process.on('SIGUSR2', () => {
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const { mean, max } = loopDelay;
  console.log(
    JSON.stringify({
      loopDelay: { mean: ms(mean), p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(max) },
    }),
  );
  loopDelay.reset();
});
const { appServer, apiServer } = await server.run({ port: 0, callback: () => {} });
console.log(JSON.stringify({ port: (appServer.address() as AddressInfo).port }));
const stop = () => {
  server.kill({ appServer, apiServer });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// The benchmark holds our stdin open: when it ends (the benchmark exited, even killed), stop too.
process.stdin.on('end', stop).resume();
