/**
 * A load driver: a child process of the load benchmark (bench/loadHarness.ts, runLoad)
 * that plays its share of the tables (bench/loadTables.ts). The benchmark spreads the
 * players over several drivers so that the players' own work (600 sockets, bots, their
 * crypto) runs on every core and is not what limits the run.
 *
 * Started with one argument, the JSON of {@link DriverStart}; sends `{ type: 'ready' }`
 * once its first tables are all seated; then obeys the parent's messages over the IPC
 * channel: `window-start`, `window-end` (answered with
 * `{ type: 'tally', tally }`, the {@link DriverTally} of the window) and `stop` (stops
 * every seat, then exits). Exits too when the channel closes (the benchmark ended).
 * @module
 */
import * as nodeCrypto from 'node:crypto';
import { installNativeCrypto } from '../src/crypto/nodeBackend.ts';
import { type PlayOptions, playTables } from './loadTables.ts';
import { TARGETS, type TargetName } from './loadTargets.ts';

/** What a driver is told to play. */
export interface DriverStart {
  readonly url: string;
  readonly target: TargetName;
  readonly tables: number;
  readonly options: PlayOptions;
}

/** A message from the benchmark to a driver. */
export type DriverCommand = { readonly type: 'window-start' | 'window-end' | 'stop' };

// The players' devices use the native crypto backend, as the hosted bots do.
installNativeCrypto(nodeCrypto);

const start = JSON.parse(process.argv[2] ?? '{}') as DriverStart;
const play = playTables(start.url, TARGETS[start.target], start.tables, start.options);
play.ready.then(() => process.send?.({ type: 'ready' }));

process.on('message', (message: DriverCommand) => {
  if (message.type === 'window-start') play.startWindow();
  else if (message.type === 'window-end') process.send?.({ type: 'tally', tally: play.endWindow() });
  else if (message.type === 'stop') play.stop().then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
