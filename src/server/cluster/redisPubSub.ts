/**
 * boardgame.io's pub/sub over Redis (REDIS_URL): the socket transport publishes every
 * state update of a match on the match's channel, and every process with clients of that
 * match is subscribed and sends each of them its filtered view. So a move applied by one
 * process reaches the clients connected to all of them.
 *
 * The payloads are unfiltered match states (never secrets: those stay on devices,
 * architecture.md), in JSON; Redis keeps nothing on disk, but it should sit on a private
 * network like the database.
 * @module
 */
import type { GenericPubSub } from 'boardgame.io/server';
import { Redis } from 'ioredis';

/**
 * What a channel's listeners are given when the subscription starts to hold (undefined:
 * nothing): the match's stored state, so a client that synced while another process
 * published misses nothing (a client ignores a state older than its own).
 */
export type CatchUp<T> = (channelId: string) => Promise<T | undefined>;

/** Channel prefix, so one Redis can serve several deployments. */
const DEFAULT_PREFIX = 'going-dark:';

/** A GenericPubSub on two Redis connections (a subscribed connection can only listen). */
export class RedisPubSub<T> implements GenericPubSub<T> {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #prefix: string;
  readonly #callbacks = new Map<string, ((payload: T) => void)[]>();
  readonly #catchUp: CatchUp<T>;
  #lastPublish: Promise<unknown> = Promise.resolve();

  private constructor(pub: Redis, sub: Redis, prefix: string, catchUp: CatchUp<T>) {
    this.#pub = pub;
    this.#sub = sub;
    this.#prefix = prefix;
    this.#catchUp = catchUp;
    sub.on('message', (channel: string, message: string) => {
      const callbacks = this.#callbacks.get(channel.slice(prefix.length));
      if (!callbacks) return;
      let payload: T;
      try {
        payload = JSON.parse(message) as T;
      } catch {
        console.error(`redis: unreadable message on ${channel}`);
        return;
      }
      for (const callback of callbacks) callback(payload);
    });
  }

  /**
   * Connects both connections (failing fast if Redis does not answer).
   * @param catchUp - what a channel's new listeners are given once the subscription holds
   */
  static async open<T>(
    url: string,
    catchUp: CatchUp<T> = async () => undefined,
    prefix = DEFAULT_PREFIX,
  ): Promise<RedisPubSub<T>> {
    const options = { lazyConnect: true, maxRetriesPerRequest: 3, connectTimeout: 10_000 };
    const pub = new Redis(url, options);
    const sub = new Redis(url, options);
    for (const connection of [pub, sub]) {
      connection.on('error', (error: Error) => console.error(`redis: ${error.message}`));
    }
    try {
      await Promise.all([pub.connect(), sub.connect()]);
    } catch (error) {
      pub.disconnect();
      sub.disconnect();
      throw new Error(`cannot use Redis at ${url}: ${(error as Error).message}`);
    }
    return new RedisPubSub<T>(pub, sub, prefix, catchUp);
  }

  publish(channelId: string, payload: T): void {
    this.#lastPublish = this.#pub
      .publish(this.#prefix + channelId, JSON.stringify(payload))
      .catch((error: Error) => console.error(`redis: publish on ${channelId} failed: ${error.message}`));
  }

  subscribe(channelId: string, callback: (payload: T) => void): void {
    const callbacks = this.#callbacks.get(channelId);
    if (callbacks) {
      callbacks.push(callback);
      return;
    }
    this.#callbacks.set(channelId, [callback]);
    this.#sub
      .subscribe(this.#prefix + channelId)
      // Messages published before Redis took the subscription were not heard: catch up.
      .then(() => this.#catchUp(channelId))
      .then((payload) => {
        if (payload === undefined) return;
        for (const listener of this.#callbacks.get(channelId) ?? []) listener(payload);
      })
      .catch((error: Error) => console.error(`redis: subscribe to ${channelId} failed: ${error.message}`));
  }

  unsubscribeAll(channelId: string): void {
    if (!this.#callbacks.delete(channelId)) return;
    this.#sub.unsubscribe(this.#prefix + channelId).catch(() => {});
  }

  /**
   * Settles when every message published so far has reached Redis (commands on one
   * connection are answered in order, so waiting for the last is waiting for all).
   */
  async published(): Promise<void> {
    await this.#lastPublish;
  }

  /** Closes both connections. */
  async close(): Promise<void> {
    await Promise.allSettled([this.#pub.quit(), this.#sub.quit()]);
  }
}
