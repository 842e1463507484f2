/**
 * The server's socket transport: boardgame.io's SocketIO, with each match's action queue
 * (one action at a time per match, in this process) wrapped so that
 *
 * - a move's update reaches the players only after its state is stored (heldPubSub.ts),
 *   so no acknowledged move is lost if the process is killed; a write the store refuses
 *   as stale is not announced at all;
 * - with several processes, the match's lock (matchLocks.ts) is held around it, so the
 *   processes apply a match's actions one after the other, each to the state the last wrote.
 *
 * - a seat is sent a move's state as a patch to the state it last received (updates/seatUpdates.ts).
 *
 * SocketIO runs every `update` packet as `getMatchQueue(matchID).add(() => master.onUpdate(…))`
 * (boardgame.io 0.50.2, src/server/transport/socketio.ts); overriding `getMatchQueue` is the
 * one seam that wraps exactly that work. The patches replace SocketIO's per-match broadcast
 * (`subscribePubSubChannel`) and hook its `removeClient`, which runs whenever a socket syncs or
 * leaves: both are TypeScript-private, so they are replaced on the instance.
 * @module
 */
import type { Game } from 'boardgame.io';
import { getFilterPlayerView } from 'boardgame.io/internal';
import { type GenericPubSub, SocketIO } from 'boardgame.io/server';
import { StaleStateError } from '../storage/postgres/matches.ts';
import { SeatUpdates, type SocketData } from '../updates/seatUpdates.ts';
import { type HeldPubSub, matchChannel } from './heldPubSub.ts';
import type { MatchLocks } from './matchLocks.ts';

type SocketOpts = NonNullable<ConstructorParameters<typeof SocketIO>[0]>;
type MatchQueue = ReturnType<SocketIO['getMatchQueue']>;
type Payload = Parameters<ReturnType<typeof getFilterPlayerView>>[1];

/** The parts of boardgame.io 0.50.2's SocketIO (src/server/transport/socketio.ts) that are private in its types. */
interface SocketIOInternals {
  readonly pubSub: GenericPubSub<Payload>;
  /** Sockets by match. */
  readonly roomInfo: Map<string, Set<string>>;
  /** Each socket's seat. */
  readonly clientInfo: Map<
    string,
    { readonly socket: { emit(type: string, ...args: unknown[]): void }; readonly playerID: string | null }
  >;
  subscribePubSubChannel(matchID: string, game: Game): void;
  removeClient(socketID: string): void;
}

/** boardgame.io's SocketIO transport, announcing only stored moves, one match at a time across processes. */
export class MatchSocketIO extends SocketIO {
  readonly #held: HeldPubSub<never>;
  readonly #locks: MatchLocks | undefined;

  /**
   * @param opts - boardgame.io's options (its `pubSub` is replaced by `pubSub`)
   * @param pubSub - the pub/sub the updates go out on, held per match while a move is stored
   * @param locks - the match locks of several processes; none for one process alone
   */
  constructor(opts: SocketOpts, pubSub: HeldPubSub<never>, locks?: MatchLocks) {
    super({ ...opts, pubSub });
    this.#held = pubSub;
    this.#locks = locks;
    const internals = this as unknown as SocketIOInternals;
    const updates = new SeatUpdates();
    // SocketIO's own broadcast, but each socket is sent a patch where one applies.
    internals.subscribePubSubChannel = (matchID, game) => {
      const filter = getFilterPlayerView(game);
      internals.pubSub.subscribe(matchChannel(matchID), (payload) => {
        for (const socketID of internals.roomInfo.get(matchID) ?? []) {
          const client = internals.clientInfo.get(socketID);
          if (!client) continue;
          const data = updates.next(socketID, filter(client.playerID, payload) as SocketData);
          if (data) client.socket.emit(data.type, ...data.args);
        }
      });
    };
    const removeClient = internals.removeClient.bind(this);
    internals.removeClient = (socketID) => {
      updates.forget(socketID);
      removeClient(socketID);
    };
  }

  override getMatchQueue(matchID: string): MatchQueue {
    const local = super.getMatchQueue(matchID);
    const channel = matchChannel(matchID);
    const work = async (task: () => Promise<unknown>) => {
      this.#held.hold(channel);
      let stored = false;
      try {
        const result = await task();
        stored = true;
        return result;
      } catch (error) {
        // A refused stale write: another process changed the match meanwhile (its lock was
        // lost). Nothing was stored, and nothing is announced.
        if (error instanceof StaleStateError) console.error(error.message);
        else throw error;
      } finally {
        await this.#held.release(channel, stored);
      }
    };
    const locks = this.#locks;
    const add = (task: () => Promise<unknown>) =>
      local.add(() => (locks ? locks.run(matchID, () => work(task)) : work(task)));
    // Only `add` is used on the queue by the transport.
    return { add } as unknown as MatchQueue;
  }
}
