/**
 * A pub/sub that can hold a match's updates until its state is stored. boardgame.io's
 * master sends a move's update before it writes the new state (master.ts, onUpdate): a
 * process killed in between would have shown players a move it then forgets. The socket
 * transport (transport.ts) holds the match's channel while the master works and releases
 * it once the write has settled — publishing what it held if the write succeeded, dropping
 * it if the write was refused — so a move is acknowledged only once it is stored.
 * @module
 */
import type { GenericPubSub } from 'boardgame.io/server';

/** boardgame.io's channel for a match's updates (src/server/transport/socketio.ts). */
export function matchChannel(matchID: string): string {
  return `MATCH-${matchID}`;
}

/** The pub/sub of one process alone (boardgame.io's InMemoryPubSub, which it does not export). */
export class LocalPubSub<T> implements GenericPubSub<T> {
  readonly #callbacks = new Map<string, ((payload: T) => void)[]>();

  publish(channelId: string, payload: T): void {
    for (const callback of this.#callbacks.get(channelId) ?? []) callback(payload);
  }

  subscribe(channelId: string, callback: (payload: T) => void): void {
    this.#callbacks.set(channelId, [...(this.#callbacks.get(channelId) ?? []), callback]);
  }

  unsubscribeAll(channelId: string): void {
    this.#callbacks.delete(channelId);
  }

  async published(): Promise<void> {}
}

/** What {@link HeldPubSub} wraps: a pub/sub that can say when its messages are out. */
export interface FlushablePubSub<T> extends GenericPubSub<T> {
  /** Settles when every message published so far has left this process. */
  published(): Promise<void>;
}

/** A pub/sub whose channels can be held: messages wait, in order, until released. */
export class HeldPubSub<T> implements GenericPubSub<T> {
  readonly #inner: FlushablePubSub<T>;
  readonly #held = new Map<string, T[]>();

  constructor(inner: FlushablePubSub<T>) {
    this.#inner = inner;
  }

  publish(channelId: string, payload: T): void {
    const held = this.#held.get(channelId);
    if (held) held.push(payload);
    else this.#inner.publish(channelId, payload);
  }

  subscribe(channelId: string, callback: (payload: T) => void): void {
    this.#inner.subscribe(channelId, callback);
  }

  unsubscribeAll(channelId: string): void {
    this.#inner.unsubscribeAll(channelId);
  }

  /** Holds the channel's messages from now on. */
  hold(channelId: string): void {
    if (!this.#held.has(channelId)) this.#held.set(channelId, []);
  }

  /**
   * Stops holding the channel: publishes what was held (or drops it, `send: false`) and
   * settles when it has left the process.
   */
  async release(channelId: string, send: boolean): Promise<void> {
    const held = this.#held.get(channelId) ?? [];
    this.#held.delete(channelId);
    if (send) for (const payload of held) this.#inner.publish(channelId, payload);
    await this.#inner.published();
  }
}
