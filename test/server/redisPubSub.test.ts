/**
 * boardgame.io's pub/sub over Redis (src/server/cluster/redisPubSub.ts), against the
 * machine's Redis: two processes' pub/subs hear each other's messages in order; a new
 * listener is first given the catch-up (the stored state), so a message published before
 * Redis took its subscription is not missed; unsubscribed channels go quiet.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisPubSub } from '../../src/server/cluster/redisPubSub.ts';
import { testRedis } from '../support/services.ts';

const url = await testRedis();
const opened: RedisPubSub<unknown>[] = [];

afterAll(async () => {
  await Promise.all(opened.map((p) => p.close()));
});

async function pubSub(catchUp?: (channel: string) => Promise<unknown>): Promise<RedisPubSub<unknown>> {
  // A prefix of its own, so parallel runs on one Redis do not hear each other.
  const p = await RedisPubSub.open<unknown>(url as string, catchUp, `gd-test-${randomBytes(4).toString('hex')}:`);
  opened.push(p);
  return p;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe.skipIf(!url)('the Redis pub/sub', () => {
  it('delivers one process’s messages to another’s listeners, in order, after the catch-up', async () => {
    const prefix = `gd-test-${randomBytes(4).toString('hex')}:`;
    const a = await RedisPubSub.open<unknown>(url as string, undefined, prefix);
    const b = await RedisPubSub.open<unknown>(url as string, async (channel) => ({ caughtUp: channel }), prefix);
    opened.push(a, b);
    const heard: unknown[] = [];
    b.subscribe('MATCH-m1', (m) => heard.push(m));
    await until(() => heard.length === 1);
    expect(heard).toEqual([{ caughtUp: 'MATCH-m1' }]);
    for (let i = 0; i < 20; i++) a.publish('MATCH-m1', { n: i });
    await a.published();
    await until(() => heard.length === 21);
    expect(heard.slice(1)).toEqual(Array.from({ length: 20 }, (_, n) => ({ n })));
    b.unsubscribeAll('MATCH-m1');
    a.publish('MATCH-m1', { n: 99 });
    await a.published();
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toHaveLength(21);
  });

  it('gives nothing to catch up when there is nothing', async () => {
    const p = await pubSub();
    const heard: unknown[] = [];
    p.subscribe('BOTS', (m) => heard.push(m));
    await new Promise((r) => setTimeout(r, 100)); // Redis has taken the subscription
    p.publish('BOTS', { op: 'pause', matchID: 'x' });
    await p.published();
    await until(() => heard.length === 1);
    expect(heard).toEqual([{ op: 'pause', matchID: 'x' }]);
  });
});
