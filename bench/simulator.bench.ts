/**
 * `npm run bench` (second part): how many whole games the simulator plays per second
 * on one core, default scenario and default bots, with the native crypto backend (target: ≥ 10 games/s, docs/performance.md).
 * Seeds are fixed, so every run plays the same games.
 */
import * as nodeCrypto from 'node:crypto';
import { cpus } from 'node:os';
import { playGame } from '../src/bots/simulate.ts';
import { installNativeCrypto } from '../src/crypto/nodeBackend.ts';
import type { Role } from '../src/game/index.ts';
import { median } from './harness.ts';

const seats: Role[] = ['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'];
const GAMES = 40;
const RUNS = 5;

// On Node the devices use the native crypto backend (noble remains the browser's and the reference).
installNativeCrypto(nodeCrypto);
// boardgame.io reports every refused move on the console; bots' refusals are routine.
console.error = () => {};
playGame({ setup: { scenario: 'san-jose-2013', seats }, seed: 'warm-up' });
const rates: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  for (let i = 0; i < GAMES; i++) playGame({ setup: { scenario: 'san-jose-2013', seats }, seed: `bench/${i}` });
  rates.push((1000 * GAMES) / (performance.now() - start));
}
const rate = median(rates);
console.log(
  `\nSimulator — San Jose, 2013, default bots, ${GAMES} games × ${RUNS} runs on one core (${cpus()[0]?.model ?? 'CPU'})`,
);
console.log('\n| measure | value | target | met |\n| --- | ---: | ---: | --- |');
console.log(
  `| whole games per second (median of ${RUNS}) | ${rate.toFixed(1)} | ≥ 10 | ${rate >= 10 ? 'yes' : 'NO'} |`,
);
if (rate < 10) process.exitCode = 1;
