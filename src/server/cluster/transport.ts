/**
 * The socket transport for several processes: boardgame.io's SocketIO, with each match's
 * action queue (one action at a time per match, in this process) extended across
 * processes by the match's lock, and its updates published over Redis.
 *
 * SocketIO runs every `update` packet as `getMatchQueue(matchID).add(() => master.onUpdate(…))`
 * (boardgame.io 0.50.2, src/server/transport/socketio.ts); overriding `getMatchQueue`
 * is the one seam that wraps exactly that work. Inside the lock, the task reads the state,
 * applies the action, publishes the update and writes the state; the lock is released only
 * after the update has reached Redis, so the next action's update cannot overtake it.
 * @module
 */
import { SocketIO } from 'boardgame.io/server';
import { StaleStateError } from '../storage/postgres/matches.ts';
import type { MatchLocks } from './matchLocks.ts';

type SocketOpts = NonNullable<ConstructorParameters<typeof SocketIO>[0]>;
type MatchQueue = ReturnType<SocketIO['getMatchQueue']>;

/** What the transport needs besides boardgame.io's options. */
export interface ClusterOptions {
  readonly locks: MatchLocks;
  /** Settles when every update published so far has been delivered to the broker. */
  readonly published: () => Promise<void>;
}

/** boardgame.io's SocketIO transport, one match at a time across processes. */
export class ClusterSocketIO extends SocketIO {
  readonly #cluster: ClusterOptions;

  constructor(opts: SocketOpts, cluster: ClusterOptions) {
    super(opts);
    this.#cluster = cluster;
  }

  override getMatchQueue(matchID: string): MatchQueue {
    const local = super.getMatchQueue(matchID);
    const { locks, published } = this.#cluster;
    const add = (task: () => Promise<unknown>) =>
      local.add(() =>
        locks.run(matchID, async () => {
          try {
            return await task();
          } catch (error) {
            // A refused stale write: another process held the match meanwhile (its lock
            // was lost). Nothing was stored; the clients resynchronise on their next sync.
            if (error instanceof StaleStateError) console.error(error.message);
            else throw error;
          } finally {
            await published();
          }
        }),
      );
    // Only `add` is used on the queue by the transport.
    return { add } as unknown as MatchQueue;
  }
}
