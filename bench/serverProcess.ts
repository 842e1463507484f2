/**
 * The Going Dark server as the load benchmark (bench/load.bench.ts) runs it, in a child
 * process of its own so its CPU and memory are measured apart from the simulated
 * players: the same `startServer` as `npm start` (src/server/main.ts), with Node's native
 * crypto, on a free port (port 0, which `PORT` does not accept), the data folder from
 * `DATA_DIR`, and no table-creation rate limit (one address creates every table here).
 * Prints `{"port":N}` on one line once it listens, and its event loop's delay on SIGUSR2; SIGTERM stops it.
 * @module
 */
import * as nodeCrypto from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { installNativeCrypto } from '../src/crypto/nodeBackend.ts';
import { startServer } from '../src/server/app.ts';
import { readConfig } from '../src/server/config.ts';

installNativeCrypto(nodeCrypto);
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
const server = await startServer({ ...readConfig(), port: 0, createPerMinute: Number.MAX_SAFE_INTEGER });
console.log(JSON.stringify({ port: server.port }));
const stop = () => {
  server.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// The benchmark holds our stdin open: when it ends (the benchmark exited, even killed), stop too.
process.stdin.on('end', stop).resume();
