/** Size and rate limits on the real server (each test fails without its limit). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/app.ts';
import { readConfig } from '../../src/server/config.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    ...readConfig({}),
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'gd-limits-')),
    createPerMinute: 2,
    maxMessageBytes: 64 * 1024,
  });
});

afterAll(async () => {
  await server?.stop();
});

const seats = ['sender', 'sender', 'carrier', 'relay', 'investigator', 'judge'].map((role) => ({ role, bot: false }));

describe('limits', () => {
  it('table creation is rate-limited per address, with a clear 429', async () => {
    const create = () =>
      fetch(`${server.url}/api/tables`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: 'san-jose-2013', seats }),
      });
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(201);
    const third = await create();
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: string }).error).toMatch(/too many tables/);
  });

  it('a socket message above the size limit closes that connection and changes nothing', async () => {
    const socket = io(`${server.url}/going-dark`, { transports: ['websocket'] });
    await new Promise<void>((r) => socket.on('connect', () => r()));
    const closed = new Promise<string>((r) => socket.on('disconnect', (reason) => r(reason)));
    const huge = {
      type: 'MAKE_MOVE',
      payload: { type: 'sendSecure', args: [{ blob: 'x'.repeat(100 * 1024) }], playerID: '0' },
    };
    socket.emit('update', huge, 0, 'whatever', '0');
    expect(await closed).toMatch(/transport close|transport error|server disconnect/);
    socket.close();
  });
});
