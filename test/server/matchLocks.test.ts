/**
 * The per-match lock of several processes (src/server/cluster/matchLocks.ts), against the
 * machine's PostgreSQL: two lock pools (two processes) never run tasks of one match at the
 * same time, run tasks of different matches side by side, and free a lock whose task failed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MatchLocks } from '../../src/server/cluster/matchLocks.ts';
import { dropSchema, TEST_DATABASE_URL, testPostgres } from '../support/services.ts';

const pg = await testPostgres();
const locks = pg ? [new MatchLocks(TEST_DATABASE_URL, 4), new MatchLocks(TEST_DATABASE_URL, 4)] : [];

afterAll(async () => {
  await Promise.all(locks.map((l) => l.close()));
  if (pg) await dropSchema(pg);
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!pg)('match locks across processes', () => {
  it('runs one task of a match at a time, whichever process holds it', async () => {
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        (locks[i % 2] as MatchLocks).run('m1', async () => {
          inside++;
          most = Math.max(most, inside);
          await pause(3);
          order.push(i);
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toHaveLength(24);
  });

  it('runs tasks of different matches at the same time', async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(
      ['a', 'b', 'c'].map((m, i) =>
        (locks[i % 2] as MatchLocks).run(m, async () => {
          inside++;
          most = Math.max(most, inside);
          await pause(50);
          inside--;
        }),
      ),
    );
    expect(most).toBeGreaterThan(1);
  });

  it('frees the lock when a task fails', async () => {
    const [a, b] = locks as [MatchLocks, MatchLocks];
    await expect(a.run('m2', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(Promise.race([b.run('m2', async () => 'ran'), pause(2000).then(() => 'stuck')])).resolves.toBe('ran');
  });
});
